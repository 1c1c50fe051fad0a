// Accepting an invitation (#/accept?token=…): a new person chooses a display name and a
// password; a person who already has an account confirms with their password. The
// answer signs in, like POST /v1/session.
import { useId, useState } from 'preact/hooks';
import { client, setSession } from '../api.ts';
import { ErrorMessage } from '../components/status.tsx';
import { useSubmit } from '../components/use-submit.ts';

/** The server's minimum (people-api's Password schema). */
const MIN_PASSWORD = 12;

export function AcceptPage({ token, onAccepted }: { token: string; onAccepted: (org: string) => Promise<void> }) {
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const nameId = useId();
  const passwordId = useId();
  const passwordHintId = useId();
  const { submit, busy, error } = useSubmit(async () => {
    const body = { token, password, ...(displayName.trim() ? { display_name: displayName.trim() } : {}) };
    const accepted = (await client.call(() => client.raw.POST('/v1/invitations/accept', { body }))).data;
    setPassword('');
    setSession({ user: accepted.user, csrf_token: accepted.csrf_token, expires_at: accepted.expires_at });
    await onAccepted(accepted.organization.name);
  }, 'free');
  if (!token) {
    return (
      <main id="main" class="card-page" tabIndex={-1}>
        <div class="card">
          <h1>Invitation</h1>
          <p class="error" role="alert">
            This link has no invitation token. Ask the person who invited you for a new link.
          </p>
          <a href="#/sign-in">Sign in instead</a>
        </div>
      </main>
    );
  }
  return (
    <main id="main" class="card-page" tabIndex={-1}>
      <form class="card" onSubmit={submit} aria-labelledby="accept-title">
        <h1 id="accept-title">Accept your invitation</h1>
        <p>Choose how you appear to others and a password. If you already have a Warden account, leave the name empty and enter your password.</p>
        <div class="field">
          <label for={nameId}>Display name</label>
          <input id={nameId} autocomplete="name" value={displayName} maxLength={100} onInput={(event) => setDisplayName(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={passwordId}>Password</label>
          <input
            id={passwordId}
            type="password"
            autocomplete="new-password"
            required
            minLength={MIN_PASSWORD}
            aria-describedby={passwordHintId}
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
          <p id={passwordHintId} class="hint">
            At least {MIN_PASSWORD} characters.
          </p>
        </div>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          Accept and sign in
        </button>
      </form>
    </main>
  );
}
