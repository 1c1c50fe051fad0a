// Live facts a plan cannot hold: whether the keys of an account the plan deletes are
// still in use, and what a role the plan does not define holds. Gathered before the
// (pure) analysis through a small adapter, so tests and other clients can stand in for
// the SDK, and a review without server access still works — it says "cannot verify".
import type { WardenClient } from '../sdk/client.ts';
import { collect } from '../sdk/paging.ts';
import { redact } from '../sdk/errors.ts';

/** What the review needs from a live organization; `fromWardenClient` adapts the SDK. */
export interface LiveOrganization {
  /** The server's clock, so "recent use" is judged by the time the server keeps. */
  serverTime(): Promise<Date>;
  /** Active keys of one service account (metadata only). */
  activeKeys(serviceAccountId: string): Promise<{ label: string; prefix: string; last_used_at: string | null }[]>;
  /** A role's permissions, or null when the organization has no such role. */
  rolePermissions(name: string): Promise<string[] | null>;
  /** One key's metadata, or null when it no longer exists. */
  key(id: string): Promise<{ label: string; prefix: string; status: string; last_used_at: string | null } | null>;
}

export type AccountUse = { activeKeys: number; lastUsedAt: string | null; lastUsedLabel?: string } | { error: string };

/** A single key's use: null when the organization no longer has it. */
export type KeyUse = { status: string; lastUsedAt: string | null } | null | { error: string };

export interface LiveFacts {
  now: Date;
  /** Accounts the plan deletes or disables, by id. */
  accounts: Map<string, AccountUse>;
  roles: Map<string, string[] | null | { error: string }>;
  /** Keys the plan revokes on their own (their account stays), by id. */
  keys: Map<string, KeyUse>;
}

export interface LiveNeeds {
  accountIds: string[];
  roles: string[];
  keyIds: string[];
}

const message = (error: unknown) => redact(error instanceof Error ? error.message : String(error));

/** Asks the organization for what the analysis needs; per-item failures become "cannot verify". */
export async function gatherLiveFacts(live: LiveOrganization, needs: LiveNeeds): Promise<LiveFacts> {
  const facts: LiveFacts = { now: await live.serverTime(), accounts: new Map(), roles: new Map(), keys: new Map() };
  for (const id of needs.accountIds) {
    try {
      const keys = await live.activeKeys(id);
      const latest = keys.filter((k) => k.last_used_at).sort((a, b) => Date.parse(b.last_used_at!) - Date.parse(a.last_used_at!))[0];
      facts.accounts.set(id, { activeKeys: keys.length, lastUsedAt: latest?.last_used_at ?? null, ...(latest ? { lastUsedLabel: latest.label } : {}) });
    } catch (error) {
      facts.accounts.set(id, { error: message(error) });
    }
  }
  for (const role of needs.roles) {
    try {
      facts.roles.set(role, await live.rolePermissions(role));
    } catch (error) {
      facts.roles.set(role, { error: message(error) });
    }
  }
  for (const id of needs.keyIds) {
    try {
      const key = await live.key(id);
      facts.keys.set(id, key ? { status: key.status, lastUsedAt: key.last_used_at } : null);
    } catch (error) {
      facts.keys.set(id, { error: message(error) });
    }
  }
  return facts;
}

/** The SDK behind the adapter. */
export function fromWardenClient(client: WardenClient): LiveOrganization {
  return {
    serverTime: async () => new Date((await client.whoami()).server_time),
    activeKeys: async (serviceAccountId) => {
      try {
        return await collect(client.keys.iterate({ serviceAccountId, status: 'active' }));
      } catch (error) {
        // Already deleted out of band: nothing left to be in use.
        if ((error as { status?: number }).status === 404) {
          return [];
        }
        throw error;
      }
    },
    key: async (id) => {
      try {
        return (await client.keys.get(id)).data;
      } catch (error) {
        if ((error as { status?: number }).status === 404) {
          return null;
        }
        throw error;
      }
    },
    rolePermissions: async (name) => {
      try {
        return (await client.roles.get(name)).data.permissions;
      } catch (error) {
        if ((error as { status?: number }).status === 404) {
          return null;
        }
        throw error;
      }
    },
  };
}

/** What audit-drift compares: every service account and every active key, at server time. */
export interface LiveInventory {
  now: Date;
  accounts: { id: string; name: string; disabled: boolean }[];
  keys: {
    id: string;
    service_account_id: string;
    label: string;
    prefix: string;
    status: string;
    created_at: string;
    expires_at: string | null;
    revoked_at?: string | null;
    last_used_at: string | null;
  }[];
}

export async function fetchInventory(client: WardenClient): Promise<LiveInventory> {
  const me = await client.whoami();
  const accounts = await collect(client.serviceAccounts.iterate());
  const keys = await collect(client.keys.iterate({ status: 'active' }));
  return { now: new Date(me.server_time), accounts, keys };
}
