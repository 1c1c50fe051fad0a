// Confirms a destructive change. With `typeToConfirm`, the button works only once that
// exact text (the object's name) has been typed.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { Dialog } from './dialog.tsx';
import { ErrorMessage } from './status.tsx';
import { useSubmit } from './use-submit.ts';

export interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  typeToConfirm?: string;
  children?: ComponentChildren;
}

export function ConfirmDialog({ title, confirmLabel, onConfirm, onClose, typeToConfirm, children }: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const ready = typeToConfirm === undefined || typed === typeToConfirm;
  const confirm = useSubmit(async () => {
    await onConfirm();
    onClose();
  });
  const { busy, error } = confirm;
  const submit = (event: Event) => (ready ? confirm.submit(event) : event.preventDefault());
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit}>
        {children}
        {typeToConfirm !== undefined && (
          <div class="field">
            <label for={inputId}>
              Type <strong>{typeToConfirm}</strong> to confirm
            </label>
            <input id={inputId} value={typed} onInput={(event) => setTyped(event.currentTarget.value)} autocomplete="off" autoFocus />
          </div>
        )}
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="submit" class="danger" disabled={!ready || busy}>
            {confirmLabel}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
