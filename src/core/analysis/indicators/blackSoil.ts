/**
 * 黑土地 (《黑土地保护法》 2022): the 耕地 inside the 黑土地 zone, by quality grade GDDJ and slope class GDPDJB, per
 * region, with the part on slope classes 3–5 (> 6°) as the 侵蚀 (erosion) risk. Exact overlay of 耕地 with the union
 * of the 黑土地 polygons (coverPieces.ts); areas through parcelNetFactor.
 */
import type { Layer } from '../../layers/layer';
import { parcelsInRegion } from '../summary';
import type { CoverFailure } from './coverPieces';
import { coveredAreaCached } from './highStandardCoverage';
import { type AreaBasis, hasNetFactor, parcelNetFactor } from './netFactor';
import { type RegionLevelName, RegionSums } from './regionSums';
import { attrOf, locationCode } from '../../layers/attrTable';

/** Slope classes counted as erosion risk on black soil (GDPDJB 3: 6–15°, 4: 15–25°, 5: > 25°). */
export const EROSION_SLOPE_CLASSES: readonly number[] = [3, 4, 5];

const GRADE_KEYS = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8', 'g9', 'g10', 'gUnknown'] as const;
const SLOPE_KEYS = ['s1', 's2', 's3', 's4', 's5', 'sUnknown'] as const;
type Key = (typeof GRADE_KEYS)[number] | (typeof SLOPE_KEYS)[number] | 'cultivated' | 'inside' | 'erosion';

export interface BlackSoilFigures {
  /** 耕地 area of the selection / region, m². */
  cultivatedM2: number;
  /** 耕地 inside the 黑土地 zone, m², and its share of 耕地. */
  insideM2: number;
  share: number | null;
  /** Inside, on slope classes 3–5 (侵蚀 risk), m², and its share of the inside area. */
  erosionRiskM2: number;
  erosionRiskShare: number | null;
  /** Inside, by GDDJ "1".."10" / "unknown", m². */
  byGrade: Record<string, number>;
  /** Inside, by GDPDJB "1".."5" / "unknown", m². */
  bySlope: Record<string, number>;
}

export interface BlackSoilRegion extends BlackSoilFigures {
  code: string;
  level: RegionLevelName;
}

export interface BlackSoilIndicator extends BlackSoilFigures {
  basis: AreaBasis;
  byRegion: BlackSoilRegion[];
  failures: CoverFailure[];
}

const share = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function figures(v: Record<Key, number>): BlackSoilFigures {
  const byGrade: Record<string, number> = {};
  for (let g = 1; g <= 10; g++) byGrade[String(g)] = v[`g${g}` as Key];
  byGrade.unknown = v.gUnknown;
  const bySlope: Record<string, number> = {};
  for (let s = 1; s <= 5; s++) bySlope[String(s)] = v[`s${s}` as Key];
  bySlope.unknown = v.sUnknown;
  return {
    cultivatedM2: v.cultivated,
    insideM2: v.inside,
    share: share(v.inside, v.cultivated),
    erosionRiskM2: v.erosion,
    erosionRiskShare: share(v.erosion, v.inside),
    byGrade,
    bySlope,
  };
}

export function blackSoilIndicator(cultivated: Layer, blackSoil: Layer, opts: { region?: string } = {}): BlackSoilIndicator {
  const cov = coveredAreaCached(cultivated, blackSoil);
  const { positions } = parcelsInRegion(cultivated, opts.region);
  const keys: Key[] = [...GRADE_KEYS, ...SLOPE_KEYS, 'cultivated', 'inside', 'erosion'];
  const sums = new RegionSums<Key>(keys);
  let net = false;
  for (const i of positions) {
    const p = cultivated.parcels[i];
    if (hasNetFactor(p)) net = true;
    const f = parcelNetFactor(p);
    const loc = locationCode(p);
    sums.add(loc, 'cultivated', cov.effectiveM2[i] * f);
    const a = cov.insideM2[i] * f;
    if (a <= 0) continue;
    sums.add(loc, 'inside', a);
    const g = attrOf(p, 'gddj');
    sums.add(loc, g !== undefined && Number.isInteger(g) && g >= 1 && g <= 10 ? (`g${g}` as Key) : 'gUnknown', a);
    const s = attrOf(p, 'gdpdjb');
    const sk: Key = s !== undefined && Number.isInteger(s) && s >= 1 && s <= 5 ? (`s${s}` as Key) : 'sUnknown';
    sums.add(loc, sk, a);
    if (s !== undefined && EROSION_SLOPE_CLASSES.includes(s)) sums.add(loc, 'erosion', a);
  }
  return {
    basis: net ? 'net' : 'gross',
    ...figures(sums.total),
    byRegion: sums.list().map((r) => ({ code: r.code, level: r.level, ...figures(r.values) })),
    failures: cov.failures,
  };
}
