/**
 * CSV writer: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM on files (Excel then opens 中文 intact), and cells a
 * spreadsheet would run as a formula neutralised with a leading apostrophe (OWASP "CSV injection"):
 * text starting with = + - @ (or their full-width forms ＝ ＋ － ＠), tab or CR — also after leading spaces, which
 * some spreadsheets skip. Numbers are data, not formulas: a JS number is written as is (−12.5 stays −12.5), and so
 * is text that is exactly a plain decimal number ("-12.5", "-3e-4"), so negative figures still sum in Excel.
 */
import type { Table } from '../table';

const FORMULA_START = /^[\t\r]|^[ ]*[=+\-@＝＋－＠]/;
const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Whether a text cell would be run as a formula by a spreadsheet (and is not a plain number). */
export function isFormulaLike(s: string): boolean {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : '';
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return '';
    }
  }
  return String(value);
}

/** One cell. null/undefined/NaN/±Infinity → empty; numbers verbatim (−0 → 0); text neutralised and quoted. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return Object.is(value, -0) ? '0' : String(value);
  }
  let s = textOf(value);
  if (isFormulaLike(s)) s = `'${s}`;
  if (NEEDS_QUOTES.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvRow(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

export const UTF8_BOM = '\uFEFF';

/**
 * A CSV file: BOM, optional metadata lines (`# key,value` — first cell starts with "#"), the header, the rows,
 * CRLF after every line. Metadata may be a record or [key, value] pairs.
 */
export function csvFile(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  meta?: Record<string, string> | readonly (readonly [string, string])[],
): string {
  const lines: string[] = [];
  const pairs = meta === undefined ? [] : Array.isArray(meta) ? (meta as readonly (readonly [string, string])[]) : Object.entries(meta);
  for (const [k, v] of pairs) lines.push(csvRow([`# ${k}`, v]));
  lines.push(csvRow(header));
  for (const r of rows) lines.push(csvRow(r));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** Encode a CSV string as UTF-8 bytes (the BOM included when the string starts with one). */
export function csvBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A table as a CSV file (BOM, metadata lines, CRLF). */
export function csvTable(table: Table, meta?: readonly (readonly [string, string])[]): string {
  return csvFile(
    table.columns.map((c) => c.header),
    table.rows,
    meta,
  );
}
