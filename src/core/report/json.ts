/**
 * JSON writer: `{"metadata": {…}, …payload}` with a stable layout, non-finite numbers as null (JSON has no NaN),
 * typed arrays as arrays and Maps as objects. And the summary's machine layout (snake_case keys, units in names).
 */
import type { LayerSummary, Summary } from '../analysis/summary';
import type { TargetLine } from '../analysis/targets';
import type { Bucket } from '../analysis/breakdown';
import type { Conflict } from '../analysis/conflicts';
import type { ExportMetadata } from './metadata';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/** A JSON document: metadata first, then the payload's members. Pretty-printed with 2 spaces, newline at the end. */
export function jsonDocument(payload: Record<string, unknown>, meta: ExportMetadata, indent = 2): string {
  return `${JSON.stringify({ metadata: meta, ...payload }, replacer, indent)}\n`;
}

const bucketJson = (b: Bucket) => ({ key: b.key, label: b.label, features: b.features, area_m2: b.areaM2, area_mu: b.areaMu, net_m2: b.netM2, net_mu: b.netMu, share: b.share });

export function layerSummaryJson(l: LayerSummary) {
  return {
    kind: l.kind,
    name: l.name,
    file: l.file,
    features: l.features,
    area_m2: l.area.m2,
    area_mu: l.area.mu,
    area_ha: l.area.ha,
    area_wan_mu: l.area.wanMu,
    area_yi_mu: l.area.yiMu,
    net_m2: l.net.m2,
    net_mu: l.net.mu,
    tiankan_1203_m2: l.tiankan.m2,
    tiankan_1203_mu: l.tiankan.mu,
    basis: l.basis,
    gross_area_m2: l.grossAreaM2,
    overlap_area_m2: l.overlapAreaM2,
    overlap_pairs: l.overlapPairs,
    declared: {
      tbmj_m2: l.declared.tbmjFeatures ? l.declared.tbmjM2 : null,
      tbmj_features: l.declared.tbmjFeatures,
      computed_for_tbmj_m2: l.declared.tbmjFeatures ? l.declared.computedWithTbmjM2 : null,
      tbdlmj_m2: l.declared.tbdlmjDeclared + l.declared.tbdlmjDerived ? l.declared.tbdlmjM2 : null,
      tbdlmj_declared_features: l.declared.tbdlmjDeclared,
      tbdlmj_derived_features: l.declared.tbdlmjDerived,
      yjjbnttbmj_m2: l.declared.yjjbnttbmjFeatures ? l.declared.yjjbnttbmjM2 : null,
      yjjbnttbmj_features: l.declared.yjjbnttbmjFeatures,
    },
    by_land_class: l.byLandClass.map(bucketJson),
    by_grade: l.byGrade.map(bucketJson),
    by_slope: l.bySlope.map(bucketJson),
    by_county: l.byCounty.map(bucketJson),
    by_township: l.byTownship.map(bucketJson),
    by_village: l.byVillage.map(bucketJson),
    ...(l.region !== undefined ? { region: l.region, region_applied: l.regionApplied, region_rule: l.regionRule ?? (l.regionApplied ? 'code' : 'none') } : {}),
    failures: l.failures.map((f) => ({ parcel_id: f.parcelId, message: f.message })),
  };
}

const lineJson = (l: TargetLine) => ({
  metric: l.metric,
  target_mu: l.targetMu,
  achieved_mu: l.achievedMu,
  balance_mu: l.balanceMu,
  gap_mu: l.gapMu,
  surplus_mu: l.surplusMu,
  ratio: l.ratio,
  status: l.status,
  target_share_of_national: l.targetShareOfNational,
  achieved_share_of_national: l.achievedShareOfNational,
});

export const conflictJson = (c: Conflict) => ({
  a: c.a,
  b: c.b,
  a_name: c.aName,
  b_name: c.bName,
  area_m2: c.areaM2,
  area_mu: c.areaMu,
  net_m2: c.netM2,
  net_mu: c.netMu,
  pairs: c.pairs.map((p) => ({ a_id: p.aId, b_id: p.bId, area_m2: p.areaM2, net_m2: p.netM2, bbox: p.bbox })),
  failures: c.failures.map((f) => ({ parcel_id: f.parcelId, message: f.message })),
});

/**
 * The summary's JSON payload: layers, targets (selection + children) and conflicts — `s.conflicts` unless given
 * (null when not computed).
 */
export function summaryJson(s: Summary, conflicts?: readonly unknown[] | null): Record<string, unknown> {
  const region = (r: Summary['targets']['selected']) => ({ code: r.code, name: r.name, level: r.level, lines: r.lines.map(lineJson) });
  return {
    region: s.region ?? null,
    basis: s.basis,
    layers: s.layers.map(layerSummaryJson),
    targets: {
      national: { cultivated_mu: s.targets.national.cultivatedMu, permanent_basic_mu: s.targets.national.permanentBasicMu },
      selected: region(s.targets.selected),
      children: s.targets.children.map(region),
    },
    conflicts: conflicts !== undefined ? conflicts : s.conflicts ? s.conflicts.map(conflictJson) : null,
  };
}
