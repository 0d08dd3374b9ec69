/**
 * The layer kind a file's field names make obvious (docs/domain.md §4), or undefined when they do not — the app then
 * asks and the CLI requires --kind. Checked in this order, since a 永久基本农田 layer usually carries DLBM too:
 * YJJBNTTBBH / YJJBNTTBMJ → permanent-basic; HXBM / HXMC → eco-redline; GHFQDM → urban-boundary;
 * YJCD / YJDJ → saline-alkali; JZYY → no-supplement; DLBM → cultivated.
 */
import type { LayerKind } from '../types';

const RULES: readonly [fields: readonly string[], kind: LayerKind][] = [
  [['YJJBNTTBBH', 'YJJBNTTBMJ'], 'permanent-basic'],
  [['HXBM', 'HXMC'], 'eco-redline'],
  [['GHFQDM'], 'urban-boundary'],
  [['YJCD', 'YJDJ'], 'saline-alkali'],
  [['JZYY'], 'no-supplement'],
  [['DLBM'], 'cultivated'],
];

export function guessKind(fieldNames: readonly string[]): LayerKind | undefined {
  const have = new Set(fieldNames.map((f) => f.toUpperCase()));
  for (const [fields, kind] of RULES) if (fields.some((f) => have.has(f))) return kind;
  return undefined;
}
