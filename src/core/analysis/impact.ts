/**
 * Occupation impact of a construction site (one or more polygons) on the loaded layers, and the compensation duty
 * it creates under 占补平衡 (docs/domain.md §5):
 *   - per layer: area occupied (overlapping site polygons count once, overlaps inside a layer count once), parcels
 *     touched, and breakdowns by 地类 (DLBM), 质量等级 (GDDJ) and 坡度级别 (GDPDJB);
 *   - flags: 永久基本农田 occupied, 生态保护红线 crossed, site outside the 城镇开发边界 (with the area outside);
 *   - duty: quantity (亩 of 耕地 occupied), quality (area-weighted mean GDDJ to match or beat), productive capacity
 *     (Σ 亩 × kg/亩 of the grade, config table) and the 耕地开垦费 estimate (耕地 亩 × rate, 永久基本农田 亩 × rate ×
 *     pbfFeeMultiplier).
 * 耕地 is the `cultivated` layer; without one, the `permanent-basic` layer stands in (it is 耕地 too) and the report
 * says so in `compensation.basis`.
 */
import { type AreaBasis, DEFAULT_AREA_BASIS } from '../area/netArea';
import { m2ToMu } from '../area/units';
import type { Layer } from '../layers/layer';
import { type PreparedRegion, overlayRegion, prepareRegion } from '../overlay/siteOverlay';
import type { AreaGeometry, LayerKind } from '../types';
import { type Contiguity, contiguityOfPieces } from './contiguity';
import { type AnalysisConfig, DEFAULT_CONFIG, feeRateFor, productivityOf } from './config';
import { type HighStandardOccupation, highStandardOccupation } from './indicators/highStandardOccupation';
import { GRADE_SLOT_KEYS, LAND_SLOT_KEYS, type LayerTally, SLOPE_SLOT_KEYS, type Slots, tallyOverlay } from './impactTally';

/** Occupied areas below this (m², ≈ 1 dm²) are boundary contact and raise no flag. */
export const FLAG_MIN_M2 = 0.01;

export interface AreaBucket {
  areaM2: number;
  areaMu: number;
  /** 地类面积 of the pieces (each piece × its parcel's net factor). */
  netM2: number;
  netMu: number;
  parcels: number;
}

export interface ImpactLayer {
  kind: LayerKind;
  name: string;
  file: string;
  areaM2: number;
  areaMu: number;
  /**
   * 地类面积 occupied: Σ piece area × its parcel's net factor (area/netArea.ts parcelNetFactor) — a clipped parcel
   * keeps its deduction ratio (domain.md §6).
   */
  netM2: number;
  netMu: number;
  /** Parcels touched (with more than contact). */
  parcels: number;
  parcelIds: string[];
  /** Aligned with parcelIds: index into layer.parcels, area inside the site (m²), 1 if the whole parcel is inside. */
  pieceIndex: Int32Array;
  pieceAreaM2: Float64Array;
  /** Aligned with pieceAreaM2: the piece's 地类面积 (m²). */
  pieceNetM2: Float64Array;
  pieceWhole: Uint8Array;
  /** By 地类: paddy / irrigated / dry / other (non-耕地 DLBM) / unknown (no DLBM). */
  byLandClass: Record<string, AreaBucket>;
  /** By GDDJ grade "1".."10", or "unknown". */
  byGrade: Record<string, AreaBucket>;
  /** By GDPDJB slope class "1".."5", or "unknown". */
  bySlope: Record<string, AreaBucket>;
}

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

export interface ImpactReport {
  siteAreaM2: number;
  siteAreaMu: number;
  /** Pieces and compactness of the (unioned) site: is the occupation contiguous? (balance: 占整补散) */
  site: Contiguity;
  layers: ImpactLayer[];
  flags: {
    permanentBasicOccupied: boolean;
    ecoRedlineCrossed: boolean;
    outsideUrbanBoundary: boolean;
    /** Area of the site outside the union of 城镇开发边界 polygons (m²); null without that layer. */
    outsideUrbanAreaM2: number | null;
    /** Layer kinds a flag needs that were not loaded (the flag is then false by absence, not by check). */
    notChecked: LayerKind[];
    /** 高标准农田 occupied (严禁擅自占用: its own flag, with area and parcels); null without a 高标准农田 layer. */
    highStandardOccupied: boolean;
    highStandard: HighStandardOccupation | null;
  };
  compensation: Compensation;
  /** Per-feature clipping failures; `layer: 'site'` for the site's own polygons. */
  failures: { layer: LayerKind | 'site'; parcelId: string; message: string }[];
  /** How candidates were resolved, summed over layers. */
  stats: { candidates: number; whole: number; outside: number; green: number; clipped: number };
  /** Config sources (file names or "built-in"). */
  configSources: string[];
}

/** Prepare a site once (union + edge index) for repeated impact runs (live drawing, benchmarks). */
export function prepareSite(site: readonly AreaGeometry[]): PreparedRegion {
  return prepareRegion(site);
}

const isPrepared = (s: readonly AreaGeometry[] | PreparedRegion): s is PreparedRegion => !Array.isArray(s);

export function computeImpact(
  site: readonly AreaGeometry[] | PreparedRegion,
  layers: readonly Layer[],
  config: AnalysisConfig = DEFAULT_CONFIG,
  opts: { regionCode?: string; basis?: AreaBasis } = {},
): ImpactReport {
  const region = isPrepared(site) ? site : prepareRegion(site);
  const stats = { candidates: 0, whole: 0, outside: 0, green: 0, clipped: 0 };
  const failures: ImpactReport['failures'] = [];
  const tallies = layers.map((layer) => {
    const ov = overlayRegion(region, layer);
    for (const k of Object.keys(stats) as (keyof ImpactReport['stats'])[]) stats[k] += ov.stats[k];
    for (const f of ov.failures) failures.push({ layer: layer.kind, ...f });
    return tallyOverlay(layer, ov);
  });
  return impactFromTallies(region, tallies, { stats, failures }, config, opts);
}

/**
 * The report from per-layer tallies (impactTally.ts): computeImpact's tallies of the engine's overlays, or the
 * province server's (edge parcels by the engine, parcels wholly inside pre-summed). `resolved` are the overlay's
 * per-parcel failures and how candidates were resolved.
 */
export function impactFromTallies(
  region: PreparedRegion,
  tallies: readonly LayerTally[],
  resolved: { stats: ImpactReport['stats']; failures: ImpactReport['failures'] },
  config: AnalysisConfig = DEFAULT_CONFIG,
  opts: { regionCode?: string; basis?: AreaBasis } = {},
): ImpactReport {
  const areaBasis = opts.basis ?? DEFAULT_AREA_BASIS;
  const report: ImpactReport = {
    siteAreaM2: region.areaM2,
    siteAreaMu: m2ToMu(region.areaM2),
    site: contiguityOfPieces(region.coords),
    layers: [],
    flags: { permanentBasicOccupied: false, ecoRedlineCrossed: false, outsideUrbanBoundary: false, outsideUrbanAreaM2: null, notChecked: [], highStandardOccupied: false, highStandard: null },
    compensation: {
      basis: 'none', areaBasis, quantityMu: 0, quantityPolygonMu: 0, quantityNetMu: 0, qualityGrade: null, gradedShare: 0, capacityKg: null, permanentBasicMu: 0, feeYuan: 0,
      feeRate: 0, feeRateSource: 'default', pbfFeeMultiplier: config.pbfFeeMultiplier,
    },
    failures: [...region.failures.map((m) => ({ layer: 'site' as const, parcelId: '(site)', message: m })), ...resolved.failures],
    stats: { ...resolved.stats },
    configSources: [...config.sources],
  };
  const byKind = new Map<LayerKind, ImpactLayer>();
  const basisOf = new Map<LayerKind, LayerTally>();
  const rec = (keys: readonly string[], s: Slots): Record<string, AreaBucket> => {
    const out: Record<string, AreaBucket> = {};
    for (let i = 0; i < keys.length; i++) if (s.n[i] > 0) out[keys[i]] = { areaM2: s.m2[i], areaMu: m2ToMu(s.m2[i]), netM2: s.net[i], netMu: m2ToMu(s.net[i]), parcels: s.n[i] };
    return out;
  };
  for (const t of tallies) {
    const L: ImpactLayer = {
      kind: t.kind, name: t.name, file: t.file, areaM2: t.totalM2, areaMu: m2ToMu(t.totalM2), netM2: t.netM2, netMu: m2ToMu(t.netM2),
      parcels: t.parcelIds.length, parcelIds: t.parcelIds, pieceIndex: t.pieceIndex, pieceAreaM2: t.pieceAreaM2, pieceNetM2: t.pieceNetM2, pieceWhole: t.pieceWhole,
      byLandClass: rec(LAND_SLOT_KEYS, t.land), byGrade: rec(GRADE_SLOT_KEYS, t.grade), bySlope: rec(SLOPE_SLOT_KEYS, t.slope),
    };
    report.layers.push(L);
    // two files of one kind: the first one answers for flags and duty (a report lists both)
    if (!byKind.has(t.kind)) {
      byKind.set(t.kind, L);
      basisOf.set(t.kind, t);
    }
  }

  // ---- flags
  const pbf = byKind.get('permanent-basic');
  const eco = byKind.get('eco-redline');
  const urban = byKind.get('urban-boundary');
  report.flags.permanentBasicOccupied = (pbf?.areaM2 ?? 0) > FLAG_MIN_M2;
  report.flags.ecoRedlineCrossed = (eco?.areaM2 ?? 0) > FLAG_MIN_M2;
  if (urban) {
    const outside = Math.max(0, region.areaM2 - urban.areaM2);
    report.flags.outsideUrbanAreaM2 = outside;
    report.flags.outsideUrbanBoundary = outside > FLAG_MIN_M2;
  }
  for (const k of ['permanent-basic', 'eco-redline', 'urban-boundary'] as const) if (!byKind.has(k)) report.flags.notChecked.push(k);
  const hsl = byKind.get('high-standard');
  if (hsl) report.flags.highStandard = highStandardOccupation(hsl);
  report.flags.highStandardOccupied = report.flags.highStandard?.flag ?? false;

  // ---- compensation duty
  const c = report.compensation;
  const basisKind: 'cultivated' | 'permanent-basic' | 'none' = byKind.has('cultivated') ? 'cultivated' : pbf ? 'permanent-basic' : 'none';
  c.basis = basisKind;
  const basis = basisKind === 'none' ? undefined : basisOf.get(basisKind);
  let gradedM2 = 0;
  let gradeSum = 0;
  let capacityGraded = 0;
  let capacityM2 = 0;
  let totalM2 = 0;
  let polygonM2 = 0;
  let netM2 = 0;
  const regionM2 = new Map<string, number>();
  const duty = basis?.duty;
  for (let k = 0; duty && k < duty.poly.length; k++) {
    const poly = duty.poly[k];
    const net = duty.net[k];
    polygonM2 += poly;
    netM2 += net;
    // duty, quality weights, capacity and the fee's region all on the chosen basis
    const a = areaBasis === 'net' ? net : poly;
    totalM2 += a;
    const g = duty.grade[k];
    if (g >= 1 && g <= 10) {
      gradedM2 += a;
      gradeSum += g * a;
      const coef = productivityOf(config, g);
      if (coef !== undefined) {
        capacityGraded += m2ToMu(a) * coef;
        capacityM2 += a;
      }
    }
    const county = duty.county[k];
    if (county) regionM2.set(county, (regionM2.get(county) ?? 0) + a);
  }
  c.quantityMu = m2ToMu(totalM2);
  c.quantityPolygonMu = m2ToMu(polygonM2);
  c.quantityNetMu = m2ToMu(netM2);
  c.qualityGrade = gradedM2 > 0 ? gradeSum / gradedM2 : null;
  c.gradedShare = totalM2 > 0 ? gradedM2 / totalM2 : 0;
  c.capacityKg = capacityM2 > 0 ? capacityGraded * (totalM2 / capacityM2) : null;
  c.permanentBasicMu = m2ToMu((areaBasis === 'net' ? pbf?.netM2 : pbf?.areaM2) ?? 0);
  let regionCode = opts.regionCode;
  if (regionCode === undefined && regionM2.size > 0) regionCode = [...regionM2.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const rate = feeRateFor(config, regionCode);
  c.feeRate = rate.rate;
  c.feeRateSource = rate.source;
  if (regionCode !== undefined) c.regionCode = regionCode;
  const pbfMu = c.permanentBasicMu;
  const ordinaryMu = basisKind === 'permanent-basic' ? 0 : Math.max(0, c.quantityMu - pbfMu);
  c.feeYuan = (ordinaryMu + pbfMu * config.pbfFeeMultiplier) * rate.rate;
  return report;
}
