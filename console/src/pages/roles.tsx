// Roles: the built-in and custom roles of the organization and a permission matrix
// (one row per permission of the catalog, one column per role).
import { call, client, collect } from '../api.ts';
import { ErrorMessage, Loading, managedByTerraform, TerraformMark, useLoad } from '../components/status.tsx';

async function loadRoles() {
  const [roles, permissions] = await Promise.all([collect(client.roles.iterate({ limit: 200 })), call(() => client.raw.GET('/v1/permissions'))]);
  return { roles, permissions: permissions.items };
}

export function RolesPage({ org }: { org: string }) {
  const loaded = useLoad(loadRoles, [org]);
  if (!loaded.data) {
    return (
      <>
        <h1>Roles</h1>
        {loaded.loading ? <Loading /> : <ErrorMessage error={loaded.error} />}
      </>
    );
  }
  const { roles, permissions } = loaded.data;
  return (
    <>
      <h1>Roles</h1>
      <p class="lead">
        Built-in roles are the same in every organization; custom roles are made from the permission catalog (with Terraform or the API). Management permissions
        (marked ★) change who may do what: only an admin may grant them.
      </p>
      <ul class="role-list">
        {roles.map((role) => (
          <li key={role.name}>
            <strong>{role.name}</strong> <span class={`badge ${role.builtin ? 'builtin' : 'custom'}`}>{role.builtin ? 'Built-in' : 'Custom'}</span>
            {managedByTerraform(role) && <TerraformMark />}
            {role.description && <span class="muted"> — {role.description}</span>}
          </li>
        ))}
      </ul>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Permission matrix">
        <table class="matrix">
          <caption>Permission matrix</caption>
          <thead>
            <tr>
              <th scope="col">Permission</th>
              {roles.map((role) => (
                <th scope="col" key={role.name}>
                  {role.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {permissions.map((permission) => (
              <tr key={permission.name}>
                <th scope="row">
                  <code>{permission.name}</code>
                  {permission.management && (
                    <span aria-label="management permission" role="img">
                      {' '}
                      ★
                    </span>
                  )}
                  <div class="muted">{permission.description}</div>
                </th>
                {roles.map((role) =>
                  role.permissions.includes(permission.name) ? (
                    <td key={role.name} class="granted">
                      <span aria-hidden="true">✓</span>
                      <span class="visually-hidden">granted</span>
                    </td>
                  ) : (
                    <td key={role.name} class="denied">
                      <span aria-hidden="true">·</span>
                      <span class="visually-hidden">not granted</span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
