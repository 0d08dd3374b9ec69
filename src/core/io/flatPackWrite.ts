/**
 * Writing a layer pack (flatPack.ts): a flat collection's arrays, positions as delta-coded integers when a number of
 * decimals gives every one back exactly, and its properties in columns.
 */
import type { FlatCollection } from './flatGeojson';
import { type ColumnHeader, DISTINCT_SHARE, MAX_DECIMALS, PACK_MAGIC, type PackHeader, type Section, type SectionType, VERSION } from './flatPack';

class Writer {
  readonly sections: Section[] = [];
  readonly chunks: Uint8Array[] = [];

  add(name: string, type: SectionType, bytes: Uint8Array): string {
    this.sections.push({ name, type, bytes: bytes.length });
    this.chunks.push(bytes);
    return name;
  }

  json(name: string, value: unknown): string {
    return this.add(name, 'json', new TextEncoder().encode(JSON.stringify(value)));
  }
}

/** Unsigned varints (LEB128, 7 bits a byte) of non-negative integers below 2^53. */
class VarintOut {
  buf = new Uint8Array(1 << 16);
  n = 0;

  put(v: number): void {
    if (this.n + 8 > this.buf.length) {
      const b = new Uint8Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    while (v >= 128) {
      this.buf[this.n++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.n++] = v;
  }

  /** A signed integer, zigzag-coded. */
  putSigned(v: number): void {
    this.put(v >= 0 ? 2 * v : -2 * v - 1);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

/** The fewest decimals (0–12) at which every position comes back as the same double, or null (also for a −0). */
function decimalsFor(xs: Float64Array, ys: Float64Array): number | null {
  let d = 0;
  const ok = (v: number, s: number) => {
    const k = Math.round(v * s);
    return Math.abs(k) <= Number.MAX_SAFE_INTEGER / 4 && Object.is(k / s, v);
  };
  for (const a of [xs, ys]) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (Object.is(v, -0)) return null; // an integer −0 would come back +0
      while (!ok(v, 10 ** d)) if (++d > MAX_DECIMALS) return null;
    }
  }
  return d;
}

/** Where a value holds a number JSON text would not give back (−0, ±Infinity, NaN), or undefined. */
function jsonChanges(v: unknown, where: string): string | undefined {
  if (typeof v === 'number') return Object.is(v, -0) || !Number.isFinite(v) ? `${where} holds ${Object.is(v, -0) ? '-0' : String(v)}` : undefined;
  if (v === null || typeof v !== 'object') return undefined;
  for (const [k, x] of Object.entries(v)) {
    const r = jsonChanges(x, `${where}.${k}`);
    if (r) return r;
  }
  return undefined;
}

/** Whether every string is one common prefix then the same number (1–15) of decimal digits: that prefix and width. */
function digitShape(strs: readonly string[]): { prefix: string; width: number } | undefined {
  const first = strs[0];
  const len = first.length;
  let lcp = len;
  for (const x of strs) {
    if (x.length !== len) return undefined;
    let k = 0;
    while (k < lcp && x.charCodeAt(k) === first.charCodeAt(k)) k++;
    lcp = k;
  }
  const width = len - lcp;
  if (width < 1 || width > 15) return undefined;
  for (const x of strs)
    for (let k = lcp; k < len; k++) {
      const c = x.charCodeAt(k);
      if (c < 48 || c > 57) return undefined;
    }
  return { prefix: first.slice(0, lcp), width };
}

function writeColumn(w: Writer, name: string, values: readonly unknown[]): ColumnHeader {
  const n = values.length;
  const kinds = new Uint8Array(n);
  const nums: number[] = [];
  const strs: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) kinds[i] = 0;
    else if (v === false) kinds[i] = 1;
    else if (v === true) kinds[i] = 2;
    else if (typeof v === 'number') {
      kinds[i] = 3;
      nums.push(v);
    } else if (typeof v === 'string') {
      kinds[i] = 4;
      strs.push(v);
    } else if (v === undefined) kinds[i] = 5;
    else throw new Error(`${name}: value ${i + 1} is ${Array.isArray(v) ? 'an array' : typeof v}: a pack holds flat properties only`);
  }
  const col: ColumnHeader = {};
  if (n > 0 && kinds.every((k) => k === kinds[0])) col.only = kinds[0];
  else col.kinds = w.add(`${name}.kinds`, 'u8', kinds);
  if (nums.length > 0) {
    const ints = nums.every((v) => Number.isInteger(v) && !Object.is(v, -0) && v >= -0x80000000 && v <= 0x7fffffff);
    let min = nums[0];
    let max = nums[0];
    for (const v of nums) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!ints) col.numbers = w.add(`${name}.numbers`, 'f64', new Uint8Array(Float64Array.from(nums).buffer));
    else if (min >= -128 && max <= 127) col.numbers = w.add(`${name}.numbers`, 'i8', new Uint8Array(Int8Array.from(nums).buffer));
    else if (min >= -32768 && max <= 32767) col.numbers = w.add(`${name}.numbers`, 'i16', new Uint8Array(Int16Array.from(nums).buffer));
    else col.numbers = w.add(`${name}.numbers`, 'i32', new Uint8Array(Int32Array.from(nums).buffer));
  }
  if (strs.length > 0) {
    const index = new Map<string, number>();
    for (const s of strs) if (!index.has(s)) index.set(s, index.size);
    const digits = index.size > strs.length * DISTINCT_SHARE ? digitShape(strs) : undefined;
    if (digits) {
      const v = new VarintOut();
      let prev = 0;
      for (const x of strs) {
        const k = Number(x.slice(digits.prefix.length));
        v.putSigned(k - prev);
        prev = k;
      }
      col.digits = digits.width;
      if (digits.prefix !== '') col.digitPrefix = digits.prefix;
      col.digitStrings = w.add(`${name}.digits`, 'varint', v.bytes());
    } else if (index.size > strs.length * DISTINCT_SHARE) col.strings = w.json(`${name}.strings`, strs);
    else {
      const codes = strs.map((s) => index.get(s) as number);
      const size = index.size;
      col.codes =
        size <= 0x100
          ? w.add(`${name}.codes`, 'u8', Uint8Array.from(codes))
          : size <= 0x10000
          ? w.add(`${name}.codes`, 'u16', new Uint8Array(Uint16Array.from(codes).buffer))
          : w.add(`${name}.codes`, 'u32', new Uint8Array(Uint32Array.from(codes).buffer));
      col.strings = w.json(`${name}.dict`, [...index.keys()]);
    }
  }
  return col;
}

/**
 * A flat collection as a pack's bytes.
 *
 * @param fc - the collection (flatGeojson.ts scanFlatCollection's answer, or packable's)
 * @param written - when and from what it was written, kept in the header (not in the collection)
 * @returns the pack
 * @throws Error when a property or id is not a string, number, boolean or null (the flat scanner never gives one)
 * @example
 * const fc = scanFlatCollection(bytes);
 * if (fc) writeFileSync('cultivated.fpk', writePack(fc, { at: new Date().toISOString(), by: 'farmland pack' }));
 */
export function writePack(fc: FlatCollection, written?: PackHeader['written']): Uint8Array {
  const { store, count } = fc;
  // the root's members travel as JSON in the header: a number JSON would change (−0, 1e400 read as Infinity) is refused
  const odd = jsonChanges(fc.root, 'the collection');
  if (odd) throw new Error(`${odd}: a pack keeps the collection's own members as JSON`);
  const w = new Writer();
  const positions = store.xs.length;
  const counts = (starts: Int32Array) => {
    const v = new VarintOut();
    for (let i = 0; i + 1 < starts.length; i++) v.put(starts[i + 1] - starts[i]);
    return v.bytes();
  };
  w.add('featureParts', 'varint', counts(store.featurePart));
  w.add('partRings', 'varint', counts(store.partStart));
  w.add('ringPositions', 'varint', counts(store.ringStart));
  w.add('multi', 'u8', store.multi.slice(0, count));
  const decimals = decimalsFor(store.xs, store.ys);
  if (decimals === null) {
    w.add('xs', 'f64', new Uint8Array(store.xs.slice().buffer));
    w.add('ys', 'f64', new Uint8Array(store.ys.slice().buffer));
  } else {
    const s = 10 ** decimals;
    const v = new VarintOut();
    let px = 0;
    let py = 0;
    for (let i = 0; i < positions; i++) {
      const x = Math.round(store.xs[i] * s);
      const y = Math.round(store.ys[i] * s);
      v.putSigned(x - px);
      v.putSigned(y - py);
      px = x;
      py = y;
    }
    w.add('positions', 'varint', v.bytes());
  }
  const ids = writeColumn(w, 'id', fc.ids.slice(0, count));
  // shapes: each distinct list of names; then one column per name over the rows that have it
  const shapeIndex = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeOf = new Uint32Array(count);
  const columns = new Map<string, unknown[]>();
  for (let i = 0; i < count; i++) {
    const p = fc.properties[i];
    if (p === null || p === undefined) {
      shapeOf[i] = 0xffffffff;
      continue;
    }
    const names = Object.keys(p);
    const key = JSON.stringify(names);
    let s = shapeIndex.get(key);
    if (s === undefined) {
      s = shapes.length;
      shapeIndex.set(key, s);
      shapes.push(names);
    }
    shapeOf[i] = s;
    for (const k of names) {
      let c = columns.get(k);
      if (!c) {
        c = [];
        columns.set(k, c);
      }
      c.push(p[k]);
    }
  }
  for (let i = 0; i < count; i++) if (shapeOf[i] === 0xffffffff) shapeOf[i] = shapes.length;
  const ns = shapes.length + 1;
  w.add('shape', ns <= 0x100 ? 'u8' : ns <= 0x10000 ? 'u16' : 'u32', ns <= 0x100 ? Uint8Array.from(shapeOf) : ns <= 0x10000 ? new Uint8Array(Uint16Array.from(shapeOf).buffer) : new Uint8Array(shapeOf.buffer));
  const cols: Record<string, ColumnHeader> = {};
  let c = 0;
  const colNames = new Map<string, string>();
  for (const [k, values] of columns) {
    const section = `c${c++}`;
    colNames.set(k, section);
    Object.defineProperty(cols, k, { value: writeColumn(w, section, values), enumerable: true, writable: true, configurable: true });
  }
  const header: PackHeader = {
    format: 'farmland-pack',
    version: VERSION,
    ...(written ? { written } : {}),
    root: fc.root,
    count,
    positions,
    rings: store.ringStart.length - 1,
    parts: store.partStart.length - 1,
    decimals,
    ids,
    shapes,
    columns: cols,
    sections: w.sections,
  };
  const head = new TextEncoder().encode(JSON.stringify(header));
  const pad = (n: number) => (8 - (n % 8)) % 8;
  let total = PACK_MAGIC.length + 4 + head.length;
  total += pad(total);
  for (const ch of w.chunks) total += ch.length + pad(ch.length);
  const out = new Uint8Array(total);
  out.set(PACK_MAGIC, 0);
  new DataView(out.buffer).setUint32(PACK_MAGIC.length, head.length, true);
  let o = PACK_MAGIC.length + 4;
  out.set(head, o);
  o += head.length;
  o += pad(o);
  for (const ch of w.chunks) {
    out.set(ch, o);
    o += ch.length + pad(ch.length);
  }
  return out;
}
