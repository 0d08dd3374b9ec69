/**
 * 永久基本农田 → 高标准农田 (2024 opinion: build all 永久基本农田 into 高标准农田): per region, the 永久基本农田 area,
 * the part inside 高标准农田 (exact overlay on the ellipsoid, overlaps inside either layer counted once:
 * coverPieces.ts), its share, and the remainder. Every area passes through parcelNetFactor (地类面积 where KCXS is
 * given). The remainder is listed parcel by parcel as candidates for the next projects, ranked by
 * candidateScore.ts with its inputs shown.
 */
import type { Layer } from '../../layers/layer';
import { parcelsInRegion } from '../summary';
import { type Candidate, type CandidateWeights, DEFAULT_CANDIDATE_WEIGHTS, rankCandidates } from './candidateScore';
import { type CoverFailure, type Covered, coveredArea, coveredAreaInSlices } from './coverPieces';
import { type AreaBasis, hasNetFactor, parcelNetFactor } from './netFactor';
import { type RegionLevelName, RegionSums } from './regionSums';
import { locationCode } from '../../layers/attrTable';

/**
 * A parcel is a candidate (and counts in `remainderParcels`) when its remainder is at least 1 % of its area or at
 * least 1 亩: smaller remainders are slivers where the two layers' boundaries were digitised apart (centimetres
 * along a field edge), not land for a project. The area figures count every remainder exactly, slivers included.
 */
export const REMAINDER_MIN_SHARE = 0.01;
export const REMAINDER_MIN_M2 = 2000 / 3;

export interface CoverageFigures {
  /** 永久基本农田 area (overlaps once), m², on `basis`. */
  permanentBasicM2: number;
  /** The part inside 高标准农田, m². */
  inHighStandardM2: number;
  /** permanentBasicM2 − inHighStandardM2, m². */
  remainderM2: number;
  /** inHighStandardM2 / permanentBasicM2; null when there is no 永久基本农田. */
  share: number | null;
  /** 永久基本农田 parcels, and those with a remainder of ≥ 1 % or ≥ 1 亩 (the candidates). */
  parcels: number;
  remainderParcels: number;
}

export interface CoverageRegion extends CoverageFigures {
  code: string;
  level: RegionLevelName;
}

export interface HighStandardCoverage extends CoverageFigures {
  basis: AreaBasis;
  /** Whether a 高标准农田 layer was loaded (without one every parcel is remainder). */
  highStandardLoaded: boolean;
  byRegion: CoverageRegion[];
  /** The remainder parcels, best candidate first. */
  candidates: Candidate[];
  weights: CandidateWeights;
  failures: CoverFailure[];
}

const CACHE = new WeakMap<Layer, Map<Layer | null, Covered>>();

/** coveredArea cached per (target, cover) layer pair: a region change does not redo the overlay. */
export function coveredAreaCached(target: Layer, cover: Layer | undefined): Covered {
  let m = CACHE.get(target);
  if (!m) {
    m = new Map();
    CACHE.set(target, m);
  }
  const key = cover ?? null;
  let c = m.get(key);
  if (!c) {
    c = coveredArea(target, cover);
    m.set(key, c);
  }
  return c;
}

/**
 * Compute a (target, cover) overlay in slices and keep it in the cache (coveredAreaInSlices), so that the
 * indicators computed afterwards find it: the worker warms its pairs this way without blocking other requests.
 */
export async function warmCoveredArea(target: Layer, cover: Layer | undefined, pause: () => Promise<void>): Promise<void> {
  let m = CACHE.get(target);
  if (!m) {
    m = new Map();
    CACHE.set(target, m);
  }
  const key = cover ?? null;
  if (m.has(key)) return;
  const c = await coveredAreaInSlices(target, cover, pause);
  if (!m.has(key)) m.set(key, c);
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function highStandardCoverage(
  permanentBasic: Layer,
  highStandard: Layer | undefined,
  opts: { region?: string; weights?: CandidateWeights } = {},
): HighStandardCoverage {
  const cov = coveredAreaCached(permanentBasic, highStandard);
  const { positions } = parcelsInRegion(permanentBasic, opts.region);
  const sums = new RegionSums(['pb', 'in', 'rem', 'n', 'nrem'] as const);
  let pb = 0;
  let inside = 0;
  let remParcels = 0;
  let net = false;
  const remainderM2 = new Float64Array(permanentBasic.parcels.length);
  for (let i = 0; i < permanentBasic.parcels.length; i++) {
    const r = cov.effectiveM2[i] - cov.insideM2[i];
    remainderM2[i] = r > 0 && (r >= REMAINDER_MIN_M2 || r >= REMAINDER_MIN_SHARE * cov.effectiveM2[i]) ? r : 0;
  }
  for (const i of positions) {
    const p = permanentBasic.parcels[i];
    const f = parcelNetFactor(p);
    if (hasNetFactor(p)) net = true;
    const a = cov.effectiveM2[i] * f;
    const b = cov.insideM2[i] * f;
    pb += a;
    inside += b;
    const loc = locationCode(p);
    sums.add(loc, 'pb', a);
    sums.add(loc, 'in', b);
    sums.add(loc, 'rem', a - b);
    sums.add(loc, 'n', 1);
    if (remainderM2[i] > 0) {
      remParcels++;
      sums.add(loc, 'nrem', 1);
    }
  }
  const weights = opts.weights ?? DEFAULT_CANDIDATE_WEIGHTS;
  const candidates = rankCandidates(permanentBasic, highStandard, remainderM2, cov.insideM2, positions, weights);
  return {
    basis: net ? 'net' : 'gross',
    highStandardLoaded: highStandard !== undefined,
    permanentBasicM2: pb,
    inHighStandardM2: inside,
    remainderM2: pb - inside,
    share: share(inside, pb),
    parcels: positions.length,
    remainderParcels: remParcels,
    byRegion: sums.list().map((r) => ({
      code: r.code,
      level: r.level,
      permanentBasicM2: r.values.pb,
      inHighStandardM2: r.values.in,
      remainderM2: r.values.rem,
      share: share(r.values.in, r.values.pb),
      parcels: r.values.n,
      remainderParcels: r.values.nrem,
    })),
    candidates,
    weights,
    failures: cov.failures,
  };
}
