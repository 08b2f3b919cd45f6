import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** What the figures were measured on, for the report's head. */
export function describeMachine(): string {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  const os = /^PRETTY_NAME="?([^"\n]*)/m.exec(safeRead('/etc/os-release'))?.[1] ?? 'Linux';
  const cli =
    process.env.SSPR_TEMPORAL_CLI ??
    fileURLToPath(new URL('../.tools/bin/temporal', import.meta.url));
  const temporal = safeRun(cli, ['--version']) || 'temporal CLI (version unknown)';
  const sqlite = process.versions.sqlite ? `, SQLite ${process.versions.sqlite}` : '';
  return [
    `- ${cpus().length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory; ${os}, kernel ${release()}`,
    `- Node ${process.version}${sqlite}; ${temporal}; ${
      safeRun('slapd', ['-VV'])
        .split('\n')[0]
        ?.replace(/^@\(#\) \$OpenLDAP: |\s*\(.*$/g, '') || 'slapd'
    }`,
    `- load average (1, 5, 15 min) at the start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  ].join('\n');
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** What a command prints (slapd -VV prints its version on stderr). */
function safeRun(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
}
