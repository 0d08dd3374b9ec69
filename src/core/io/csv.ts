/**
 * CSV writer: RFC 4180 quoting, CRLF, and cells that a spreadsheet would run as a formula (starting with
 * = + - @, tab or CR) neutralised with a leading apostrophe. Files get a UTF-8 BOM so Excel opens 中文 intact.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    // numbers are data, not formulas: a negative number stays a number
    return String(value);
  }
  s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvRow(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

export const UTF8_BOM = '\uFEFF';

/** A CSV file: BOM, optional `# key: value` metadata lines, header, rows, CRLF line ends. */
export function csvFile(header: readonly string[], rows: readonly (readonly unknown[])[], meta?: Record<string, string>): string {
  const lines: string[] = [];
  if (meta) for (const [k, v] of Object.entries(meta)) lines.push(csvRow([`# ${k}`, v]));
  lines.push(csvRow(header));
  for (const r of rows) lines.push(csvRow(r));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
