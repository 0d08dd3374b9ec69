/**
 * The summary's pre-aggregate: a layer's parcels rolled up, at a region grain (6 = county, 9 = township,
 * 12 = village digits of the parcel's code), into one row per (grain code, dimension, key, label) — dimension
 * `total` (parcels, Σ areas, declared sums), `land`, `grade`, `slope`, `county`, `township`, `village`.
 * A summary of region R reads the rows of the finest grain ≥ |R| whose grain code starts with R: a lookup of
 * about as many rows as the summary has buckets, whatever the number of parcels.
 *
 * Areas are the engine's snapped per-parcel areas (multiples of 2⁻¹⁰ m²), so any grouping sums them exactly.
 * `firstPos` (the first parcel of the row, in load order) lets the reader take a region's name from the first
 * parcel that carries it, as the engine does.
 */
import type { ParcelKeys } from './engine';

export const GRAINS = [6, 9, 12] as const;
export type Dim = 'total' | 'land' | 'grade' | 'slope' | 'county' | 'township' | 'village';

export interface AggRow {
  grain: number;
  /** The parcel code cut to the grain (the whole code when shorter); null when the parcel has no code. */
  g: string | null;
  dim: Dim;
  key: string;
  label: string;
  firstPos: number;
  features: number;
  effM2: number;
  effNetM2: number;
  grossM2: number;
  tbmjM2: number;
  tbmjN: number;
  computedTbmjM2: number;
  tbdlmjM2: number;
  tbdlmjDeclared: number;
  tbdlmjDerived: number;
  yjM2: number;
  yjN: number;
}

/** The sums only the `total` rows carry: the parcels' gross area and their declared areas (TBMJ, TBDLMJ, YJJBNTTBMJ). */
export const TOTAL_SUMS = ['grossM2', 'tbmjM2', 'tbmjN', 'computedTbmjM2', 'tbdlmjM2', 'tbdlmjDeclared', 'tbdlmjDerived', 'yjM2', 'yjN'] as const;

/** A summary's declared areas (analysis/summary.ts DeclaredAreas) and the rollup row's sum each one is. */
export const DECLARED_FROM_ROW = [
  ['tbmjM2', 'tbmjM2'], ['tbmjFeatures', 'tbmjN'], ['computedWithTbmjM2', 'computedTbmjM2'], ['tbdlmjM2', 'tbdlmjM2'],
  ['tbdlmjDeclared', 'tbdlmjDeclared'], ['tbdlmjDerived', 'tbdlmjDerived'], ['yjjbnttbmjM2', 'yjM2'], ['yjjbnttbmjFeatures', 'yjN'],
] as const;

/** What a parcel brings to the rollup: its keys and its own (unsnapped) area. */
export interface RollupParcel {
  pos: number;
  keys: ParcelKeys;
  areaM2: number;
}

const cut = (code: string | undefined, grain: number): string | null => (code === undefined ? null : code.length > grain ? code.slice(0, grain) : code);

/** Roll parcels (in load order) up at the given grains. */
export function rollup(parcels: Iterable<RollupParcel>, grains: readonly number[] = GRAINS): AggRow[] {
  // first the parcels with identical keys (one pass, one key string per parcel), then those groups into rows
  const groups = new Map<string, { keys: ParcelKeys; first: number; n: number; eff: number; effNet: number; row: AggRow }>();
  for (const p of parcels) {
    const k = p.keys;
    const id = `${k.code ?? '\u0001'}\u0000${k.county[1]}\u0000${k.township[1]}\u0000${k.village[1]}\u0000${k.land[0]}\u0000${k.land[1]}\u0000${k.grade}\u0000${k.slope}`;
    let g = groups.get(id);
    if (!g) {
      g = { keys: k, first: p.pos, n: 0, eff: 0, effNet: 0, row: emptyRow(0, null, 'total', '', '', p.pos) };
      groups.set(id, g);
    }
    g.n++;
    g.eff += k.effM2;
    g.effNet += k.effNetM2;
    const r = g.row;
    r.grossM2 += k.grossM2;
    if (k.tbmj !== undefined) {
      r.tbmjM2 += k.tbmj;
      r.tbmjN++;
      r.computedTbmjM2 += p.areaM2;
    }
    if (k.tbdlmj !== undefined) {
      r.tbdlmjM2 += k.tbdlmj;
      if (k.tbdlmjDeclared) r.tbdlmjDeclared++;
      else r.tbdlmjDerived++;
    }
    if (k.yjjbnttbmj !== undefined) {
      r.yjM2 += k.yjjbnttbmj;
      r.yjN++;
    }
  }
  const rows = new Map<string, AggRow>();
  const out: AggRow[] = [];
  const add = (grain: number, g: string | null, dim: Dim, key: string, label: string, grp: { first: number; n: number; eff: number; effNet: number; row: AggRow }) => {
    const id = `${grain}\u0000${g ?? '\u0001'}\u0000${dim}\u0000${key}\u0000${label}`;
    let r = rows.get(id);
    if (!r) {
      r = emptyRow(grain, g, dim, key, label, grp.first);
      rows.set(id, r);
      out.push(r);
    }
    if (grp.first < r.firstPos) r.firstPos = grp.first;
    r.features += grp.n;
    r.effM2 += grp.eff;
    r.effNetM2 += grp.effNet;
    if (dim !== 'total') return;
    for (const k of TOTAL_SUMS) r[k] += grp.row[k];
  };
  for (const grp of groups.values()) {
    const k = grp.keys;
    for (const grain of grains) {
      const g = cut(k.code, grain);
      add(grain, g, 'total', '', '', grp);
      add(grain, g, 'land', k.land[0], k.land[1], grp);
      add(grain, g, 'grade', k.grade, '', grp);
      add(grain, g, 'slope', k.slope, '', grp);
      add(grain, g, 'county', k.county[0], k.county[1], grp);
      add(grain, g, 'township', k.township[0], k.township[1], grp);
      add(grain, g, 'village', k.village[0], k.village[1], grp);
    }
  }
  return out;
}

function emptyRow(grain: number, g: string | null, dim: Dim, key: string, label: string, firstPos: number): AggRow {
  return { grain, g, dim, key, label, firstPos, features: 0, effM2: 0, effNetM2: 0, grossM2: 0, tbmjM2: 0, tbmjN: 0, computedTbmjM2: 0, tbdlmjM2: 0, tbdlmjDeclared: 0, tbdlmjDerived: 0, yjM2: 0, yjN: 0 };
}

/** The grain to read for a region prefix; null when finer than a village (then the parcels are rolled up). */
export function grainFor(region: string | undefined): number | null {
  const n = region?.length ?? 0;
  for (const g of GRAINS) if (n <= g) return g;
  return null;
}
