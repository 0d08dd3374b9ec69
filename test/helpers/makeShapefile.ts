/**
 * Fixture builder for the import tests: writes .shp/.shx/.dbf/.prj/.cpg bytes by hand (no GIS library) and zips
 * them with fflate. Projection to Gauss-Krüger / UTM uses an independent Krüger-series implementation (Karney
 * 2011, to n⁴: error ≈ A·n⁵ < 0.1 mm), so reading the files back through proj4 tests proj4 definitions against
 * separate math rather than against themselves.
 */
import { zipSync } from 'fflate';

// ---------- Transverse Mercator (Krüger series) ----------

export interface TmParams {
  a: number;
  rf: number;
  lon0: number;
  k0: number;
  x0: number;
  y0: number;
}

export function tmForward(p: TmParams, lon: number, lat: number): [number, number] {
  const f = 1 / p.rf;
  const n = f / (2 - f);
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  const A = (p.a / (1 + n)) * (1 + n2 / 4 + n4 / 64);
  const alpha = [
    n / 2 - (2 / 3) * n2 + (5 / 16) * n3 + (41 / 180) * n4,
    (13 / 48) * n2 - (3 / 5) * n3 + (557 / 1440) * n4,
    (61 / 240) * n3 - (103 / 140) * n4,
    (49561 / 161280) * n4,
  ];
  const e = Math.sqrt(f * (2 - f));
  const phi = (lat * Math.PI) / 180;
  const lam = ((lon - p.lon0) * Math.PI) / 180;
  const s = Math.sin(phi);
  const t = Math.sinh(Math.atanh(s) - e * Math.atanh(e * s));
  const xi1 = Math.atan2(t, Math.cos(lam));
  const eta1 = Math.atanh(Math.sin(lam) / Math.sqrt(1 + t * t));
  let xi = xi1;
  let eta = eta1;
  for (let j = 1; j <= 4; j++) {
    xi += alpha[j - 1] * Math.sin(2 * j * xi1) * Math.cosh(2 * j * eta1);
    eta += alpha[j - 1] * Math.cos(2 * j * xi1) * Math.sinh(2 * j * eta1);
  }
  return [p.x0 + p.k0 * A * eta, p.y0 + p.k0 * A * xi];
}

export const GRS80 = { a: 6378137, rf: 298.257222101 };
export const WGS84 = { a: 6378137, rf: 298.257223563 };
export const IAG75 = { a: 6378140, rf: 298.257 };
export const KRASSOWSKY = { a: 6378245, rf: 298.3 };

// ---------- GBK encoding (from the platform's GBK decoder, reversed) ----------

let gbkTable: Map<string, number[]> | undefined;

export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let b1 = 0x81; b1 <= 0xfe; b1++)
      for (let b2 = 0x40; b2 <= 0xfe; b2++) {
        if (b2 === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([b1, b2]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [b1, b2]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

// ---------- .shp / .shx ----------

/** A polygon record: rings in native coordinates, in Shapefile order (outer clockwise, holes counter-clockwise). */
export type ShpRecord = number[][][] | null;

export function writeShpShx(records: readonly ShpRecord[]): { shp: Uint8Array; shx: Uint8Array } {
  const contents: Uint8Array[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rec of records) {
    if (rec === null) {
      const c = new Uint8Array(4);
      new DataView(c.buffer).setInt32(0, 0, true);
      contents.push(c);
      continue;
    }
    const pts = rec.flat();
    const c = new Uint8Array(44 + 4 * rec.length + 16 * pts.length);
    const dv = new DataView(c.buffer);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const b = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    minX = Math.min(minX, b[0]);
    minY = Math.min(minY, b[1]);
    maxX = Math.max(maxX, b[2]);
    maxY = Math.max(maxY, b[3]);
    dv.setInt32(0, 5, true);
    for (let i = 0; i < 4; i++) dv.setFloat64(4 + 8 * i, b[i], true);
    dv.setInt32(36, rec.length, true);
    dv.setInt32(40, pts.length, true);
    let start = 0;
    rec.forEach((ring, i) => {
      dv.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    const at = 44 + 4 * rec.length;
    pts.forEach((p, i) => {
      dv.setFloat64(at + 16 * i, p[0], true);
      dv.setFloat64(at + 16 * i + 8, p[1], true);
    });
    contents.push(c);
  }
  const shpLen = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shp = new Uint8Array(shpLen);
  const shx = new Uint8Array(100 + 8 * records.length);
  const header = (buf: Uint8Array, len: number) => {
    const dv = new DataView(buf.buffer);
    dv.setInt32(0, 9994, false);
    dv.setInt32(24, len / 2, false);
    dv.setInt32(28, 1000, true);
    dv.setInt32(32, 5, true);
    const bb = [minX, minY, maxX, maxY];
    for (let i = 0; i < 4; i++) dv.setFloat64(36 + 8 * i, Number.isFinite(bb[i]) ? bb[i] : 0, true);
  };
  header(shp, shpLen);
  header(shx, shx.length);
  const sdv = new DataView(shp.buffer);
  const xdv = new DataView(shx.buffer);
  let p = 100;
  contents.forEach((c, i) => {
    sdv.setInt32(p, i + 1, false);
    sdv.setInt32(p + 4, c.length / 2, false);
    shp.set(c, p + 8);
    xdv.setInt32(100 + 8 * i, p / 2, false);
    xdv.setInt32(104 + 8 * i, c.length / 2, false);
    p += 8 + c.length;
  });
  return { shp, shx };
}

// ---------- .dbf ----------

export interface DbfFieldSpec {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

export function writeDbf(fields: readonly DbfFieldSpec[], rows: readonly Record<string, unknown>[], encode: (s: string) => Uint8Array, ldid = 0): Uint8Array {
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const dv = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = 126;
  out[2] = 1;
  out[3] = 1;
  dv.setUint32(4, rows.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  out[29] = ldid;
  fields.forEach((f, i) => {
    const p = 32 + 32 * i;
    for (let k = 0; k < f.name.length && k < 10; k++) out[p + k] = f.name.charCodeAt(k);
    out[p + 11] = f.type.charCodeAt(0);
    out[p + 16] = f.length;
    out[p + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let p = headerLength + r * recordLength;
    out[p++] = 0x20;
    for (const f of fields) {
      const v = row[f.name];
      let bytes: Uint8Array;
      if (f.type === 'N') {
        const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : (v as number).toFixed(f.decimals ?? 0);
        bytes = new TextEncoder().encode(s.padStart(f.length, ' '));
      } else {
        const enc = encode(v === null || v === undefined ? '' : String(v));
        bytes = new Uint8Array(f.length).fill(0x20);
        bytes.set(enc.subarray(0, f.length));
      }
      if (bytes.length !== f.length) throw new Error(`value of ${f.name} does not fit ${f.length} bytes`);
      out.set(bytes, p);
      p += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Zip named files with a fixed timestamp, so rebuilt fixtures are byte-identical. */
export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [name, bytes] of Object.entries(files)) entries[name] = [bytes, { mtime: new Date('2024-01-01T00:00:00Z') }];
  return zipSync(entries, { level: 6 });
}

/** A field of writeDbfRaw: any type letter (or raw type byte), a raw name (bytes) when testing broken descriptors. */
export interface RawDbfField {
  name: string | Uint8Array;
  type: string | number;
  length: number;
  decimals?: number;
}

/**
 * A .dbf with values written exactly as given (already encoded, padded with blanks): for dates, logicals,
 * overflow asterisks and broken descriptors that writeDbf would not produce.
 */
export function writeDbfRaw(fields: readonly RawDbfField[], rows: readonly (string | Uint8Array)[][], opts: { ldid?: number; encode?: (s: string) => Uint8Array } = {}): Uint8Array {
  const encode = opts.encode ?? ((s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0) & 0xff)));
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const dv = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = 124;
  out[2] = 1;
  out[3] = 1;
  dv.setUint32(4, rows.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  out[29] = opts.ldid ?? 0;
  fields.forEach((f, i) => {
    const p = 32 + 32 * i;
    const name = typeof f.name === 'string' ? encode(f.name) : f.name;
    out.set(name.subarray(0, 11), p);
    out[p + 11] = typeof f.type === 'number' ? f.type : f.type.charCodeAt(0);
    out[p + 16] = f.length;
    out[p + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let p = headerLength + r * recordLength;
    out[p++] = 0x20;
    fields.forEach((f, i) => {
      const v = row[i];
      const b = typeof v === 'string' ? encode(v) : v;
      const cell = new Uint8Array(f.length).fill(0x20);
      cell.set(b.subarray(0, f.length));
      out.set(cell, p);
      p += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}
