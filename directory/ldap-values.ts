import { Attribute, Change } from 'ldapts';

/** A modify that sets an attribute to exactly these values (none: removes it, no error). */
export function replace(type: string, values: Array<string | Buffer>): Change {
  return new Change({
    operation: 'replace',
    modification: new Attribute({ type, values: values as string[] | Buffer[] }),
  });
}

/** The first value of an attribute as trimmed text; undefined when absent or blank. */
export function firstText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim() || undefined;
  if (Buffer.isBuffer(first)) return first.toString('utf8').trim() || undefined;
  return undefined;
}

/** The first value of an attribute as an integer; undefined when absent or not a number. */
export function firstInteger(value: unknown): number | undefined {
  const parsed = Number.parseInt(firstText(value) ?? '', 10);
  return Number.isNaN(parsed) ? undefined : parsed;
}
