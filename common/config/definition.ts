import type { z } from 'zod';

/** The sections the documentation groups the settings into, in its order. */
export const sections = {
  service: 'Service',
  secrets: 'Secrets',
  temporal: 'Temporal',
  codec: 'Codec endpoint',
  directory: 'Directory',
  smtp: 'SMTP',
  branding: 'Branding',
  admin: 'Admin console',
  limits: 'Clients and rate limits',
} as const;

/** What the documentation says of a variable. */
export interface Documented {
  readonly env: string;
  readonly section: keyof typeof sections;
  /** The value when the variable is unset, written as one would set it. */
  readonly default?: string;
  /** What an unset variable means; beside a default, a remark on it. */
  readonly unset?: string;
  readonly meaning: string;
}

/** One setting: its variable, what it accepts and what it becomes (its schema), and its doc. */
export interface Setting<T = unknown> extends Documented {
  /** Parses the variable's text or the file's JSON value; unset, the default (or undefined). */
  readonly schema: z.ZodType<T>;
}

/** A part of the configuration made from several settings, checked together. */
export interface Derived<T = unknown> {
  readonly parts: Parts;
  readonly derive: (values: never, problem: (part: string, message: string) => void) => T;
}

export type Parts = { readonly [key: string]: Setting | Derived | Parts };

/** What a part of the configuration holds: a key that may be undefined may be left out. */
export type Values<P> =
  P extends Setting<infer T>
    ? T
    : P extends Derived<infer T>
      ? T
      : Flat<
          {
            -readonly [K in keyof P as undefined extends Values<P[K]> ? K : never]?: Values<P[K]>;
          } & {
            -readonly [K in keyof P as undefined extends Values<P[K]> ? never : K]: Values<P[K]>;
          }
        >;

type Flat<T> = { [K in keyof T]: T[K] };

type SettingKeys<P> = { [K in keyof P]: P[K] extends Setting ? K : never }[keyof P] & string;

export function setting<S extends z.ZodType>(
  definition: Documented & { schema: S },
): Setting<z.output<S>> {
  return definition as Setting<z.output<S>>;
}

/** `derive` makes the part from its settings' values; `problem` reports one of them as bad. */
export function derived<P extends Parts, T>(
  parts: P,
  derive: (values: Values<P>, problem: (part: SettingKeys<P>, message: string) => void) => T,
): Derived<T> {
  return { parts, derive: derive as Derived<T>['derive'] };
}

export function isSetting(node: Setting | Derived | Parts): node is Setting {
  return 'env' in node && 'schema' in node;
}

export function isDerived(node: Setting | Derived | Parts): node is Derived {
  return 'derive' in node && 'parts' in node;
}

/** Every setting under a part of the configuration, in order, with its place in it. */
export function* settingsOf(
  node: Setting | Derived | Parts,
  path: string[] = [],
): Generator<{ setting: Setting; path: string[] }> {
  if (isSetting(node)) yield { setting: node, path };
  else if (isDerived(node)) yield* settingsOf(node.parts, path);
  else for (const [key, part] of Object.entries(node)) yield* settingsOf(part, [...path, key]);
}
