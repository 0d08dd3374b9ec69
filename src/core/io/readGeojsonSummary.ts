/**
 * What readAny reports about a GeoJSON layer before converting it — its fields with their JSON types, and the
 * extent of its coordinates — gathered feature by feature. parseGeoJson feeds it each feature of a
 * FeatureCollection right after checking that feature's depth, while the feature is still in cache: one walk
 * over the parsed file instead of three (depth, fields, extent), each of which cost a pass over ~1 GB of objects
 * at 500k parcels.
 */
import type { BBox } from '../types';

export function expand(b: number[], x: number, y: number): void {
  if (x < b[0]) b[0] = x;
  if (y < b[1]) b[1] = y;
  if (x > b[2]) b[2] = x;
  if (y > b[3]) b[3] = y;
}

/**
 * Extent of every array that starts with two numbers (a position), at any depth under `c`. Positions are expanded
 * in the loop over their parent instead of one call each: a parcel's ring costs one call, not one per vertex.
 * Recursion is bounded by the JSON depth limit (readGeojson.ts) or the Shapefile's fixed shape.
 */
function walkBBox(c: unknown, b: number[]): void {
  if (!Array.isArray(c) || expandPosition(c, b)) return;
  for (let i = 0; i < c.length; i++) {
    const x: unknown = c[i];
    if (!Array.isArray(x) || !expandPosition(x, b)) walkBBox(x, b);
  }
}

/**
 * Expand b by the array's first two elements when both are numbers (a position); false otherwise. Its own small
 * function so that V8 reads the numbers from the array's unboxed double storage: read in walkBBox's generic loop
 * they would be boxed into heap numbers, and those allocations set off scavenges copying the fresh JSON tree.
 */
function expandPosition(p: readonly unknown[], b: number[]): boolean {
  const x = p[0];
  const y = p[1];
  if (typeof x !== 'number' || typeof y !== 'number') return false;
  expand(b, x, y);
  return true;
}

/*
 * walkBBox unrolled for the levels of Polygon / MultiPolygon coordinates. Only the position level reads numbers,
 * at its own place in the code, so that place only ever sees arrays of numbers (one site reading both rings and
 * positions boxes every coordinate, see expandPosition). A ring, polygon or coordinates array that starts with a
 * number is not of its level's shape: it goes to walkBBox, which gives any array the same steps as these loops
 * (a position is expanded, anything else descended).
 */
/** The elements of a ring: positions. */
function ringBBox(ring: readonly unknown[], b: number[]): void {
  for (let k = 0; k < ring.length; k++) {
    const p: unknown = ring[k];
    if (Array.isArray(p)) {
      const x: unknown = p[0];
      const y: unknown = p[1];
      if (typeof x === 'number' && typeof y === 'number') {
        expand(b, x, y);
        continue;
      }
    }
    walkBBox(p, b);
  }
}
function polygonBBox(poly: readonly unknown[], b: number[]): void {
  for (let r = 0; r < poly.length; r++) {
    const ring: unknown = poly[r];
    if (!Array.isArray(ring)) continue;
    if (typeof ring[0] === 'number') walkBBox(ring, b);
    else ringBBox(ring, b);
  }
}
function coordinatesBBox(type: unknown, c: unknown, b: number[]): void {
  if (!Array.isArray(c)) return;
  if ((type !== 'Polygon' && type !== 'MultiPolygon') || typeof c[0] === 'number') walkBBox(c, b);
  else if (type === 'Polygon') polygonBBox(c, b);
  else
    for (let i = 0; i < c.length; i++) {
      const poly: unknown = c[i];
      if (!Array.isArray(poly)) continue;
      if (typeof poly[0] === 'number') walkBBox(poly, b);
      else polygonBBox(poly, b);
    }
}

/** Extent of the features' coordinates (see walkBBox), undefined when there are none. */
export function geometryExtent(features: readonly unknown[]): BBox | undefined {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < features.length; i++) featureExtent(features[i], b);
  return Number.isFinite(b[0]) ? (b as BBox) : undefined;
}

/** The JSON types of property values, by bit. */
const TYPE_NAMES = ['string', 'number', 'boolean', 'object'];

type Slot = { mask: number; other?: Set<string> };

/**
 * Fields (the union of property names in order of first appearance, each with the JSON type of its non-null values:
 * 'mixed' when several, 'null' when none) and the extent of the coordinates, over the features added in order.
 * Features of a file nearly always share one schema, so the previous feature's key list is kept and a key found at
 * the same position reuses its slot (no map lookup, no Object.entries arrays).
 */
export class GeoJsonSummary {
  private readonly slots = new Map<string, Slot>();
  private readonly lastKeys: string[] = [];
  private readonly lastSlots: Slot[] = [];
  private readonly box = [Infinity, Infinity, -Infinity, -Infinity];

  add(f: unknown): void {
    if (f === null || typeof f !== 'object') return;
    const p: unknown = (f as { properties?: unknown }).properties;
    if (p && typeof p === 'object') this.addProperties(p as Record<string, unknown>);
    featureExtent(f, this.box);
  }

  /**
   * add() for a feature read into flat arrays (flatGeojson.ts): its properties, and its bbox for the extent (the
   * extent of a feature's positions is the extent of its bbox).
   */
  addFlat(properties: Record<string, unknown> | null, bbox: Float64Array, feature: number): void {
    if (properties !== null) this.addProperties(properties);
    const o = feature * 4;
    expand(this.box, bbox[o], bbox[o + 1]);
    expand(this.box, bbox[o + 2], bbox[o + 3]);
  }

  /** A feature's bbox alone, for the extent (a pack's features: their fields come by addField). */
  addBox(bbox: Float64Array, feature: number): void {
    const o = feature * 4;
    expand(this.box, bbox[o], bbox[o + 1]);
    expand(this.box, bbox[o + 2], bbox[o + 3]);
  }

  /**
   * A field and the JSON types of its values as bits (string 1, number 2, boolean 4, object 8), as adding every
   * feature that has it would record them; fields keep the order of their first addition.
   */
  addField(name: string, mask: number): void {
    const s = this.slots.get(name);
    if (s === undefined) this.slots.set(name, { mask });
    else s.mask |= mask;
  }

  private addProperties(rec: Record<string, unknown>): void {
    const { lastKeys, lastSlots } = this;
    let j = 0;
    for (const k in rec) {
      if (!Object.hasOwn(rec, k)) continue;
      let slot: Slot;
      if (j < lastKeys.length && lastKeys[j] === k) slot = lastSlots[j];
      else {
        let s = this.slots.get(k);
        if (s === undefined) {
          s = { mask: 0 };
          this.slots.set(k, s);
        }
        slot = s;
        lastKeys[j] = k;
        lastSlots[j] = s;
      }
      j++;
      const v = rec[k];
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') slot.mask |= 1;
      else if (typeof v === 'number') slot.mask |= 2;
      else if (typeof v === 'boolean') slot.mask |= 4;
      else if (typeof v === 'object') slot.mask |= 8;
      else {
        if (slot.other === undefined) slot.other = new Set();
        slot.other.add(typeof v);
      }
    }
    if (j !== lastKeys.length) {
      lastKeys.length = j;
      lastSlots.length = j;
    }
  }

  fields(): { name: string; type: string }[] {
    return [...this.slots].map(([name, s]) => {
      const seen = TYPE_NAMES.filter((_, b) => s.mask & (1 << b));
      if (s.other) seen.push(...s.other);
      return { name, type: seen.length === 1 ? seen[0] : seen.length === 0 ? 'null' : 'mixed' };
    });
  }

  /** Extent of the coordinates so far, undefined when there were none. */
  bbox(): BBox | undefined {
    const b = this.box;
    return Number.isFinite(b[0]) ? [b[0], b[1], b[2], b[3]] : undefined;
  }
}

/** Fields and their JSON types over the features (GeoJsonSummary). */
export function fieldTypes(features: readonly unknown[]): { name: string; type: string }[] {
  const s = new GeoJsonSummary();
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const p: unknown = f !== null && typeof f === 'object' ? (f as { properties?: unknown }).properties : undefined;
    if (p && typeof p === 'object') s.add({ properties: p });
  }
  return s.fields();
}

/** Expand b by a feature's geometry coordinates, if it has any. */
function featureExtent(f: unknown, b: number[]): void {
  const g: unknown = f !== null && typeof f === 'object' ? (f as { geometry?: unknown }).geometry : undefined;
  if (g !== null && typeof g === 'object' && 'coordinates' in g) coordinatesBBox((g as { type?: unknown }).type, (g as { coordinates: unknown }).coordinates, b);
}
