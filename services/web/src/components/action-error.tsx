/**
 * What went wrong with an action taken from a list or a button (not a form field): announced at
 * once to screen readers (role="alert"), shown in the error colour next to the action.
 */
export function ActionError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="field__error" role="alert">
      {message}
    </p>
  );
}
