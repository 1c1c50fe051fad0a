// Loaded into provider processes with NODE_OPTIONS=--import by bench/plan-scale.ts: on
// exit, writes the process's peak resident set size (KiB) to $WARDEN_BENCH_RSS_DIR/<pid>.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const dir = process.env.WARDEN_BENCH_RSS_DIR;
  if (dir) {
    writeFileSync(`${dir}/${process.pid}`, String(process.resourceUsage().maxRSS));
  }
});
