/**
 * Overlaps inside one layer, counted once. A layer's parcels should tile the ground, but real data has
 * overlapping 图斑 (digitising errors, duplicated features, merged deliveries). Totals must count such ground
 * once: parcel i contributes `area(i − ∪{earlier parcels j < i that overlap i})`, so Σ effective = area(∪ parcels)
 * and the first parcel in file order keeps the shared ground.
 *
 * Cost: parcels are paired only when their bboxes meet (flatbush), and each pair's intersection area comes from
 * the Green's-theorem path (greenArea.ts, exact, ~µs) with polyclip only on degeneracies. Adjacent parcels that
 * share an edge have intersection area exactly 0 there. Polygon differences (polyclip) are computed only for a
 * parcel that overlaps two or more earlier parcels.
 */
import { multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { searchIndex } from '../index/spatialIndex';
import type { Layer } from '../layers/layer';
import type { MultiPolygonCoords } from '../types';
import { tryDifference } from './clip';
import type { PreparedArea } from './greenArea';
import { greenOverlay, prepareArea } from './greenArea';
import { type AreaResult, parcelPairArea } from './pairArea';

/** Intersections smaller than this (m²) are rounding noise between neighbours, not overlaps. */
export const OVERLAP_MIN_M2 = 1e-6;

export interface LayerOverlaps {
  /** Per parcel (same order as layer.parcels): the area it contributes with overlaps counted once (m²). */
  effectiveAreaM2: Float64Array;
  /** Overlapping pairs: a < b are indexes into layer.parcels; areaM2 = area(a ∩ b). */
  overlaps: { a: number; b: number; areaM2: number }[];
  /** Area of the union of the layer's parcels = Σ effectiveAreaM2 (m²). */
  unionAreaM2: number;
  failures: { parcelId: string; message: string }[];
}

interface EarlierOverlaps {
  /** Earlier parcels (index < i) that overlap i, and the intersection areas. */
  earlier: number[];
  areas: number[];
  failures: string[];
}

interface LayerState {
  full?: LayerOverlaps;
  /** 1 where the parcel's bbox overlaps another parcel's bbox with positive area (only those can overlap). */
  bboxFlags?: Uint8Array;
  local: Map<number, EarlierOverlaps>;
  effective: Map<number, { areaM2: number; coords?: MultiPolygonCoords; failure?: string }>;
}

const STATE = new WeakMap<Layer, LayerState>();

function stateOf(layer: Layer): LayerState {
  let s = STATE.get(layer);
  if (!s) {
    s = { local: new Map(), effective: new Map() };
    STATE.set(layer, s);
  }
  return s;
}

/** Earlier parcels overlapping parcel i (cached). */
export function earlierOverlaps(layer: Layer, i: number): EarlierOverlaps {
  const s = stateOf(layer);
  const hit = s.local.get(i);
  if (hit) return hit;
  const p = layer.parcels[i];
  const out: EarlierOverlaps = { earlier: [], areas: [], failures: [] };
  const b = p.bbox;
  const g = greenOverlay();
  for (const j of searchIndex(layer.index, layer.parcels.length, b)) {
    if (j >= i) continue;
    const c = layer.parcels[j].bbox;
    if (!(c[0] < b[2] && c[2] > b[0] && c[1] < b[3] && c[3] > b[1])) continue;
    const r = parcelPairArea(layer.parcels[j], p, g);
    if (!r.ok) {
      out.failures.push(`${layer.parcels[j].id}: ${r.message}`);
      continue;
    }
    if (r.areaM2 > OVERLAP_MIN_M2) {
      out.earlier.push(j);
      out.areas.push(r.areaM2);
    }
  }
  // keep file order so results do not depend on the index's traversal order
  if (out.earlier.length > 1) {
    const order = out.earlier.map((_, k) => k).sort((x, y) => out.earlier[x] - out.earlier[y]);
    out.earlier = order.map((k) => out.earlier[k]);
    out.areas = order.map((k) => out.areas[k]);
  }
  s.local.set(i, out);
  return out;
}

/**
 * The part of parcel i that counts for the layer: i minus the earlier parcels overlapping it. `coords` is
 * undefined when nothing overlaps (the parcel's own geometry counts whole).
 */
export function effectivePart(layer: Layer, i: number): { areaM2: number; coords?: MultiPolygonCoords; failure?: string } {
  const s = stateOf(layer);
  const hit = s.effective.get(i);
  if (hit) return hit;
  const p = layer.parcels[i];
  const ov = earlierOverlaps(layer, i);
  let res: { areaM2: number; coords?: MultiPolygonCoords; failure?: string };
  if (ov.earlier.length === 0) {
    res = { areaM2: p.areaM2 };
  } else {
    const d = tryDifference(p.geometry, ov.earlier.map((j) => layer.parcels[j].geometry));
    if (d.ok) {
      res = { areaM2: multiPolygonAreaEllipsoidal(d.coords), coords: d.coords };
      // one overlap: the pair area is exact; keep both consistent (difference area = area − overlap)
      if (ov.earlier.length === 1) res.areaM2 = Math.max(0, p.areaM2 - ov.areas[0]);
    } else {
      res = { areaM2: Math.max(0, p.areaM2 - ov.areas.reduce((x, y) => x + y, 0)), failure: d.message };
    }
  }
  s.effective.set(i, res);
  return res;
}

/** Overlaps inside a layer, counted once (cached per layer object). */
export function layerOverlaps(layer: Layer): LayerOverlaps {
  const s = stateOf(layer);
  if (s.full) return s.full;
  const n = layer.parcels.length;
  const ps = layer.parcels;
  const effectiveAreaM2 = new Float64Array(n);
  const overlaps: LayerOverlaps['overlaps'] = [];
  const failures: LayerOverlaps['failures'] = [];
  const g = greenOverlay();
  // a local cache of prepared parcels (an array, not the WeakMap: 500k entries are cheaper this way)
  const prepared: (PreparedArea | undefined)[] = new Array(n);
  const prep = (i: number): PreparedArea => {
    let r = prepared[i];
    if (!r) {
      r = prepareArea(ps[i].geometry);
      prepared[i] = r;
    }
    return r;
  };
  let union = 0;
  for (let i = 0; i < n; i++) {
    const p = ps[i];
    const b = p.bbox;
    let ov: EarlierOverlaps | undefined = s.local.get(i);
    if (!ov) {
      let earlier: number[] | undefined;
      let areas: number[] | undefined;
      let fails: string[] | undefined;
      for (const j of searchIndex(layer.index, n, b)) {
        if (j >= i) continue;
        const c = ps[j].bbox;
        // only bboxes that overlap with positive area can hold a positive-area intersection
        if (!(c[0] < b[2] && c[2] > b[0] && c[1] < b[3] && c[3] > b[1])) continue;
        const A = prep(j);
        const B = prep(i);
        let r: AreaResult;
        const fast = A.n <= B.n ? g.intersectionArea(A, B) : g.intersectionArea(B, A);
        if (fast !== null) r = { ok: true, areaM2: fast };
        else r = parcelPairArea(ps[j], p, g);
        if (!r.ok) {
          if (!fails) fails = [];
          fails.push(`${ps[j].id}: ${r.message}`);
          continue;
        }
        if (r.areaM2 > OVERLAP_MIN_M2) {
          if (!earlier || !areas) {
            earlier = [];
            areas = [];
          }
          earlier.push(j);
          areas.push(r.areaM2);
        }
      }
      if (earlier || fails) {
        ov = { earlier: earlier ?? [], areas: areas ?? [], failures: fails ?? [] };
        if (ov.earlier.length > 1) {
          const o = ov;
          const order = o.earlier.map((_, k) => k).sort((x, y) => o.earlier[x] - o.earlier[y]);
          o.earlier = order.map((k) => o.earlier[k]);
          o.areas = order.map((k) => o.areas[k]);
        }
        s.local.set(i, ov);
      } else ov = NO_OVERLAPS;
    }
    for (const f of ov.failures) failures.push({ parcelId: p.id, message: f });
    for (let k = 0; k < ov.earlier.length; k++) overlaps.push({ a: ov.earlier[k], b: i, areaM2: ov.areas[k] });
    if (ov.earlier.length === 0) {
      effectiveAreaM2[i] = p.areaM2;
    } else {
      const eff = effectivePart(layer, i);
      if (eff.failure) failures.push({ parcelId: p.id, message: eff.failure });
      effectiveAreaM2[i] = eff.areaM2;
    }
    union += effectiveAreaM2[i];
  }
  s.full = { effectiveAreaM2, overlaps, unionAreaM2: union, failures };
  return s.full;
}

const NO_OVERLAPS: EarlierOverlaps = Object.freeze({ earlier: [], areas: [], failures: [] }) as unknown as EarlierOverlaps;

/**
 * Per parcel: can it overlap another parcel at all? (its bbox overlaps another bbox with positive area.) One index
 * search per parcel, once per layer; layers whose parcels' bboxes are disjoint then need no pair tests anywhere.
 */
export function bboxOverlapFlags(layer: Layer): Uint8Array {
  const s = stateOf(layer);
  if (s.bboxFlags) return s.bboxFlags;
  const n = layer.parcels.length;
  const flags = new Uint8Array(n);
  const ps = layer.parcels;
  for (let i = 0; i < n; i++) {
    if (flags[i]) continue;
    const b = ps[i].bbox;
    for (const j of searchIndex(layer.index, n, b)) {
      if (j === i) continue;
      const c = ps[j].bbox;
      if (c[0] < b[2] && c[2] > b[0] && c[1] < b[3] && c[3] > b[1]) {
        flags[i] = 1;
        flags[j] = 1;
      }
    }
  }
  s.bboxFlags = flags;
  return flags;
}

/** The cached whole-layer result if layerOverlaps(layer) has run, without computing it. */
export function layerOverlapsIfComputed(layer: Layer): LayerOverlaps | undefined {
  return STATE.get(layer)?.full;
}
