import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A V8 CPU profile as `node --cpu-prof` writes it (only what is read here). */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
  /** Microseconds, on the profiler's clock. */
  endTime: number;
  startTime: number;
}

export interface ProfileEntry {
  name: string;
  /** Milliseconds sampled in it (self time). */
  ms: number;
  /** Of the profile's busy time (idle left out). */
  share: number;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Where a function's time goes, by "where": a package (node_modules/<name>), a file of the
 * project, Node's own code, or V8's (garbage collection, the idle loop); and by function.
 * `lastMs` keeps only the samples of the profile's last milliseconds (the load, not start-up).
 */
export function summariseProfile(file: string, options: { top?: number; lastMs?: number } = {}) {
  const { top = 12, lastMs = Number.POSITIVE_INFINITY } = options;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfMs = new Map<number, number>();
  const from = profile.endTime - lastMs * 1000;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from) selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id);
    if (!frame || frame.functionName === '(idle)') continue;
    busy += ms;
    const where = placeOf(frame.url, frame.functionName);
    byPlace.set(where, (byPlace.get(where) ?? 0) + ms);
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  const ranked = (totals: Map<string, number>): ProfileEntry[] =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: busy > 0 ? ms / busy : 0 }));
  return { busyMs: busy, places: ranked(byPlace), functions: ranked(byFunction) };
}

function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return inModules[1] as string;
  return relative(repoRoot, path);
}
