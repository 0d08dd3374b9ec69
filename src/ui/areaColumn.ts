/** A table column of an area: sorted by m², shown in 亩 to two decimals in the reader's number format. */
import type { Lang } from '../state/store';
import { mu, num } from './format';
import type { Column } from './SortableTable';

export function areaMuColumn<R>(key: string, label: string, m2Of: (row: R) => number, lang: Lang): Column<R> {
  return { key, label, numeric: true, value: m2Of, render: (r) => num(mu(m2Of(r)), lang, 2) };
}
