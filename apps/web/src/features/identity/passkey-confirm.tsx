/**
 * The "confirm with a passkey" block of a signing form: the button, its hint, the field error of
 * `passkey`, and "or" before a code field when the user also has an authenticator app.
 */
export function PasskeyConfirm({
  id,
  label,
  hint,
  error,
  orText,
  disabled,
  onConfirm,
}: {
  id: string;
  label: string;
  hint: string;
  error?: string;
  orText?: string;
  disabled: boolean;
  onConfirm: () => void;
}) {
  return (
    <div className="sig-passkey">
      <button
        id={id}
        className="btn"
        type="button"
        onClick={onConfirm}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
      >
        {label}
      </button>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {error && <p className="field-error">{error}</p>}
      {orText && <p className="sig-or">{orText}</p>}
    </div>
  );
}
