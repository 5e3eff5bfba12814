/**
 * CSV for spreadsheets (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel reads it as UTF-8).
 *
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and tab or carriage
 * return can smuggle one in; so can their full-width and small forms (`＝`, `＋`, `－`, `＠`, which
 * some spreadsheets fold to ASCII) and any of them behind spaces or invisible characters (zero-width
 * spaces, joiners, direction marks, a byte-order mark). Referrals hold practitioners' free text, so
 * such a cell is prefixed with a single quote and shown as text (OWASP's "CSV injection"). Every
 * cell is then quoted if it holds a comma, a semicolon (the separator where the decimal point is a
 * comma), a quote or a line break.
 */

const STARTS_WITH_CONTROL = /^[\t\r\n]/;
/** Whitespace and characters that show as nothing, which a spreadsheet may skip before a formula. */
const LEADING_INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- each invisible mark is matched on its own, on purpose
  /^[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]+/;
const FORMULA_CHARACTER = /^[=+\-@\u2212\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;
const NEEDS_QUOTES = /[",;\r\n]/;

function startsLikeFormula(text: string): boolean {
  return STARTS_WITH_CONTROL.test(text) || FORMULA_CHARACTER.test(text.replace(LEADING_INVISIBLE, ''));
}

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers are written by us, never negative; text goes through the formula check.
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && startsLikeFormula(text)) text = `'${text}`;
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
