import { SKILL_LEVEL_LABELS } from '@passerelle/domain';
import type { ReactNode, Ref } from 'react';
import { formatNumber, formatPeriod } from '../lib/format';
import { useDomains } from '../lib/reference';
import { Link } from '../lib/router';
import type { MissionSkill, MissionSummary } from '../lib/types';
import { modeLabel } from './status';

export function SkillTags({ skills, limit }: { skills: MissionSkill[]; limit?: number }) {
  const shown = limit ? skills.slice(0, limit) : skills;
  if (shown.length === 0) return null;
  return (
    <ul className="tags" aria-label="Compétences demandées">
      {shown.map((s) => (
        <li key={s.code} className={s.required ? 'tag tag--required' : 'tag'}>
          {s.label} · {SKILL_LEVEL_LABELS[s.level as 1 | 2 | 3 | 4] ?? s.level}
          {s.required ? <span className="visually-hidden"> (indispensable)</span> : null}
        </li>
      ))}
      {limit && skills.length > limit && <li className="tag">+ {skills.length - limit}</li>}
    </ul>
  );
}

/** A mission in a list: its title is the link (and the row's heading, for screen-reader navigation). */
export function MissionCard({
  mission,
  headingLevel = 2,
  linkRef,
  children,
}: {
  mission: MissionSummary;
  headingLevel?: 2 | 3;
  linkRef?: Ref<HTMLAnchorElement>;
  children?: ReactNode;
}) {
  const domains = useDomains();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const place =
    mission.mode === 'remote'
      ? 'À distance'
      : `${modeLabel(mission.mode)}${mission.communeName ? ` · ${mission.communeName}${mission.departementCode ? ` (${mission.departementCode})` : ''}` : ''}`;
  return (
    <article className="result">
      <Heading className="result__title">
        <Link to={`/missions/${mission.id}`} ref={linkRef}>
          {mission.title}
        </Link>
      </Heading>
      <p className="muted">{mission.associationName}</p>
      <ul className="meta">
        <li>{place}</li>
        {mission.distanceKm !== null && mission.distanceKm !== undefined && (
          <li>à {formatNumber(Math.round(mission.distanceKm))} km</li>
        )}
        <li>{domains.label(mission.domainCode)}</li>
        <li>{formatPeriod(mission.startDate, mission.endDate)}</li>
        <li>{formatNumber(mission.hoursTotal)} h au total</li>
      </ul>
      <SkillTags skills={mission.skills ?? []} limit={5} />
      {children}
    </article>
  );
}
