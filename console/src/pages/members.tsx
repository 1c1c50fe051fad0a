// Members: the people of the organization with their roles (changeable), open
// invitations (revocable), and "Invite member", whose one-time URL is shown once.
import { useId, useState } from 'preact/hooks';
import { call, can, client, collect, type Me, type Schemas } from '../api.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { Dialog } from '../components/dialog.tsx';
import { SecretDialog } from '../components/secret-dialog.tsx';
import { ErrorMessage, Loading, useLoad } from '../components/status.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { formatTime } from '../format.ts';

type OrgUser = Schemas['OrgUser'];
type Invitation = Schemas['Invitation'];

async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    items.push(...answer.items);
    cursor = answer.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

async function loadMembers(org: string) {
  const [users, invitations, roles] = await Promise.all([
    allPages((cursor) =>
      call(() => client.raw.GET('/v1/orgs/{org}/users', { params: { path: { org }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } })),
    ),
    allPages((cursor) =>
      call(() => client.raw.GET('/v1/orgs/{org}/invitations', { params: { path: { org }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } })),
    ),
    collect(client.roles.iterate({ limit: 200 })),
  ]);
  return { users, invitations, roles: roles.map((role) => role.name) };
}

type Open = { kind: 'invite' } | { kind: 'roles'; user: OrgUser } | { kind: 'remove'; user: OrgUser } | { kind: 'revoke'; invitation: Invitation } | undefined;

export function MembersPage({ org, me }: { org: string; me: Me }) {
  const loaded = useLoad(() => loadMembers(org), [org]);
  const [open, setOpen] = useState<Open>();
  const [invitationUrl, setInvitationUrl] = useState<string>();
  const close = () => setOpen(undefined);
  if (!loaded.data) {
    return (
      <>
        <h1>Members</h1>
        {loaded.loading ? <Loading /> : <ErrorMessage error={loaded.error} />}
      </>
    );
  }
  const { users, invitations, roles } = loaded.data;
  const pending = invitations.filter((invitation) => invitation.status === 'pending');
  return (
    <>
      <div class="page-head">
        <h1>Members</h1>
        {can('users:write') && (
          <button type="button" class="primary" onClick={() => setOpen({ kind: 'invite' })}>
            Invite member
          </button>
        )}
      </div>
      <table>
        <caption class="visually-hidden">Members of {org}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Joined</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                {user.display_name}
                {user.id === me.user.id && <span class="muted"> (you)</span>}
              </td>
              <td>{user.email}</td>
              <td>{user.roles.join(', ') || <span class="muted">none</span>}</td>
              <td>{formatTime(user.joined_at)}</td>
              <td class="row-actions">
                {can('role_assignments:write') && (
                  <button type="button" class="small" onClick={() => setOpen({ kind: 'roles', user })} aria-label={`Change roles of ${user.email}`}>
                    Roles…
                  </button>
                )}
                {can('users:write') && (
                  <button type="button" class="small danger" onClick={() => setOpen({ kind: 'remove', user })} aria-label={`Remove ${user.email}`}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Invitations</h2>
      <table>
        <caption class="visually-hidden">Invitations to {org}</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <td>{invitation.email}</td>
              <td>{invitation.role}</td>
              <td>
                <span class={`badge ${invitation.status === 'pending' ? 'warn' : invitation.status === 'accepted' ? 'on' : 'off'}`}>{invitation.status}</span>
              </td>
              <td>{formatTime(invitation.expires_at)}</td>
              <td>
                {invitation.status === 'pending' && can('users:write') && (
                  <button
                    type="button"
                    class="small"
                    onClick={() => setOpen({ kind: 'revoke', invitation })}
                    aria-label={`Revoke invitation of ${invitation.email}`}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
          {invitations.length === 0 && (
            <tr>
              <td colSpan={5} class="muted">
                No invitations.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <p class="muted">{pending.length} pending.</p>

      {open?.kind === 'invite' && (
        <InviteDialog
          org={org}
          roles={roles}
          onClose={close}
          onInvited={(url) => {
            close();
            setInvitationUrl(url);
            loaded.reload();
          }}
        />
      )}
      {invitationUrl !== undefined && (
        <SecretDialog
          title="Invitation created"
          label="Invitation URL"
          secret={invitationUrl}
          warning="Send this link to the person you invited. It works once, for 24 hours, and is shown only now: anyone holding it can join."
          onClose={() => setInvitationUrl(undefined)}
        />
      )}
      {open?.kind === 'roles' && <RolesDialog org={org} user={open.user} roles={roles} onClose={close} onSaved={loaded.reload} />}
      {open?.kind === 'remove' && (
        <ConfirmDialog
          title={`Remove ${open.user.email}?`}
          confirmLabel="Remove member"
          typeToConfirm={open.user.email}
          onClose={close}
          onConfirm={async () => {
            const user = open.user;
            await call(() => client.raw.DELETE('/v1/orgs/{org}/users/{userId}', { params: { path: { org, userId: user.id } } }));
            loaded.reload();
          }}
        >
          <p>They lose their roles here, and their personal keys stop reaching this organization.</p>
        </ConfirmDialog>
      )}
      {open?.kind === 'revoke' && (
        <ConfirmDialog
          title={`Revoke the invitation of ${open.invitation.email}?`}
          confirmLabel="Revoke invitation"
          onClose={close}
          onConfirm={async () => {
            const invitation = open.invitation;
            await call(() => client.raw.DELETE('/v1/orgs/{org}/invitations/{invitationId}', { params: { path: { org, invitationId: invitation.id } } }));
            loaded.reload();
          }}
        >
          <p>The invitation link stops working.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function InviteDialog({ org, roles, onClose, onInvited }: { org: string; roles: string[]; onClose: () => void; onInvited: (url: string) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState(roles.includes('member') ? 'member' : (roles[0] ?? ''));
  const emailId = useId();
  const roleId = useId();
  const { submit, busy, error } = useSubmit(async () => {
    const invitation = await call(() => client.raw.POST('/v1/orgs/{org}/invitations', { params: { path: { org } }, body: { email, role } }));
    onInvited(invitation.invitation_url);
  });
  return (
    <Dialog title="Invite member" onClose={onClose}>
      <form onSubmit={submit}>
        <div class="field">
          <label for={emailId}>Email</label>
          <input id={emailId} type="email" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} autoFocus />
        </div>
        <div class="field">
          <label for={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(event) => setRole(event.currentTarget.value)}>
            {roles.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Create invitation
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RolesDialog({ org, user, roles, onClose, onSaved }: { org: string; user: OrgUser; roles: string[]; onClose: () => void; onSaved: () => void }) {
  const [chosen, setChosen] = useState(new Set(user.roles));
  const groupId = useId();
  const { submit, busy, error } = useSubmit(async () => {
    await call(() =>
      client.raw.PUT('/v1/orgs/{org}/users/{userId}/roles', { params: { path: { org, userId: user.id } }, body: { roles: [...chosen].sort() } }),
    );
    onSaved();
    onClose();
  });
  const toggle = (name: string) => {
    const next = new Set(chosen);
    if (!next.delete(name)) {
      next.add(name);
    }
    setChosen(next);
  };
  return (
    <Dialog title={`Roles of ${user.email}`} onClose={onClose}>
      <form onSubmit={submit}>
        <fieldset aria-describedby={groupId}>
          <legend>Roles</legend>
          <p id={groupId} class="hint">
            Only an admin may grant or remove admin, and the last admin stays.
          </p>
          {roles.map((name) => (
            <label key={name} class="check">
              <input type="checkbox" checked={chosen.has(name)} onChange={() => toggle(name)} /> {name}
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
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
