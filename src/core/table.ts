/** A table the tabular writers share (CSV, XLSX sheet, the CLI's text table). */
export interface TableColumn {
  header: string;
  /** Excel number format for numeric cells, e.g. "#,##0.00" or "0.00%". */
  numFmt?: string;
  /** Column width in characters (XLSX). */
  width?: number;
}

export interface Table {
  /** Sheet name. */
  name: string;
  columns: TableColumn[];
  rows: unknown[][];
}
