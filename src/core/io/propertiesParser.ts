/**
 * Features' properties objects read straight from the file's bytes (issue 14 item 8: the 500k county's load).
 *
 * The flat scanner (flatGeojson.ts) used to copy every feature's properties into 4 MB buffers, decode each to a string
 * and JSON.parse it: at 500k parcels ~2.8 s of the engine worker's CPU, most of it making a new string for every value
 * (JSON.parse keeps one copy only of values up to 10 characters) that the string pool (layers/stringPool.ts) then
 * threw away again. This parser reads a properties object's members from the bytes and gives back the same object
 * JSON.parse would — same keys in the same order, same values — but
 * - a member name is recognised by its bytes (the same names come in the same order on every feature): no new string;
 * - a string value is looked up by its bytes in a per-field table, so a repeated value (地类名称, village code and
 *   name…) is decoded once and shared; a field whose values do not repeat (BSM) is left out of the table after
 *   `PROBE` values, as the string pool does;
 * - a number is read in place (io/jsonNumber.ts: exactly as JSON.parse rounds it).
 * Anything else — an escape in a string, a nested value (the scanner already rejects those), bad syntax, bad UTF-8 —
 * goes to JSON.parse of that one object's bytes, which gives the same value or the same error as before.
 */

import { JsonNumberReader } from './jsonNumber';

/** Thrown (one preallocated instance) to hand an object to JSON.parse. */
const SLOW = new Error('propertiesParser: slow path');

/**
 * ignoreBOM: a string's own leading U+FEFF is kept (a decoder drops it at the start of each decode, and each string
 * here is a decode of its own; JSON.parse of the whole object keeps it — a CSV-born "\uFEFFBSM" name, say).
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Values of a field looked at before deciding whether it repeats (as layers/stringPool.ts). */
const PROBE = 512;
/** Longest string value kept in a table (longer ones are rare and seldom repeat). */
const MAX_POOLED = 256;
/**
 * Member names remembered (each with its value table). A file whose features each carry names of their own would
 * otherwise grow a table per name; past this many, a new name gets no table (its values are decoded as they come).
 */
const MAX_NAMES = 1024;

/**
 * Bytes [s, e) as a string: short ASCII by char codes (up to 12 by concatenation, which V8 keeps flat below 13
 * characters; up to 64 in one fromCharCode), anything else by the fatal UTF-8 decoder (which validates it).
 */
function decodeString(b: Uint8Array, s: number, e: number, ascii: boolean, codes: CharCodes): string {
  const n = e - s;
  if (!ascii || n > 64) return UTF8.decode(b.subarray(s, e));
  if (n <= 12) {
    let str = '';
    for (let k = s; k < e; k++) str += String.fromCharCode(b[k]);
    return str;
  }
  // (the codes in the parser's own array for this length, reused for every string of it: a subarray per string was
  // ~100 B of garbage for each parcel's BSM, and one array whose length changed would be trimmed and grown again;
  // bounded length, so no argument-count limit is reached)
  let c = codes[n];
  if (c === undefined) codes[n] = c = new Array<number>(n).fill(0);
  for (let k = 0; k < n; k++) c[k] = b[s + k];
  return String.fromCharCode.apply(null, c);
}

/** decodeString's scratch: an array of char codes per string length (13–64), made when first needed. */
type CharCodes = (number[] | undefined)[];

/** FNV-1a of bytes [s, e) (exported for the test's collision case). */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 0x01000193);
  return h >>> 0;
}

/**
 * One field's string values by their bytes: an open-addressing table of hashes, string and the bytes (in an arena)
 * it was decoded from. Gives up (off) like the string pool when most values of a window are new.
 */
class ValueTable {
  private hashes = new Int32Array(16);
  private slots: (string | undefined)[] = new Array<string | undefined>(16);
  private starts = new Int32Array(16);
  private lens = new Int32Array(16);
  private arena = new Uint8Array(256);
  private used = 0;
  private size = 0;
  private seen = 0;
  private added = 0;
  off = false;

  /** `codes`: the parser's scratch for decodeString (per parser, never shared between parses). */
  constructor(private readonly codes: CharCodes) {}

  /** A table that keeps nothing: every value decoded as it comes. */
  static none(codes: CharCodes): ValueTable {
    const t = new ValueTable(codes);
    t.release();
    return t;
  }

  /** The string of bytes [s, e), shared with earlier equal values while the field repeats. */
  get(b: Uint8Array, s: number, e: number, ascii: boolean): string {
    if (this.off || e - s > MAX_POOLED) return decodeString(b, s, e, ascii, this.codes);
    const h = hashBytes(b, s, e) | 0;
    const mask = this.hashes.length - 1;
    const len = e - s;
    let i = h & mask;
    for (;;) {
      const v = this.slots[i];
      if (v === undefined) break;
      if (this.hashes[i] === h && this.lens[i] === len && this.sameBytes(b, s, this.starts[i], len)) {
        this.count(false);
        return v;
      }
      i = (i + 1) & mask;
    }
    const str = decodeString(b, s, e, ascii, this.codes);
    this.count(true);
    if (this.off) return str;
    if (this.used + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      a.set(this.arena.subarray(0, this.used));
      this.arena = a;
    }
    this.arena.set(b.subarray(s, e), this.used);
    this.hashes[i] = h;
    this.slots[i] = str;
    this.starts[i] = this.used;
    this.lens[i] = len;
    this.used += len;
    if (++this.size * 2 > this.hashes.length) this.grow();
    return str;
  }

  private sameBytes(b: Uint8Array, s: number, at: number, len: number): boolean {
    const a = this.arena;
    for (let k = 0; k < len; k++) if (a[at + k] !== b[s + k]) return false;
    return true;
  }

  private count(isNew: boolean): void {
    this.seen++;
    if (isNew) this.added++;
    if (this.seen === PROBE) {
      if (this.added * 2 > PROBE) this.release();
      this.seen = 0;
      this.added = 0;
    }
  }

  /** The field does not repeat: its table is let go. */
  private release(): void {
    this.off = true;
    this.hashes = new Int32Array(0);
    this.slots = [];
    this.starts = new Int32Array(0);
    this.lens = new Int32Array(0);
    this.arena = new Uint8Array(0);
  }

  private grow(): void {
    const n = this.hashes.length * 2;
    const hashes = new Int32Array(n);
    const slots = new Array<string | undefined>(n);
    const starts = new Int32Array(n);
    const lens = new Int32Array(n);
    const mask = n - 1;
    for (let j = 0; j < this.hashes.length; j++) {
      const v = this.slots[j];
      if (v === undefined) continue;
      let i = this.hashes[j] & mask;
      while (slots[i] !== undefined) i = (i + 1) & mask;
      hashes[i] = this.hashes[j];
      slots[i] = v;
      starts[i] = this.starts[j];
      lens[i] = this.lens[j];
    }
    this.hashes = hashes;
    this.slots = slots;
    this.starts = starts;
    this.lens = lens;
  }
}

/** A member name seen at some position of the object: its bytes, its string and its field's value table. */
interface KeySlot {
  bytes: Uint8Array;
  name: string;
  values: ValueTable;
}

/**
 * Reads flat properties objects (members whose values are strings, numbers, true, false or null) from UTF-8 bytes.
 * One parser per scan (its tables live as long as the scan): scans never share one.
 */
export class PropertiesParser {
  /** The name met at each member position of the last object (names come in the same order on every feature). */
  private readonly atPosition: (KeySlot | undefined)[] = [];
  private readonly byName = new Map<string, KeySlot>();
  /** decodeString's char codes: scratch, filled and read within one call. */
  private readonly codes: CharCodes = [];
  /** The value table of names past MAX_NAMES: keeps nothing. */
  private readonly noTable = ValueTable.none(this.codes);

  /**
   * The object in bytes [s, e) (from its '{' to just after its '}'), equal to `JSON.parse` of those bytes decoded as
   * UTF-8; throws what that would throw.
   *
   * @param b - the file's bytes
   * @param s - index of the object's '{'
   * @param e - index just after its '}'
   * @returns the properties object
   * @example
   * new PropertiesParser().parse(new TextEncoder().encode('{"DLBM":"0101","TBMJ":12.5}'), 0, 27); // { DLBM: '0101', TBMJ: 12.5 }
   */
  parse(b: Uint8Array, s: number, e: number): Record<string, unknown> {
    try {
      return this.fast(b, s, e);
    } catch (err) {
      if (err !== SLOW) throw err;
      const v: unknown = JSON.parse(UTF8.decode(b.subarray(s, e)));
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SyntaxError('properties: not an object');
      return v as Record<string, unknown>;
    }
  }

  private fast(b: Uint8Array, s: number, e: number): Record<string, unknown> {
    if (b[s] !== 0x7b) throw SLOW;
    const o: Record<string, unknown> = {};
    let p = ws(b, s + 1, e);
    if (b[p] === 0x7d) {
      if (p + 1 !== e) throw SLOW;
      return o;
    }
    for (let k = 0; ; k++) {
      if (b[p] !== 0x22) throw SLOW;
      const ks = p + 1;
      const ke = this.stringEnd(b, ks, e);
      const slot = this.key(b, ks, ke, k, this.ascii);
      p = ws(b, ke + 1, e);
      if (b[p] !== 0x3a) throw SLOW;
      p = ws(b, p + 1, e);
      const c = b[p];
      let v: unknown;
      if (c === 0x22) {
        const vs = p + 1;
        const ve = this.stringEnd(b, vs, e);
        v = slot.values.get(b, vs, ve, this.ascii);
        p = ve + 1;
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        v = this.number(b, p, e);
        p = this.numEnd;
      } else if (c === 0x74 && b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65) {
        v = true;
        p += 4;
      } else if (c === 0x66 && b[p + 1] === 0x61 && b[p + 2] === 0x6c && b[p + 3] === 0x73 && b[p + 4] === 0x65) {
        v = false;
        p += 5;
      } else if (c === 0x6e && b[p + 1] === 0x75 && b[p + 2] === 0x6c && b[p + 3] === 0x6c) {
        v = null;
        p += 4;
      } else throw SLOW;
      // an own "__proto__" member, as JSON.parse makes it (a plain assignment would set the prototype)
      if (slot.name === '__proto__') Object.defineProperty(o, '__proto__', { value: v, writable: true, enumerable: true, configurable: true });
      else o[slot.name] = v;
      p = ws(b, p, e);
      if (b[p] === 0x2c) {
        p = ws(b, p + 1, e);
        continue;
      }
      if (b[p] === 0x7d && p + 1 === e) return o;
      throw SLOW;
    }
  }

  /** Whether the last string read by stringEnd was all ASCII. */
  private ascii = true;
  /** End (exclusive) of the number last read. */
  private numEnd = 0;
  private readonly num = new JsonNumberReader();

  /** From just after an opening quote: the index of the closing quote. An escape or a control character: SLOW. */
  private stringEnd(b: Uint8Array, p: number, e: number): number {
    let hi = 0;
    while (p < e) {
      const c = b[p];
      if (c === 0x22) {
        this.ascii = hi < 0x80;
        return p;
      }
      if (c === 0x5c || c < 0x20) throw SLOW;
      hi |= c;
      p++;
    }
    throw SLOW;
  }

  /** The slot of the name in bytes [s, e) at member position k (Chinese names too: 地类名称…). */
  private key(b: Uint8Array, s: number, e: number, k: number, ascii: boolean): KeySlot {
    const last = this.atPosition[k];
    if (last !== undefined && sameAs(b, s, e, last.bytes)) return last;
    const name = decodeString(b, s, e, ascii, this.codes);
    let slot = this.byName.get(name);
    if (slot === undefined) {
      const kept = this.byName.size < MAX_NAMES;
      slot = { bytes: b.slice(s, e), name, values: kept ? new ValueTable(this.codes) : this.noTable };
      if (kept) this.byName.set(name, slot);
    }
    this.atPosition[k] = slot;
    return slot;
  }

  /** A JSON number at p (io/jsonNumber.ts; not one, or running past the object: SLOW); sets numEnd. */
  private number(b: Uint8Array, p: number, e: number): number {
    const num = this.num;
    const v = num.read(b, p);
    if (Number.isNaN(v) || num.end > e) throw SLOW; // not a JSON number, or past the object
    this.numEnd = num.end;
    return v;
  }
}

function ws(b: Uint8Array, p: number, e: number): number {
  while (p < e) {
    const c = b[p];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return p;
    p++;
  }
  return p;
}

function sameAs(b: Uint8Array, s: number, e: number, lit: Uint8Array): boolean {
  if (e - s !== lit.length) return false;
  for (let k = 0; k < lit.length; k++) if (b[s + k] !== lit[k]) return false;
  return true;
}
