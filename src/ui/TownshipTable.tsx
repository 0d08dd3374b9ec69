/** A sortable table of a by-region breakdown's township rows: keyed by region code, the township's name first. */
import { type Column, SortableTable } from './SortableTable';

export function TownshipTable<R extends { code: string }>({
  caption,
  testId,
  rows,
  columns,
  nameLabel,
  regionName,
}: { caption: string; testId?: string; rows: R[]; columns: Column<R>[]; nameLabel: string; regionName: (code: string) => string }) {
  const name: Column<R> = { key: 'name', label: nameLabel, value: (r) => regionName(r.code) || r.code };
  return <SortableTable caption={caption} testId={testId} rowKey={(r) => r.code} rows={rows} columns={[name, ...columns]} />;
}
