/** PostgreSQL COPY text format: one row per line, tab-separated, \N for NULL, backslash escapes. */

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const escapeText = (s: string): string => s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));

/** One field: null/undefined → \N; strings escaped; numbers written so they read back bit for bit. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '\\N';
    return String(v); // JS's shortest round-trip form: float8 input reads it back to the same double
  }
  if (typeof v === 'boolean') return v ? 't' : 'f';
  // (the load's hot path: most fields need no escape, and JSON text holds no raw newline, CR or tab — only backslashes)
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? escapeText(v) : v;
  const s = JSON.stringify(v);
  return s.includes('\\') ? s.replace(/\\/g, '\\\\') : s;
}

/** A whole row, newline-terminated. */
export function copyRow(fields: readonly unknown[]): string {
  let out = copyField(fields[0]);
  for (let i = 1; i < fields.length; i++) out += `\t${copyField(fields[i])}`;
  return `${out}\n`;
}

/** A PostgreSQL array literal of numbers, e.g. {1,2.5,3}. */
export function floatArray(xs: readonly number[]): string {
  return `{${xs.map((x) => String(x)).join(',')}}`;
}
