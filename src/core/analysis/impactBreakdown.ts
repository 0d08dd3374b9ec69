/**
 * The occupation impact's breakdowns of one layer (core/analysis/impact.ts): area, 地类面积 and parcels of the
 * pieces inside the site, by 地类 (DLBM), 质量等级 (GDDJ) and 坡度级别 (GDPDJB). Unlike the summary's breakdowns
 * (breakdown.ts) these are unsnapped sums over clipped pieces.
 */
import { m2ToMu } from '../area/units';
import type { ParcelAttrs } from '../types';

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

const LAND_KEYS = ['paddy', 'irrigated', 'dry', 'other', 'unknown'] as const;
const GRADE_KEYS = ['unknown', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
const SLOPE_KEYS = ['unknown', '1', '2', '3', '4', '5'] as const;

/** Sums per slot of one dimension: slot i is keys[i]. */
class Slots {
  readonly m2: Float64Array;
  readonly net: Float64Array;
  readonly n: Int32Array;
  constructor(readonly keys: readonly string[]) {
    this.m2 = new Float64Array(keys.length);
    this.net = new Float64Array(keys.length);
    this.n = new Int32Array(keys.length);
  }
  add(i: number, m2: number, net: number): void {
    this.m2[i] += m2;
    this.net[i] += net;
    this.n[i]++;
  }
  /** The slots with at least one piece, in key order. */
  buckets(): Record<string, AreaBucket> {
    const out: Record<string, AreaBucket> = {};
    for (let i = 0; i < this.keys.length; i++) {
      if (this.n[i] > 0) out[this.keys[i]] = { areaM2: this.m2[i], areaMu: m2ToMu(this.m2[i]), netM2: this.net[i], netMu: m2ToMu(this.net[i]), parcels: this.n[i] };
    }
    return out;
  }
}

/** An integer class 1..max, else 0 (the "unknown" slot). */
const classSlot = (v: number | undefined, max: number): number => (v !== undefined && Number.isInteger(v) && v >= 1 && v <= max ? v : 0);

/** Adds pieces (area and 地类面积 of a clipped parcel) into the three breakdowns. */
export class ImpactBreakdownTally {
  private readonly land = new Slots(LAND_KEYS);
  private readonly grade = new Slots(GRADE_KEYS);
  private readonly slope = new Slots(SLOPE_KEYS);

  add(attrs: ParcelAttrs, m2: number, net: number): void {
    const cls = attrs.landClass;
    this.land.add(cls === 'paddy' ? 0 : cls === 'irrigated' ? 1 : cls === 'dry' ? 2 : attrs.dlbm === undefined ? 4 : 3, m2, net);
    this.grade.add(classSlot(attrs.gddj, 10), m2, net);
    this.slope.add(classSlot(attrs.gdpdjb, 5), m2, net);
  }

  result(): ImpactBreakdowns {
    return { byLandClass: this.land.buckets(), byGrade: this.grade.buckets(), bySlope: this.slope.buckets() };
  }
}
