// `npm run test:reliability`: figures on how the server holds up against hostile input
// and crashes, printed for the README. Not part of `npm test` (it takes minutes and kills
// processes on purpose). Needs `npm run build` (the npm script runs it), terraform and,
// for the PostgreSQL rounds, initdb/pg_ctl on PATH.
//   1. a bounded burst of malformed requests on loopback: requests tried, 5xx count;
//   2. kill -9 under write load, SQLite and PostgreSQL: writes acknowledged vs found;
//   3. terraform apply with the server killed part-way, then re-run: does it converge.
// Usage: tsx bench/reliability.ts [burst=5000] [rounds=3]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../test/helpers/postgres.ts';
import { killRounds, type KillRound } from './reliability/kill-rounds.ts';
import { malformedBurst } from './reliability/malformed-burst.ts';
import { interruptedApply } from './reliability/terraform-interrupt.ts';
import { initOrg, requireBuild, startServerProcess, type Storage } from './reliability/warden-process.ts';

const burstSize = Number(process.argv[2] ?? 5_000);
const rounds = Number(process.argv[3] ?? 3);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function prepare(storage: Storage, dir: string): string {
  const keyFile = join(dir, 'admin.key');
  initOrg(storage, keyFile);
  return readFileSync(keyFile, 'utf8').trim();
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sum = (results: KillRound[], field: keyof KillRound) => results.reduce((n, r) => n + r[field], 0);
function killLine(name: string, results: KillRound[]): string {
  const lost = sum(results, 'acknowledged') - sum(results, 'found');
  return `kill -9 under write load, ${name}: ${results.length} rounds, writes acknowledged ${sum(results, 'acknowledged')}, found after restart ${sum(results, 'found')}, lost ${lost} (per round ${results.map((r) => `${r.found}/${r.acknowledged}`).join(', ')}; ${sum(results, 'unacknowledgedFound')} committed writes whose answer died with the server)`;
}

requireBuild();
const work = mkdtempSync(join(tmpdir(), 'warden-reliability-'));
try {
  say(`Warden reliability figures (${new Date().toISOString().slice(0, 10)}, loopback, ${process.platform}, node ${process.version})`);

  // 1. Malformed requests, with the rate limits off so that every request reaches the parsers.
  const sqlite: Storage = { args: ['--data-dir', join(work, 'burst')] };
  const burstToken = prepare(sqlite, work);
  const burstServer = await startServerProcess(sqlite, 0, ['--rate-limit', 'off', '--key-rate-limit', 'off', '--auth-failure-limit', 'off']);
  const burst = await malformedBurst(Number(new URL(burstServer.url).port), burstToken, burstSize);
  const health = await fetch(`${burstServer.url}/healthz`).then(
    (r) => r.status,
    () => 0,
  );
  await burstServer.kill();
  const statuses = [...burst.byStatus]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  say(
    `malformed-request burst: ${burst.tried} requests tried, ${burst.fiveHundreds} × 5xx, ${burst.noAnswer} without an answer; /healthz after: ${health} (${statuses})`,
  );

  // 2. kill -9 rounds.
  const killDir = mkdtempSync(join(work, 'kill-'));
  const killStorage: Storage = { args: ['--data-dir', join(killDir, 'data')] };
  const killToken = prepare(killStorage, killDir);
  say(killLine('SQLite', await killRounds(killStorage, await freePort(), killToken, rounds, 'sqlite')));
  const postgres = await startPostgres();
  try {
    const pgStorage: Storage = { args: ['--database', postgres.url] };
    const pgToken = prepare(pgStorage, mkdtempSync(join(work, 'pg-')));
    say(killLine('PostgreSQL', await killRounds(pgStorage, await freePort(), pgToken, rounds, 'pg')));
  } finally {
    postgres.stop();
  }

  // 3. terraform apply interrupted by a server kill, then re-run.
  const tfDir = mkdtempSync(join(work, 'tf-'));
  const tfStorage: Storage = { args: ['--data-dir', join(tfDir, 'data')] };
  const tf = await interruptedApply(tfStorage, await freePort(), prepare(tfStorage, tfDir));
  const converged = tf.rerunExit === 0 && tf.planExit === 0 && tf.accountsOnServer === tf.accountsDeclared;
  say(
    `terraform apply of ${tf.resources} resources, server killed after ${tf.createdBeforeKill} creations: apply exited ${tf.interruptedExit}; ` +
      `re-run apply exited ${tf.rerunExit}, then plan ${tf.planExit === 0 ? 'shows no changes' : `exited ${tf.planExit}`}; ` +
      `${tf.accountsOnServer}/${tf.accountsDeclared} accounts on the server: ${converged ? 'converged' : 'DID NOT CONVERGE'}`,
  );
  if (!converged) {
    say(
      tf.rerunOutput
        .split('\n')
        .filter((l) => /Error|error/.test(l))
        .slice(0, 10)
        .join('\n'),
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
