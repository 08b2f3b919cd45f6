import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time and memory of the stack's processes, read from /proc (Linux), so that the same
 * figures come for a Go server, slapd and Node alike.
 */

/** Kernel clock ticks per second (USER_HZ): 100 on every Linux Node supports. */
const ticksPerSecond = 100;

export interface ProcessReading {
  /** User plus system CPU time since the process started. */
  cpuSeconds: number;
  rssBytes: number;
}

/** undefined once the process is gone. */
export function readProcess(pid: number): ProcessReading | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields from after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { cpuSeconds: ticks / ticksPerSecond, rssBytes: rssKiB * 1024 };
  } catch {
    return undefined;
  }
}

/** The processes this one started (direct children), by a name read from their command line. */
export function childProcesses(name: (commandLine: string) => string | undefined) {
  const found: Record<string, number> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const named = name(commandLine);
      if (named) found[named] = Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

export interface ProcessUsage {
  /** CPU seconds used during the watch. */
  cpuSeconds: number;
  /** Of one core, averaged over the watch (200 = both cores of two). */
  cpuPercent: number;
  /** The largest resident set seen (sampled). */
  peakRssBytes: number;
  /** Resident set at the end. */
  rssBytes: number;
}

/** Watches processes over a phase: CPU used and the peak resident memory, sampled. */
export function watchProcesses(pids: Record<string, number>, intervalMs = 200) {
  const started = performance.now();
  const first = new Map<string, ProcessReading>();
  const peak = new Map<string, number>();
  const last = new Map<string, ProcessReading>();
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const reading = readProcess(pid);
      if (!reading) continue;
      if (!first.has(name)) first.set(name, reading);
      last.set(name, reading);
      peak.set(name, Math.max(peak.get(name) ?? 0, reading.rssBytes));
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop(): Record<string, ProcessUsage> {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - started) / 1000;
      const usage: Record<string, ProcessUsage> = {};
      for (const [name, end] of last) {
        const cpuSeconds = end.cpuSeconds - (first.get(name)?.cpuSeconds ?? 0);
        usage[name] = {
          cpuSeconds,
          cpuPercent: seconds > 0 ? (100 * cpuSeconds) / seconds : 0,
          peakRssBytes: peak.get(name) ?? end.rssBytes,
          rssBytes: end.rssBytes,
        };
      }
      return usage;
    },
  };
}

/** The machine's 1-minute load average, to note how busy it was around a run. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
