import { ConfigError } from './config';

/**
 * Runs a process's entry point. A configuration problem is printed as the list of what is
 * wrong, without a stack trace, and the process exits with status 2.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
}
