import { SKILL_LEVEL_LABELS, SKILL_LEVELS } from '@passerelle/domain';
import { useId, useMemo, useState } from 'react';
import { useFormContext } from '../lib/form';
import { useSkills } from '../lib/reference';
import type { Skill } from '../lib/types';
import { FieldMessage } from './fields';
import { ErrorState, Loading } from './page';

export interface PickedSkill {
  code: string;
  level: number;
  /** Missions only: an indispensable skill weighs more in matching. */
  required?: boolean;
}

const normalize = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * Skills over the taxonomy: the chosen ones first (each with its level, and for a mission whether it
 * is indispensable), then the taxonomy by category in collapsible groups, filtered by a text box.
 * Plain checkboxes and selects: nothing a keyboard or a screen reader has to learn.
 */
export function SkillsPicker({
  name,
  legend,
  hint,
  value,
  onChange,
  withRequired,
  levelLabel = 'Niveau',
}: {
  name: string;
  legend: string;
  hint?: string;
  value: PickedSkill[];
  onChange: (value: PickedSkill[]) => void;
  withRequired?: boolean;
  levelLabel?: string;
}) {
  const form = useFormContext();
  const skills = useSkills();
  const id = form.fieldId(name);
  const error = form.errors[name];
  const filterId = useId();
  const [filter, setFilter] = useState('');

  const groups = useMemo(() => {
    const q = normalize(filter.trim());
    const byCategory = new Map<string, { label: string; items: Skill[] }>();
    for (const skill of skills.items) {
      if (q && !normalize(`${skill.label} ${skill.categoryLabel}`).includes(q)) continue;
      const group = byCategory.get(skill.categoryCode) ?? { label: skill.categoryLabel, items: [] };
      group.items.push(skill);
      byCategory.set(skill.categoryCode, group);
    }
    return [...byCategory.entries()].sort((a, b) => a[1].label.localeCompare(b[1].label, 'fr'));
  }, [skills.items, filter]);

  const chosen = new Set(value.map((s) => s.code));
  const toggle = (code: string, on: boolean) => {
    onChange(
      on
        ? [...value, { code, level: 2, ...(withRequired ? { required: true } : {}) }]
        : value.filter((s) => s.code !== code),
    );
    if (error) form.clearField(name);
  };
  const update = (code: string, patch: Partial<PickedSkill>) =>
    onChange(value.map((s) => (s.code === code ? { ...s, ...patch } : s)));

  return (
    <fieldset
      className={`field fieldset skills-picker ${error ? 'field--error' : ''}`}
      aria-describedby={hint ? `${id}-hint` : undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <FieldMessage id={id} error={error} />

      {value.length === 0 ? (
        <p className="muted">Aucune compétence choisie pour l’instant.</p>
      ) : (
        <ul className="skills-picker__chosen" aria-label="Compétences choisies">
          {value.map((s) => {
            const label = skills.label(s.code);
            const levelId = `${id}-level-${s.code}`;
            return (
              <li key={s.code} className="skill-row">
                <span className="skill-row__label">{label}</span>
                <label htmlFor={levelId} className="visually-hidden">
                  {levelLabel} pour {label}
                </label>
                <select
                  id={levelId}
                  className="input select"
                  value={s.level}
                  onChange={(event) => update(s.code, { level: Number(event.target.value) })}
                >
                  {SKILL_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {level} · {SKILL_LEVEL_LABELS[level]}
                    </option>
                  ))}
                </select>
                {withRequired && (
                  <span className="checkbox">
                    <input
                      type="checkbox"
                      id={`${id}-required-${s.code}`}
                      checked={s.required ?? true}
                      onChange={(event) => update(s.code, { required: event.target.checked })}
                    />
                    <label htmlFor={`${id}-required-${s.code}`}>
                      Indispensable<span className="visually-hidden"> : {label}</span>
                    </label>
                  </span>
                )}
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => toggle(s.code, false)}
                >
                  Retirer<span className="visually-hidden"> {label}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <div className="field">
        <label htmlFor={id} className="field__label">
          Chercher une compétence à ajouter
        </label>
        <p id={filterId} className="field__hint">
          Par exemple « comptabilité », « numérique », « logistique ».
        </p>
        <input
          id={id}
          type="search"
          className="input"
          value={filter}
          aria-describedby={error ? `${filterId} ${id}-error` : filterId}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>

      {skills.loading ? (
        <Loading label="Chargement des compétences…" />
      ) : skills.error ? (
        <ErrorState error={skills.error} />
      ) : groups.length === 0 ? (
        <p className="muted">Aucune compétence ne correspond à « {filter} ».</p>
      ) : (
        <div>
          {groups.map(([code, group]) => {
            const picked = group.items.filter((s) => chosen.has(s.code)).length;
            return (
              <details key={code} className="skill-category" open={filter.trim().length > 1 || undefined}>
                <summary>
                  {group.label} ({group.items.length}
                  {picked > 0 ? `, ${picked} choisie${picked > 1 ? 's' : ''}` : ''})
                </summary>
                <div className="choices choices--columns">
                  {group.items.map((skill) => {
                    const boxId = `${id}-skill-${skill.code}`;
                    return (
                      <div className="checkbox" key={skill.code}>
                        <input
                          type="checkbox"
                          id={boxId}
                          checked={chosen.has(skill.code)}
                          onChange={(event) => toggle(skill.code, event.target.checked)}
                        />
                        <label htmlFor={boxId}>{skill.label}</label>
                      </div>
                    );
                  })}
                </div>
              </details>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}
