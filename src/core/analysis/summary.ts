/**
 * Per-layer summaries: parcels, area in every unit (overlaps inside a layer counted once), breakdowns by 地类,
 * quality grade, slope class and region (county / township / village code prefixes of ZLDWDM), and the declared
 * totals (Σ TBMJ, Σ TBDLMJ) beside the computed ellipsoidal area so officials can reconcile the two (docs/domain.md §4).
 *
 * Every area is snapped to the exact-sum grid of breakdown.ts, so each breakdown adds up to the layer total
 * exactly. A region filter (code prefix) restricts every figure; layers that carry no region codes at all (red
 * lines, boundaries) cannot be filtered and are kept whole — `regionApplied` says which happened.
 */
import { type AreaBasis, DEFAULT_AREA_BASIS, parcelNetFactor } from '../area/netArea';
import { type AreaUnits, areaUnits } from '../area/units';
import { buildIndex } from '../index/spatialIndex';
import { LAND_CLASS_INFO, LAND_CLASSES, SLOPE_CLASSES } from '../layers/codes';
import { REGION_PREFIX, regionPrefix } from '../layers/fields';
import { isAreaKind } from '../layers/kinds';
import type { Layer } from '../layers/layer';
import { layerOverlaps } from '../overlay/overlaps';
import type { BBox, LayerKind } from '../types';
import { type Bucket, BucketAccumulator, snapArea } from './breakdown';
import { type Conflict, redlineConflicts } from './conflicts';
import { type Achieved, evaluateTargets, type TargetEvaluation, type TargetTable } from './targets';
import { attrOf, locationCode } from '../layers/attrTable';

export type RegionLevel = keyof typeof REGION_PREFIX;
export const REGION_LEVELS: readonly RegionLevel[] = ['county', 'township', 'village'];

/** Declared areas from the attributes, for reconciliation with the computed area. All m². */
export interface DeclaredAreas {
  /** Σ TBMJ over the parcels that declare it, and how many do. */
  tbmjM2: number;
  tbmjFeatures: number;
  /** Σ computed ellipsoidal area (each parcel whole) of those same parcels — compare with tbmjM2. */
  computedWithTbmjM2: number;
  /** Σ TBDLMJ: declared, else derived as TBMJ − KCMJ, else TBMJ × (1 − KCXS). */
  tbdlmjM2: number;
  tbdlmjDeclared: number;
  tbdlmjDerived: number;
  /** Σ YJJBNTTBMJ (永久基本农田图斑面积) over the parcels that declare it. */
  yjjbnttbmjM2: number;
  yjjbnttbmjFeatures: number;
}

export interface LayerSummary {
  kind: LayerKind;
  name: string;
  file: string;
  /** Parcels counted (after the region filter). */
  features: number;
  /** 图斑面积: polygon area with overlaps inside the layer counted once, in every unit. */
  area: AreaUnits;
  /**
   * 地类面积: each parcel's counted area × its net factor (area/netArea.ts parcelNetFactor: TBDLMJ/TBMJ, else
   * 1 − KCXS), overlaps counted once. Breakdown rows carry the same figure (netM2) and add up to it exactly.
   */
  net: AreaUnits;
  /** 1203 田坎: area − net, the deduction reported as its own row. */
  tiankan: AreaUnits;
  /** Which of area / net the summary's target lines use. */
  basis: AreaBasis;
  /** Σ of parcels' own areas (overlaps counted twice), m². */
  grossAreaM2: number;
  /** grossAreaM2 − area.m2: ground covered by more than one parcel of the layer. */
  overlapAreaM2: number;
  /** Overlapping parcel pairs inside the selection. */
  overlapPairs: number;
  declared: DeclaredAreas;
  byLandClass: Bucket[];
  byGrade: Bucket[];
  bySlope: Bucket[];
  byCounty: Bucket[];
  byTownship: Bucket[];
  byVillage: Bucket[];
  /** The region filter asked for, and whether it could apply (false: the layer has no region codes). */
  region?: string;
  regionApplied: boolean;
  /**
   * How the region filter restricted this layer: by region `code`, by clipping to the region's `boundary`
   * (analysis/regionClip.ts), or `none` (not filterable: no codes and no boundary; kept whole). Absent without a region.
   */
  regionRule?: 'code' | 'boundary' | 'none';
  /** Overlap computations that failed on degenerate geometry (area then falls back to subtraction). */
  failures: { parcelId: string; message: string }[];
}

/** Whether a layer carries any region code (else a region filter cannot apply to it). */
export function hasRegionCodes(layer: Layer): boolean {
  return layer.parcels.some((p) => locationCode(p) !== undefined);
}

/** Positions (in layer.parcels) of the parcels inside a region prefix; all of them without one. */
export function parcelsInRegion(layer: Layer, region: string | undefined): { positions: number[]; applied: boolean } {
  const all = layer.parcels.map((_, i) => i);
  if (region === undefined || region === '' || !hasRegionCodes(layer)) return { positions: all, applied: false };
  return { positions: all.filter((i) => locationCode(layer.parcels[i])?.startsWith(region) === true), applied: true };
}

/** A view of a layer restricted to a region (own index; the original layer is untouched). */
export function layerInRegion(layer: Layer, region: string | undefined): Layer {
  const { positions, applied } = parcelsInRegion(layer, region);
  if (!applied) return layer;
  const parcels = positions.map((i) => layer.parcels[i]);
  let bbox: BBox = [0, 0, 0, 0];
  if (parcels.length) {
    bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of parcels) bbox = [Math.min(bbox[0], p.bbox[0]), Math.min(bbox[1], p.bbox[1]), Math.max(bbox[2], p.bbox[2]), Math.max(bbox[3], p.bbox[3])];
  }
  return { ...layer, parcels, index: buildIndex(parcels.map((p) => p.bbox)), bbox, grossAreaM2: parcels.reduce((s, p) => s + p.areaM2, 0) };
}

const GRADES = Array.from({ length: 10 }, (_, i) => ({ key: String(i + 1), label: `${i + 1}等` }));
const SLOPES = SLOPE_CLASSES.map((s) => ({ key: String(s.code), label: `${s.code}级 ${s.zh}` }));
const LANDS = LAND_CLASSES.map((c) => ({ key: c, label: LAND_CLASS_INFO[c].zh }));
const LABEL_OTHER_LAND = '非耕地地类';
const LABEL_UNKNOWN = '未填写';

function validClass(v: number | undefined, max: number): string | undefined {
  return v !== undefined && Number.isInteger(v) && v >= 1 && v <= max ? String(v) : undefined;
}

/** Summarise one layer (overlaps counted once; the region filter restricts every figure). */
export function summarizeLayer(layer: Layer, opts: { region?: string; basis?: AreaBasis } = {}): LayerSummary {
  const ov = layerOverlaps(layer);
  const { positions, applied } = parcelsInRegion(layer, opts.region);
  const inSel = new Uint8Array(layer.parcels.length);
  for (const i of positions) inSel[i] = 1;
  const land = new BucketAccumulator(LANDS);
  const grade = new BucketAccumulator(GRADES);
  const slope = new BucketAccumulator(SLOPES);
  const regions: Record<RegionLevel, BucketAccumulator> = {
    county: new BucketAccumulator(),
    township: new BucketAccumulator(),
    village: new BucketAccumulator(),
  };
  const declared: DeclaredAreas = {
    tbmjM2: 0, tbmjFeatures: 0, computedWithTbmjM2: 0, tbdlmjM2: 0, tbdlmjDeclared: 0, tbdlmjDerived: 0, yjjbnttbmjM2: 0, yjjbnttbmjFeatures: 0,
  };
  let total = 0;
  let totalNet = 0;
  let gross = 0;
  for (const i of positions) {
    const p = layer.parcels[i];
    // (one field at a time from the layer's columns: no object per parcel in this loop over every parcel)
    const landClass = attrOf(p, 'landClass');
    const dlbm = attrOf(p, 'dlbm');
    const tbmj = attrOf(p, 'tbmj');
    const tbdlmjOwn = attrOf(p, 'tbdlmj');
    const kcmj = attrOf(p, 'kcmj');
    const kcxs = attrOf(p, 'kcxs');
    const eff = ov.effectiveAreaM2[i];
    const a = snapArea(eff);
    const net = snapArea(eff * parcelNetFactor({ tbmj, tbdlmj: tbdlmjOwn, kcmj, kcxs }));
    total += a;
    totalNet += net;
    gross += snapArea(p.areaM2);
    land.add(landClass ?? (dlbm !== undefined ? 'other' : 'unknown'), landClass ? LAND_CLASS_INFO[landClass].zh : dlbm !== undefined ? LABEL_OTHER_LAND : LABEL_UNKNOWN, a, net);
    const g = validClass(attrOf(p, 'gddj'), 10) ?? 'unknown';
    grade.add(g, g === 'unknown' ? LABEL_UNKNOWN : `${g}等`, a, net);
    const s = validClass(attrOf(p, 'gdpdjb'), 5) ?? 'unknown';
    slope.add(s, s === 'unknown' ? LABEL_UNKNOWN : s, a, net);
    const code = locationCode(p);
    const zldwmc = attrOf(p, 'zldwmc');
    for (const level of REGION_LEVELS) {
      const key = regionPrefix(code, level);
      if (code === undefined || key === undefined) {
        regions[level].add('unknown', LABEL_UNKNOWN, a, net);
        continue;
      }
      const n = REGION_PREFIX[level];
      // ZLDWMC names the unit the full code designates: it names this bucket when the rest of the code is zeros
      const names = zldwmc !== undefined && /^0*$/.test(code.slice(n)) ? zldwmc : '';
      regions[level].add(key, names, a, net);
    }
    if (tbmj !== undefined) {
      declared.tbmjM2 += tbmj;
      declared.tbmjFeatures++;
      declared.computedWithTbmjM2 += p.areaM2;
    }
    const tbdlmj = tbdlmjOwn ?? (tbmj !== undefined && kcmj !== undefined ? tbmj - kcmj : tbmj !== undefined && kcxs !== undefined ? tbmj * (1 - kcxs) : undefined);
    if (tbdlmj !== undefined) {
      declared.tbdlmjM2 += tbdlmj;
      if (tbdlmjOwn !== undefined) declared.tbdlmjDeclared++;
      else declared.tbdlmjDerived++;
    }
    const yjjbnttbmj = attrOf(p, 'yjjbnttbmj');
    if (yjjbnttbmj !== undefined) {
      declared.yjjbnttbmjM2 += yjjbnttbmj;
      declared.yjjbnttbmjFeatures++;
    }
  }
  let overlapPairs = 0;
  for (const o of ov.overlaps) if (inSel[o.a] && inSel[o.b]) overlapPairs++;
  const failIds = new Set(positions.map((i) => layer.parcels[i].id));
  const summary: LayerSummary = {
    kind: layer.kind,
    name: layer.name,
    file: layer.file,
    features: positions.length,
    area: areaUnits(total),
    net: areaUnits(totalNet),
    tiankan: areaUnits(total - totalNet),
    basis: opts.basis ?? DEFAULT_AREA_BASIS,
    grossAreaM2: gross,
    overlapAreaM2: gross - total,
    overlapPairs,
    declared,
    byLandClass: land.buckets(total),
    byGrade: grade.buckets(total),
    bySlope: slope.buckets(total),
    byCounty: regions.county.buckets(total),
    byTownship: regions.township.buckets(total),
    byVillage: regions.village.buckets(total),
    regionApplied: applied,
    failures: ov.failures.filter((f) => failIds.has(f.parcelId)),
  };
  if (opts.region) {
    summary.region = opts.region;
    summary.regionRule = applied ? 'code' : 'none';
  }
  return summary;
}

export interface Summary {
  region?: string;
  /** Which area the target lines use: 地类面积 (net, default) or 图斑面积 (polygon). */
  basis: AreaBasis;
  layers: LayerSummary[];
  targets: TargetEvaluation;
  /**
   * 三区三线 conflicts (analysis/conflicts.ts) among the layers, restricted to the region where a layer carries
   * region codes — present when asked for with `conflicts: true` (they cost an overlay of the red lines).
   */
  conflicts?: Conflict[];
}

/** Achieved 耕地 / 永久基本农田 area by region code, from the layers' region breakdowns, on the given basis. */
export function achievedFromSummaries(layers: readonly LayerSummary[], basis: AreaBasis = DEFAULT_AREA_BASIS): Achieved {
  const out: Achieved = {};
  for (const metric of ['cultivated', 'permanent-basic'] as const) {
    const of = layers.filter((l) => l.kind === metric);
    if (!of.length) continue;
    const byCode = new Map<string, number>();
    let totalM2 = 0;
    for (const l of of) {
      totalM2 += basis === 'net' ? l.net.m2 : l.area.m2;
      for (const b of [...l.byCounty, ...l.byTownship, ...l.byVillage])
        if (b.key !== 'unknown') byCode.set(b.key, (byCode.get(b.key) ?? 0) + (basis === 'net' ? b.netM2 : b.areaM2));
    }
    out[metric] = { totalM2, byCode };
  }
  return out;
}

/** Summaries of every layer, and the targets evaluated for the selection and its child regions. */
export function summarize(layers: readonly Layer[], opts: { region?: string; targets?: TargetTable; conflicts?: boolean; basis?: AreaBasis } = {}): Summary {
  const basis = opts.basis ?? DEFAULT_AREA_BASIS;
  const summaries = layers.map((l) => summarizeLayer(l, { region: opts.region, basis }));
  // regions the data leaves unnamed take the targets table's names
  if (opts.targets) {
    const names = new Map(opts.targets.regions.filter((r) => r.name !== '').map((r) => [r.code, r.name]));
    for (const s of summaries)
      for (const b of [...s.byCounty, ...s.byTownship, ...s.byVillage]) if (b.label === '' && names.has(b.key)) b.label = names.get(b.key)!;
  }
  const out: Summary = { basis, layers: summaries, targets: evaluateTargets(opts.targets, achievedFromSummaries(summaries, basis), { region: opts.region }) };
  if (opts.region) out.region = opts.region;
  if (opts.conflicts) out.conflicts = redlineConflicts(opts.region ? layers.map((l) => layerInRegion(l, opts.region)) : layers);
  return out;
}

/** Whether a summary row is a farmland layer (summed in totals) or a boundary (red line). */
export const isFarmlandSummary = (s: LayerSummary): boolean => isAreaKind(s.kind);
