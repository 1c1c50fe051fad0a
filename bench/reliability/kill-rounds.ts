// Writes under load, `kill -9` of the server, restart, and a count: every write the
// server acknowledged (201 received by the client) must be found after the restart.
import { setTimeout as sleep } from 'node:timers/promises';
import { createWardenClient } from '../../sdk/index.ts';
import { startServerProcess, type Storage } from './warden-process.ts';

export interface KillRound {
  acknowledged: number;
  found: number;
  /** Committed but never acknowledged (the answer died with the server); harmless. */
  unacknowledgedFound: number;
}

const WRITERS = 8;

async function listAll(url: string, token: string): Promise<Set<string>> {
  const warden = createWardenClient({ endpoint: url, apiKey: token, organization: 'acme' });
  const names = new Set<string>();
  for await (const account of warden.serviceAccounts.iterate()) {
    names.add(account.name);
  }
  return names;
}

export async function killRounds(storage: Storage, port: number, token: string, rounds: number, label: string, writeMs = 3_000): Promise<KillRound[]> {
  const results: KillRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const server = await startServerProcess(storage, port);
    // No retries: an acknowledged write is exactly one 201 this client saw.
    const warden = createWardenClient({ endpoint: server.url, apiKey: token, organization: 'acme', retry: { retries: 0 } });
    const acknowledged: string[] = [];
    const attempted: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `${label}-r${round}-w${w}-${i}`;
        attempted.push(name);
        try {
          await warden.serviceAccounts.create({ name });
          acknowledged.push(name);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    await sleep(writeMs);
    await server.kill();
    stop = true;
    await Promise.all(writers);

    const restarted = await startServerProcess(storage, port);
    const present = await listAll(restarted.url, token);
    await restarted.kill();
    const acked = new Set(acknowledged);
    results.push({
      acknowledged: acknowledged.length,
      found: acknowledged.filter((name) => present.has(name)).length,
      unacknowledgedFound: attempted.filter((name) => !acked.has(name) && present.has(name)).length,
    });
  }
  return results;
}
