/**
 * dBASE III/IV (.dbf) reader for Shapefile attributes, with the text encoding under the caller's control
 * (encoding.ts decides it). Bytes in, plain records out; problems are returned, never thrown.
 *
 * Values: C → string (trailing blanks removed; blank → ""), N/F → number (blank → null; integers of more than
 * 15 digits stay strings so codes keep every digit), L → boolean | null, D → "YYYY-MM-DD" | null, I → int32,
 * others → null.
 */

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
}

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
  let offset = 1;
  for (let p = 32; p + 32 <= headerLength && bytes[p] !== 0x0d; p += 32) {
    let end = p;
    while (end < p + 11 && bytes[end] !== 0) end++;
    const type = String.fromCharCode(bytes[p + 11]).toUpperCase();
    const length = bytes[p + 16];
    const decimals = bytes[p + 17];
    fields.push({ name: '', type, length, decimals, offset, nameBytes: bytes.subarray(p, end) });
    offset += length;
  }
  if (offset > recordLength)
    return { error: `.dbf 字段总长 ${offset} 超过记录长度 ${recordLength} / .dbf fields (${offset} bytes) exceed the record length ${recordLength}` };
  const available = Math.max(0, Math.min(recordCount, Math.floor((bytes.length - headerLength) / recordLength)));
  return { version, recordCount, headerLength, recordLength, ldid, fields, available };
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

/** Decode field names with the chosen encoding; duplicates get a suffix (_2, _3 …). */
export function nameFields(h: DbfHeader, decoder: TextDecoder): void {
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

/** Read record `r` (0-based) into a plain object keyed by field name. Call nameFields first. */
export function readDbfRecord(bytes: Uint8Array, h: DbfHeader, r: number, decoder: TextDecoder): Record<string, unknown> {
  const base = h.headerLength + r * h.recordLength;
  const out: Record<string, unknown> = {};
  for (const f of h.fields) {
    const start = base + f.offset;
    let end = start + f.length;
    switch (f.type) {
      case 'C': {
        while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
        out[f.name] = decoder.decode(bytes.subarray(start, end));
        break;
      }
      case 'N':
      case 'F': {
        const t = ascii(bytes, start, end).replace(/\0/g, '').trim();
        if (t === '' || /^\*+$/.test(t)) out[f.name] = null;
        else if (/^[-+]?\d+$/.test(t) && t.replace(/^[-+]?0*/, '').length > 15) out[f.name] = t;
        else {
          const n = Number(t);
          out[f.name] = Number.isFinite(n) ? n : null;
        }
        break;
      }
      case 'L': {
        const c = String.fromCharCode(bytes[start]).toUpperCase();
        out[f.name] = 'TY'.includes(c) ? true : 'FN'.includes(c) ? false : null;
        break;
      }
      case 'D': {
        const t = ascii(bytes, start, end).trim();
        out[f.name] = /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
        break;
      }
      case 'I': {
        out[f.name] = f.length === 4 ? new DataView(bytes.buffer, bytes.byteOffset + start, 4).getInt32(0, true) : null;
        break;
      }
      default:
        out[f.name] = null;
    }
  }
  return out;
}
