/**
 * Reading a layer pack (flatPack.ts) into the flat collection the GeoJSON scanner gives (flatGeojson.ts): every count
 * checked against the bytes before anything of its size is allocated, every ring against the scanner's rules, the
 * properties left in their columns (packRows.ts).
 */
import type { FlatCollection, FlatStore } from './flatGeojson';
import { isPack, MAX_DECIMALS, type PackHeader, type SectionType, VERSION } from './flatPack';
import { Damaged, damaged, locate, section, UTF8, VarintIn } from './flatPackSections';
import { type PackRows, readColumn, readProperties } from './packRows';
import { distinctVertices } from './ringVertices';

function alloc<A extends Float64Array | Int32Array>(C: { new (b: ArrayBufferLike): A; new (n: number): A; BYTES_PER_ELEMENT: number }, n: number, shared: boolean): A {
  return shared ? new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT)) : new C(n);
}

/** Prefix sums of a section's varint counts into starts (length n + 1), each count at least `min`, summing to `total`. */
function startsOf(bytes: Uint8Array, s: { type: SectionType; at: number; bytes: number }, n: number, min: number, total: number, shared: boolean, what: string): Int32Array {
  if (s.type !== 'varint') damaged(`${what}: not varints`);
  const v = new VarintIn(bytes, s.at, s.at + s.bytes, what);
  const out = alloc(Int32Array, n + 1, shared);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const c = v.read();
    if (c < min) damaged(`${what} ${i + 1}: ${c}, fewer than ${min}`);
    sum += c;
    if (sum > total) damaged(`${what}: more than the ${total} the header gives`);
    out[i + 1] = sum;
  }
  if (sum !== total || !v.done()) damaged(`${what}: ${sum} in all, the header gives ${total}`);
  return out;
}

/**
 * A pack's collection: what flatGeojson.ts scanFlatCollection gives for the GeoJSON it was written from.
 *
 * @param bytes - the pack (isPack)
 * @param opts.shared - keep positions, offsets and boxes in SharedArrayBuffers (as scanFlatCollection's `shared`)
 * @returns the collection, or `{ error }` saying what is damaged (never throws)
 * @example
 * const r = readPack(bytes);
 * if ('error' in r) console.error(r.error); else console.log(r.count);
 */
export function readPack(bytes: Uint8Array, opts: { shared?: boolean } = {}): (FlatCollection & { rows: PackRows }) | { error: string } {
  try {
    return readPackOrThrow(bytes, opts.shared === true);
  } catch (e) {
    if (e instanceof Damaged) return { error: e.message };
    if (e instanceof RangeError) return { error: `too large to read here (${e.message})` };
    throw e;
  }
}

function readPackOrThrow(bytes: Uint8Array, shared: boolean): FlatCollection & { rows: PackRows } {
  if (!isPack(bytes)) damaged('not a layer pack (its first bytes are wrong)');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) damaged('this machine is big-endian; packs are little-endian');
  if (bytes.length < 12) damaged('cut off in its header');
  const hl = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + hl > bytes.length) damaged('cut off in its header');
  let header: PackHeader;
  try {
    header = JSON.parse(UTF8.decode(bytes.subarray(12, 12 + hl))) as PackHeader;
  } catch {
    return damaged('its header is not valid JSON');
  }
  if (header?.format !== 'farmland-pack') damaged('its header is not a farmland pack’s');
  if (header.version !== VERSION) damaged(`version ${String(header.version)}; this build reads version ${VERSION}: update the app`);
  const { count, positions, rings, parts, decimals } = header;
  for (const [k, v] of [
    ['count', count],
    ['positions', positions],
    ['rings', rings],
    ['parts', parts],
  ] as const)
    if (!Number.isSafeInteger(v) || v < 0 || v > 0x7ffffff0) damaged(`the header’s ${k} (${String(v)}) is not a count`);
  if (!(decimals === null || (Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_DECIMALS))) damaged(`the header’s decimals (${String(decimals)}) are not 0–${MAX_DECIMALS}`);
  if (typeof header.root !== 'object' || header.root === null || Array.isArray(header.root) || header.root.type !== 'FeatureCollection') damaged('its root is not a FeatureCollection');
  if (!Array.isArray(header.shapes) || !header.shapes.every((s) => Array.isArray(s) && s.every((n) => typeof n === 'string') && new Set(s).size === s.length)) damaged('its property shapes are not lists of distinct names');
  if (typeof header.columns !== 'object' || header.columns === null) damaged('it has no property columns');
  let start = 12 + hl;
  start += (8 - (start % 8)) % 8;
  const secs = locate(bytes, header, start);
  // every feature ≥ 1 part, part ≥ 1 ring, ring ≥ 4 positions: counts that the bytes cannot hold are refused here,
  // before anything of their size is allocated (a varint is at least one byte; a position at least two)
  const minBytes = (name: string, per: number, n: number) => {
    const s = section(secs, name, name);
    if (s.bytes < per * n) damaged(`${name}: ${s.bytes} bytes cannot hold ${n}`);
  };
  minBytes('featureParts', 1, count);
  minBytes('partRings', 1, parts);
  minBytes('ringPositions', 1, rings);
  if (parts < count || rings < parts || positions < 4 * rings) damaged('its counts do not fit together (parts, rings, positions)');
  if (decimals === null) {
    minBytes('xs', 8, positions);
    minBytes('ys', 8, positions);
  } else minBytes('positions', 2, positions);

  const featurePart = startsOf(bytes, section(secs, 'featureParts', 'parts'), count, 1, parts, shared, 'feature parts');
  const partStart = startsOf(bytes, section(secs, 'partRings', 'rings'), parts, 1, rings, shared, 'part rings');
  const ringStart = startsOf(bytes, section(secs, 'ringPositions', 'positions'), rings, 4, positions, shared, 'ring positions');
  const ms = section(secs, 'multi', 'multi');
  if (ms.type !== 'u8' || ms.bytes !== count) damaged(`multi: ${ms.bytes} flags for ${count} features`);
  const multi = bytes.slice(ms.at, ms.at + count);

  const xs = alloc(Float64Array, positions, shared);
  const ys = alloc(Float64Array, positions, shared);
  if (decimals === null) {
    const sx = section(secs, 'xs', 'xs');
    const sy = section(secs, 'ys', 'ys');
    if (sx.type !== 'f64' || sy.type !== 'f64' || sx.bytes !== positions * 8 || sy.bytes !== positions * 8) damaged('xs/ys: not one double per position');
    new Uint8Array(xs.buffer, xs.byteOffset, positions * 8).set(bytes.subarray(sx.at, sx.at + sx.bytes));
    new Uint8Array(ys.buffer, ys.byteOffset, positions * 8).set(bytes.subarray(sy.at, sy.at + sy.bytes));
  } else {
    const s = 10 ** decimals;
    const sp = section(secs, 'positions', 'positions');
    if (sp.type !== 'varint') damaged('positions: not varints');
    decodePositions(bytes, sp.at, sp.at + sp.bytes, positions, s, xs, ys);
  }
  const bbox = checkedBoxes(xs, ys, ringStart, partStart, featurePart, multi, count, shared);
  const store: FlatStore = { xs, ys, ringStart, partStart, featurePart, multi, bbox };

  const ids = readColumn(bytes, secs, header.ids, count, 'ids', true) as (string | number | undefined)[];
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') damaged(`feature ${i + 1}: its id is neither a string nor a number`);
  }
  const rows = readProperties(bytes, secs, header, count);
  let properties: (Record<string, unknown> | null)[] | undefined;
  return {
    root: header.root,
    count,
    ids,
    store,
    rows,
    // every row as an object only when asked (tests; a reader that wants objects): the import reads `rows`
    get properties() {
      if (properties === undefined) {
        properties = new Array(count);
        for (let i = 0; i < count; i++) properties[i] = rows.row(i);
      }
      return properties;
    },
  };
}

/**
 * Zigzag varint deltas → positions over s, into xs/ys. Varints of up to 4 bytes (|delta| < 2^27: every delta within
 * a county) are read inline in 32-bit integer arithmetic, longer ones (a layer's first position) by VarintIn; then
 * one division each, as each is written (one pass over the arrays). ~9 M varints for the 500k county: ~45 ms in Node (the general read alone took ~380 ms).
 */
function decodePositions(b: Uint8Array, start: number, end: number, n: number, s: number, xs: Float64Array, ys: Float64Array): void {
  const d = new Float64Array(1);
  let p = start;
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    p = zigzagAt(b, p, end, d);
    x += d[0];
    xs[i] = x / s;
    p = zigzagAt(b, p, end, d);
    y += d[0];
    ys[i] = y / s;
    if (p > end) damaged('positions: fewer than the header gives');
  }
  if (p !== end) damaged('positions: bytes left over');
}

/**
 * The zigzag varint at p into out[0]; returns the index after it. Up to 4 bytes (|value| < 2^27) in 32-bit integer
 * arithmetic, inline where it is called (small and not a closure: V8 inlines it); longer ones by longSigned.
 */
function zigzagAt(b: Uint8Array, p: number, end: number, out: Float64Array): number {
  let c = b[p];
  if (c < 128) {
    out[0] = (c >>> 1) ^ -(c & 1);
    return p + 1;
  }
  let z = c & 127;
  let k = 1;
  do {
    c = b[p + k];
    z |= (c & 127) << (7 * k);
    k++;
  } while (c >= 128 && k < 4);
  if (c >= 128 || p + k > end) return longSigned(b, p, end, out);
  out[0] = (z >>> 1) ^ -(z & 1);
  return p + k;
}

/** A zigzag varint of any length at p (Number arithmetic, beyond 32 bits) into out[0]; returns the index after it. */
function longSigned(b: Uint8Array, p: number, end: number, out: Float64Array): number {
  const v = new VarintIn(b, p, end, 'positions');
  const z = v.read();
  out[0] = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  return end - v.remaining();
}

/**
 * The scanner's rules for every ring (closed, ≥ 3 distinct vertices, lon/lat), and the features' boxes.
 */
function checkedBoxes(xs: Float64Array, ys: Float64Array, ringStart: Int32Array, partStart: Int32Array, featurePart: Int32Array, multi: Uint8Array, count: number, shared: boolean): Float64Array {
  const bbox = alloc(Float64Array, count * 4, shared);
  for (let f = 0; f < count; f++) {
    if (multi[f] > 1) damaged(`feature ${f + 1}: its type flag is ${multi[f]}`);
    if (multi[f] === 0 && featurePart[f + 1] - featurePart[f] !== 1) damaged(`feature ${f + 1}: a Polygon with ${featurePart[f + 1] - featurePart[f]} parts`);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let p = featurePart[f]; p < featurePart[f + 1]; p++) {
      for (let r = partStart[p]; r < partStart[p + 1]; r++) {
        const first = ringStart[r];
        const last = ringStart[r + 1] - 1;
        if (xs[first] !== xs[last] || ys[first] !== ys[last]) damaged(`feature ${f + 1}: ring ${r - partStart[featurePart[f]] + 1} is not closed`);
        for (let k = first; k <= last; k++) {
          const x = xs[k];
          const y = ys[k];
          if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) damaged(`feature ${f + 1}: position (${x}, ${y}) is not lon/lat`);
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        const m = distinctVertices(xs, ys, first, last);
        if (m < 3) damaged(`feature ${f + 1}: a ring with fewer than 3 distinct vertices`);
      }
    }
    bbox[4 * f] = minX;
    bbox[4 * f + 1] = minY;
    bbox[4 * f + 2] = maxX;
    bbox[4 * f + 3] = maxY;
  }
  return bbox;
}

/** One property column read for random access: value j of the rows that have the field; `mask` its JSON types (GeoJsonSummary's bits). */
