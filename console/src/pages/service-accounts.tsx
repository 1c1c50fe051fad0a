// Settings → Service accounts: every account of the organization with its status, roles,
// active key count and the Terraform mark; a search box; and "Create service account".
import { useId, useMemo, useState } from 'preact/hooks';
import { can, client, collect, guard, type Schemas, WardenApiError } from '../api.ts';
import { Dialog } from '../components/dialog.tsx';
import { ErrorMessage, Loading, ManagedBy, useLoad } from '../components/status.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { formatTime } from '../format.ts';
import { href, navigate } from '../router.ts';

interface Row {
  account: Schemas['ServiceAccount'];
  roles: string[];
}

/** Roles by service account: one bulk list of assignments, or (if the server cannot answer it) one role set per account. */
async function rolesOf(accounts: Schemas['ServiceAccount'][]): Promise<Map<string, string[]>> {
  const roles = new Map<string, string[]>();
  try {
    for (const assignment of await collect(client.assignments.iterate({ limit: 1000 }))) {
      roles.set(assignment.service_account_id, [...(roles.get(assignment.service_account_id) ?? []), assignment.role]);
    }
  } catch (error) {
    if (!(error instanceof WardenApiError) || error.status === 401) {
      throw error;
    }
    const sets = await Promise.all(accounts.map((account) => client.roleSets.get(account.id)));
    accounts.forEach((account, index) => roles.set(account.id, sets[index]!.roles));
  }
  return roles;
}

async function loadRows(): Promise<Row[]> {
  const accounts = await collect(client.serviceAccounts.iterate({ limit: 1000 }));
  const roles = await rolesOf(accounts);
  return accounts.map((account) => ({ account, roles: [...(roles.get(account.id) ?? [])].sort() }));
}

export function ServiceAccountsPage({ org }: { org: string }) {
  const rows = useLoad(loadRows, [org]);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const searchId = useId();
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (rows.data ?? []).filter(
      ({ account, roles }) =>
        !needle || account.name.includes(needle) || account.description.toLowerCase().includes(needle) || roles.some((role) => role.includes(needle)),
    );
  }, [rows.data, search]);

  return (
    <>
      <div class="page-head">
        <h1>Service accounts</h1>
        {can('service_accounts:write') && (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            Create service account
          </button>
        )}
      </div>
      <p class="lead">Machine identities of {org}. Each holds roles and up to 50 API keys.</p>
      <div class="field inline">
        <label for={searchId}>Search</label>
        <input id={searchId} type="search" placeholder="Name, description or role" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />
      </div>
      {rows.loading && !rows.data && <Loading />}
      <ErrorMessage error={rows.error} />
      {rows.data && (
        <table>
          <caption class="visually-hidden">
            Service accounts ({shown.length} of {rows.data.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Roles</th>
              <th scope="col">Active keys</th>
              <th scope="col">Managed by</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ account, roles }) => (
              <tr key={account.id}>
                <td>
                  <a href={href('orgs', org, 'service-accounts', account.id)}>{account.name}</a>
                  {account.description && <div class="muted">{account.description}</div>}
                </td>
                <td>
                  <span class={`badge ${account.disabled ? 'off' : 'on'}`}>{account.disabled ? 'Disabled' : 'Active'}</span>
                </td>
                <td>{roles.length > 0 ? roles.join(', ') : <span class="muted">none</span>}</td>
                <td class="number">{account.active_key_count}</td>
                <td>
                  <ManagedBy object={account} />
                </td>
                <td>{formatTime(account.created_at)}</td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={6} class="muted">
                  {rows.data.length === 0 ? 'No service accounts yet.' : 'No service account matches the search.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {creating && <CreateServiceAccountDialog org={org} onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateServiceAccountDialog({ org, onClose }: { org: string; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const nameId = useId();
  const nameHintId = useId();
  const descriptionId = useId();
  const { submit, busy, error } = useSubmit(async () => {
    const created = await guard(() => client.serviceAccounts.create({ name, ...(description ? { description } : {}) }));
    onClose();
    navigate(href('orgs', org, 'service-accounts', created.data.id));
  });
  return (
    <Dialog title="Create service account" onClose={onClose}>
      <form onSubmit={submit}>
        <div class="field">
          <label for={nameId}>Name</label>
          <input
            id={nameId}
            required
            pattern="[a-z](?:[a-z0-9]|-(?=[a-z0-9])){2,62}"
            aria-describedby={nameHintId}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
            autoFocus
          />
          <p id={nameHintId} class="hint">
            Lowercase letters, digits and single hyphens; starts with a letter; 3 to 63 characters.
          </p>
        </div>
        <div class="field">
          <label for={descriptionId}>Description</label>
          <textarea id={descriptionId} maxLength={1024} value={description} onInput={(event) => setDescription(event.currentTarget.value)} />
        </div>
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Create
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
