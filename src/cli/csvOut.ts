/** Plain-stdout CSV for the CLI (the core CSV writer adds BOM and metadata for files). */
import { csvRow } from '../core/report/csv';

export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [csvRow(header), ...rows.map((r) => csvRow(r))].join('\r\n') + '\r\n';
}
