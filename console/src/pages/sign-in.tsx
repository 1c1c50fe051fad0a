// Sign-in with email and password: POST /v1/session sets the HttpOnly session cookie and
// answers the CSRF token the console sends on every change.
import { useId, useState } from 'preact/hooks';
import { client, setSession } from '../api.ts';
import { ErrorMessage } from '../components/status.tsx';
import { useSubmit } from '../components/use-submit.ts';

export function SignInPage({ expired, onSignedIn }: { expired: boolean; onSignedIn: () => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const emailId = useId();
  const passwordId = useId();
  const { submit, busy, error } = useSubmit(async () => {
    const session = (await client.call(() => client.raw.POST('/v1/session', { body: { email, password } }))).data;
    setPassword('');
    setSession(session);
    await onSignedIn();
  }, 'free');
  return (
    <main id="main" class="card-page" tabIndex={-1}>
      <form class="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Warden</h1>
        {expired && (
          <p class="notice" role="status">
            Your session has expired. Sign in again to continue.
          </p>
        )}
        <div class="field">
          <label for={emailId}>Email</label>
          <input id={emailId} type="email" autocomplete="username" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={passwordId}>Password</label>
          <input
            id={passwordId}
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </div>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
        <p class="hint">New here? Open the invitation link an administrator sent you.</p>
      </form>
    </main>
  );
}
