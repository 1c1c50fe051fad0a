// Expiring: active keys that expire within 7, 30 or 90 days — the organization's service
// account keys and your personal keys — soonest first, so rotations are planned in time.
import { useState } from 'preact/hooks';
import { client, collect } from '../api.ts';
import { ErrorMessage, Loading, useLoad } from '../components/status.tsx';
import { EXPIRY_WINDOWS, expiringWithin } from '../expiring.ts';
import { formatTime, relativeTime } from '../format.ts';
import { href } from '../router.ts';
import { loadPersonalKeys } from './profile-keys.tsx';

interface Row {
  id: string;
  label: string;
  prefix: string;
  status: string;
  expires_at: string | null;
  revoked_at: string | null;
  owner: { kind: 'service_account'; id: string; name: string } | { kind: 'personal' };
}

async function loadKeys(): Promise<Row[]> {
  const [keys, accounts, personal] = await Promise.all([
    collect(client.keys.iterate({ status: 'active', limit: 1000 })),
    collect(client.serviceAccounts.iterate({ limit: 1000 })),
    loadPersonalKeys().catch(() => []),
  ]);
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  return [
    ...keys.map((key): Row => ({
      ...key,
      owner: { kind: 'service_account', id: key.service_account_id, name: names.get(key.service_account_id) ?? key.service_account_id },
    })),
    ...personal.map((key): Row => ({ ...key, owner: { kind: 'personal' } })),
  ];
}

export function ExpiringPage({ org }: { org: string }) {
  const [days, setDays] = useState<number>(30);
  const keys = useLoad(loadKeys, [org]);
  const now = Date.now();
  const shown = keys.data ? expiringWithin(keys.data, days, now) : [];
  return (
    <>
      <h1>Expiring keys</h1>
      <fieldset class="segmented">
        <legend>Expiring within</legend>
        {EXPIRY_WINDOWS.map((span) => (
          <label key={span}>
            <input type="radio" name="window" value={span} checked={days === span} onChange={() => setDays(span)} /> {span} days
          </label>
        ))}
      </fieldset>
      {keys.loading && !keys.data && <Loading />}
      <ErrorMessage error={keys.error} />
      {keys.data && (
        <table>
          <caption class="visually-hidden">Keys expiring within {days} days</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Prefix</th>
              <th scope="col">Owner</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((key) => (
              <tr key={key.id}>
                <td>{key.label}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>
                  {key.owner.kind === 'personal' ? (
                    <a href={href('profile', 'keys')}>You (personal key)</a>
                  ) : (
                    <a href={href('orgs', org, 'service-accounts', key.owner.id)}>{key.owner.name}</a>
                  )}
                </td>
                <td>
                  {formatTime(key.expires_at)} <span class="muted">({relativeTime(key.expires_at!, now)})</span>
                </td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={4} class="muted">
                  No active key expires within {days} days.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
