import {
  createContext,
  type FormEvent,
  type ReactNode,
  type RefObject,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { z } from 'zod';
import { isApiError } from './api';
import { translateFieldMessage } from './messages';

export type FieldErrors = Record<string, string>;

export interface FormState {
  idPrefix: string;
  errors: FieldErrors;
  formError: string | null;
  summaryRef: RefObject<HTMLElement | null>;
  submitting: boolean;
  /** The DOM id of a field's input, for labels and the error summary's links. */
  fieldId: (name: string) => string;
  /** Replaces the errors and moves the focus to the summary. */
  fail: (errors: FieldErrors, formError?: string | null) => void;
  /** Maps a failed api call onto the fields (`body.title` → `title`), the rest to the summary. */
  failFromApi: (error: unknown) => void;
  clear: () => void;
  clearField: (name: string) => void;
  /** Validates with a zod schema; on failure shows the errors and returns null. */
  validate: <S extends z.ZodType>(schema: S, values: unknown) => z.infer<S> | null;
  /** Wraps a submit handler: prevents the default, tracks `submitting`, reports api errors. */
  handleSubmit: (run: () => Promise<void> | void) => (event: FormEvent<HTMLFormElement>) => void;
}

/** A field name from an api field path: `body.skills.0.level` → `skills`, `query.near` → `near`. */
export function fieldFromPath(path: string, known?: readonly string[]): string {
  const parts = path.split('.');
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  const full = parts.join('.');
  if (known?.includes(full)) return full;
  return parts[0] ?? '';
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

export function useForm(options: { fields?: readonly string[] } = {}): FormState {
  const idPrefix = useId().replace(/:/g, '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failures, setFailures] = useState(0);
  const summaryRef = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (failures > 0) summaryRef.current?.focus();
  }, [failures]);

  const fail = (next: FieldErrors, nextFormError: string | null = null) => {
    setErrors(next);
    setFormError(nextFormError);
    setFailures((n) => n + 1);
  };

  const failFromApi = (error: unknown) => {
    if (!isApiError(error)) {
      fail({}, 'Une erreur inattendue est survenue. Réessayez dans quelques instants.');
      return;
    }
    const next: FieldErrors = {};
    const unplaced: string[] = [];
    for (const fe of error.fieldErrors) {
      const name = fieldFromPath(fe.field, options.fields);
      const message = translateFieldMessage(fe.message, error.code);
      if (name && (!options.fields || options.fields.includes(name))) {
        if (!next[name]) next[name] = message;
      } else {
        unplaced.push(message);
      }
    }
    const hasFieldErrors = Object.keys(next).length > 0;
    const summary = unplaced.length > 0 ? unplaced.join(' ') : hasFieldErrors ? null : error.userMessage;
    fail(next, summary);
  };

  const state: FormState = {
    idPrefix,
    errors,
    formError,
    summaryRef,
    submitting,
    fieldId: (name) => `${idPrefix}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`,
    fail,
    failFromApi,
    clear: () => {
      setErrors({});
      setFormError(null);
    },
    clearField: (name) => {
      setErrors((prev) => {
        if (!(name in prev)) return prev;
        const { [name]: _removed, ...rest } = prev;
        return rest;
      });
    },
    validate: (schema, values) => {
      const result = schema.safeParse(values);
      if (result.success) {
        setErrors({});
        setFormError(null);
        return result.data;
      }
      fail(issuesToErrors(result.error.issues));
      return null;
    },
    handleSubmit: (run) => (event) => {
      event.preventDefault();
      if (submitting) return;
      setSubmitting(true);
      Promise.resolve()
        .then(run)
        .catch((error: unknown) => failFromApi(error))
        .finally(() => setSubmitting(false));
    },
  };
  return state;
}

const FormContext = createContext<FormState | null>(null);

export function useFormContext(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error('A field must sit inside <Form>');
  return form;
}

interface FormProps {
  form: FormState;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
  /** Labels of the fields, for the summary's links (falls back on the field name). */
  labels?: Record<string, string>;
  className?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}

/** A form without the browser's own bubbles: our messages are French, next to the field, and summarised. */
export function Form({ form, onSubmit, children, labels, className, ...aria }: FormProps) {
  return (
    <FormContext.Provider value={form}>
      <form noValidate onSubmit={onSubmit} className={className ?? 'form'} {...aria}>
        <ErrorSummary form={form} labels={labels ?? {}} />
        {children}
      </form>
    </FormContext.Provider>
  );
}

function ErrorSummary({ form, labels }: { form: FormState; labels: Record<string, string> }) {
  const entries = Object.entries(form.errors).filter(([name]) => name !== '_form');
  const formLevel = [form.formError, form.errors._form].filter((m): m is string => Boolean(m));
  const count = entries.length + formLevel.length;
  const headingId = `${form.idPrefix}-summary-title`;
  if (count === 0) return null;
  return (
    <section ref={form.summaryRef} tabIndex={-1} className="error-summary" aria-labelledby={headingId}>
      <h2 id={headingId} className="error-summary__title">
        {entries.length > 0
          ? `Le formulaire contient ${entries.length === 1 ? 'une erreur' : `${entries.length} erreurs`}`
          : 'La demande n’a pas abouti'}
      </h2>
      <ul>
        {formLevel.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {entries.map(([name, message]) => (
          <li key={name}>
            <a
              href={`#${form.fieldId(name)}`}
              onClick={(event) => {
                const target = document.getElementById(form.fieldId(name));
                if (target) {
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: 'center' });
                }
              }}
            >
              {labels[name] ? `${labels[name]} : ${message}` : message}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
