/**
 * Ranking the 永久基本农田 not yet inside 高标准农田 (the remainder) as candidates for the next 高标准农田 projects.
 * A documented, editable score — there is no national formula; these weights are ILLUSTRATIVE defaults:
 *
 *   score = 100 × (w_grade · grade + w_slope · slope + w_contiguity · contiguity + w_distance · distance)
 *
 *   grade      = (10 − GDDJ) / 9          GDDJ 1 (best) → 1, 10 → 0; unknown → 0
 *   slope      = (5 − GDPDJB) / 4         slope class 1 (≤ 2°) → 1, 5 (> 25°) → 0; unknown → 0
 *   contiguity = min(1, cluster 亩 / contiguityRefMu)   cluster = remainder parcels chained by gaps ≤ clusterGapM
 *                (field roads and ridges between strips), its remainder area summed: a large contiguous remainder
 *                makes a project (集中连片)
 *   distance   = max(0, 1 − d / distanceRefM)   d = metres to the nearest 高标准农田 parcel (0 when the parcel is
 *                partly inside one already): extending an existing project is cheaper than starting one
 *
 * Defaults: weights 0.30 / 0.20 / 0.25 / 0.25, contiguityRefMu 500 亩 (a typical project), clusterGapM 30 m,
 * distanceRefM 2000 m. Ties break by remainder area (larger first), then parcel id.
 */
import { m2ToMu } from '../../area/units';
import { searchIndex } from '../../index/spatialIndex';
import type { Layer } from '../../layers/layer';
import type { BBox } from '../../types';
import { bboxDistanceM, boundaryDistanceM, expandBBoxM } from './distance';
import { parcelNetFactor } from './netFactor';
import { attrOf, locationCode } from '../../layers/attrTable';

export interface CandidateWeights {
  grade: number;
  slope: number;
  contiguity: number;
  distance: number;
  contiguityRefMu: number;
  clusterGapM: number;
  distanceRefM: number;
}

export const DEFAULT_CANDIDATE_WEIGHTS: Readonly<CandidateWeights> = Object.freeze({
  grade: 0.3,
  slope: 0.2,
  contiguity: 0.25,
  distance: 0.25,
  contiguityRefMu: 500,
  clusterGapM: 30,
  distanceRefM: 2000,
});

export interface Candidate {
  rank: number;
  /** Parcel id and index in the 永久基本农田 layer (= the map feature id). */
  id: string;
  index: number;
  regionCode?: string;
  /** Remainder (not in 高标准农田), m² and 亩, on the indicator's area basis (parcelNetFactor). */
  remainderM2: number;
  remainderMu: number;
  /** The inputs of the score, shown beside it. */
  gddj?: number;
  gdpdjb?: number;
  /** Cluster of contiguous remainder parcels: id (smallest member index) and remainder area (亩). */
  cluster: number;
  clusterMu: number;
  /** Metres to the nearest 高标准农田 parcel (0 when partly inside one); null: none within distanceRefM. */
  distanceM: number | null;
  scores: { grade: number; slope: number; contiguity: number; distance: number };
  score: number;
  bbox: BBox;
}

/** Per (永久基本农田, 高标准农田, reference distance): metres from each parcel to the nearest cover parcel (NaN: not yet computed, −1: none within reach). */
const DISTANCES = new WeakMap<Layer, Map<string, { cover: Layer | undefined; d: Float64Array }>>();

/** Metres from parcel i of `pb` to the nearest parcel of `hs` within `refM`, or null (cached: it does not depend on the selection). */
export function distanceToCover(pb: Layer, hs: Layer | undefined, i: number, refM: number): number | null {
  if (!hs?.parcels.length) return null;
  let m = DISTANCES.get(pb);
  if (!m) {
    m = new Map();
    DISTANCES.set(pb, m);
  }
  const key = String(refM);
  let entry = m.get(key);
  if (!entry || entry.cover !== hs) {
    entry = { cover: hs, d: new Float64Array(pb.parcels.length).fill(Number.NaN) };
    m.set(key, entry);
  }
  const known = entry.d[i];
  if (!Number.isNaN(known)) return known < 0 ? null : known;
  const p = pb.parcels[i];
  let d: number | null = null;
  // nearest first by bbox distance (a lower bound): stop once no bbox can beat the best found
  const near = searchIndex(hs.index, hs.parcels.length, expandBBoxM(p.bbox, refM))
    .map((j) => ({ j, lb: bboxDistanceM(p.bbox, hs.parcels[j].bbox) }))
    .sort((a, b) => a.lb - b.lb);
  for (const { j, lb } of near) {
    if (lb > refM || (d !== null && lb >= d)) break;
    const h = hs.parcels[j];
    const dj = boundaryDistanceM(p.geometry, h.geometry, p.bbox, h.bbox);
    if (dj <= refM && (d === null || dj < d)) d = dj;
  }
  entry.d[i] = d === null ? -1 : d;
  return d;
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/**
 * Rank the parcels with a remainder. `remainderM2` / `insideM2` are per parcel of `pb` (before the net factor);
 * `positions` restricts the list to the selection (clusters are formed within it).
 */
export function rankCandidates(
  pb: Layer,
  hs: Layer | undefined,
  remainderM2: Float64Array,
  insideM2: Float64Array,
  positions: readonly number[],
  w: CandidateWeights = DEFAULT_CANDIDATE_WEIGHTS,
): Candidate[] {
  const rem = positions.filter((i) => remainderM2[i] > 0);
  if (rem.length === 0) return [];
  const isRem = new Uint8Array(pb.parcels.length);
  for (const i of rem) isRem[i] = 1;
  // clusters: union-find over remainder parcels within clusterGapM of each other
  const parent = new Int32Array(pb.parcels.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  for (const i of rem) {
    const p = pb.parcels[i];
    for (const j of searchIndex(pb.index, pb.parcels.length, expandBBoxM(p.bbox, w.clusterGapM))) {
      if (j <= i || !isRem[j]) continue;
      const ri = find(parent, i);
      const rj = find(parent, j);
      if (ri === rj) continue;
      const q = pb.parcels[j];
      if (boundaryDistanceM(p.geometry, q.geometry, p.bbox, q.bbox) <= w.clusterGapM) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  }
  return scoreCandidates(
    rem.map((i) => {
      const p = pb.parcels[i];
      const c: CandidateInput = { index: i, id: p.id, remainderM2: remainderM2[i] * parcelNetFactor(p), distanceM: insideM2[i] > 0 ? 0 : distanceToCover(pb, hs, i, w.distanceRefM), bbox: p.bbox };
      const code = locationCode(p);
      if (code !== undefined) c.regionCode = code;
      if (attrOf(p, 'gddj') !== undefined) c.gddj = attrOf(p, 'gddj');
      if (attrOf(p, 'gdpdjb') !== undefined) c.gdpdjb = attrOf(p, 'gdpdjb');
      return c;
    }),
    (i) => find(parent, i),
    w,
  );
}

/** What scoring a remainder parcel needs: its remainder (net), grade, slope, distance to 高标准农田 (selection-independent). */
export interface CandidateInput {
  index: number;
  id: string;
  regionCode?: string;
  /** Remainder on the indicator's basis (× parcelNetFactor), m². */
  remainderM2: number;
  gddj?: number;
  gdpdjb?: number;
  distanceM: number | null;
  bbox: BBox;
}

/**
 * Score and rank remainder parcels, given their inputs (in layer order) and each one's cluster (the smallest
 * member index of its group). The province server ranks its stored inputs with this too (src/server/indicatorsDb.ts).
 */
export function scoreCandidates(inputs: readonly CandidateInput[], clusterOf: (index: number) => number, w: CandidateWeights = DEFAULT_CANDIDATE_WEIGHTS): Candidate[] {
  const clusterM2 = new Map<number, number>();
  for (const c of inputs) {
    const r = clusterOf(c.index);
    clusterM2.set(r, (clusterM2.get(r) ?? 0) + c.remainderM2);
  }
  const out: Candidate[] = inputs.map((x) => {
    const d = x.distanceM;
    const g = x.gddj;
    const s = x.gdpdjb;
    const cl = clusterOf(x.index);
    const clusterMu = m2ToMu(clusterM2.get(cl) ?? 0);
    const scores = {
      grade: g !== undefined && g >= 1 && g <= 10 ? (10 - g) / 9 : 0,
      slope: s !== undefined && s >= 1 && s <= 5 ? (5 - s) / 4 : 0,
      contiguity: w.contiguityRefMu > 0 ? Math.min(1, clusterMu / w.contiguityRefMu) : 0,
      distance: d === null || w.distanceRefM <= 0 ? 0 : Math.max(0, 1 - d / w.distanceRefM),
    };
    const score = 100 * (w.grade * scores.grade + w.slope * scores.slope + w.contiguity * scores.contiguity + w.distance * scores.distance);
    const r = x.remainderM2;
    const c: Candidate = { rank: 0, id: x.id, index: x.index, remainderM2: r, remainderMu: m2ToMu(r), cluster: cl, clusterMu, distanceM: d, scores, score, bbox: x.bbox };
    if (x.regionCode !== undefined) c.regionCode = x.regionCode;
    if (g !== undefined) c.gddj = g;
    if (s !== undefined) c.gdpdjb = s;
    return c;
  });
  out.sort((a, b) => b.score - a.score || b.remainderM2 - a.remainderM2 || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index));
  for (let k = 0; k < out.length; k++) out[k].rank = k + 1;
  return out;
}
