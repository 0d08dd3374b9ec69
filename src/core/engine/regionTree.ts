/**
 * The region tree (county 6 → township 9 → village 12 digits of ZLDWDM / XZQDM, docs/domain.md §4) of
 * the loaded farmland layers, with each region's extent for zoom-to. Boundaries (red lines) carry no codes and are
 * left out.
 */
import { isAreaKind } from '../layers/kinds';
import type { Layer } from '../layers/layer';
import type { BBox, Region } from '../types';
import { attrOf, locationCode } from '../layers/attrTable';
import { regionPrefix } from '../layers/fields';

export const REGION_TREE_LEVELS: readonly Region['level'][] = ['county', 'township', 'village'];

export interface RegionEntry {
  level: Region['level'];
  code: string;
  name: string;
  parent?: string;
  /** Extent of the region's parcels (lon/lat), for zoom-to. */
  bbox: BBox;
}

/**
 * Every region the farmland layers' parcels name, sorted by code (a parent before its children).
 *
 * @param layers - the loaded layers in load order (non-farmland kinds are skipped)
 * @param names - region names by code (e.g. townships from the basemap); villages fall back to ZLDWMC, else the code
 * @returns one entry per region with its parent's code and the extent of its parcels
 * @example
 * regionTree([cultivated], { '330102001': '清波街道' });
 * // [{ level: 'county', code: '330102', name: '330102', bbox }, { level: 'township', code: '330102001', name: '清波街道', parent: '330102', bbox }, …]
 */
export function regionTree(layers: readonly Layer[], names: Readonly<Record<string, string>> = {}): RegionEntry[] {
  const seen = new Map<string, RegionEntry>();
  for (const layer of layers) {
    if (!isAreaKind(layer.kind)) continue;
    for (const p of layer.parcels) {
      let parent: string | undefined;
      const full = locationCode(p);
      for (const level of REGION_TREE_LEVELS) {
        const code = regionPrefix(full, level);
        if (code === undefined) break;
        const key = `${level}:${code}`;
        const e = seen.get(key);
        if (!e) {
          const name = names[code] ?? (level === 'village' ? attrOf(p, 'zldwmc') : undefined) ?? code;
          seen.set(key, { level, code, name, parent, bbox: [...p.bbox] as BBox });
        } else {
          const b = e.bbox;
          if (p.bbox[0] < b[0]) b[0] = p.bbox[0];
          if (p.bbox[1] < b[1]) b[1] = p.bbox[1];
          if (p.bbox[2] > b[2]) b[2] = p.bbox[2];
          if (p.bbox[3] > b[3]) b[3] = p.bbox[3];
        }
        parent = code;
      }
    }
  }
  const rank = (l: Region['level']) => REGION_TREE_LEVELS.indexOf(l);
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code) || rank(a.level) - rank(b.level));
}
