/**
 * The layer kind a 三调 / 国土空间规划 table name makes obvious (docs/domain.md §4): DLTB 地类图斑 → 耕地 (its 01xx
 * parcels, by DLBM), YJJBNTBHTB 永久基本农田 → permanent-basic, STBHHX 生态保护红线 → eco-redline, CZKFBJ 城镇开发边界
 * → urban-boundary, GBZNT 高标准农田 → high-standard, HTD 黑土地, YJD 盐碱地. Names are matched whole, case-
 * insensitively, with an optional province/county prefix or year suffix ("370112_DLTB", "DLTB_2023").
 */
import type { LayerKind } from '../../types';

const TABLES: readonly [name: string, kind: LayerKind, zh: string][] = [
  ['DLTB', 'cultivated', '地类图斑'],
  ['YJJBNTBHTB', 'permanent-basic', '永久基本农田保护图斑'],
  ['YJJBNT', 'permanent-basic', '永久基本农田'],
  ['STBHHX', 'eco-redline', '生态保护红线'],
  ['CZKFBJ', 'urban-boundary', '城镇开发边界'],
  ['GBZNT', 'high-standard', '高标准农田'],
  ['HTD', 'black-soil', '黑土地'],
  ['YJD', 'saline-alkali', '盐碱地'],
];

export interface TableKind {
  kind: LayerKind;
  /** The standard table it was recognised as, e.g. "DLTB 地类图斑". */
  table: string;
}

export function kindFromTableName(name: string): TableKind | undefined {
  const n = name.toUpperCase();
  for (const [t, kind, zh] of TABLES) {
    if (n === t || new RegExp(`(^|[_\\-.])${t}([_\\-.]?\\d{4})?$`).test(n)) return { kind, table: `${t} ${zh}` };
  }
  return undefined;
}
