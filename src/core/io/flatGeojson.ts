/**
 * Fast path for loading a big GeoJSON FeatureCollection of polygons: the bytes are scanned directly, positions go
 * into flat typed arrays, and features' `properties` are read from their bytes by a PropertiesParser
 * (io/propertiesParser.ts: repeated names and values decoded once). At 500k parcels this skips the ~5M little `[x, y]`
 * arrays that `JSON.parse` builds (and that validation then walks again).
 *
 * Contract: `scanFlatCollection` returns either what `JSON.parse(new TextDecoder('utf-8', { fatal: true })
 * .decode(bytes))` gives, in flat form, or `null` — whenever anything is unusual (invalid JSON or UTF-8, a member
 * other than the plain ones, a non-polygon or invalid geometry, coordinates outside lon/lat, nested attributes …);
 * the caller then takes the general path, which reports the problem. It never throws.
 *
 * Numbers: io/jsonNumber.ts (strict JSON grammar, rounded exactly as JSON.parse rounds them).
 *
 * Longer than our 400-line habit on purpose: one hand-written scanner whose parse functions call each other in the
 * hot loop and share the per-call state (one Scanner class); split across files they would lose that.
 */

import { JsonNumberReader } from './jsonNumber';
import { PropertiesParser } from './propertiesParser';

/** All polygons of a collection in flat arrays. Ring r = positions [ringStart[r], ringStart[r+1]); part (polygon) p = rings [partStart[p], partStart[p+1]); feature i = parts [featurePart[i], featurePart[i+1]). */
export interface FlatStore {
  /**
   * Exactly `positions` long, each in its own ArrayBuffer (trimmed copies, not views of a bigger buffer). Scanned
   * with `shared`: views of SharedArrayBuffers (as are the offsets and bbox), whose tails were never written.
   */
  xs: Float64Array;
  ys: Float64Array;
  /** rings + 1 */
  ringStart: Int32Array;
  /** parts + 1 */
  partStart: Int32Array;
  /** count + 1 */
  featurePart: Int32Array;
  /** per feature: 1 = "MultiPolygon", 0 = "Polygon" */
  multi: Uint8Array;
  /** per feature [minX, minY, maxX, maxY] (4 per feature), over all its positions */
  bbox: Float64Array;
}

export interface FlatCollection {
  /** The root object's members other than "features", each parsed by JSON.parse of its own byte slice, in source order (so root.type === 'FeatureCollection', root.crs, root.name …). */
  root: Record<string, unknown>;
  count: number;
  /** Per feature: `id` member value (string or number) or undefined when the feature has no id member. */
  ids: (string | number | undefined)[];
  /** Per feature: its `properties` (object or null), exactly as JSON.parse makes it. */
  properties: (Record<string, unknown> | null)[];
  store: FlatStore;
  /**
   * A layer pack's properties by row (packRows.ts PackRows): `row(i)` is properties[i], built when asked; `namesOf`
   * and `valueOf` give its names and values with no object; `fields()` the fields in order of first appearance with
   * their JSON-type bits. Readers of a pack use it instead
   * of `properties`, which then builds every row.
   */
  rows?: {
    row(i: number): Record<string, unknown> | null;
    namesOf(i: number): readonly string[] | null;
    valueOf(i: number, j: number): unknown;
    fields(): { name: string; mask: number }[];
    columns(kept: (i: number) => boolean): PackColumns;
    distinctIds(idField: (names: readonly string[]) => string | undefined): boolean;
  };
}

/**
 * A pack's columns as they came, for a properties table with no value copied (layers/propsTable.ts
 * `PropsTable.ofColumns`): the shapes (names in order) and after them one with no names, each row's shape (that last
 * one for a row not kept or with null properties), and per field a reader of row i's value.
 */
export interface PackColumns {
  shapes: readonly (readonly string[])[];
  shapeOf: Uint8Array | Uint16Array | Uint32Array;
  columns: Map<string, { get(i: number): unknown; readonly byteLength: number }>;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-call state: every scan gets its own Scanner object holding the cursor and the growing arrays; no per-number
// allocation in the hot loop. Constants and pure helpers stay at module level.

/** Thrown (one preallocated instance, no stack capture per use) to leave the scan; caught in scanFlatCollection. */
const REJECT = new Error('flatGeojson: not on the fast path');

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const LIT_FEATURE = ascii('"Feature"');
const LIT_POLYGON = ascii('"Polygon"');
const LIT_MULTIPOLYGON = ascii('"MultiPolygon"');
const LIT_NULL = ascii('null');
const K_TYPE = ascii('type');
const K_ID = ascii('id');
const K_PROPERTIES = ascii('properties');
const K_GEOMETRY = ascii('geometry');
const K_COORDINATES = ascii('coordinates');
const F_TYPE = 1;
const F_ID = 2;
const F_PROPS = 4;
const F_GEOM = 8;
/**
 * Nesting allowed in a root member's value (crs is 3 deep). Deeper ones go to the general path, whose nesting
 * limit (64 for the whole document) then applies as before.
 */
const ROOT_VALUE_DEPTH = 16;

function growF64(a: Float64Array, min: number): Float64Array {
  const t = new Float64Array(Math.max(a.length * 2, min, 16));
  t.set(a);
  return t;
}
function growI32(a: Int32Array, min: number): Int32Array {
  const t = new Int32Array(Math.max(a.length * 2, min, 16));
  t.set(a);
  return t;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Skip JSON whitespace from p; returns the first non-whitespace index (may be LEN). */
function skipWs(b: Uint8Array, p: number): number {
  let c = b[p];
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
  return p;
}

/** ke at a member name's closing quote: past the ':' and whitespace, at the member's value. */
function valueStart(b: Uint8Array, ke: number): number {
  const p = skipWs(b, ke + 1);
  if (b[p] !== 0x3a) throw REJECT;
  return skipWs(b, p + 1);
}

/**
 * p just after a member's value: the index of the next member's name (past the ',' and whitespace), or, when a '}'
 * closes the object, minus the index just after it (always < 0). Anything else rejects.
 */
function nextMember(b: Uint8Array, p: number): number {
  const q = skipWs(b, p);
  const c = b[q];
  if (c === 0x2c) return skipWs(b, q + 1);
  if (c !== 0x7d) throw REJECT;
  return -(q + 1);
}

/** p just after an array element: at the ',' or ']' that follows it (whitespace skipped); anything else rejects. */
function elementEnd(b: Uint8Array, p: number): number {
  const q = skipWs(b, p);
  const c = b[q];
  if (c !== 0x2c && c !== 0x5d) throw REJECT;
  return q;
}

/** Key name bytes compared in place. */
function keyIs(b: Uint8Array, s: number, e: number, lit: Uint8Array): boolean {
  if (e - s !== lit.length) return false;
  for (let k = 0; k < lit.length; k++) if (b[s + k] !== lit[k]) return false;
  return true;
}

function parseSlice(b: Uint8Array, s: number, e: number): unknown {
  return JSON.parse(UTF8.decode(b.subarray(s, e)));
}

/**
 * The first n values of a growing array, in a buffer of exactly that length. `shared`: in a SharedArrayBuffer, which
 * the engine worker lends to the map's tile worker instead of copying the positions (worker/tiles/packed.ts) — the
 * scan's own shared array as a view when it never had to grow (no copy at the load's peak; its tail was never
 * written, so it is address space, not memory), else a copy.
 */
function trimF64(a: Float64Array, n: number, shared: boolean): Float64Array {
  if (shared) return isSab(a) ? a.subarray(0, n) : copyInto(sharedF64(n), a, n);
  return a.length === n ? a : a.slice(0, n);
}
function trimI32(a: Int32Array, n: number, shared: boolean): Int32Array {
  if (shared) return isSab(a) ? a.subarray(0, n) : copyInto(sharedI32(n), a, n);
  return a.length === n ? a : a.slice(0, n);
}
function copyInto<A extends Float64Array | Int32Array>(to: A, from: A, n: number): A {
  to.set(from.subarray(0, n));
  return to;
}
const isSab = (a: ArrayBufferView): boolean => a.buffer instanceof SharedArrayBuffer;
const sharedF64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * 8));
const sharedI32 = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(n * 4));

/** p at an opening quote; returns the index just after the closing quote (escapes are left to JSON.parse of the slice). */
function stringEnd(b: Uint8Array, p: number): number {
  const len = b.length;
  p++;
  while (p < len) {
    const c = b[p];
    if (c === 0x22) return p + 1;
    if (c === 0x5c) p += 2;
    else p++;
  }
  throw REJECT;
}

/**
 * p at a member name (anything else rejects); returns the index of its closing quote. Names are compared as raw
 * bytes (keyIs): a name with an escape or a control character matches none of the literals, so it rejects there;
 * the root's names, which are parsed, are checked by plainName.
 */
function keyEnd(b: Uint8Array, p: number): number {
  if (b[p] !== 0x22) throw REJECT;
  return stringEnd(b, p) - 1;
}

/** Whether the bytes [s, e) hold no escape and no raw control character (which JSON forbids). */
function plainName(b: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (b[k] === 0x5c || b[k] < 0x20) return false;
  return true;
}

/** Whether b[p..] starts with the ASCII bytes of `lit`. */
function startsWith(b: Uint8Array, p: number, lit: Uint8Array): boolean {
  if (p + lit.length > b.length) return false;
  for (let k = 0; k < lit.length; k++) if (b[p + k] !== lit[k]) return false;
  return true;
}


/**
 * p at a properties object's '{'. Returns the index after its '}'. A nested object or array is rejected. (valueEnd
 * with a depth limit would do, but this flat loop scans the bulk of a file's bytes ~7 % faster: test/bench/dedupe.ts.)
 */
function propertiesEnd(b: Uint8Array, p: number): number {
  const len = b.length;
  p++;
  while (p < len) {
    const c = b[p];
    if (c === 0x22) p = stringEnd(b, p);
    else if (c === 0x7d) return p + 1;
    else if (c === 0x7b || c === 0x5b) throw REJECT;
    else p++;
  }
  throw REJECT;
}

/** The end of any JSON value at p (string-aware bracket matching; the slice is validated by JSON.parse later). */
function valueEnd(b: Uint8Array, p: number): number {
  const c = b[p];
  if (c === 0x22) return stringEnd(b, p);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    const len = b.length;
    while (p < len) {
      const d = b[p];
      if (d === 0x22) {
        p = stringEnd(b, p);
        continue;
      }
      if (d === 0x7b || d === 0x5b) {
        if (++depth > ROOT_VALUE_DEPTH) throw REJECT;
      }
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return p + 1;
      }
      p++;
    }
    throw REJECT;
  }
  const s = p;
  while (p < b.length) {
    const d = b[p];
    if (d === 0x2c || d === 0x7d || d === 0x5d || isWs(d)) break;
    p++;
  }
  if (p === s) throw REJECT;
  return p;
}

/**
 * One scan's state — the context object: the cursor, the growing typed arrays and the feature counters are fields of
 * a Scanner made per call (scanFlatCollection), so scans never share state — one may even run inside another's
 * progress callback. Fields of one class (one hidden class, methods on its prototype) measured as fast as the old
 * module-level variables (test/bench/perCallState.ts); a closure per call was ~5–20 % slower.
 */
class Scanner {
  constructor(
    private readonly onProgress: ((fraction: number) => void) | undefined,
    private readonly shared: boolean,
  ) {}

  /** Length of the bytes being scanned. */
  private LEN = 0;
  /** Cursor into the bytes, between the functions that return it there. */
  private P = 0;
  /** End (exclusive) of the number last read by readNum. */
  private NUM_END = 0;
  private readonly NUM = new JsonNumberReader();

  private XS: Float64Array = new Float64Array(0);
  private YS: Float64Array = new Float64Array(0);
  private NPOS = 0;
  private RING: Int32Array = new Int32Array(0); // ring starts, RING[0] = 0, RING[r + 1] = end of ring r
  private NRING = 0;
  private PART: Int32Array = new Int32Array(0);
  private NPART = 0;
  private FPART: Int32Array = new Int32Array(0);
  private MULTI: Uint8Array = new Uint8Array(0);
  private BBOX: Float64Array = new Float64Array(0);
  /** Property slices: PROPS[2i], PROPS[2i+1] = [start, end) of feature i's properties object, start −1 for null. */
  private PROPS: Int32Array = new Int32Array(0);
  private NFEAT = 0;
  /** Feature bbox being accumulated. */
  private MINX = 0;
  private MINY = 0;
  private MAXX = 0;
  private MAXY = 0;

  private IDS: (string | number | undefined)[] = [];
  /** String ids: feature index, slice start, slice end (with the quotes) — parsed in one batch at the end. */
  private ID_SLICES: number[] = [];

  // ---------------------------------------------------------------------------------------------------------------
  // Lexing helpers

  /** A JSON number at p (io/jsonNumber.ts). Returns its value and sets NUM_END; rejects a syntax error. */
  private readNum(b: Uint8Array, p: number): number {
    const num = this.NUM;
    const v = num.read(b, p);
    if (Number.isNaN(v)) throw REJECT; // not a JSON number
    this.NUM_END = num.end;
    return v;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Geometry

  /** p at a ring's '[' (anything else rejects). Reads its positions into XS/YS, checks the ring, returns the index after its ']'. */
  private parseRing(b: Uint8Array, p: number): number {
    if (b[p] !== 0x5b) throw REJECT;
    p++;
    let c = b[p];
    if (c <= 0x20) {
      p = skipWs(b, p);
      c = b[p];
    }
    const first = this.NPOS;
    let n = this.NPOS;
    let xs = this.XS;
    let ys = this.YS;
    let x = 0;
    let y = 0;
    for (;;) {
      if (c !== 0x5b) throw REJECT;
      for (let ord = 0; ord < 2; ord++) {
        c = b[++p];
        if (c <= 0x20) {
          p = skipWs(b, p);
          c = b[p];
        }
        const v = this.readNum(b, p);
        p = this.NUM_END;
        c = b[p];
        if (c <= 0x20) {
          p = skipWs(b, p);
          c = b[p];
        }
        if (ord === 0) {
          if (c !== 0x2c) throw REJECT;
          x = v;
        } else {
          if (c !== 0x5d) throw REJECT; // also a third ordinate
          y = v;
        }
      }
      // ±Infinity (1e400) fails these too
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) throw REJECT;
      if (n === xs.length) {
        xs = growF64(xs, n + 1);
        ys = growF64(ys, n + 1);
        this.XS = xs;
        this.YS = ys;
      }
      xs[n] = x;
      ys[n] = y;
      n++;
      c = b[++p];
      if (c <= 0x20) {
        p = skipWs(b, p);
        c = b[p];
      }
      if (c === 0x2c) {
        c = b[++p];
        if (c <= 0x20) {
          p = skipWs(b, p);
          c = b[p];
        }
        continue;
      }
      if (c === 0x5d) break;
      throw REJECT;
    }
    this.NPOS = n;
    const count = n - first;
    if (count < 4) throw REJECT;
    const last = n - 1;
    if (xs[first] !== xs[last] || ys[first] !== ys[last]) throw REJECT;
    // distinctVertices (src/core/validate/geometry.ts): consecutive repeats over positions 0..n−2 dropped, then the
    // last kept vertex dropped when it equals position 0
    let m = 0;
    let lx = Number.NaN;
    let ly = Number.NaN;
    let minX = this.MINX;
    let minY = this.MINY;
    let maxX = this.MAXX;
    let maxY = this.MAXY;
    for (let k = first; k < last; k++) {
      const x = xs[k];
      const y = ys[k];
      if (x !== lx || y !== ly) m++;
      lx = x;
      ly = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (m > 1 && lx === xs[first] && ly === ys[first]) m--;
    if (m < 3) throw REJECT;
    this.MINX = minX;
    this.MINY = minY;
    this.MAXX = maxX;
    this.MAXY = maxY;
    if (this.NRING + 1 === this.RING.length) this.RING = growI32(this.RING, this.NRING + 2);
    this.RING[++this.NRING] = n;
    return p + 1;
  }

  /** p at a polygon's '[' (its list of rings; anything else rejects). Returns the index after its ']'. */
  private parsePolygon(b: Uint8Array, p: number): number {
    if (b[p] !== 0x5b) throw REJECT;
    p = skipWs(b, p + 1);
    for (;;) {
      p = elementEnd(b, this.parseRing(b, p));
      if (b[p] === 0x5d) break;
      p = skipWs(b, p + 1);
    }
    if (this.NPART + 1 === this.PART.length) this.PART = growI32(this.PART, this.NPART + 2);
    this.PART[++this.NPART] = this.NRING;
    return p + 1;
  }

  /** p at the coordinates' '['. Returns 1 for a Polygon's nesting, 2 for a MultiPolygon's; sets P after the ']'. */
  private parseCoordinates(b: Uint8Array, p: number): number {
    // [ [ [ number → Polygon; [ [ [ [ → MultiPolygon (empty arrays anywhere are rejected below)
    let q = skipWs(b, p + 1);
    if (b[q] !== 0x5b) throw REJECT;
    q = skipWs(b, q + 1);
    if (b[q] !== 0x5b) throw REJECT;
    q = skipWs(b, q + 1);
    if (b[q] !== 0x5b) {
      this.P = this.parsePolygon(b, p);
      return 1;
    }
    p = skipWs(b, p + 1);
    for (;;) {
      p = elementEnd(b, this.parsePolygon(b, p));
      if (b[p] === 0x5d) break;
      p = skipWs(b, p + 1);
    }
    this.P = p + 1;
    return 2;
  }

  /** P at the geometry's '{'. Leaves P after its '}'; returns 1 (Polygon) or 2 (MultiPolygon). */
  private parseGeometry(b: Uint8Array): number {
    let p = skipWs(b, this.P + 1);
    let typeKind = 0;
    let coordKind = 0;
    do {
      const ke = keyEnd(b, p);
      const ks = p + 1;
      p = valueStart(b, ke);
      if (keyIs(b, ks, ke, K_TYPE)) {
        if (typeKind !== 0) throw REJECT;
        if (startsWith(b, p, LIT_POLYGON)) {
          typeKind = 1;
          p += LIT_POLYGON.length;
        } else if (startsWith(b, p, LIT_MULTIPOLYGON)) {
          typeKind = 2;
          p += LIT_MULTIPOLYGON.length;
        } else throw REJECT;
      } else if (keyIs(b, ks, ke, K_COORDINATES)) {
        if (coordKind !== 0 || b[p] !== 0x5b) throw REJECT;
        coordKind = this.parseCoordinates(b, p);
        p = this.P;
      } else throw REJECT;
      p = nextMember(b, p);
    } while (p >= 0);
    if (typeKind === 0 || typeKind !== coordKind) throw REJECT;
    this.P = -p;
    return typeKind;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Features

  /** P at the feature's '{'. Leaves P after its '}'. */
  private parseFeature(b: Uint8Array): void {
    const i = this.NFEAT;
    if (i + 1 >= this.FPART.length) {
      const cap = Math.max(this.FPART.length * 2, 16);
      this.FPART = growI32(this.FPART, cap);
      const m = new Uint8Array(cap);
      m.set(this.MULTI);
      this.MULTI = m;
      this.BBOX = growF64(this.BBOX, cap * 4);
      this.PROPS = growI32(this.PROPS, cap * 2);
    }
    this.FPART[i] = this.NPART;
    this.MINX = Number.POSITIVE_INFINITY;
    this.MINY = Number.POSITIVE_INFINITY;
    this.MAXX = Number.NEGATIVE_INFINITY;
    this.MAXY = Number.NEGATIVE_INFINITY;
    let id: string | number | undefined;
    let seen = 0;
    let p = skipWs(b, this.P + 1);
    do {
      const ke = keyEnd(b, p);
      const ks = p + 1;
      p = valueStart(b, ke);
      const c = b[p];
      if (keyIs(b, ks, ke, K_GEOMETRY)) {
        if (seen & F_GEOM || c !== 0x7b) throw REJECT; // also geometry: null
        seen |= F_GEOM;
        this.P = p;
        this.MULTI[i] = this.parseGeometry(b) === 2 ? 1 : 0;
        p = this.P;
      } else if (keyIs(b, ks, ke, K_PROPERTIES)) {
        if (seen & F_PROPS) throw REJECT;
        seen |= F_PROPS;
        if (c === 0x7b) {
          const e = propertiesEnd(b, p);
          this.PROPS[2 * i] = p;
          this.PROPS[2 * i + 1] = e;
          p = e;
        } else if (startsWith(b, p, LIT_NULL)) {
          this.PROPS[2 * i] = -1;
          this.PROPS[2 * i + 1] = -1;
          p += 4;
        } else throw REJECT;
      } else if (keyIs(b, ks, ke, K_TYPE)) {
        if (seen & F_TYPE || !startsWith(b, p, LIT_FEATURE)) throw REJECT;
        seen |= F_TYPE;
        p += LIT_FEATURE.length;
      } else if (keyIs(b, ks, ke, K_ID)) {
        if (seen & F_ID) throw REJECT;
        seen |= F_ID;
        if (c === 0x22) {
          const e = stringEnd(b, p);
          this.ID_SLICES.push(i, p, e);
          id = '';
          p = e;
        } else {
          id = this.readNum(b, p);
          p = this.NUM_END;
        }
      } else throw REJECT;
      p = nextMember(b, p);
    } while (p >= 0);
    if ((seen | F_ID) !== (F_TYPE | F_ID | F_PROPS | F_GEOM)) throw REJECT;
    this.IDS.push(id);
    const o = 4 * i;
    this.BBOX[o] = this.MINX;
    this.BBOX[o + 1] = this.MINY;
    this.BBOX[o + 2] = this.MAXX;
    this.BBOX[o + 3] = this.MAXY;
    this.NFEAT = i + 1;
    this.FPART[i + 1] = this.NPART;
    this.P = -p;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Root and features, resumable: feed() scans what has arrived of a file still downloading (each call a longer
  // prefix of the same bytes) and stops before the first feature that is not all there; finish() scans the rest.

  /** 0: before the features array; 1: in it (P at its '[' or after the last feature's '}'); 2: past its ']'. */
  private STAGE = 0;
  /** No feature read yet in the features array. */
  private FIRST = true;
  private FEATURES = false;
  private ROOT: Record<string, unknown> = {};
  private KEYS = new Set<string>();
  /** Properties parsed so far (features [0, PROPS_DONE)). */
  private PROPERTIES: (Record<string, unknown> | null)[] = [];
  private PROPS_DONE = 0;
  private readonly PARSER = new PropertiesParser();
  /** feed() waits for this many bytes before reading again what was cut off. */
  private RETRY_AT = 0;

  /** Set up the growing arrays for about `size` bytes (the file's length, or 0 when not known). */
  init(size: number): void {
    this.LEN = size;
    // initial capacities: guesses from the size (≈ 40 bytes per position in compact GeoJSON), doubled as needed
    // (in shared memory from the start when asked: trimF64 then keeps them without a copy)
    const f64 = (n: number) => (this.shared ? sharedF64(n) : new Float64Array(n));
    const i32 = (n: number) => (this.shared ? sharedI32(n) : new Int32Array(n));
    const posCap = Math.max(1024, Math.ceil(size / 40));
    this.XS = f64(posCap);
    this.YS = f64(posCap);
    this.RING = i32(Math.max(64, Math.ceil(posCap / 8)));
    this.PART = i32(this.RING.length);
    const featCap = Math.max(16, Math.ceil(size / 400));
    this.FPART = i32(featCap);
    this.MULTI = new Uint8Array(featCap);
    this.BBOX = f64(featCap * 4);
    this.PROPS = new Int32Array(featCap * 2);
  }

  /**
   * Scan on from where the last call stopped. `final`: b is the whole file, and anything that does not fit rejects;
   * otherwise a feature cut off at the end of b is undone (its counters restored) and read again next time — it can
   * never pass as whole, since a feature is accepted only at its closing '}' and every check before reads bytes < b.length.
   */
  feed(b: Uint8Array, final: boolean): boolean {
    // what was cut off is read again only once the bytes past its start have doubled: one huge feature (or a root
    // whose "features" comes after a big member) is then re-read O(log n) times, not once per piece
    if (!final && b.length < this.RETRY_AT) return false;
    if (this.STAGE === 0) {
      try {
        this.rootMembers(b, true);
      } catch (e) {
        // the root's first members are read again with more bytes (startFlatScan starts a scan only at a '{')
        if (final || e !== REJECT) throw e;
        this.ROOT = {};
        this.KEYS = new Set();
        this.RETRY_AT = 2 * b.length;
        return true;
      }
    }
    if (this.STAGE === 1) this.features(b, final);
    if (!final) this.parseProperties(b);
    return true;
  }

  /**
   * The root object's members, from its '{' (stage 0) or after the features array (stage 2). `untilFeatures`: stop at
   * the features array's '[' (stage 1). Leaves P after the root's '}'.
   */
  private rootMembers(b: Uint8Array, untilFeatures: boolean): void {
    let p: number;
    if (this.STAGE === 0) {
      p = 0;
      if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) p = 3;
      // a UTF-16 BOM (FF FE / FE FF) or anything else that is not '{' fails below
      p = skipWs(b, p);
      if (b[p] !== 0x7b) throw REJECT;
      p = skipWs(b, p + 1);
    } else {
      p = nextMember(b, this.P);
      if (p < 0) {
        this.P = -p;
        return;
      }
    }
    do {
      const ke = keyEnd(b, p); // also rejects an empty root object
      if (!plainName(b, p + 1, ke)) throw REJECT;
      const key = parseSlice(b, p, ke + 1) as string;
      if (this.KEYS.has(key)) throw REJECT;
      this.KEYS.add(key);
      p = valueStart(b, ke);
      if (key === 'features') {
        if (b[p] !== 0x5b) throw REJECT;
        this.FEATURES = true;
        this.P = p;
        this.STAGE = 1;
        if (untilFeatures) return;
        this.features(b, true);
        p = this.P;
      } else {
        const e = valueEnd(b, p);
        // a value reaching the end of the bytes is cut off (a ',' or '}' must follow it): not for JSON.parse yet
        if (e >= b.length) throw REJECT;
        // defineProperty: an own "__proto__" member, as JSON.parse makes it
        Object.defineProperty(this.ROOT, key, { value: parseSlice(b, p, e), writable: true, enumerable: true, configurable: true });
        p = e;
      }
      p = nextMember(b, p);
    } while (p >= 0);
    this.STAGE = 2;
    this.P = -p;
  }

  /** The features array's elements from P (see STAGE); leaves P after its ']' and STAGE 2, or, not final, where b ends. */
  private features(b: Uint8Array, final: boolean): void {
    let p = this.P;
    for (;;) {
      const npos = this.NPOS;
      const nring = this.NRING;
      const npart = this.NPART;
      const idSlices = this.ID_SLICES.length;
      try {
        // the first element after '[' (or ']' for none); later ones after a ',' (a ']' there closes the array)
        let q = this.FIRST ? skipWs(b, p + 1) : elementEnd(b, p);
        if (b[q] === 0x5d) {
          this.P = q + 1;
          this.STAGE = 2;
          return;
        }
        if (!this.FIRST) q = skipWs(b, q + 1);
        if (b[q] !== 0x7b) throw REJECT;
        this.P = q;
        this.parseFeature(b);
      } catch (e) {
        if (final || e !== REJECT) throw e;
        // cut off where the bytes end: undo it, and read it again from p when more have come
        this.NPOS = npos;
        this.NRING = nring;
        this.NPART = npart;
        this.ID_SLICES.length = idSlices;
        this.P = p;
        this.RETRY_AT = p + 2 * (b.length - p);
        return;
      }
      this.FIRST = false;
      p = this.P;
      if (this.onProgress !== undefined && (this.NFEAT & 1023) === 0) this.onProgress(this.LEN > 0 ? Math.min(1, p / this.LEN) : 0);
    }
  }

  /**
   * Features' properties, read from the bytes as the scan goes (io/propertiesParser.ts: the same objects as JSON.parse
   * of each, with repeated names and values decoded once): every feature scanned so far is complete, so all of them are
   * read.
   */
  private parseProperties(b: Uint8Array): void {
    const props = this.PROPS;
    const properties = this.PROPERTIES;
    const parser = this.PARSER;
    const count = this.NFEAT;
    for (let i = this.PROPS_DONE; i < count; i++) {
      const s = props[2 * i];
      properties[i] = s < 0 ? null : parser.parse(b, s, props[2 * i + 1]);
    }
    this.PROPS_DONE = count;
  }

  /** The whole file is in b: scan what is left and build the collection. */
  finish(b: Uint8Array): FlatCollection {
    this.feed(b, true);
    this.rootMembers(b, false);
    if (skipWs(b, this.P) !== b.length) throw REJECT;
    if (!this.FEATURES || this.ROOT.type !== 'FeatureCollection') throw REJECT;
    this.parseProperties(b);

    const count = this.NFEAT;
    const store: FlatStore = {
      xs: trimF64(this.XS, this.NPOS, this.shared),
      ys: trimF64(this.YS, this.NPOS, this.shared),
      ringStart: trimI32(this.RING, this.NRING + 1, this.shared),
      partStart: trimI32(this.PART, this.NPART + 1, this.shared),
      featurePart: trimI32(this.FPART, count + 1, this.shared),
      multi: this.MULTI.length === count ? this.MULTI : this.MULTI.slice(0, count),
      bbox: trimF64(this.BBOX, count * 4, this.shared),
    };
    const properties = this.PROPERTIES;

    const ids = this.IDS;
    if (this.ID_SLICES.length > 0) {
      const sl = this.ID_SLICES;
      let bytesTotal = 0;
      for (let k = 0; k < sl.length; k += 3) bytesTotal += sl[k + 2] - sl[k + 1] + 1;
      const ib = new Uint8Array(bytesTotal + 1);
      let q = 0;
      ib[q++] = 0x5b;
      for (let k = 0; k < sl.length; k += 3) {
        if (k > 0) ib[q++] = 0x2c;
        ib.set(b.subarray(sl[k + 1], sl[k + 2]), q);
        q += sl[k + 2] - sl[k + 1];
      }
      ib[q++] = 0x5d;
      const parsed: unknown = JSON.parse(UTF8.decode(ib));
      if (!Array.isArray(parsed) || parsed.length !== sl.length / 3) throw REJECT;
      for (let k = 0; k < parsed.length; k++) {
        const v: unknown = parsed[k];
        if (typeof v !== 'string') throw REJECT;
        ids[sl[3 * k]] = v;
      }
    }

    return { root: this.ROOT, count, ids, properties, store };
  }
}

/**
 * The collection in `bytes` as flat arrays, or null when it is not a plain FeatureCollection of valid lon/lat
 * Polygon / MultiPolygon features with flat attributes in valid UTF-8 JSON (see the module comment). Never throws.
 * Each call has its own state: calls may run side by side (flatGeojson.test.ts runs one inside another).
 *
 * @param bytes - the GeoJSON text as UTF-8 bytes (a UTF-8 BOM is skipped)
 * @param opts.onProgress - told the fraction of the bytes scanned, every 1024 features (an exception in it makes
 *   the scan answer null, like any other surprise)
 * @param opts.shared - keep the store's positions, offsets and boxes in SharedArrayBuffers (the app's worker, when
 *   cross-origin isolated, lends them to the tile worker: worker/tiles/packed.ts `packParcels`)
 * @returns the flat collection, or null: take the general path
 * @example
 * const fc = scanFlatCollection(bytes);
 * if (fc) console.log(fc.count, fc.store.xs.length);
 */
export function scanFlatCollection(bytes: Uint8Array, opts: { onProgress?: (fraction: number) => void; shared?: boolean } = {}): FlatCollection | null {
  try {
    const s = new Scanner(opts.onProgress, opts.shared === true);
    s.init(bytes.length);
    return s.finish(bytes);
  } catch {
    return null;
  }
}

/** A scan of a file that is still arriving: see {@link startFlatScan}. */
export interface FlatScan {
  /**
   * Scan the bytes that have come so far: `prefix` holds the file's first bytes, each call more of them (the same
   * content; it may be another buffer). Features cut off at its end wait for more: what was cut off is read again
   * only once the bytes past its start have doubled. Never throws.
   * @returns whether it read (false: it waits for more bytes, or has given up, or is finished)
   */
  feed(prefix: Uint8Array): boolean;
  /** All bytes are here: what scanFlatCollection(bytes) gives. Never throws; at most once. */
  finish(bytes: Uint8Array): FlatCollection | null;
}

/**
 * scanFlatCollection over a file as it downloads: the features that have arrived are scanned (geometry into the flat
 * arrays, properties read as each feature completes) while the rest is still on its way, so at 500k parcels most of the ~2.5 s scan is
 * done by the time the last byte comes (worker/streamedBytes.ts). The answer is exactly scanFlatCollection's for the
 * whole bytes, however they were cut (flatGeojson.test.ts).
 *
 * @param opts.size - the file's length when known (initial capacities and progress), else 0
 * @param opts.onProgress - as scanFlatCollection's (the fraction of `size` scanned)
 * @param opts.shared - as scanFlatCollection's
 * @returns the scan, to feed and finish
 * @example
 * const scan = startFlatScan({ size: total });
 * for (const prefix of arriving) scan.feed(prefix);
 * const fc = scan.finish(all);
 */
export function startFlatScan(opts: { size?: number; onProgress?: (fraction: number) => void; shared?: boolean } = {}): FlatScan {
  // made at the first byte that can start a collection ('{'), and let go as soon as it fails or finishes: its arrays
  // (sized for the whole file) and the properties parsed so far are not kept through the rest of the import
  let s: Scanner | undefined;
  let done = false;
  const start = (size: number): Scanner => {
    const sc = new Scanner(opts.onProgress, opts.shared === true);
    sc.init(size);
    return sc;
  };
  return {
    feed(prefix) {
      if (done) return false;
      try {
        if (!s) {
          const c = firstByte(prefix);
          if (c === undefined) return false;
          if (c !== 0x7b) {
            done = true;
            return false;
          }
          s = start(opts.size ?? 0);
        }
        return s.feed(prefix, false);
      } catch {
        done = true;
        s = undefined;
        return false;
      }
    },
    finish(bytes) {
      if (done) return null;
      done = true;
      try {
        return (s ?? start(bytes.length)).finish(bytes);
      } catch {
        return null;
      } finally {
        s = undefined;
      }
    },
  };
}

/** The first byte after a UTF-8 BOM and whitespace, or undefined while only those (or a part of the BOM) have come. */
function firstByte(b: Uint8Array): number | undefined {
  let p = 0;
  if (b[0] === 0xef) {
    if (b.length < 3) return b[1] === undefined || b[1] === 0xbb ? undefined : 0xef;
    if (b[1] === 0xbb && b[2] === 0xbf) p = 3;
  }
  p = skipWs(b, p);
  return p < b.length ? b[p] : undefined;
}
