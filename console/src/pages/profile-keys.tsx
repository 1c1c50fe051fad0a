// Profile → Personal API keys: up to 5 active keys that act as you in every organization
// you belong to. A new key's secret is shown once; revoking is immediate. Below them, the
// password form.
import { useState } from 'preact/hooks';
import { call, client, type Schemas } from '../api.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { KeyFormDialog } from '../components/key-form-dialog.tsx';
import { SecretDialog } from '../components/secret-dialog.tsx';
import { ErrorMessage, Loading, useLoad } from '../components/status.tsx';
import { formatTime, TTL_CHOICES } from '../format.ts';
import { PasswordForm } from './password.tsx';

/** The server's limit of active personal keys per user. */
export const PERSONAL_KEY_LIMIT = 5;
/** Personal keys always expire (at most 365 days). */
const PERSONAL_TTLS = TTL_CHOICES.filter((choice) => choice.value !== '');

type PersonalKey = Schemas['PersonalKey'];

export async function loadPersonalKeys(): Promise<PersonalKey[]> {
  const keys: PersonalKey[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(() => client.raw.GET('/v1/me/keys', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
    keys.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return keys;
}

export function ProfileKeysPage() {
  const keys = useLoad(loadPersonalKeys, []);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<PersonalKey>();
  const [secret, setSecret] = useState<string>();
  const active = (keys.data ?? []).filter((key) => key.status === 'active').length;
  return (
    <>
      <div class="page-head">
        <h1>Personal API keys</h1>
        <button type="button" class="primary" onClick={() => setCreating(true)} disabled={!keys.data || active >= PERSONAL_KEY_LIMIT}>
          Create personal key
        </button>
      </div>
      <p class="warning" role="note">
        A personal key acts as you, with your roles, in every organization you belong to. That is rarely right for automation: give a machine its own service
        account instead.
      </p>
      <p>
        {active} of {PERSONAL_KEY_LIMIT} active keys.
      </p>
      {keys.loading && !keys.data && <Loading />}
      <ErrorMessage error={keys.error} />
      {keys.data && (
        <table>
          <caption class="visually-hidden">Your personal API keys</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Prefix</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <td>
                  {key.label}
                  {key.description && <div class="muted">{key.description}</div>}
                </td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{formatTime(key.created_at)}</td>
                <td>{formatTime(key.expires_at, 'never')}</td>
                <td>{formatTime(key.last_used_at, 'never')}</td>
                <td>
                  <span class={`badge ${key.status === 'active' ? 'on' : 'off'}`}>{key.status}</span>
                </td>
                <td>
                  {key.status === 'active' && (
                    <button type="button" class="small" onClick={() => setRevoking(key)} aria-label={`Revoke personal key ${key.label}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {keys.data.length === 0 && (
              <tr>
                <td colSpan={7} class="muted">
                  No personal keys.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <PasswordForm />
      {creating && (
        <CreatePersonalKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(value) => {
            setCreating(false);
            setSecret(value);
            keys.reload();
          }}
        />
      )}
      {secret !== undefined && (
        <SecretDialog
          title="Personal key created"
          label="API key"
          secret={secret}
          warning="Copy the key now. It is shown only this once, and it acts as you in every organization you belong to: keep it like a password."
          onClose={() => setSecret(undefined)}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke personal key ${revoking.label}?`}
          confirmLabel="Revoke key"
          onClose={() => setRevoking(undefined)}
          onConfirm={async () => {
            await call(() => client.raw.POST('/v1/me/keys/{keyId}/revoke', { params: { path: { keyId: revoking.id } } }));
            keys.reload();
          }}
        >
          <p>
            Key <code>{revoking.prefix}…</code> stops working at once, in every organization.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function CreatePersonalKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (secret: string) => void }) {
  return (
    <KeyFormDialog
      title="Create personal key"
      ttlChoices={PERSONAL_TTLS}
      defaultTtl="30d"
      create={async ({ label, description, ttl }) =>
        (await call(() => client.raw.POST('/v1/me/keys', { body: { label, ttl, ...(description ? { description } : {}) } }))).secret
      }
      onClose={onClose}
      onCreated={onCreated}
    />
  );
}
