/**
 * A summary computed elsewhere — the province server's (`farmland serve`, from the engine's figures stored at load),
 * in the dashboard's server mode — written with the same writers and metadata as a summary of loaded layers, with the
 * quality indicators computed there (JSON member `indicators`, the XLSX indicator sheets). The parcels are not here:
 * no GeoJSON of parcels (the server writes that one, src/server/summaryGeoJson.ts).
 */
import type { Summary } from '../analysis/summary';
import { csvTable } from '../report/csv';
import { jsonDocument, summaryJson } from '../report/json';
import { buildMetadata, type InputFileMeta, metadataRows } from '../report/metadata';
import { breakdownTable, conflictsTable, targetsTable, totalsTable } from '../report/summaryTables';
import { writeXlsx } from '../report/xlsx';
import type { Indicators } from '../analysis/indicators/indicators';
import { indicatorsJson } from '../report/indicatorsJson';
import { indicatorTables } from '../report/indicatorTables';
import { SUMMARY_NOTES, type SummaryFormat, summaryFile } from './summaryExport';

/** The parcels' GeoJSON of a server's summary is written by the server, for one county at a time (src/server/summaryGeoJson.ts). */
export const ONE_COUNTY_GEOJSON = '图斑 GeoJSON 按县导出，请先选择一个县 / the parcels’ GeoJSON is exported one county at a time: choose a county first';

export async function givenSummaryExport(
  format: SummaryFormat,
  summary: Summary,
  region: string | undefined,
  now: Date,
  inputs: InputFileMeta[],
  indicators?: Indicators,
): Promise<{ bytes: Uint8Array; file: string; mime: string }> {
  const meta = buildMetadata({ inputs, now, region, notes: [...SUMMARY_NOTES], basis: summary.basis });
  const sheets = indicators ? indicatorTables(indicators) : [];
  let doc: string | Uint8Array;
  if (format === 'csv') doc = csvTable(breakdownTable(summary), metadataRows(meta));
  else if (format === 'xlsx') doc = await writeXlsx([totalsTable(summary), breakdownTable(summary), targetsTable(summary), conflictsTable(summary), ...sheets], meta);
  else if (format === 'json') doc = jsonDocument({ ...summaryJson(summary), ...(indicators ? { indicators: indicatorsJson(indicators) } : {}) }, meta);
  else throw new Error(ONE_COUNTY_GEOJSON);
  return { bytes: typeof doc === 'string' ? new TextEncoder().encode(doc) : doc, ...summaryFile(format, region) };
}
