import { ConfigError, loadConfig } from '../../common/config';

/** What the configuration says is wrong with these variables (none: an empty list). */
export function configProblems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
