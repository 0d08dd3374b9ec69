/**
 * The summary use case, shared by `farmland summary` and the worker: summarize the layers (with 三区三线 conflicts
 * when the overlay succeeds) and write the result as CSV, XLSX, JSON or annotated GeoJSON with the same metadata.
 */
import { layerForRegion, summarizeRegion } from '../analysis/regionClip';
import type { Summary } from '../analysis/summary';
import type { AreaBasis } from '../area/netArea';
import type { AreaGeometry } from '../types';
import type { TargetTable } from '../analysis/targets';
import type { Layer } from '../layers/layer';
import { layerOverlaps } from '../overlay/overlaps';
import { csvTable } from '../report/csv';
import { writeGeoJson } from '../report/geojsonWriter';
import { jsonDocument, summaryJson } from '../report/json';
import { type ExportMetadata, metadataRows } from '../report/metadata';
import { breakdownTable, conflictsTable, targetsTable, totalsTable } from '../report/summaryTables';
import { writeXlsx } from '../report/xlsx';
import { computeIndicators } from '../analysis/indicators/indicators';
import type { RewardRates } from '../analysis/indicators/rewardPenalty';
import { indicatorsJson } from '../report/indicatorsJson';
import { indicatorTables } from '../report/indicatorTables';

export type SummaryFormat = 'csv' | 'xlsx' | 'json' | 'geojson';

/** The notes every summary export carries in its metadata (how the areas were computed). */
export const SUMMARY_NOTES: readonly string[] = [
  '面积为 CGCS2000 椭球面积；图层内重叠部分只计一次（按文件顺序归先出现的图斑） / ellipsoidal area, overlaps inside a layer counted once',
  '分类合计与图层合计精确相等（面积取 2⁻¹⁰ 平方米网格） / breakdowns add up exactly (areas on a 2⁻¹⁰ m² grid)',
];

/**
 * The summary with 三区三线 conflicts; if the overlay fails on some input, the summary without them and why.
 *
 * @param layers - the loaded layers, in load order
 * @param opts.region - a region code prefix (ZLDWDM / XZQDM), or undefined for everything
 * @param opts.targets - the allocated targets table, if one was given
 * @returns the summary, and `conflictsError` when conflicts could not be computed
 * @example
 * const { summary } = summaryWithConflicts([cultivated, redline], { region: '330102' });
 * summary.layers[0].area.mu;
 */
export function summaryWithConflicts(
  layers: readonly Layer[],
  opts: { region?: string; targets?: TargetTable; basis?: AreaBasis; boundary?: AreaGeometry } = {},
): { summary: Summary; conflictsError?: string } {
  // layers without region codes are clipped to the region's boundary when one is given (analysis/regionClip.ts)
  const o = { region: opts.region, targets: opts.targets, basis: opts.basis, boundary: opts.boundary };
  try {
    return { summary: summarizeRegion(layers, { ...o, conflicts: true }) };
  } catch (err) {
    return { summary: summarizeRegion(layers, o), conflictsError: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * File name and media type of a summary export.
 *
 * @param format - csv | xlsx | json | geojson
 * @param region - the region code prefix, part of the name when given
 * @returns e.g. `{ file: 'farmland-summary-330102.xlsx', mime: 'application/vnd.openxmlformats-…' }`
 * @example
 * summaryFile('csv', undefined).file; // 'farmland-summary.csv'
 */
export function summaryFile(format: SummaryFormat, region: string | undefined): { file: string; mime: string } {
  const base = `farmland-summary${region ? `-${region}` : ''}`;
  return { file: `${base}.${format}`, mime: EXPORT_MIME[format] };
}

/** Media type of each export format (summary and change exports). */
export const EXPORT_MIME: Readonly<Record<SummaryFormat, string>> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  geojson: 'application/geo+json',
};

/**
 * A summary as a document: CSV (the breakdown rows after the metadata lines), XLSX (sheets 汇总, 分类, 目标, 冲突,
 * the indicator sheets 高标准覆盖 … 经济奖惩, 元数据), JSON, or the layers' parcels as GeoJSON with computed properties.
 *
 * @param format - csv | xlsx | json | geojson
 * @param summary - from {@link summaryWithConflicts} or `summarize`
 * @param layers - the layers summarized (GeoJSON writes their parcels within the region)
 * @param meta - export metadata (report/metadata.ts `buildMetadata`)
 * @param region - the region code prefix the summary was made for
 * @returns text for csv, json and geojson; bytes for xlsx
 * @example
 * const text = await summaryDocument('csv', summary, layers, buildMetadata({ inputs, now: new Date(), notes: SUMMARY_NOTES }), undefined);
 */
export async function summaryDocument(
  format: SummaryFormat,
  summary: Summary,
  layers: readonly Layer[],
  meta: ExportMetadata,
  region: string | undefined,
  opts: { rates?: RewardRates; boundary?: AreaGeometry } = {},
): Promise<string | Uint8Array> {
  if (format === 'csv') return csvTable(breakdownTable(summary), metadataRows(meta));
  // the quality indicators (docs/indicators.md): six more sheets, and the JSON member `indicators`
  const indicators = () => computeIndicators(layers, { region, targets: summary.targets, ...(opts.rates ? { rates: opts.rates } : {}) });
  if (format === 'xlsx') return writeXlsx([totalsTable(summary), breakdownTable(summary), targetsTable(summary), conflictsTable(summary), ...indicatorTables(indicators())], meta);
  if (format === 'json') return jsonDocument({ ...summaryJson(summary), indicators: indicatorsJson(indicators()) }, meta);
  return writeGeoJson(
    // the same region rule as the figures: by code, or clipped to the boundary (the pieces are exported)
    layers.map((l) => {
      const layer = layerForRegion(l, region, opts.boundary).layer;
      return { layer, effectiveAreaM2: layerOverlaps(layer).effectiveAreaM2, positions: layer.parcels.map((_, i) => i) };
    }),
    meta,
  );
}
