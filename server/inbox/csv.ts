/**
 * CSV for spreadsheets (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel reads it as UTF-8).
 *
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and tab or carriage
 * return can smuggle one in; referrals hold practitioners' free text, so such a cell is prefixed
 * with a single quote and shown as text (OWASP's "CSV injection"). Every cell is then quoted if it
 * holds a comma, a quote or a line break.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers are written by us, never negative; text goes through the formula check.
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A whole file: the header row, then the rows, each ending CRLF, after a byte-order mark. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => `${csvRow(row)}\r\n`).join('')}`;
}

/**
 * The same file as `toCsv`, produced as it goes: the header at once, then each batch of rows as
 * it arrives. Between batches it steps aside (setImmediate), so one export of 100,000 referrals
 * never holds up other requests for longer than one batch takes.
 */
export async function* csvChunks(
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly CsvValue[])[]>,
): AsyncGenerator<Buffer> {
  yield Buffer.from(`\uFEFF${csvRow(header)}\r\n`, 'utf8');
  for await (const rows of batches) {
    yield Buffer.from(rows.map((row) => `${csvRow(row)}\r\n`).join(''), 'utf8');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
