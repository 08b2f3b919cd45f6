import { ConfigError } from './config';

/**
 * Runs a process's entry point. A configuration problem is printed as the list of what is
 * wrong (exit status 2); any other start-up failure as its message, which says what failed
 * (exit status 1). The stack trace only with SSPR_LOG_LEVEL=debug or trace.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    const verbose = ['debug', 'trace'].includes(process.env.SSPR_LOG_LEVEL ?? '');
    console.error(
      verbose || !(error instanceof Error) ? error : `Could not start: ${error.message}`,
    );
    process.exit(1);
  });
}
