/**
 * XLSX writer (exceljs): one sheet per Table, Chinese headers in bold on a frozen first row, numbers written as
 * numbers with a number format, text as text (exceljs writes strings as strings, never as formulas, so no
 * neutralising is needed here), and a 元数据 sheet with the export metadata. Returns bytes; the caller saves them.
 *
 * exceljs is loaded on first use (dynamic import): it is large, and most CLI runs and app views never export.
 */
import type { Table } from '../table';
import { type ExportMetadata, metadataRows } from './metadata';

/** XLSX sheet names: ≤ 31 chars, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  const clean = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
  return clean === '' ? 'Sheet' : clean;
}

function cellValue(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v : null;
  if (typeof v === 'bigint') return String(v);
  try {
    return JSON.stringify(v) ?? null;
  } catch {
    return null;
  }
}

export function metadataTable(meta: ExportMetadata): Table {
  return { name: '元数据', columns: [{ header: '项目', width: 28 }, { header: '值', width: 90 }], rows: metadataRows(meta) };
}

/** A workbook of the given tables plus a 元数据 (metadata) sheet, as XLSX bytes. */
export async function writeXlsx(tables: readonly Table[], meta: ExportMetadata): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = `${meta.app} ${meta.version}`;
  const when = new Date(meta.generated_at);
  if (Number.isFinite(when.getTime())) {
    wb.created = when;
    wb.modified = when;
  }
  const used = new Set<string>();
  for (const t of [...tables, metadataTable(meta)]) {
    let name = sheetName(t.name);
    for (let k = 2; used.has(name); k++) name = sheetName(`${t.name.slice(0, 27)} ${k}`);
    used.add(name);
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, Math.min(40, c.header.length * 2 + 2)) }));
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow(t.columns.map((_, i) => cellValue(r[i])));
    t.columns.forEach((c, i) => {
      if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt;
    });
    // the header row keeps the general format
    ws.getRow(1).eachCell((cell) => {
      cell.numFmt = 'General';
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
