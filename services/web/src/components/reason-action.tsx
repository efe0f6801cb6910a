import { useEffect, useRef, useState } from 'react';
import { Form, useForm } from '../lib/form';
import { reasonBody } from '../lib/schemas';
import { SubmitButton, TextArea } from './fields';

/**
 * An action that needs a reason (decline, reject, suspend): the button opens a small inline form
 * and moves the focus to its text box; "Annuler" closes it and gives the focus back.
 */
export function ReasonAction({
  buttonLabel,
  confirmLabel,
  fieldLabel,
  hint,
  onConfirm,
  danger = true,
  optional = false,
  accessibleContext,
}: {
  buttonLabel: string;
  confirmLabel: string;
  fieldLabel: string;
  hint?: string;
  onConfirm: (reason: string) => Promise<void>;
  danger?: boolean;
  optional?: boolean;
  /** Appended (visually hidden) to the button, when several rows have the same button. */
  accessibleContext?: string;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm({ fields: ['reason'] });
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  const reasonId = form.fieldId('reason');
  // Only when it opens or closes: a re-render must not pull the focus back from the error summary.
  useEffect(() => {
    if (open && !wasOpen.current) document.getElementById(reasonId)?.focus();
    else if (!open && wasOpen.current) openerRef.current?.focus();
    wasOpen.current = open;
  }, [open, reasonId]);

  if (!open) {
    return (
      <button
        ref={openerRef}
        type="button"
        className={danger ? 'button button--small button--danger' : 'button button--small button--secondary'}
        onClick={() => setOpen(true)}
      >
        {buttonLabel}
        {accessibleContext && <span className="visually-hidden"> {accessibleContext}</span>}
      </button>
    );
  }

  const onSubmit = form.handleSubmit(async () => {
    if (!optional) {
      const values = form.validate(reasonBody, { reason });
      if (!values) return;
    }
    await onConfirm(reason.trim());
    setOpen(false);
    setReason('');
  });

  return (
    <div className="inline-form">
      <Form
        form={form}
        onSubmit={onSubmit}
        labels={{ reason: fieldLabel }}
        aria-label={`${buttonLabel}${accessibleContext ? ` ${accessibleContext}` : ''}`}
      >
        <TextArea
          name="reason"
          label={fieldLabel}
          hint={hint}
          optional={optional}
          value={reason}
          onChange={setReason}
          rows={3}
          maxLength={1000}
        />
        <div className="actions">
          <SubmitButton busyLabel="Envoi…">{confirmLabel}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
            Annuler
          </button>
        </div>
      </Form>
    </div>
  );
}
