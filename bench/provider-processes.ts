// Peak resident set size and CPU time of processes found by name, read from /proc
// while they run: the provider is a single executable that ignores NODE_OPTIONS, so it cannot
// report on itself. VmHWM is the kernel's high-water mark and utime+stime only grow, so a poll
// shortly before a process exits holds (nearly) its final figures; its last interval is missed.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

interface Reading {
  peakKiB: number;
  cpuSeconds: number;
}

/** The fields of /proc/<pid>/stat after "pid (comm) ", so that field N of proc(5) is index N - 3. */
export function procStatFields(pid: string): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
}

function read(pid: string): Reading | undefined {
  try {
    const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    // After "pid (comm) ", utime and stime are the 12th and 13th fields, in USER_HZ (100 on Linux).
    const fields = procStatFields(pid);
    return { peakKiB: peak ? Number(peak[1]) : 0, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100 };
  } catch {
    return undefined; // gone between listing and reading
  }
}

/** A process whose executable name starts with `name`, or whose command line mentions it (a node shim's bundle). */
function matches(pid: string, name: string): boolean {
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`)).startsWith(name) || readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
  } catch {
    return false;
  }
}

/**
 * Polls until stopped; `stop()` answers the largest peak RSS (MiB) of any matching process
 * and the CPU seconds of all of them together.
 */
export function watchProcesses(name: string, intervalMs = 25): { stop(): { peakRssMb: number; cpuSeconds: number } } {
  const readings = new Map<string, Reading>();
  const poll = () => {
    for (const pid of readdirSync('/proc')) {
      if (/^\d+$/.test(pid) && matches(pid, name)) {
        const now = read(pid);
        if (now) {
          readings.set(pid, now);
        }
      }
    }
  };
  const timer = setInterval(poll, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const all = [...readings.values()];
      return {
        peakRssMb: all.length === 0 ? NaN : Math.max(...all.map((r) => r.peakKiB)) / 1024,
        cpuSeconds: all.reduce((sum, r) => sum + r.cpuSeconds, 0),
      };
    },
  };
}
