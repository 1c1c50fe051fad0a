// A modal dialog on the native <dialog> element: showModal() makes the rest of the page
// inert (focus stays inside), Escape closes it, and focus returns to what opened it.
// It is mounted only while open: closing unmounts it, so its content leaves the DOM.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Shown under the title, tied to the dialog by aria-describedby. */
  description?: ComponentChildren;
}

export function Dialog({ title, onClose, children, description }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const closed = () => closeRef.current();
    dialog.addEventListener('close', closed);
    dialog.showModal();
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) {
        dialog.close();
      }
      if (opener?.isConnected) {
        opener.focus();
      }
    };
  }, []);

  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} aria-describedby={description ? descriptionId : undefined}>
      <h2 id={titleId}>{title}</h2>
      {description && (
        <div id={descriptionId} class="dialog-description">
          {description}
        </div>
      )}
      {children}
    </dialog>
  );
}
