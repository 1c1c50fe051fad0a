// `terraform plan` wall time at organization scale, with refresh and with -refresh=false,
// for four providers in one run: built-in terraform_data (in-process floor), the
// do-nothing Node provider of bench/do-nothing-provider.ts (the floor for any
// out-of-process Node provider) with its one-attribute schema, the same provider serving
// Warden's schema with Warden's configuration (what Terraform itself spends on objects of
// that size) and Warden (N/4 service accounts, N/2 keys, N/4 role
// assignments). Also prints Warden's API requests per plan (from the server's /metrics)
// and the provider's peak RSS. Everything is applied first; the server runs in this
// process as in production (no response validation, warn-level logs).
// Usage: npx tsx bench/plan-scale.ts [sizes=1000,4000] [runs=3 (sizes above 1,000: 1)]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { initOrganization } from '../server/init.ts';
import { startServer } from '../server/start.ts';
import { benchMirrors } from './mirrors.ts';
import { answeredRequests } from '../server/metrics.ts';
import { procStatFields, watchProcesses } from './provider-processes.ts';

const root = resolve(import.meta.dirname, '..');
const sizes = (process.argv[2] ?? '1000,4000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 3);

/**
 * CPU seconds of this process's waited-for descendants (terraform and the providers it
 * reaps), from /proc/self/stat: unlike wall time, it hardly moves when other work shares the
 * machine. Linux's USER_HZ is 100.
 */
function childrenCpuSeconds(): number {
  const fields = procStatFields('self');
  // After "pid (comm) ", cutime and cstime are the 14th and 15th fields.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Timed {
  seconds: number;
  cpuSeconds: number;
}

function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const cpuBefore = childrenCpuSeconds();
    const child = spawn('terraform', args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) =>
      code === 0
        ? done({ seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: childrenCpuSeconds() - cpuBefore })
        : fail(new Error(`terraform ${args[0]} failed: ${stderr.slice(0, 2000)}`)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-plan-'));
const init = await initOrganization({ dataDir, org: 'bench' });
const server = await startServer({ dataDir, port: 0, logLevel: 'warn' });
const mirrorEnv = await benchMirrors();
const baseEnv: NodeJS.ProcessEnv = { ...mirrorEnv, WARDEN_ENDPOINT: server.url, WARDEN_API_KEY: init.token!, WARDEN_ORG: 'bench', TF_LOG: '' };

async function requestCount(): Promise<number> {
  return answeredRequests(await (await fetch(`${server.url}/metrics`)).text());
}

// The floors get the same shape as Warden's configuration (N/4 parents, N/2 children spread
// over them by index, N/4 one per parent), so Terraform's own work on references (which grows
// faster than N) is in the floor too and the ratios compare providers, not configurations.
const shaped = (type: string, attribute: string, n: number) => {
  const parents = n / 4;
  return `resource "${type}" "parent" {
  count = ${parents}
  input = "item-\${count.index}"
}
resource "${type}" "spread" {
  count = ${parents * 2}
  input = ${type}.parent[count.index % ${parents}].${attribute}
}
resource "${type}" "paired" {
  count = ${parents}
  input = ${type}.parent[count.index].${attribute}
}
`;
};

const configs = {
  terraform_data: (n: number) => shaped('terraform_data', 'output', n),
  nothing: (n: number) =>
    `terraform {\n  required_providers {\n    nothing = { source = "bench/nothing", version = "0.0.1" }\n  }\n}\n${shaped('nothing_thing', 'input', n)}`,
  // The do-nothing provider serving Warden's schema, with Warden's configuration.
  nothingWardenSchema: (n: number, prefix: string) => wardenConfig(n, prefix, 'source = "bench/nothing", version = "0.0.1"'),
  warden: (n: number, prefix: string) => wardenConfig(n, prefix, 'source = "wardenhq/warden", version = "0.1.0"'),
};
type Kind = keyof typeof configs;

function wardenConfig(n: number, prefix: string, source: string): string {
  const accounts = n / 4;
  return `
terraform {
  required_providers {
    warden = { ${source} }
  }
}
resource "warden_service_account" "sa" {
  count = ${accounts}
  name  = "${prefix}-\${count.index}"
}
resource "warden_role_assignment" "ra" {
  count              = ${accounts}
  service_account_id = warden_service_account.sa[count.index].id
  role               = "reader"
}
resource "warden_api_key" "key" {
  count              = ${accounts * 2}
  service_account_id = warden_service_account.sa[count.index % ${accounts}].id
  label              = "key-\${count.index}"
  ttl                = "90d"
  rotate_before      = "15d"
}
`;
}

interface Measured {
  refresh: number;
  noRefresh: number;
  refreshCpu: number;
  noRefreshCpu: number;
  requests?: { refresh: number; noRefresh: number };
  peakRssMb?: number;
  providerCpu?: number;
  /** Terraform's own CPU in the plan the provider processes were watched in. */
  terraformCpu?: number;
  /** That plan's wall time. */
  watchedSeconds?: number;
}

interface Prepared {
  kind: Kind;
  dir: string;
  env: NodeJS.ProcessEnv;
  refresh: Timed[];
  noRefresh: Timed[];
}

/** Writes the configuration of `kind` at `size` into a new directory and applies it. */
async function prepare(kind: Kind, size: number): Promise<Prepared> {
  const dir = mkdtempSync(join(tmpdir(), `warden-bench-${kind}-`));
  writeFileSync(join(dir, 'main.tf'), configs[kind](size, `b${size}`));
  // Terraform passes its environment on to the providers it starts.
  const env = kind === 'nothingWardenSchema' ? { ...baseEnv, NOTHING_SCHEMA: join(root, 'provider/generated/schema.json') } : baseEnv;
  await terraform(dir, ['init', '-no-color'], env);
  const applied = await terraform(dir, ['apply', '-auto-approve', '-no-color', '-parallelism=50'], env);
  process.stderr.write(`${kind}: applied ${size} resources in ${applied.seconds.toFixed(1)} s\n`);
  return { kind, dir, env, refresh: [], noRefresh: [] };
}

const plan = (p: Prepared, extra: string[]) => terraform(p.dir, ['plan', '-no-color', ...extra], p.env);

/** The medians, Warden's requests per plan, and the provider processes' share of one refreshing plan. */
async function finish(p: Prepared): Promise<Measured> {
  const result: Measured = {
    refresh: median(p.refresh.map((t) => t.seconds)),
    noRefresh: median(p.noRefresh.map((t) => t.seconds)),
    refreshCpu: median(p.refresh.map((t) => t.cpuSeconds)),
    noRefreshCpu: median(p.noRefresh.map((t) => t.cpuSeconds)),
  };
  if (p.kind === 'warden') {
    let before = await requestCount();
    await plan(p, []);
    const withRefresh = (await requestCount()) - before;
    before = await requestCount();
    await plan(p, ['-refresh=false']);
    result.requests = { refresh: withRefresh, noRefresh: (await requestCount()) - before };
  }
  if (p.kind === 'terraform_data') {
    result.terraformCpu = result.refreshCpu;
  } else {
    const watch = watchProcesses(p.kind === 'warden' ? 'terraform-provider-warden' : 'bench-nothing/nothing.mjs');
    const watched = await plan(p, []);
    const seen = watch.stop();
    result.peakRssMb = seen.peakRssMb;
    result.providerCpu = seen.cpuSeconds;
    // The providers are terraform's children, so the plan's CPU holds theirs too.
    result.terraformCpu = watched.cpuSeconds - seen.cpuSeconds;
    result.watchedSeconds = watched.seconds;
  }
  rmSync(p.dir, { recursive: true, force: true });
  return result;
}

/**
 * All four configurations are applied first, then planned in turns (each kind once per
 * round), so that the VM's speed, which drifts over minutes, moves every figure alike and
 * the ratios compare providers rather than moments.
 */
async function measureAll(size: number): Promise<Record<Kind, Measured>> {
  const kinds = Object.keys(configs) as Kind[];
  const prepared: Prepared[] = [];
  for (const kind of kinds) {
    prepared.push(await prepare(kind, size));
  }
  // The largest sizes take long to plan; one round keeps the bench within minutes.
  const rounds = size > 1000 ? 1 : runs;
  for (let round = 0; round < rounds; round++) {
    for (const p of prepared) {
      p.refresh.push(await plan(p, []));
      p.noRefresh.push(await plan(p, ['-refresh=false']));
    }
    process.stderr.write(`round ${round + 1} of ${rounds} planned\n`);
  }
  const measured = {} as Record<Kind, Measured>;
  for (const p of prepared) {
    measured[p.kind] = await finish(p);
  }
  return measured;
}

const lines: string[] = [
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; median of ${runs} plans up to 1,000 resources, 1 plan above, all kinds planned in turns, -parallelism=10 (default)`,
  '',
];
for (const size of sizes) {
  const { terraform_data: floor, nothing, nothingWardenSchema: shapedNothing, warden } = await measureAll(size);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const start = lines.length;
  // Each row: seconds, then its ratio to terraform_data and to the do-nothing floors above it.
  const row = (m: Measured, pick: (m: Measured) => number, floors: Measured[]) =>
    `${pick(m).toFixed(2)} s${floors.length ? ` (${floors.map((f) => ratio(pick(m), pick(f))).join(', ')})` : ''}`;
  const table = (title: string, refresh: (m: Measured) => number, noRefresh: (m: Measured) => number) => [
    `| ${title} | with refresh | \`-refresh=false\` |`,
    '| --- | --- | --- |',
    ...(
      [
        ['`terraform_data` (in-process)', floor, []],
        ['do-nothing Node provider (bench/), one-attribute schema', nothing, [floor]],
        ["do-nothing Node provider, Warden's schema and configuration", shapedNothing, [floor, nothing]],
        ['Warden', warden, [floor, nothing, shapedNothing]],
      ] as const
    ).map(([name, m, floors]) => `| ${name} | ${row(m, refresh, [...floors])} | ${row(m, noRefresh, [...floors])} |`),
    '',
  ];
  lines.push(
    ...table(
      `plan of ${size.toLocaleString('en')} resources`,
      (m) => m.refresh,
      (m) => m.noRefresh,
    ),
    'Ratios in brackets: to `terraform_data`, then to the do-nothing floors in the order of the rows.',
    '',
    ...table(
      `CPU of terraform + provider processes, ${size.toLocaleString('en')} resources`,
      (m) => m.refreshCpu,
      (m) => m.noRefreshCpu,
    ),
    `Provider processes alone in one refreshing plan: do-nothing ${nothing.providerCpu!.toFixed(2)} s CPU, peak RSS ${nothing.peakRssMb!.toFixed(0)} MB; ` +
      `do-nothing with Warden's schema ${shapedNothing.providerCpu!.toFixed(2)} s, ${shapedNothing.peakRssMb!.toFixed(0)} MB; ` +
      `Warden ${warden.providerCpu!.toFixed(2)} s CPU (${ratio(warden.providerCpu!, nothing.providerCpu!)}, ${ratio(warden.providerCpu!, shapedNothing.providerCpu!)}), peak RSS ${warden.peakRssMb!.toFixed(0)} MB`,
    '',
    // What no provider can remove: Terraform's own work, and how much of the plan the
    // provider processes were busy at all (CPU seconds per wall second of that plan).
    `Terraform's own CPU in one refreshing plan (the plan's CPU minus the provider processes'): terraform_data ${floor.terraformCpu!.toFixed(2)} s, ` +
      `do-nothing ${nothing.terraformCpu!.toFixed(2)} s, do-nothing with Warden's schema ${shapedNothing.terraformCpu!.toFixed(2)} s, Warden ${warden.terraformCpu!.toFixed(2)} s; ` +
      `provider processes busy ${[nothing, shapedNothing, warden].map((m) => `${((100 * m.providerCpu!) / m.watchedSeconds!).toFixed(0)}%`).join(', ')} of that plan's wall time`,
    '',
    `Warden at ${size}: API requests per plan ${warden.requests!.refresh} with refresh (goal ≤ ${Math.floor(size / 100) + 5}), ${warden.requests!.noRefresh} with -refresh=false (goal ≤ 5)`,
    '',
  );
  process.stderr.write(lines.slice(start).join('\n') + '\n');
}
await server.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(lines.join('\n'));
