/**
 * Occupation impact of a construction site (one or more polygons) on the loaded layers, and the compensation duty
 * it creates under 占补平衡 (docs/domain.md §5):
 *   - per layer: area occupied (overlapping site polygons count once, overlaps inside a layer count once), parcels
 *     touched, and breakdowns by 地类 (DLBM), 质量等级 (GDDJ) and 坡度级别 (GDPDJB);
 *   - flags: 永久基本农田 occupied, 生态保护红线 crossed, site outside the 城镇开发边界 (with the area outside);
 *   - duty (compensation.ts): quantity (亩 of 耕地 occupied), quality (area-weighted mean GDDJ to match or beat), productive capacity
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
import { type Compensation, compensationDuty } from './compensation';
import { type AnalysisConfig, DEFAULT_CONFIG } from './config';
import { breakdownsOf, type ImpactBreakdowns } from './impactBreakdown';
import { type HighStandardOccupation, highStandardOccupation } from './indicators/highStandardOccupation';
import { type LayerTally, tallyOverlay } from './impactTally';

/** Occupied areas below this (m², ≈ 1 dm²) are boundary contact and raise no flag. */
export const FLAG_MIN_M2 = 0.01;

export type { AreaBucket, ImpactBreakdowns } from './impactBreakdown';
export type { Compensation } from './compensation';

export interface ImpactLayer extends ImpactBreakdowns {
  kind: LayerKind;
  name: string;
  file: string;
  areaM2: number;
  areaMu: number;
  /**
   * 地类面积 occupied: Σ piece area × its parcel's net factor (area/netArea.ts parcelNetFactor) — a clipped parcel
   * keeps its deduction ratio (docs/domain.md §4).
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
  const report: Omit<ImpactReport, 'compensation'> = {
    siteAreaM2: region.areaM2,
    siteAreaMu: m2ToMu(region.areaM2),
    site: contiguityOfPieces(region.coords),
    layers: [],
    flags: { permanentBasicOccupied: false, ecoRedlineCrossed: false, outsideUrbanBoundary: false, outsideUrbanAreaM2: null, notChecked: [], highStandardOccupied: false, highStandard: null },
    failures: [...region.failures.map((m) => ({ layer: 'site' as const, parcelId: '(site)', message: m })), ...resolved.failures],
    stats: { ...resolved.stats },
    configSources: [...config.sources],
  };
  const byKind = new Map<LayerKind, ImpactLayer>();
  const basisOf = new Map<LayerKind, LayerTally>();
  for (const t of tallies) {
    const L: ImpactLayer = {
      kind: t.kind, name: t.name, file: t.file, areaM2: t.totalM2, areaMu: m2ToMu(t.totalM2), netM2: t.netM2, netMu: m2ToMu(t.netM2),
      parcels: t.parcelIds.length, parcelIds: t.parcelIds, pieceIndex: t.pieceIndex, pieceAreaM2: t.pieceAreaM2, pieceNetM2: t.pieceNetM2, pieceWhole: t.pieceWhole,
      ...breakdownsOf(t),
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

  // ---- compensation duty: 耕地 from the cultivated layer, or the permanent-basic one standing in
  const dutyKind = byKind.has('cultivated') ? 'cultivated' : pbf ? 'permanent-basic' : undefined;
  const duty = dutyKind && basisOf.get(dutyKind)?.duty;
  const compensation = compensationDuty(dutyKind && duty ? { kind: dutyKind, duty } : undefined, pbf, config, areaBasis, opts.regionCode);
  // the report's fields in their documented order (the duty after the flags)
  const { failures, stats, configSources, ...head } = report;
  return { ...head, compensation, failures, stats, configSources };
}
