/**
 * Everything a Temporal history holds, as text: payload bytes (raw, or base64 as the history
 * API returns them) decoded as UTF-8, all other fields as they are. A secret scan over this
 * sees what an operator without the codec would see.
 */
export function historyText(history: unknown): string {
  return JSON.stringify(history, (key, value: unknown) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (key === 'data' && typeof value === 'string') {
      return Buffer.from(value, 'base64').toString('utf8');
    }
    return value;
  });
}
