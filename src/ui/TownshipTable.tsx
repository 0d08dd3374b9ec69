/** A sortable table of a by-region breakdown's township rows: keyed by region code, the township's name first. */
import { type Column, SortableTable } from './SortableTable';

/** The township table's naming: the first column's header and the name of a region code ('' when unknown). */
export interface TownshipNaming {
  nameLabel: string;
  regionName: (code: string) => string;
}

/** `rows` are a breakdown's rows of every level; only the townships are shown. */
export function TownshipTable<R extends { code: string; level: string }>({
  caption,
  testId,
  rows,
  columns,
  nameLabel,
  regionName,
}: TownshipNaming & { caption: string; testId?: string; rows: R[]; columns: Column<R>[] }) {
  const towns = rows.filter((r) => r.level === 'township');
  const name: Column<R> = { key: 'name', label: nameLabel, value: (r) => regionName(r.code) || r.code };
  return <SortableTable caption={caption} testId={testId} rowKey={(r) => r.code} rows={towns} columns={[name, ...columns]} />;
}
