// One service account: its roles and keys (label, prefix, created, expires, last used,
// status); Add API key (secret shown once), revoke with an optional grace period,
// disable/enable, and delete after typing the name. Objects managed by Terraform carry
// a warning that the next plan will revert a change made here.
import { useId, useState } from 'preact/hooks';
import { can, client, collect, guard, type Schemas } from '../api.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { Dialog } from '../components/dialog.tsx';
import { KeyFormDialog } from '../components/key-form-dialog.tsx';
import { SecretDialog } from '../components/secret-dialog.tsx';
import { ErrorMessage, Loading, managedByTerraform, TerraformMark, TerraformWarning, useLoad } from '../components/status.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { formatTime, GRACE_CHOICES, TTL_CHOICES } from '../format.ts';
import { href, navigate } from '../router.ts';

type Account = Schemas['ServiceAccount'];
type Key = Schemas['ApiKey'];

interface Detail {
  account: Account;
  etag?: string;
  roles: string[];
  keys: Key[];
}

async function loadDetail(id: string): Promise<Detail> {
  const [account, roleSet, keys] = await Promise.all([
    client.serviceAccounts.get(id),
    client.roleSets.get(id),
    collect(client.keys.iterate({ serviceAccountId: id, limit: 200 })),
  ]);
  return { account: account.data, etag: account.etag, roles: roleSet.roles, keys };
}

type Open = { kind: 'add-key' } | { kind: 'revoke'; key: Key } | { kind: 'delete' } | { kind: 'toggle' } | { kind: 'roles' } | undefined;

export function ServiceAccountPage({ org, id }: { org: string; id: string }) {
  const detail = useLoad(() => loadDetail(id), [org, id]);
  const [open, setOpen] = useState<Open>();
  // The new key's secret: held only while its dialog is open, then dropped.
  const [secret, setSecret] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const close = () => setOpen(undefined);

  if (detail.loading && !detail.data) {
    return <Loading />;
  }
  if (!detail.data) {
    return (
      <>
        <h1>Service account</h1>
        <ErrorMessage error={detail.error} />
        <a href={href('orgs', org, 'service-accounts')}>Back to service accounts</a>
      </>
    );
  }
  const { account, roles, keys } = detail.data;
  const managed = managedByTerraform(account);
  const setDisabled = async (disabled: boolean) => {
    setError(undefined);
    try {
      await guard(() => (disabled ? client.serviceAccounts.disable(account.id) : client.serviceAccounts.enable(account.id)));
      detail.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <a href={href('orgs', org, 'service-accounts')}>Service accounts</a> / {account.name}
      </p>
      <div class="page-head">
        <h1>
          {account.name} {managed && <TerraformMark />}
        </h1>
        <span class={`badge ${account.disabled ? 'off' : 'on'}`}>{account.disabled ? 'Disabled' : 'Active'}</span>
      </div>
      {managed && <TerraformWarning what="service account" />}
      <dl class="facts">
        <dt>Description</dt>
        <dd>{account.description || <span class="muted">none</span>}</dd>
        <dt>Id</dt>
        <dd>
          <code>{account.id}</code>
        </dd>
        <dt>Roles</dt>
        <dd>{roles.length > 0 ? roles.join(', ') : <span class="muted">none</span>}</dd>
        <dt>Created</dt>
        <dd>{formatTime(account.created_at)}</dd>
        <dt>Updated</dt>
        <dd>{formatTime(account.updated_at)}</dd>
      </dl>
      <div class="actions">
        {can('keys:write') && (
          <button type="button" class="primary" onClick={() => setOpen({ kind: 'add-key' })} disabled={account.disabled}>
            Add API key
          </button>
        )}
        {can('service_accounts:write') && (
          <button type="button" onClick={() => (managed ? setOpen({ kind: 'toggle' }) : setDisabled(!account.disabled))}>
            {account.disabled ? 'Enable' : 'Disable'}
          </button>
        )}
        {can('role_assignments:write') && (
          <button type="button" onClick={() => setOpen({ kind: 'roles' })}>
            Roles…
          </button>
        )}
        {can('service_accounts:delete') && (
          <button type="button" class="danger" onClick={() => setOpen({ kind: 'delete' })}>
            Delete
          </button>
        )}
      </div>
      <ErrorMessage error={error} />

      <h2>API keys</h2>
      <table>
        <caption class="visually-hidden">API keys of {account.name}</caption>
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
          {keys.map((key) => (
            <tr key={key.id}>
              <td>
                {key.label}
                {managedByTerraform(key) && <TerraformMark />}
                {key.description && <div class="muted">{key.description}</div>}
              </td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{formatTime(key.created_at)}</td>
              <td>{formatTime(key.expires_at, 'never')}</td>
              <td>{formatTime(key.last_used_at, 'never')}</td>
              <td>
                <KeyStatus keyRow={key} />
              </td>
              <td>
                {key.status === 'active' && key.revoked_at === null && can('keys:revoke') && (
                  <button type="button" class="small" onClick={() => setOpen({ kind: 'revoke', key })} aria-label={`Revoke key ${key.label}`}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
          {keys.length === 0 && (
            <tr>
              <td colSpan={7} class="muted">
                No keys yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>

      {open?.kind === 'add-key' && (
        <AddKeyDialog
          accountId={account.id}
          managed={managed}
          onClose={close}
          onCreated={(value) => {
            close();
            setSecret(value);
            detail.reload();
          }}
        />
      )}
      {secret !== undefined && (
        <SecretDialog
          title="API key created"
          label="API key"
          secret={secret}
          warning="Copy the key now and store it in a secret store. It is shown only this once: Warden keeps only a hash and cannot show it again."
          onClose={() => setSecret(undefined)}
        />
      )}
      {open?.kind === 'revoke' && (
        <RevokeDialog keyRow={open.key} managed={managed || managedByTerraform(open.key)} onClose={close} onRevoked={detail.reload} />
      )}
      {open?.kind === 'toggle' && (
        <ConfirmDialog
          title={`${account.disabled ? 'Enable' : 'Disable'} ${account.name}?`}
          confirmLabel={account.disabled ? 'Enable' : 'Disable'}
          onClose={close}
          onConfirm={async () => {
            await guard(() => (account.disabled ? client.serviceAccounts.enable(account.id) : client.serviceAccounts.disable(account.id)));
            detail.reload();
          }}
        >
          <TerraformWarning what="service account" />
        </ConfirmDialog>
      )}
      {open?.kind === 'roles' && <RoleSetDialog account={account} current={roles} managed={managed} onClose={close} onSaved={detail.reload} />}
      {open?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${account.name}?`}
          confirmLabel="Delete service account"
          typeToConfirm={account.name}
          onClose={close}
          onConfirm={async () => {
            await guard(() => client.serviceAccounts.delete(account.id, detail.data?.etag));
            navigate(href('orgs', org, 'service-accounts'));
          }}
        >
          <p>This revokes every key of the account at once and removes its roles. It cannot be undone.</p>
          {managed && <TerraformWarning what="service account" />}
        </ConfirmDialog>
      )}
    </>
  );
}

function KeyStatus({ keyRow }: { keyRow: Key }) {
  if (keyRow.status === 'active' && keyRow.revoked_at !== null) {
    return <span class="badge warn">Revoked from {formatTime(keyRow.revoked_at)}</span>;
  }
  const label = keyRow.status === 'active' ? 'Active' : keyRow.status === 'expired' ? 'Expired' : 'Revoked';
  return <span class={`badge ${keyRow.status === 'active' ? 'on' : 'off'}`}>{label}</span>;
}

function AddKeyDialog({
  accountId,
  managed,
  onClose,
  onCreated,
}: {
  accountId: string;
  managed: boolean;
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  return (
    <KeyFormDialog
      title="Add API key"
      ttlChoices={TTL_CHOICES}
      defaultTtl="90d"
      labelHint='Where the key runs, e.g. github-actions-prod: lowercase letters, digits, ".", "_" and "-".'
      create={async ({ label, description, ttl }) =>
        (await guard(() => client.keys.create(accountId, { label, ...(description ? { description } : {}), ...(ttl ? { ttl } : {}) }))).secret ?? ''
      }
      onClose={onClose}
      onCreated={onCreated}
    >
      {managed && <TerraformWarning what="service account" />}
    </KeyFormDialog>
  );
}

function RevokeDialog({ keyRow, managed, onClose, onRevoked }: { keyRow: Key; managed: boolean; onClose: () => void; onRevoked: () => void }) {
  const [grace, setGrace] = useState('');
  const graceId = useId();
  return (
    <ConfirmDialog
      title={`Revoke key ${keyRow.label}?`}
      confirmLabel="Revoke key"
      onClose={onClose}
      onConfirm={async () => {
        await guard(() => client.keys.revoke(keyRow.id, grace || undefined));
        onRevoked();
      }}
    >
      <p>
        Key <code>{keyRow.prefix}…</code> stops authenticating. A grace period keeps it working a little longer, for a rotation already under way.
      </p>
      {managed && <TerraformWarning what="key" />}
      <div class="field">
        <label for={graceId}>When</label>
        <select id={graceId} value={grace} onChange={(event) => setGrace(event.currentTarget.value)}>
          {GRACE_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
    </ConfirmDialog>
  );
}

/** Replaces the account's whole role set (PUT …/roles), from the organization's roles. */
function RoleSetDialog({
  account,
  current,
  managed,
  onClose,
  onSaved,
}: {
  account: Account;
  current: string[];
  managed: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const available = useLoad(() => collect(client.roles.iterate({ limit: 200 })), []);
  const [chosen, setChosen] = useState(new Set(current));
  const toggle = (name: string) => {
    const next = new Set(chosen);
    if (!next.delete(name)) {
      next.add(name);
    }
    setChosen(next);
  };
  const { submit, busy, error } = useSubmit(async () => {
    await guard(() => client.roleSets.set(account.id, [...chosen].sort()));
    onSaved();
    onClose();
  });
  return (
    <Dialog title={`Roles of ${account.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        {managed && <TerraformWarning what="service account" />}
        <fieldset>
          <legend>Roles</legend>
          {available.data ? (
            available.data.map((role) => (
              <label key={role.name} class="check">
                <input type="checkbox" checked={chosen.has(role.name)} onChange={() => toggle(role.name)} /> {role.name}
                {role.description && <span class="muted"> — {role.description}</span>}
              </label>
            ))
          ) : (
            <Loading />
          )}
        </fieldset>
        <ErrorMessage error={error ?? available.error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || !available.data}>
            Save roles
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
