import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerProcess {
  logFile: string;
  /** Resolves with a description such as `exit code 1` or `signal SIGTERM` once the process is gone. */
  exited: Promise<string>;
  hasExited(): boolean;
  /** SIGTERM, up to 5 s of grace, then SIGKILL. Safe to call more than once. */
  stop(): Promise<void>;
  /** Sends `signal` at once, with no grace (SIGKILL: a crash); `exited` tells when it is gone. */
  kill(signal: NodeJS.Signals): void;
}

const stopGraceMs = 5_000;

/**
 * Starts a long-running server with its stdout and stderr appended to `logFile`. The process is
 * not detached, so Ctrl-C in a terminal reaches it too, and it is killed if this Node process
 * exits without stopping it (a crashed test run must not leave servers behind).
 */
export function spawnServer(
  command: string,
  args: string[],
  opts: {
    logFile: string;
    env?: NodeJS.ProcessEnv;
    /** Run as this user and group (when we are root and the server refuses to be). */
    uid?: number;
    gid?: number;
  },
): ServerProcess {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  // The child writes to the file itself: the log survives us and needs no piping.
  const fd = openSync(opts.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      stdio: ['ignore', fd, fd],
      env: opts.env ?? process.env,
      ...(opts.uid !== undefined && { uid: opts.uid }),
      ...(opts.gid !== undefined && { gid: opts.gid }),
    });
  } finally {
    closeSync(fd);
  }

  let exitDescription: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => {
      exitDescription = `failed to start: ${error.message}`;
      resolve(exitDescription);
    });
    child.once('exit', (code, signal) => {
      exitDescription = signal ? `signal ${signal}` : `exit code ${code}`;
      resolve(exitDescription);
    });
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (exitDescription !== undefined) return;
      child.kill('SIGTERM');
      const gone = await Promise.race([
        exited.then(() => true),
        sleep(stopGraceMs, false, { ref: false }),
      ]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    })();
    return stopping;
  };

  return {
    logFile: opts.logFile,
    exited,
    hasExited: () => exitDescription !== undefined,
    stop,
    kill: (signal) => {
      if (exitDescription === undefined) child.kill(signal);
    },
  };
}

/** The last lines of a log file, for error messages. */
export async function logTail(logFile: string, lines = 30): Promise<string> {
  const maxBytes = 16_384;
  try {
    const handle = await open(logFile, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - maxBytes);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return `(could not read ${logFile}: ${(error as Error).message})`;
  }
}

/**
 * Polls `check` until it answers true. Fails fast, with the end of the log, if `child` exits
 * first; on timeout the error names `what`, the last check error and the log file.
 */
export async function waitFor(
  check: () => Promise<boolean>,
  opts: { timeoutMs: number; what: string; child?: ServerProcess; intervalMs?: number },
): Promise<void> {
  const { timeoutMs, what, child, intervalMs = 100 } = opts;
  const deadline = Date.now() + timeoutMs;
  const childGone = child?.exited.then(() => false as const) ?? new Promise<never>(() => {});
  let lastError: unknown;
  for (;;) {
    try {
      const timeLeft = Math.max(0, deadline - Date.now());
      const timedOut = sleep(timeLeft, false as const, { ref: false });
      if (await Promise.race([check(), childGone, timedOut])) return;
    } catch (error) {
      lastError = error;
    }
    if (child?.hasExited()) {
      throw new Error(
        `${what}: the process ended (${await child.exited}) before it was ready. ` +
          `End of ${child.logFile}:\n${await logTail(child.logFile)}`,
      );
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? ` Last error: ${lastError.message}.` : '';
      const log = child ? ` See ${child.logFile}:\n${await logTail(child.logFile)}` : '';
      throw new Error(`${what} was not ready after ${timeoutMs} ms.${reason}${log}`);
    }
    await sleep(intervalMs);
  }
}
