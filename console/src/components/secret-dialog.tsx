// Shows a new key's secret (or an invitation URL) exactly once, with a copy button and a
// warning. The value lives only in the parent's state while this dialog is open; the
// parent clears it on close, so neither the DOM nor the app keeps it afterwards.
import { useState } from 'preact/hooks';
import { Dialog } from './dialog.tsx';

export interface SecretDialogProps {
  title: string;
  secret: string;
  /** What the value is, e.g. "API key" or "Invitation URL". */
  label: string;
  warning: string;
  onClose: () => void;
}

export function SecretDialog({ title, secret, label, warning, onClose }: SecretDialogProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      description={
        <p class="warning" role="note">
          {warning}
        </p>
      }
    >
      <div class="secret-box">
        <span class="secret-label">{label}</span>
        <code class="secret" data-testid="secret">
          {secret}
        </code>
      </div>
      <p role="status" class="copy-status">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Copying failed; select the text and copy it.' : ''}
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={copy}>
          Copy {label}
        </button>
        <button type="button" onClick={onClose}>
          I have stored it — close
        </button>
      </div>
    </Dialog>
  );
}
