import type { Payload, PayloadCodec } from '@temporalio/common';

/** Whether a value from a fetched history is a Payload (metadata map and data bytes). */
function isPayload(value: object): value is Payload {
  return 'metadata' in value && 'data' in value && !Array.isArray(value);
}

/** Every payload in a history (or any part of one), with the path of fields that leads to it. */
export function payloadsIn(
  value: unknown,
  path: string[] = [],
): Array<{ path: string[]; payload: Payload }> {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  if (isPayload(value)) return [{ path, payload: value }];
  return Object.entries(value).flatMap(([key, child]) => payloadsIn(child, [...path, key]));
}

/**
 * The history as an operator with the codec sees it: a plain copy with every payload decoded
 * (what the Web UI does through the codec endpoint). Scan it with historyText.
 */
export async function decodeHistory(value: unknown, codec: PayloadCodec): Promise<unknown> {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (isPayload(value)) {
    const [decoded] = await codec.decode([value]);
    // Plain Uint8Arrays (not Buffers, whose toJSON hides the bytes) for historyText to read.
    return {
      metadata: Object.fromEntries(
        Object.entries(decoded?.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(v)]),
      ),
      data: new Uint8Array(decoded?.data ?? []),
    };
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => decodeHistory(v, codec)));
  const entries = await Promise.all(
    Object.entries(value).map(async ([key, child]) => [key, await decodeHistory(child, codec)]),
  );
  return Object.fromEntries(entries);
}
