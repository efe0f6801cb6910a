import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { api } from '../lib/api';
import { useFormContext } from '../lib/form';
import type { CommuneSummary, ItemList } from '../lib/types';
import { FieldMessage } from './fields';

export interface CommuneValue {
  code: string;
  name: string;
  departementCode?: string;
}

export function communeText(c: CommuneValue): string {
  return c.departementCode ? `${c.name} (${c.departementCode})` : c.name;
}

/**
 * Commune autocomplete, after the WAI-ARIA 1.2 "combobox with listbox popup" pattern: the focus
 * stays in the text box, arrows move the active option (aria-activedescendant), Enter picks it,
 * Escape closes the list. The number of suggestions is announced in a polite live region.
 */
export function CommuneCombobox({
  name,
  label,
  hint,
  optional,
  value,
  onChange,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  value: CommuneValue | null;
  onChange: (value: CommuneValue | null) => void;
}) {
  const form = useFormContext();
  const id = form.fieldId(name);
  const listId = `${id}-listbox`;
  const statusId = useId();
  const error = form.errors[name];
  const [text, setText] = useState(value ? communeText(value) : '');
  const [options, setOptions] = useState<CommuneSummary[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const requestRef = useRef<AbortController | null>(null);

  // The parent may set the value later (a profile loading): show it unless the person is typing.
  const shownCode = useRef(value?.code ?? null);
  useEffect(() => {
    if ((value?.code ?? null) !== shownCode.current) {
      shownCode.current = value?.code ?? null;
      setText(value ? communeText(value) : '');
    }
  }, [value]);

  useEffect(() => () => requestRef.current?.abort(), []);

  const search = (query: string) => {
    requestRef.current?.abort();
    const q = query.trim();
    if (q.length < 2) {
      setOptions([]);
      setOpen(false);
      setStatus(q.length === 0 ? '' : 'Saisissez au moins 2 lettres.');
      return;
    }
    const controller = new AbortController();
    requestRef.current = controller;
    const timer = setTimeout(() => {
      api
        .get<ItemList<CommuneSummary>>('/geo/communes', {
          query: { q, limit: 10 },
          signal: controller.signal,
        })
        .then((result) => {
          if (controller.signal.aborted) return;
          setOptions(result.items);
          setOpen(true);
          setActive(-1);
          setStatus(
            result.items.length === 0
              ? 'Aucune commune ne correspond.'
              : `${result.items.length} commune${result.items.length > 1 ? 's' : ''} proposée${result.items.length > 1 ? 's' : ''}. Flèches haut et bas pour choisir, Entrée pour valider.`,
          );
        })
        .catch(() => {
          if (!controller.signal.aborted) setStatus('La recherche de communes a échoué. Réessayez.');
        });
    }, 200);
    controller.signal.addEventListener('abort', () => clearTimeout(timer));
  };

  const choose = (option: CommuneSummary) => {
    const next = { code: option.code, name: option.name, departementCode: option.departementCode };
    shownCode.current = option.code;
    setText(communeText(next));
    setOpen(false);
    setActive(-1);
    setStatus(`${option.name} choisie.`);
    onChange(next);
    if (error) form.clearField(name);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open && options.length > 0) setOpen(true);
      setActive((i) => (options.length === 0 ? -1 : (i + 1) % options.length));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open && options.length > 0) setOpen(true);
      setActive((i) => (options.length === 0 ? -1 : i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      const option = open ? options[active] : undefined;
      if (option) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };

  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const activeOption = open && active >= 0 ? options[active] : undefined;

  return (
    <div className={`field combobox ${error ? 'field--error' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> (facultatif)</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <FieldMessage id={id} error={error} />
      <input
        id={id}
        type="text"
        className="input"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.code}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        aria-required={optional ? undefined : true}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (value) {
            shownCode.current = null;
            onChange(null);
          }
          search(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Let a click on an option land before closing.
          setTimeout(() => setOpen(false), 150);
        }}
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Communes proposées"
        className="combobox__list"
        hidden={!open || options.length === 0}
      >
        {options.map((option, index) => (
          // The text box keeps the focus (WAI-ARIA APG combobox with listbox popup): options are reached
          // through aria-activedescendant with the arrows, so they are neither focusable nor keyed.
          // biome-ignore lint/a11y/useFocusableInteractive: see above
          // biome-ignore lint/a11y/useKeyWithClickEvents: see above
          <div
            key={option.code}
            id={`${listId}-${option.code}`}
            role="option"
            aria-selected={index === active}
            className="combobox__option"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
          >
            {option.name} ({option.departementCode})
            {option.postalCodes.length > 0 && <small>{option.postalCodes.slice(0, 3).join(', ')}</small>}
          </div>
        ))}
      </div>
      <p id={statusId} className="visually-hidden" aria-live="polite">
        {status}
      </p>
      {value && !open && (
        <p className="combobox__selected muted">
          Code INSEE {value.code}
          {optional && (
            <>
              {' · '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  shownCode.current = null;
                  setText('');
                  onChange(null);
                }}
              >
                Effacer la commune
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}

/** The name of a commune from its code, for a form opened on stored data. */
export async function fetchCommune(code: string): Promise<CommuneValue | null> {
  try {
    const c = await api.get<CommuneSummary>(`/geo/communes/${encodeURIComponent(code)}`);
    return { code: c.code, name: c.name, departementCode: c.departementCode };
  } catch {
    return null;
  }
}
