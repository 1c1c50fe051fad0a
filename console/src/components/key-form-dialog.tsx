// The form that creates an API key, for a service account and for oneself: label,
// description and TTL, with the server's answer (or error) handled once. The caller says
// how to create the key and receives its secret, which it shows in a SecretDialog.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { TTL_CHOICES } from '../format.ts';
import { Dialog } from './dialog.tsx';
import { ErrorMessage } from './status.tsx';
import { useSubmit } from './use-submit.ts';

export interface KeyFields {
  label: string;
  description: string;
  /** A duration such as `90d`, or '' for a key that never expires. */
  ttl: string;
}

export function KeyFormDialog({
  title,
  ttlChoices,
  defaultTtl,
  labelHint,
  children,
  create,
  onClose,
  onCreated,
}: {
  title: string;
  ttlChoices: typeof TTL_CHOICES;
  defaultTtl: string;
  labelHint?: string;
  /** Shown above the fields (e.g. the Terraform warning). */
  children?: ComponentChildren;
  create: (fields: KeyFields) => Promise<string>;
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  const [label, setLabel] = useState('');
  const [description, setDescription] = useState('');
  const [ttl, setTtl] = useState(defaultTtl);
  const labelId = useId();
  const labelHintId = useId();
  const descriptionId = useId();
  const ttlId = useId();
  const { submit, busy, error } = useSubmit(async () => onCreated(await create({ label, description, ttl })));
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit}>
        {children}
        <div class="field">
          <label for={labelId}>Label</label>
          <input
            id={labelId}
            required
            pattern="[a-z0-9](?:[a-z0-9._\-]{0,61}[a-z0-9])?"
            {...(labelHint ? { 'aria-describedby': labelHintId } : {})}
            value={label}
            onInput={(event) => setLabel(event.currentTarget.value)}
            autoFocus
          />
          {labelHint && (
            <p id={labelHintId} class="hint">
              {labelHint}
            </p>
          )}
        </div>
        <div class="field">
          <label for={descriptionId}>Description</label>
          <textarea id={descriptionId} maxLength={1024} value={description} onInput={(event) => setDescription(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ttlId}>Expires after</label>
          <select id={ttlId} value={ttl} onChange={(event) => setTtl(event.currentTarget.value)}>
            {ttlChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Create key
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
