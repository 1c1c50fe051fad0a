// One form submission's state, shared by every form and dialog: the button is busy while
// the action runs, and a failure is kept for <ErrorMessage> and frees the button again.
// A dialog that closes on success stays busy until it is gone (no second submission in
// between); a form that stays on the page is free again either way.
import { useState } from 'preact/hooks';

export function useSubmit(action: () => Promise<void>, afterSuccess: 'stay-busy' | 'free' = 'stay-busy') {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
      if (afterSuccess === 'free') {
        setBusy(false);
      }
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return { submit, busy, error };
}
