/**
 * The compensation duty an occupation creates under 占补平衡 (docs/domain.md §5), from the pieces of the 耕地 layer
 * inside the site: quantity (亩 of 耕地 occupied), quality (area-weighted mean GDDJ to match or beat), productive
 * capacity (Σ 亩 × kg/亩 of the grade, config table) and the 耕地开垦费 estimate (耕地 亩 × rate, 永久基本农田 亩 ×
 * rate × pbfFeeMultiplier). Used by computeImpact (impact.ts).
 */
import type { AreaBasis } from '../area/netArea';
import { m2ToMu } from '../area/units';
import { type AnalysisConfig, feeRateFor, productivityOf } from './config';
import type { DutyEntries } from './impactTally';

export interface Compensation {
  /** Which layer supplied 耕地: cultivated, or permanent-basic standing in; none → zero duty. */
  basis: 'cultivated' | 'permanent-basic' | 'none';
  /** Which area the duty, capacity and fee use: 地类面积 (net, default) or 图斑面积 (polygon). */
  areaBasis: AreaBasis;
  /** 耕地 occupied (亩) on the area basis = supplementary 耕地 owed. */
  quantityMu: number;
  /** The same on both bases, for the record. */
  quantityPolygonMu: number;
  quantityNetMu: number;
  /** Area-weighted mean GDDJ of occupied 耕地 with a known grade (supplement must match or beat: ≤); null if none graded. */
  qualityGrade: number | null;
  /** Share of occupied 耕地 area with a known GDDJ, 0..1. */
  gradedShare: number;
  /**
   * Productive capacity lost (kg/yr) = Σ 亩 × coefficient(GDDJ). 耕地 without a grade is valued at the graded
   * part's mean kg/亩 (so the duty is not understated); null when nothing is graded.
   */
  capacityKg: number | null;
  /** 永久基本农田 occupied (亩). */
  permanentBasicMu: number;
  /** 耕地开垦费 estimate (元) = (耕地 亩 − 永久基本农田 亩 + 永久基本农田 亩 × multiplier) × rate. */
  feeYuan: number;
  /** 元/亩 used, and where it came from ("default" or the region code prefix). */
  feeRate: number;
  feeRateSource: string;
  /** Region code the rate was looked up for (given, or the county holding most occupied 耕地). */
  regionCode?: string;
  pbfFeeMultiplier: number;
}

/**
 * The 耕地 layer's pieces inside the site (or groups of whole parcels pre-summed by the province server), as its
 * tally's duty entries (impactTally.ts): polygon area, 地类面积, GDDJ as read, county code.
 */
export interface DutyPieces {
  kind: 'cultivated' | 'permanent-basic';
  duty: DutyEntries;
}

/** Sums over the 耕地 pieces; `m2` and the grade sums are on the chosen area basis. */
interface DutySums {
  polygonM2: number;
  netM2: number;
  m2: number;
  gradedM2: number;
  gradeSum: number;
  capacityGraded: number;
  capacityM2: number;
  /** Area per county code, for the fee's region. */
  byCounty: Map<string, number>;
}

function dutySums(pieces: DutyPieces | undefined, areaBasis: AreaBasis, config: AnalysisConfig): DutySums {
  const s: DutySums = { polygonM2: 0, netM2: 0, m2: 0, gradedM2: 0, gradeSum: 0, capacityGraded: 0, capacityM2: 0, byCounty: new Map() };
  const d = pieces?.duty;
  for (let k = 0; d && k < d.poly.length; k++) {
    const poly = d.poly[k];
    const net = d.net[k];
    s.polygonM2 += poly;
    s.netM2 += net;
    // duty, quality weights, capacity and the fee's region all on the chosen basis
    const a = areaBasis === 'net' ? net : poly;
    s.m2 += a;
    const g = d.grade[k];
    if (g >= 1 && g <= 10) {
      s.gradedM2 += a;
      s.gradeSum += g * a;
      const coef = productivityOf(config, g);
      if (coef !== undefined) {
        s.capacityGraded += m2ToMu(a) * coef;
        s.capacityM2 += a;
      }
    }
    const county = d.county[k];
    if (county) s.byCounty.set(county, (s.byCounty.get(county) ?? 0) + a);
  }
  return s;
}

/**
 * The duty for the 耕地 pieces (undefined: no 耕地 layer, zero duty) and the 永久基本农田 occupied (m² on both
 * bases; undefined without that layer). `regionCode` picks the fee rate; without it, the county holding most
 * occupied 耕地 does.
 *
 * @param pieces the 耕地 layer's kind (cultivated, or permanent-basic standing in) and its duty entries
 * @param permanentBasic the 永久基本农田 layer's occupied area, polygon (`areaM2`) and 地类面积 (`netM2`)
 * @returns the Compensation record of an ImpactReport
 * @example compensationDuty({ kind: 'cultivated', duty: tally.duty }, undefined, DEFAULT_CONFIG, 'net').quantityMu
 */
export function compensationDuty(
  pieces: DutyPieces | undefined,
  permanentBasic: { areaM2: number; netM2: number } | undefined,
  config: AnalysisConfig,
  areaBasis: AreaBasis,
  regionCode?: string,
): Compensation {
  const s = dutySums(pieces, areaBasis, config);
  const quantityMu = m2ToMu(s.m2);
  const permanentBasicMu = m2ToMu((areaBasis === 'net' ? permanentBasic?.netM2 : permanentBasic?.areaM2) ?? 0);
  if (regionCode === undefined && s.byCounty.size > 0) regionCode = [...s.byCounty.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const rate = feeRateFor(config, regionCode);
  const ordinaryMu = pieces?.kind === 'permanent-basic' ? 0 : Math.max(0, quantityMu - permanentBasicMu);
  const c: Compensation = {
    basis: pieces?.kind ?? 'none',
    areaBasis,
    quantityMu,
    quantityPolygonMu: m2ToMu(s.polygonM2),
    quantityNetMu: m2ToMu(s.netM2),
    qualityGrade: s.gradedM2 > 0 ? s.gradeSum / s.gradedM2 : null,
    gradedShare: s.m2 > 0 ? s.gradedM2 / s.m2 : 0,
    capacityKg: s.capacityM2 > 0 ? s.capacityGraded * (s.m2 / s.capacityM2) : null,
    permanentBasicMu,
    feeYuan: (ordinaryMu + permanentBasicMu * config.pbfFeeMultiplier) * rate.rate,
    feeRate: rate.rate,
    feeRateSource: rate.source,
    pbfFeeMultiplier: config.pbfFeeMultiplier,
  };
  if (regionCode !== undefined) c.regionCode = regionCode;
  return c;
}
