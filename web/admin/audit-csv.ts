import { stringify } from 'csv-stringify/sync';

/**
 * A CSV file streamed from pages of rows (RFC 4180: CRLF between records, a field with a comma,
 * quote or line break quoted), UTF-8 with a byte-order mark so that Excel reads accents right.
 * Usernames and details come from outside: a cell that a spreadsheet would run as a formula
 * (= + - @ tab CR, and their full-width forms) gets a leading apostrophe.
 * The next page is read only when the client has taken the previous one.
 */
export function csvStream(header: string[], pages: AsyncIterator<string[][]>): ReadableStream {
  const encoder = new TextEncoder();
  const options = {
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  } as const;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const records = first ? [header] : [];
      const page = await pages.next();
      if (!page.done) records.push(...page.value);
      if (records.length > 0) {
        controller.enqueue(encoder.encode(stringify(records, { ...options, bom: first })));
      }
      first = false;
      if (page.done) controller.close();
    },
    async cancel() {
      await pages.return?.();
    },
  });
}
