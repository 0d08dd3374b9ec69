/** PostgreSQL COPY text format: one row per line, tab-separated, \N for NULL, backslash escapes. */

/** One field: null/undefined → \N; strings escaped; numbers written so they read back bit for bit. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '\\N';
    return String(v); // JS's shortest round-trip form: float8 input reads it back to the same double
  }
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** A whole row, newline-terminated. */
export function copyRow(fields: readonly unknown[]): string {
  return `${fields.map(copyField).join('\t')}\n`;
}

/** A PostgreSQL array literal of numbers, e.g. {1,2.5,3}. */
export function floatArray(xs: readonly number[]): string {
  return `{${xs.map((x) => String(x)).join(',')}}`;
}
