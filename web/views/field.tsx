import type { Child } from 'hono/jsx';

/**
 * One form field: its label, an optional hint, the control, and its error, wired together
 * for screen readers (aria-describedby, aria-invalid).
 */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  control: (aria: { 'aria-describedby'?: string; 'aria-invalid'?: 'true' }) => Child;
}) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].join(' ').trim();
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.control({
        'aria-describedby': describedBy || undefined,
        'aria-invalid': props.error ? 'true' : undefined,
      })}
      {props.error ? (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
