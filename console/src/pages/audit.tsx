// Audit log: who changed what, newest first, filtered by principal, action and a time
// window (on the server; a person without a principal id is picked out here by email).
import { useId, useState } from 'preact/hooks';
import { call, client, collect, guard, type Schemas } from '../api.ts';
import { ErrorMessage, Loading, useLoad } from '../components/status.tsx';
import { formatTime } from '../format.ts';

type AuditEvent = Schemas['AuditEvent'];

/** At most this many events are read for one view; narrow the filters for older ones. */
const MAX_EVENTS = 1000;

export interface AuditFilter {
  /** A principal id (a service account's, or a member's `mem_…`); filtered by the server. */
  principal: string;
  action: string;
  /** `datetime-local` values, read as UTC. */
  from: string;
  to: string;
}

const EMPTY: AuditFilter = { principal: '', action: '', from: '', to: '' };

function utc(value: string): number | undefined {
  return value ? Date.parse(`${value}Z`) : undefined;
}

async function loadEvents(filter: AuditFilter): Promise<{ events: AuditEvent[]; truncated: boolean }> {
  const from = utc(filter.from);
  // "To 18:50" includes that whole minute: the server's `until` is exclusive.
  const toMinute = utc(filter.to);
  const until = toMinute === undefined ? undefined : toMinute + 60_000;
  const principalId = filter.principal || undefined;
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await guard(() =>
      client.audit.list({
        limit: 200,
        ...(principalId ? { principal_id: principalId } : {}),
        ...(filter.action ? { action: filter.action } : {}),
        ...(from !== undefined ? { since: new Date(from).toISOString() } : {}),
        ...(until !== undefined ? { until: new Date(until).toISOString() } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    );
    for (const event of page.items) {
      const at = Date.parse(event.occurred_at);
      if (from !== undefined && at < from) {
        return { events, truncated: false };
      }
      if (until === undefined || at < until) {
        events.push(event);
      }
    }
    read += page.items.length;
    cursor = page.next_cursor ?? undefined;
  } while (cursor && read < MAX_EVENTS);
  return { events, truncated: Boolean(cursor) };
}

/**
 * Principals to filter by: the organization's members (only if the caller may list them)
 * and service accounts. Audit events name a member by their membership principal (`principal_id`).
 */
async function loadPrincipals(org: string): Promise<{ value: string; name: string }[]> {
  const accounts = await collect(client.serviceAccounts.iterate({ limit: 500 }));
  const users = await call(() => client.raw.GET('/v1/orgs/{org}/users', { params: { path: { org }, query: { limit: 200 } } })).then(
    (page) => page.items,
    () => [],
  );
  return [
    ...users.map((user) => ({ value: user.principal_id, name: `${user.display_name} <${user.email}>` })),
    ...accounts.map((account) => ({ value: account.id, name: `${account.name} (service account)` })),
  ];
}

/** `key=value, …` for an event's details (never a secret: the server keeps none in them). */
function describeDetails(details: AuditEvent['details']): string {
  return Object.entries(details ?? {})
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export function AuditPage({ org }: { org: string }) {
  const [draft, setDraft] = useState<AuditFilter>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);
  const principals = useLoad(() => loadPrincipals(org), [org]);
  const events = useLoad(() => loadEvents(filter), [org, filter]);
  const ids = { principal: useId(), action: useId(), from: useId(), to: useId() };
  const set = (field: keyof AuditFilter) => (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: event.currentTarget.value });
  return (
    <>
      <h1>Audit log</h1>
      <form
        class="filters"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        <div class="field">
          <label for={ids.principal}>Principal</label>
          <select id={ids.principal} value={draft.principal} onChange={set('principal')}>
            <option value="">Anyone</option>
            {(principals.data ?? []).map((principal) => (
              <option key={principal.value} value={principal.value}>
                {principal.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={ids.action}>Action</label>
          <input id={ids.action} placeholder="api_key.create" pattern="[a-z_]+\.[a-z_]+" value={draft.action} onInput={set('action')} />
        </div>
        <div class="field">
          <label for={ids.from}>From (UTC)</label>
          <input id={ids.from} type="datetime-local" value={draft.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for={ids.to}>To (UTC)</label>
          <input id={ids.to} type="datetime-local" value={draft.to} onInput={set('to')} />
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            Apply filters
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {events.loading && <Loading />}
      <ErrorMessage error={events.error} />
      {events.data && (
        <>
          <table class="audit">
            <caption class="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Principal</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.data.events.map((event) => (
                <tr key={event.id}>
                  <td class="time">{formatTime(event.occurred_at)}</td>
                  <td>
                    {event.principal.name} <span class="muted">({event.principal.type.replace('_', ' ')})</span>
                  </td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td>
                    {event.target.name} <span class="muted">({event.target.type.replace(/_/g, ' ')})</span>
                  </td>
                  <td class="details">{describeDetails(event.details)}</td>
                </tr>
              ))}
              {events.data.events.length === 0 && (
                <tr>
                  <td colSpan={5} class="muted">
                    No events match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {events.data.truncated && <p class="muted">Showing the newest {MAX_EVENTS} events read; narrow the filters to see older ones.</p>}
        </>
      )}
    </>
  );
}
