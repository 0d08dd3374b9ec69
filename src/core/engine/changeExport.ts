/**
 * The change report as a file — what `farmland change --json | --csv | --xlsx` writes, shared by the CLI and the
 * 变化 tab's export buttons (issue #17): JSON (changeJson plus the 高标准农田 loss and the findings count), CSV (the
 * level-2 transition matrix after the metadata lines), XLSX (every table of the report, the loss sheet, 元数据).
 */
import { changeJson } from '../change/changeJson';
import { type HighStandardLoss, highStandardLossJson, highStandardLossTable } from '../change/highStandardFlag';
import type { ChangeReport } from '../change/report';
import { changeTables, matrixTable } from '../change/tables';
import { csvTable } from '../report/csv';
import { jsonDocument } from '../report/json';
import { type ExportMetadata, metadataRows } from '../report/metadata';
import { writeXlsx } from '../report/xlsx';
import { EXPORT_MIME } from './summaryExport';

export type ChangeFormat = 'json' | 'csv' | 'xlsx';

/** What a change export is made of besides the report. */
export interface ChangeExtras {
  /** The after-vintage's survey year: the 以补定占 ledger row of the JSON (changeJson's `year`). */
  year?: number;
  /** 高标准农田 of both vintages compared (null or undefined: not asked). */
  hsLoss?: HighStandardLoss | null;
  /** Findings of the inputs, counted in the JSON. */
  findings: number;
}

/**
 * @param format - json | csv | xlsx
 * @param report - from changeReport
 * @param extras - year, 高标准农田 loss, findings count
 * @param meta - the export's metadata (inputs, time, region, the report's rules)
 * @returns text (JSON, CSV) or the workbook's bytes
 * @example
 * const csv = await changeDocument('csv', report, { findings: 0 }, meta); // '# …\nfrom,to,…'
 */
export function changeDocument(format: 'xlsx', report: ChangeReport, extras: ChangeExtras, meta: ExportMetadata): Promise<Uint8Array>;
export function changeDocument(format: 'json' | 'csv', report: ChangeReport, extras: ChangeExtras, meta: ExportMetadata): Promise<string>;
export function changeDocument(format: ChangeFormat, report: ChangeReport, extras: ChangeExtras, meta: ExportMetadata): Promise<string | Uint8Array>;
export async function changeDocument(format: ChangeFormat, report: ChangeReport, extras: ChangeExtras, meta: ExportMetadata): Promise<string | Uint8Array> {
  const hs = extras.hsLoss ?? null;
  if (format === 'xlsx') return writeXlsx(hs ? [...changeTables(report), highStandardLossTable(hs)] : changeTables(report), meta);
  if (format === 'csv') return csvTable(matrixTable(report), metadataRows(meta));
  return jsonDocument({ ...changeJson(report, { year: extras.year }), high_standard_loss: hs && highStandardLossJson(hs), findings: extras.findings }, meta);
}

/**
 * File name and media type of a change export.
 *
 * @param format - json | csv | xlsx
 * @param region - the region code prefix, part of the name when given
 * @example
 * changeFile('xlsx', '230123').file; // 'farmland-change-230123.xlsx'
 */
export function changeFile(format: ChangeFormat, region: string | undefined): { file: string; mime: string } {
  return { file: `farmland-change${region ? `-${region}` : ''}.${format}`, mime: EXPORT_MIME[format] };
}
