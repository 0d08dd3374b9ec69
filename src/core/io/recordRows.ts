/**
 * The rows of a small input table (targets, ledger projects) given either as JSON — `[…]` or `{"<list>": […]}` of
 * objects — or as CSV with a header row (parseCsv.ts). The format is sniffed from the content; UTF-8, BOM optional.
 * Each row is read by field name, whatever the format; problems go to the caller's `err`, never thrown.
 */
import { parseCsv } from './parseCsv';

/** One data row: its 1-based number (JSON: index in the list + 1) and its fields by name. */
export interface RecordRow {
  row: number;
  get: (k: string) => unknown;
}

export interface RecordTableSpec {
  /** Message when the text is blank. */
  empty: string;
  /** The list's key in a JSON object, e.g. "regions". */
  list: string;
  /** A JSON item's name in messages and the finding field of a non-object item, e.g. "region", "project". */
  item: { en: string; field: string };
  /** Columns a CSV header must have (lower case). */
  header: readonly string[];
  /** The header as the message suggests it, e.g. "code,name,level". */
  headerHint: string;
}

/** Report a problem: message, the finding's field, the row (0 for the header). */
export type RecordErr = (message: string, field?: string, row?: number) => void;

/** Decode bytes as UTF-8 and drop a BOM. */
export function tableText(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The table's rows, non-object JSON items left out (each reported); undefined when the table as a whole cannot be
 * read (blank, invalid JSON, no list, a CSV header lacking columns), after reporting why.
 */
export function readRecordRows(input: string | Uint8Array, file: string, spec: RecordTableSpec, err: RecordErr): RecordRow[] | undefined {
  const text = tableText(input);
  const trimmed = text.trim();
  if (trimmed === '') {
    err(`${file}: ${spec.empty}`);
    return undefined;
  }
  if (trimmed[0] === '{' || trimmed[0] === '[') {
    let root: unknown;
    try {
      root = JSON.parse(trimmed);
    } catch (e) {
      err(`${file}: 不是有效的 JSON（${e instanceof Error ? e.message : String(e)}） / not valid JSON`);
      return undefined;
    }
    const list = Array.isArray(root) ? root : root !== null && typeof root === 'object' ? (root as Record<string, unknown>)[spec.list] : undefined;
    if (!Array.isArray(list)) {
      err(`${file}: 缺少 "${spec.list}" 数组 / no "${spec.list}" array`, spec.list);
      return undefined;
    }
    const rows: RecordRow[] = [];
    list.forEach((p: unknown, i) => {
      if (p === null || typeof p !== 'object' || Array.isArray(p)) err(`${file} 第 ${i + 1} 项 / ${spec.item.en} ${i + 1}: 不是对象 / not an object`, spec.item.field, i + 1);
      else rows.push({ row: i + 1, get: (k) => (p as Record<string, unknown>)[k] });
    });
    return rows;
  }
  const rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = spec.header.filter((h) => !header.includes(h));
  if (missing.length) {
    err(`${file}: 表头缺少 ${missing.join(', ')}（应为 ${spec.headerHint}） / header lacks ${missing.join(', ')}`, 'header', 0);
    return undefined;
  }
  return rows.slice(1).map((cells, i) => ({
    row: i + 1,
    get: (k: string) => {
      const c = header.indexOf(k);
      return c >= 0 ? cells[c] : undefined;
    },
  }));
}
