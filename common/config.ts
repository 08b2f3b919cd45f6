import { readFileSync } from 'node:fs';
import {
  type Derived,
  isDerived,
  isSetting,
  type Parts,
  type Setting,
  settingsOf,
  type Values,
} from './config/definition';
import { configFile, configuration } from './config/settings';

/**
 * The configuration, read from environment variables and, optionally, from a JSON file named
 * by SSPR_CONFIG_FILE whose keys are the same variable names (the environment wins). What each
 * setting is, and what it defaults to, is in ./config/settings.ts.
 */
export type Config = Values<typeof configuration>;
export type { DatabaseLocation } from './config/settings';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError([`${configFile.env}: cannot read ${path}`]);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new ConfigError([`${configFile.env}: ${path} must hold one JSON object of settings`]);
}

/** An empty variable counts as unset, as the shell's `VAR=` means. */
const given = (value: unknown) => (value === '' ? undefined : value);

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const path = env[configFile.env];
  const file = path ? readConfigFile(path) : {};
  const settings = [...settingsOf(configuration)].map(({ setting }) => setting);
  const known = new Set(settings.map((s) => s.env));
  const problems = Object.keys(file)
    .filter((name) => !known.has(name))
    .map((name) => `${name}: not a known setting (in ${configFile.env})`);
  const values = new Map<Setting, unknown>();
  for (const setting of settings) {
    const value = given(env[setting.env]) ?? given(file[setting.env]) ?? setting.default;
    const result = setting.schema.safeParse(value);
    if (result.success) values.set(setting, result.data);
    for (const issue of result.error?.issues ?? []) {
      problems.push(`${[setting.env, ...issue.path].join('.')}: ${issue.message}`);
    }
  }
  // The parts made of several settings check them together once each is good on its own.
  const config = problems.length === 0 ? assemble(configuration, values, problems) : undefined;
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config;
}

/** Puts the settings' values in their places, deriving the parts made of several. */
function assemble(
  node: Setting | Derived | Parts,
  values: Map<Setting, unknown>,
  problems: string[],
): unknown {
  if (isSetting(node)) return values.get(node);
  const parts = isDerived(node) ? node.parts : node;
  const assembled = Object.fromEntries(
    Object.entries(parts).map(([key, part]) => [key, assemble(part, values, problems)]),
  );
  if (!isDerived(node)) return assembled;
  return node.derive(assembled as never, (part, message) => {
    problems.push(`${(parts[part] as Setting).env}: ${message}`);
  });
}
