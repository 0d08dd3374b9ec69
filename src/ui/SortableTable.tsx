/** A table whose column headers sort it (buttons: keyboard and screen-reader friendly, aria-sort on the header). */
import { type ReactNode, useMemo, useState } from 'react';

export interface Column<R> {
  key: string;
  label: string;
  numeric?: boolean;
  value: (row: R) => number | string;
  render?: (row: R) => ReactNode;
}

export function SortableTable<R>({ caption, columns, rows, rowKey, testId }: { caption: string; columns: Column<R>[]; rows: R[]; rowKey: (r: R) => string; testId?: string }) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = columns.find((c) => c.key === sort.key);
    if (!col) return rows;
    return [...rows].sort((a, b) => {
      const va = col.value(a);
      const vb = col.value(b);
      const cmp = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'zh-CN');
      return cmp * sort.dir;
    });
  }, [rows, columns, sort]);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const dir = sort?.key === c.key ? sort.dir : 0;
              return (
                <th key={c.key} scope="col" aria-sort={dir === 1 ? 'ascending' : dir === -1 ? 'descending' : 'none'} className={c.numeric ? 'num' : undefined}>
                  <button type="button" onClick={() => setSort({ key: c.key, dir: dir === 1 ? -1 : 1 })}>
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {dir === 1 ? '▲' : dir === -1 ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} scope="row">
                    {c.render ? c.render(r) : String(c.value(r))}
                  </th>
                ) : (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {c.render ? c.render(r) : String(c.value(r))}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
