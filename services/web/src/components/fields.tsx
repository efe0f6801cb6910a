import { type InputHTMLAttributes, type ReactNode, useState } from 'react';
import { useFormContext } from '../lib/form';

/**
 * Form fields bound to the <Form> context: a visible <label>, the hint and the error tied to the
 * input through aria-describedby, aria-invalid when in error. Errors read "Erreur : …" to screen
 * readers.
 */

interface FieldBase {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shows "(facultatif)": every other field is required. */
  optional?: boolean;
  className?: string;
}

function useFieldIds(name: string, hint?: ReactNode) {
  const form = useFormContext();
  const id = form.fieldId(name);
  const error = form.errors[name];
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return { form, id, error, describedBy };
}

export function FieldMessage({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="field__error">
      <span className="visually-hidden">Erreur : </span>
      {error}
    </p>
  );
}

function Label({ id, label, optional }: { id: string; label: ReactNode; optional?: boolean }) {
  return (
    <label htmlFor={id} className="field__label">
      {label}
      {optional && <span className="field__optional"> (facultatif)</span>}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={`${id}-hint`} className="field__hint">
      {hint}
    </p>
  );
}

/** What every single-control field gives its control: id, name, and the ARIA ties to hint and error. */
function useControl(name: string, hint: ReactNode, optional: boolean | undefined) {
  const { form, id, error, describedBy } = useFieldIds(name, hint);
  const control = {
    id,
    name,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    'aria-required': optional ? undefined : true,
  } as const;
  /** A new value clears the field's error: the person is fixing it. */
  const changed = (value: string, onChange: (value: string) => void) => {
    onChange(value);
    if (error) form.clearField(name);
  };
  return { id, error, control, changed };
}

/** Label, hint and error above a control, in the order screen readers and eyes expect them. */
function FieldShell({
  id,
  error,
  label,
  hint,
  optional,
  className,
  children,
}: {
  id: string;
  error: string | undefined;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field ${error ? 'field--error' : ''} ${className ?? ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldMessage id={id} error={error} />
      {children}
    </div>
  );
}

type InputExtras = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'value' | 'onChange' | 'id' | 'aria-describedby' | 'aria-invalid'
>;

export interface TextFieldProps extends FieldBase, InputExtras {
  value: string;
  onChange: (value: string) => void;
}

export function TextField({
  name,
  label,
  hint,
  optional,
  className,
  value,
  onChange,
  ...input
}: TextFieldProps) {
  const { id, error, control, changed } = useControl(name, hint, optional);
  return (
    <FieldShell id={id} error={error} label={label} hint={hint} optional={optional} className={className}>
      <input
        {...control}
        className="input"
        value={value}
        onChange={(event) => changed(event.target.value, onChange)}
        {...input}
      />
    </FieldShell>
  );
}

export interface TextAreaProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
}

export function TextArea({
  name,
  label,
  hint,
  optional,
  className,
  value,
  onChange,
  rows,
  maxLength,
}: TextAreaProps) {
  const { id, error, control, changed } = useControl(name, hint, optional);
  return (
    <FieldShell id={id} error={error} label={label} hint={hint} optional={optional} className={className}>
      <textarea
        {...control}
        className="input textarea"
        rows={rows ?? 5}
        value={value}
        maxLength={maxLength}
        onChange={(event) => changed(event.target.value, onChange)}
      />
      {maxLength !== undefined && (
        <p className="field__counter" aria-live="polite">
          {value.length > maxLength * 0.9 ? `${maxLength - value.length} caractères restants` : ''}
        </p>
      )}
    </FieldShell>
  );
}

export interface SelectFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  /** Label of the empty choice; omit to force a value. */
  placeholder?: string;
}

export function SelectField({
  name,
  label,
  hint,
  optional,
  className,
  value,
  onChange,
  options,
  placeholder,
}: SelectFieldProps) {
  const { id, error, control, changed } = useControl(name, hint, optional);
  return (
    <FieldShell id={id} error={error} label={label} hint={hint} optional={optional} className={className}>
      <select
        {...control}
        className="input select"
        value={value}
        onChange={(event) => changed(event.target.value, onChange)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export interface CheckboxFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckboxField({ name, label, hint, checked, onChange }: CheckboxFieldProps) {
  const { form, id, error, describedBy } = useFieldIds(name, hint);
  return (
    <div className={`field field--checkbox ${error ? 'field--error' : ''}`}>
      <FieldMessage id={id} error={error} />
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          name={name}
          checked={checked}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            onChange(event.target.checked);
            if (error) form.clearField(name);
          }}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <Hint id={id} hint={hint} />
    </div>
  );
}

export interface ChoiceGroupProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  options: readonly { value: string; label: string; hint?: string }[];
  className?: string;
}

/** Checkboxes in a fieldset; the first box carries the field id, for the error summary's link. */
export function CheckboxGroup({
  name,
  legend,
  hint,
  optional,
  options,
  values,
  onChange,
  className,
}: ChoiceGroupProps & { values: readonly string[]; onChange: (values: string[]) => void }) {
  const { form, id, error, describedBy } = useFieldIds(name, hint);
  return (
    <fieldset
      className={`field fieldset ${error ? 'field--error' : ''} ${className ?? ''}`}
      aria-describedby={describedBy}
    >
      <legend className="field__label">
        {legend}
        {optional && <span className="field__optional"> (facultatif)</span>}
      </legend>
      <Hint id={id} hint={hint} />
      <FieldMessage id={id} error={error} />
      <div className="choices">
        {options.map((o, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          return (
            <div className="checkbox" key={o.value}>
              <input
                type="checkbox"
                id={optionId}
                name={name}
                value={o.value}
                checked={values.includes(o.value)}
                onChange={(event) => {
                  onChange(event.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value));
                  if (error) form.clearField(name);
                }}
              />
              <label htmlFor={optionId}>
                {o.label}
                {o.hint && <span className="choice__hint">{o.hint}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function RadioGroup({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
  className,
  inline,
}: ChoiceGroupProps & { value: string; onChange: (value: string) => void; inline?: boolean }) {
  const { form, id, error, describedBy } = useFieldIds(name, hint);
  return (
    <fieldset
      className={`field fieldset ${error ? 'field--error' : ''} ${className ?? ''}`}
      aria-describedby={describedBy}
    >
      <legend className="field__label">{legend}</legend>
      <Hint id={id} hint={hint} />
      <FieldMessage id={id} error={error} />
      <div className={inline ? 'choices choices--inline' : 'choices'}>
        {options.map((o, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          return (
            <div className="radio" key={o.value}>
              <input
                type="radio"
                id={optionId}
                name={`${id}-${name}`}
                value={o.value}
                checked={value === o.value}
                onChange={() => {
                  onChange(o.value);
                  if (error) form.clearField(name);
                }}
              />
              <label htmlFor={optionId}>
                {o.label}
                {o.hint && <span className="choice__hint">{o.hint}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function SubmitButton({ children, busyLabel }: { children: ReactNode; busyLabel?: string }) {
  const form = useFormContext();
  return (
    <button type="submit" className="button button--primary" aria-disabled={form.submitting || undefined}>
      {form.submitting ? (busyLabel ?? 'Envoi en cours…') : children}
    </button>
  );
}

/** A password input with a "show" toggle (people on a phone mistype, and cannot see what). */
export function PasswordField(props: Omit<TextFieldProps, 'type'>) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <TextField {...props} type={visible ? 'text' : 'password'} spellCheck={false} autoCapitalize="none" />
      <button
        type="button"
        className="button button--small button--ghost password-field__toggle"
        aria-pressed={visible}
        onClick={() => setVisible((v) => !v)}
      >
        {visible ? 'Masquer le mot de passe' : 'Afficher le mot de passe'}
      </button>
    </div>
  );
}
