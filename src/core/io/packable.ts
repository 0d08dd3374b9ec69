/**
 * An imported layer's features as a flat collection (flatGeojson.ts FlatCollection), for writing a layer pack
 * (flatPackWrite.ts): any file the engine reads — a GK-zone Shapefile, a File Geodatabase table, GeoJSON — once read
 * into lon/lat features. The pack then reads back as exactly these features. Only what the flat GeoJSON scanner
 * itself takes can be packed: Polygon / MultiPolygon features with lon/lat positions, every ring closed with at
 * least 4 positions and 3 distinct vertices, properties of strings, numbers, booleans and nulls, ids strings or
 * numbers. Anything else is refused naming the feature and why (validate or repair the layer first).
 */
import type { FlatCollection, FlatStore } from './flatGeojson';
import { flatOf } from './flatGeometry';
import { distinctVertices } from './ringVertices';

class Growing {
  a: Float64Array | Int32Array;
  n = 0;
  constructor(readonly float: boolean) {
    this.a = float ? new Float64Array(1024) : new Int32Array(1024);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = this.float ? new Float64Array(this.n * 2) : new Int32Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Float64Array | Int32Array {
    return this.a.slice(0, this.n);
  }
}

/** Why a ring cannot be packed, or undefined (the flat scanner's rules: flatGeojson.ts parseRing). */
function ringProblem(ring: unknown): string | undefined {
  if (!Array.isArray(ring) || ring.length < 4) return 'a ring with fewer than 4 positions';
  for (const q of ring) {
    if (!Array.isArray(q) || q.length !== 2 || typeof q[0] !== 'number' || typeof q[1] !== 'number') return 'a position that is not [lon, lat]';
    if (!(q[0] >= -180 && q[0] <= 180 && q[1] >= -90 && q[1] <= 90)) return `position (${q[0]}, ${q[1]}) is not lon/lat`;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'a ring that is not closed';
  const xs = ring.map((q) => (q as number[])[0]);
  const ys = ring.map((q) => (q as number[])[1]);
  return distinctVertices(xs, ys, 0, ring.length - 1) < 3 ? 'a ring with fewer than 3 distinct vertices' : undefined;
}

/**
 * The features as a flat collection, or why one cannot be packed.
 *
 * @param root - the collection's members other than `features` (`type: 'FeatureCollection'` is set; `name` kept)
 * @param features - lon/lat GeoJSON features (an import's `ImportLayer.features`)
 * @returns the collection, or `{ error }` naming the first feature that cannot be packed (1-based)
 * @example
 * const fc = packable({ name: layer.name }, layer.features);
 * if (!('error' in fc)) writeFileSync('dltb.fpk', writePack(fc));
 */
export function packable(root: Record<string, unknown>, features: readonly unknown[]): FlatCollection | { error: string } {
  const xs = new Growing(true);
  const ys = new Growing(true);
  const ringStart = new Growing(false);
  const partStart = new Growing(false);
  const featurePart = new Growing(false);
  ringStart.push(0);
  partStart.push(0);
  featurePart.push(0);
  const count = features.length;
  const multi = new Uint8Array(count);
  const ids: (string | number | undefined)[] = new Array(count);
  const properties: (Record<string, unknown> | null)[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const f = features[i] as { id?: unknown; properties?: unknown; geometry?: { type?: unknown; coordinates?: unknown } } | null;
    const fail = (why: string) => ({ error: `feature ${i + 1}: ${why}` });
    if (f === null || typeof f !== 'object') return fail('not a feature');
    if (f.id !== undefined && typeof f.id !== 'string' && typeof f.id !== 'number') return fail('its id is neither a string nor a number');
    ids[i] = f.id as string | number | undefined;
    const p = f.properties;
    if (p !== null && p !== undefined) {
      if (typeof p !== 'object' || Array.isArray(p)) return fail('its properties are not an object');
      for (const [k, v] of Object.entries(p)) {
        if (v !== null && typeof v === 'object') return fail(`property ${k} holds an object or array: a pack holds flat properties only`);
        if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return fail(`property ${k} holds ${typeof v}: a pack holds strings, numbers, booleans and nulls`);
      }
    }
    properties[i] = (p ?? null) as Record<string, unknown> | null;
    const g = f.geometry;
    const flat = flatOf(g);
    const polys: unknown[] | undefined = flat ? undefined : g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? g.coordinates : undefined;
    if (!flat && !polys) return fail(`its geometry is ${g === null || g === undefined ? 'missing' : String(g.type)}: a pack holds Polygons and MultiPolygons`);
    multi[i] = (flat ? flat.type : g?.type) === 'MultiPolygon' ? 1 : 0;
    const coords = (flat ? (flat.type === 'Polygon' ? [flat.coordinates] : flat.coordinates) : polys) as unknown[];
    if (coords.length === 0) return fail('a MultiPolygon with no polygons');
    for (const poly of coords) {
      if (!Array.isArray(poly) || poly.length === 0) return fail('a polygon with no rings');
      for (const ring of poly) {
        const why = ringProblem(ring);
        if (why) return fail(why);
        for (const q of ring as number[][]) {
          xs.push(q[0]);
          ys.push(q[1]);
        }
        ringStart.push(xs.n);
      }
      partStart.push(ringStart.n - 1);
    }
    featurePart.push(partStart.n - 1);
  }
  const X = xs.done() as Float64Array;
  const Y = ys.done() as Float64Array;
  const RS = ringStart.done() as Int32Array;
  const PS = partStart.done() as Int32Array;
  const FP = featurePart.done() as Int32Array;
  const bbox = new Float64Array(count * 4);
  for (let i = 0; i < count; i++) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let k = RS[PS[FP[i]]]; k < RS[PS[FP[i + 1]]]; k++) {
      if (X[k] < minX) minX = X[k];
      if (X[k] > maxX) maxX = X[k];
      if (Y[k] < minY) minY = Y[k];
      if (Y[k] > maxY) maxY = Y[k];
    }
    bbox.set([minX, minY, maxX, maxY], 4 * i);
  }
  const store: FlatStore = { xs: X, ys: Y, ringStart: RS, partStart: PS, featurePart: FP, multi, bbox };
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root)) if (k !== 'features' && k !== 'type') Object.defineProperty(r, k, { value: v, writable: true, enumerable: true, configurable: true });
  return { root: { type: 'FeatureCollection', ...r }, count, ids, properties, store };
}
