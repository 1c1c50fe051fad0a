// Peak resident set size of processes found by executable name, read from /proc while they
// run: the provider is a single executable that ignores NODE_OPTIONS, so it cannot report
// on itself. VmHWM is the kernel's high-water mark, so a poll shortly before a process exits
// already holds (nearly) its peak; growth in its last poll interval is missed.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

function peakKiB(pid: string): number | undefined {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) : undefined;
  } catch {
    return undefined; // gone between listing and reading
  }
}

function matches(pid: string, prefix: string): boolean {
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`)).startsWith(prefix);
  } catch {
    return false;
  }
}

/** Polls until stopped; `stop()` answers the largest peak (MiB) of any matching process. */
export function watchPeakRss(executablePrefix: string, intervalMs = 25): { stop(): number } {
  const peaks = new Map<string, number>();
  const poll = () => {
    for (const pid of readdirSync('/proc')) {
      if (/^\d+$/.test(pid) && matches(pid, executablePrefix)) {
        const kib = peakKiB(pid);
        if (kib !== undefined) {
          peaks.set(pid, Math.max(kib, peaks.get(pid) ?? 0));
        }
      }
    }
  };
  const timer = setInterval(poll, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peaks.size === 0 ? NaN : Math.max(...peaks.values()) / 1024;
    },
  };
}
