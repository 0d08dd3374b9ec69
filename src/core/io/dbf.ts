/**
 * dBASE III/IV (.dbf) reader for Shapefile attributes, with the text encoding under the caller's control
 * (encoding.ts decides it). Bytes in, plain records out; problems are returned, never thrown.
 *
 * Values, as GDAL's Shapefile driver reads them unless said otherwise:
 *   C → string, trailing blanks removed; a blank value is null (as in GDAL: dBASE cannot tell "" from empty).
 *   N/F → number; blank or overflow asterisks ("*****") → null. Integers of more than 15 digits stay strings so
 *     codes keep every digit (GDAL gives a lossy double). Text that is no finite number ("1e400", "nan", "-",
 *     "1.#INF") → null with an issue (GDAL gives inf / nan / 0).
 *   L → true (T t Y y) / false (F f N n); "?" and blank → null (GDAL 3.6 gives the letter as a string).
 *   D → "YYYY-MM-DD": from YYYYMMDD and MM/DD/YYYY (the two forms GDAL reads) and from YYYY-MM-DD / YYYY/MM/DD
 *     (which GDAL misreads as year 0); blank and 00000000 → null; anything else → null with an issue.
 *   I / + → int32, O → double; others (memo M, binary …) → null.
 * Broken field descriptors (empty name, unknown type letter, zero length) are dropped and reported by name.
 */
import type { Decoder } from './codepages';

export interface DbfField {
  name: string;
  /** dBASE type letter: C, N, F, L, D, I, M … */
  type: string;
  length: number;
  decimals: number;
  /** Offset of the field inside a record (the deletion flag is byte 0). */
  offset: number;
  /** Raw name bytes (decoded once the encoding is known). */
  nameBytes: Uint8Array;
}

export interface DbfHeader {
  version: number;
  recordCount: number;
  headerLength: number;
  recordLength: number;
  /** Language driver id (byte 29). */
  ldid: number;
  fields: DbfField[];
  /** Records fully present in the bytes (less than recordCount when the file is truncated). */
  available: number;
  /** Broken descriptors that were dropped, and other header oddities (zh / en). */
  problems: string[];
}

/** A value the reader could not take as its field type (read as null). */
export interface DbfIssue {
  field: string;
  record: number;
  raw: string;
  why: 'date' | 'number' | 'overflow';
}

const KNOWN_TYPES = new Set(['C', 'N', 'F', 'L', 'D', 'I', 'M', 'B', 'G', 'P', 'Y', 'T', '@', 'O', '+', 'V', 'W', 'Q', '0']);

export function readDbfHeader(bytes: Uint8Array): DbfHeader | { error: string } {
  if (bytes.length < 33) return { error: `.dbf 太短（${bytes.length} 字节），不是有效的 dBASE 文件 / .dbf too short (${bytes.length} bytes) to be a dBASE file` };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[0];
  if ((version & 0x07) !== 0x03 && version !== 0x30 && version !== 0x31)
    return { error: `.dbf 版本字节 0x${version.toString(16)} 无法识别，不是 dBASE 文件 / unknown .dbf version byte 0x${version.toString(16)}: not a dBASE file` };
  const recordCount = dv.getUint32(4, true);
  const headerLength = dv.getUint16(8, true);
  const recordLength = dv.getUint16(10, true);
  const ldid = bytes[29];
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1)
    return { error: `.dbf 文件头损坏（头长 ${headerLength}，记录长 ${recordLength}） / corrupt .dbf header (header ${headerLength} bytes, record ${recordLength} bytes)` };
  const fields: DbfField[] = [];
  const problems: string[] = [];
  let offset = 1;
  let n = 0;
  for (let p = 32; p + 32 <= headerLength && bytes[p] !== 0x0d; p += 32) {
    n++;
    let end = p;
    while (end < p + 11 && bytes[end] !== 0) end++;
    const typeByte = bytes[p + 11];
    const type = String.fromCharCode(typeByte).toUpperCase();
    const length = bytes[p + 16];
    const decimals = bytes[p + 17];
    const nameBytes = bytes.subarray(p, end);
    const printable = nameBytes.length > 0 && nameBytes.every((b) => b >= 0x20 && b !== 0x7f);
    if (!printable || !KNOWN_TYPES.has(type) || length === 0) {
      const shown = escapeName(nameBytes);
      const what = [!printable ? 'name empty or unprintable' : '', !KNOWN_TYPES.has(type) ? `unknown type byte 0x${typeByte.toString(16).padStart(2, '0')}` : '', length === 0 ? 'length 0' : '']
        .filter(Boolean)
        .join(', ');
      problems.push(`.dbf 第 ${n} 个字段描述 "${shown}" 损坏（${what}），已忽略 / .dbf field descriptor ${n} "${shown}" is broken (${what}): ignored`);
      offset += length;
      continue;
    }
    fields.push({ name: '', type, length, decimals, offset, nameBytes });
    offset += length;
  }
  if (offset > recordLength)
    return { error: `.dbf 字段总长 ${offset} 超过记录长度 ${recordLength} / .dbf fields (${offset} bytes) exceed the record length ${recordLength}` };
  if (offset < recordLength)
    problems.push(`.dbf 字段总长 ${offset - 1} 字节，记录长度 ${recordLength - 1} 字节，多出的字节已忽略 / .dbf fields cover ${offset - 1} bytes of ${recordLength - 1} per record: the rest is ignored`);
  const available = Math.max(0, Math.min(recordCount, Math.floor((bytes.length - headerLength) / recordLength)));
  return { version, recordCount, headerLength, recordLength, ldid, fields, available, problems };
}

/** Bytes of the text (C) fields and field names, up to `max` bytes: the sample encoding detection looks at. */
export function dbfTextSample(bytes: Uint8Array, h: DbfHeader, max = 1 << 20): Uint8Array {
  const parts: Uint8Array[] = h.fields.map((f) => f.nameBytes);
  let total = parts.reduce((s, p) => s + p.length, 0);
  const text = h.fields.filter((f) => f.type === 'C');
  outer: for (let r = 0; r < h.available; r++) {
    const base = h.headerLength + r * h.recordLength;
    for (const f of text) {
      let end = base + f.offset + f.length;
      const start = base + f.offset;
      while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
      if (end === start) continue;
      // Keep field values separate with a space so a multi-byte sequence cannot straddle two values.
      parts.push(bytes.subarray(start, end), SPACE);
      total += end - start + 1;
      if (total >= max) break outer;
    }
  }
  const out = new Uint8Array(total);
  let p = 0;
  for (const part of parts) {
    out.set(part.subarray(0, Math.min(part.length, total - p)), p);
    p += part.length;
    if (p >= total) break;
  }
  return out;
}
const SPACE = new Uint8Array([0x20]);

/** Bytes of a field name shown safely: printable ASCII as is, anything else as \xNN. */
function escapeName(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
  return s;
}

/** Decode field names with the chosen encoding; duplicates get a suffix (_2, _3 …). */
export function nameFields(h: DbfHeader, decoder: Decoder): void {
  const seen = new Map<string, number>();
  for (const f of h.fields) {
    let name = decoder.decode(f.nameBytes).trim() || `FIELD${f.offset}`;
    const n = (seen.get(name.toUpperCase()) ?? 0) + 1;
    seen.set(name.toUpperCase(), n);
    if (n > 1) name = `${name}_${n}`;
    f.name = name;
  }
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A calendar date or undefined. */
function isoDate(y: number, m: number, d: number): string | undefined {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** A D field's text as "YYYY-MM-DD"; null for blank / zero; undefined when not understood. */
export function parseDbfDate(t: string): string | null | undefined {
  if (t === '' || /^0+$/.test(t)) return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (m) return isoDate(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

/** Read record `r` (0-based) into a plain object keyed by field name. Call nameFields first. */
export function readDbfRecord(bytes: Uint8Array, h: DbfHeader, r: number, decoder: Decoder, onIssue?: (issue: DbfIssue) => void): Record<string, unknown> {
  const base = h.headerLength + r * h.recordLength;
  const out: Record<string, unknown> = {};
  for (const f of h.fields) {
    const start = base + f.offset;
    let end = start + f.length;
    switch (f.type) {
      case 'C': {
        while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
        out[f.name] = end === start ? null : decoder.decode(bytes.subarray(start, end));
        break;
      }
      case 'N':
      case 'F': {
        const t = ascii(bytes, start, end).replace(/\0/g, '').trim();
        if (t === '') out[f.name] = null;
        else if (t.length > 15 && /^[-+]?\d+$/.test(t) && t.replace(/^[-+]?0*/, '').length > 15) out[f.name] = t;
        else {
          // Number() accepts what dBASE writes; "Infinity" / "1e400" / "nan" / "-" / "1.#INF" / "0x1F" are not numbers here.
          const n = Number(t);
          if (Number.isFinite(n) && !/[xXoObBI]/.test(t)) out[f.name] = n;
          else {
            out[f.name] = null;
            onIssue?.({ field: f.name, record: r, raw: t, why: t[0] === '*' && /^\*+$/.test(t) ? 'overflow' : 'number' });
          }
        }
        break;
      }
      case 'L': {
        const c = String.fromCharCode(bytes[start]);
        out[f.name] = 'TtYy'.includes(c) ? true : 'FfNn'.includes(c) ? false : null;
        break;
      }
      case 'D': {
        const t = ascii(bytes, start, end).replace(/\0/g, '').trim();
        const d = parseDbfDate(t);
        out[f.name] = d ?? null;
        if (d === undefined) onIssue?.({ field: f.name, record: r, raw: t, why: 'date' });
        break;
      }
      case 'I':
      case '+': {
        out[f.name] = f.length === 4 ? new DataView(bytes.buffer, bytes.byteOffset + start, 4).getInt32(0, true) : null;
        break;
      }
      case 'O': {
        out[f.name] = f.length === 8 ? new DataView(bytes.buffer, bytes.byteOffset + start, 8).getFloat64(0, true) : null;
        break;
      }
      default:
        out[f.name] = null;
    }
  }
  return out;
}
