// Profile → Password: change one's password (the current one is checked like a sign-in;
// the user's other browser sessions end). Both fields are cleared once sent.
import { useId, useState } from 'preact/hooks';
import { call, client } from '../api.ts';
import { ErrorMessage } from '../components/status.tsx';
import { useSubmit } from '../components/use-submit.ts';

/** The server's minimum (the contract's Password schema). */
const MIN_PASSWORD = 12;

export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const currentId = useId();
  const nextId = useId();
  const hintId = useId();
  const { submit, busy, error } = useSubmit(async () => {
    setDone(false);
    try {
      await call(() => client.raw.POST('/v1/me/password', { body: { current_password: current, new_password: next } }));
      setDone(true);
    } finally {
      setCurrent('');
      setNext('');
    }
  }, 'free');
  return (
    <form class="narrow" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <div class="field">
        <label for={currentId}>Current password</label>
        <input
          id={currentId}
          type="password"
          autocomplete="current-password"
          required
          value={current}
          onInput={(event) => setCurrent(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={nextId}>New password</label>
        <input
          id={nextId}
          type="password"
          autocomplete="new-password"
          required
          minLength={MIN_PASSWORD}
          aria-describedby={hintId}
          value={next}
          onInput={(event) => setNext(event.currentTarget.value)}
        />
        <p id={hintId} class="hint">
          At least {MIN_PASSWORD} characters. Your other signed-in browsers are signed out.
        </p>
      </div>
      <ErrorMessage error={error} />
      {done && (
        <p role="status" class="notice">
          Password changed.
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        Change password
      </button>
    </form>
  );
}
