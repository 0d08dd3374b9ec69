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
import { type AreaBasis, DEFAULT_AREA_BASIS, parcelNetFactor } from '../area/netArea';
import { m2ToMu } from '../area/units';
import { regionCodeOf } from '../layers/fields';
import type { Layer } from '../layers/layer';
import { type PreparedRegion, type RegionOverlay, overlayRegion, prepareRegion } from '../overlay/siteOverlay';
import type { AreaGeometry, LayerKind } from '../types';
import { type Contiguity, contiguityOfPieces } from './contiguity';
import { type AnalysisConfig, DEFAULT_CONFIG, feeRateFor, productivityOf } from './config';
import { type HighStandardOccupation, highStandardOccupation } from './indicators/highStandardOccupation';

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

const LAND_KEYS = ['paddy', 'irrigated', 'dry', 'other', 'unknown'] as const;
const GRADE_KEYS = ['unknown', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
const SLOPE_KEYS = ['unknown', '1', '2', '3', '4', '5'] as const;

const isPrepared = (s: readonly AreaGeometry[] | PreparedRegion): s is PreparedRegion => !Array.isArray(s);

export function computeImpact(
  site: readonly AreaGeometry[] | PreparedRegion,
  layers: readonly Layer[],
  config: AnalysisConfig = DEFAULT_CONFIG,
  opts: { regionCode?: string; basis?: AreaBasis } = {},
): ImpactReport {
  const areaBasis = opts.basis ?? DEFAULT_AREA_BASIS;
  const region = isPrepared(site) ? site : prepareRegion(site);
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
    failures: region.failures.map((m) => ({ layer: 'site' as const, parcelId: '(site)', message: m })),
    stats: { candidates: 0, whole: 0, outside: 0, green: 0, clipped: 0 },
    configSources: [...config.sources],
  };
  const byKind = new Map<LayerKind, ImpactLayer>();
  const basisOf = new Map<LayerKind, { layer: Layer; ov: RegionOverlay }>();
  for (const layer of layers) {
    const ov = overlayRegion(region, layer);
    for (const k of Object.keys(report.stats) as (keyof ImpactReport['stats'])[]) report.stats[k] += ov.stats[k];
    for (const f of ov.failures) report.failures.push({ layer: layer.kind, ...f });
    const parcelIds: string[] = new Array(ov.count);
    // breakdown slots: land class 0..4 (paddy, irrigated, dry, other, unknown), grade 0..10 (0 unknown), slope 0..5
    const lc = new Float64Array(5);
    const lcNet = new Float64Array(5);
    const lcN = new Int32Array(5);
    const gr = new Float64Array(11);
    const grNet = new Float64Array(11);
    const grN = new Int32Array(11);
    const sl = new Float64Array(6);
    const slNet = new Float64Array(6);
    const slN = new Int32Array(6);
    const pieceNet = new Float64Array(ov.count);
    let netTotal = 0;
    for (let k = 0; k < ov.count; k++) {
      const p = layer.parcels[ov.index[k]];
      const a = ov.areaM2[k];
      const n = a * parcelNetFactor(p.attrs);
      pieceNet[k] = n;
      netTotal += n;
      parcelIds[k] = p.id;
      const cls = p.attrs.landClass;
      const li = cls === 'paddy' ? 0 : cls === 'irrigated' ? 1 : cls === 'dry' ? 2 : p.attrs.dlbm === undefined ? 4 : 3;
      lc[li] += a;
      lcNet[li] += n;
      lcN[li]++;
      const g = p.attrs.gddj;
      const gi = g !== undefined && Number.isInteger(g) && g >= 1 && g <= 10 ? g : 0;
      gr[gi] += a;
      grNet[gi] += n;
      grN[gi]++;
      const sp = p.attrs.gdpdjb;
      const si = sp !== undefined && Number.isInteger(sp) && sp >= 1 && sp <= 5 ? sp : 0;
      sl[si] += a;
      slNet[si] += n;
      slN[si]++;
    }
    const rec = (keys: readonly string[], m2: Float64Array, net: Float64Array, n: Int32Array): Record<string, AreaBucket> => {
      const out: Record<string, AreaBucket> = {};
      for (let i = 0; i < keys.length; i++) if (n[i] > 0) out[keys[i]] = { areaM2: m2[i], areaMu: m2ToMu(m2[i]), netM2: net[i], netMu: m2ToMu(net[i]), parcels: n[i] };
      return out;
    };
    const L: ImpactLayer = {
      kind: layer.kind, name: layer.name, file: layer.file, areaM2: ov.totalM2, areaMu: m2ToMu(ov.totalM2), netM2: netTotal, netMu: m2ToMu(netTotal),
      parcels: ov.count, parcelIds, pieceIndex: ov.index, pieceAreaM2: ov.areaM2, pieceNetM2: pieceNet, pieceWhole: ov.whole,
      byLandClass: rec(LAND_KEYS, lc, lcNet, lcN), byGrade: rec(GRADE_KEYS, gr, grNet, grN), bySlope: rec(SLOPE_KEYS, sl, slNet, slN),
    };
    report.layers.push(L);
    // two files of one kind: the first one answers for flags and duty (a report lists both)
    if (!byKind.has(layer.kind)) {
      byKind.set(layer.kind, L);
      basisOf.set(layer.kind, { layer, ov });
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
  for (let k = 0; basis && k < basis.ov.count; k++) {
    const attrs = basis.layer.parcels[basis.ov.index[k]].attrs;
    const poly = basis.ov.areaM2[k];
    const net = poly * parcelNetFactor(attrs);
    polygonM2 += poly;
    netM2 += net;
    // duty, quality weights, capacity and the fee's region all on the chosen basis
    const a = areaBasis === 'net' ? net : poly;
    totalM2 += a;
    const g = attrs.gddj;
    if (g !== undefined && g >= 1 && g <= 10) {
      gradedM2 += a;
      gradeSum += g * a;
      const coef = productivityOf(config, g);
      if (coef !== undefined) {
        capacityGraded += m2ToMu(a) * coef;
        capacityM2 += a;
      }
    }
    const county = regionCodeOf(attrs, 'county');
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
