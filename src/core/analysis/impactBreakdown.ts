/**
 * The occupation impact's breakdowns of one layer (core/analysis/impact.ts): area, 地类面积 and parcels of the
 * pieces inside the site, by 地类 (DLBM), 质量等级 (GDDJ) and 坡度级别 (GDPDJB). Unlike the summary's breakdowns
 * (breakdown.ts) these are unsnapped sums over clipped pieces, read from a layer's tally (impactTally.ts).
 */
import { m2ToMu } from '../area/units';
import { GRADE_SLOT_KEYS, LAND_SLOT_KEYS, type LayerTally, SLOPE_SLOT_KEYS, type Slots } from './impactTally';

export interface AreaBucket {
  areaM2: number;
  areaMu: number;
  /** 地类面积 of the pieces (each piece × its parcel's net factor). */
  netM2: number;
  netMu: number;
  parcels: number;
}

export interface ImpactBreakdowns {
  /** By 地类: paddy / irrigated / dry / other (non-耕地 DLBM) / unknown (no DLBM). */
  byLandClass: Record<string, AreaBucket>;
  /** By GDDJ grade "1".."10", or "unknown". */
  byGrade: Record<string, AreaBucket>;
  /** By GDPDJB slope class "1".."5", or "unknown". */
  bySlope: Record<string, AreaBucket>;
}

/** A tally's slots (impactTally.ts) as the report's breakdowns: the slots with at least one piece, in key order. */
export function breakdownsOf(t: Pick<LayerTally, 'land' | 'grade' | 'slope'>): ImpactBreakdowns {
  return { byLandClass: buckets(LAND_SLOT_KEYS, t.land), byGrade: buckets(GRADE_SLOT_KEYS, t.grade), bySlope: buckets(SLOPE_SLOT_KEYS, t.slope) };
}

function buckets(keys: readonly string[], s: Slots): Record<string, AreaBucket> {
  const out: Record<string, AreaBucket> = {};
  for (let i = 0; i < keys.length; i++) if (s.n[i] > 0) out[keys[i]] = { areaM2: s.m2[i], areaMu: m2ToMu(s.m2[i]), netM2: s.net[i], netMu: m2ToMu(s.net[i]), parcels: s.n[i] };
  return out;
}
