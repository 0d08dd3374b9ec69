import type { RegionEntry } from '../../core/engine/regionTree';

/**
 * A region's name for the 变化 tab's tables, from the loaded data's region tree: its own name when the tree has one
 * (the tree falls back to the code itself, which is not a name); a village (12 digits) without one is shown by its
 * township's name and its own three digits; '' when nothing is known (the vintages may be of another county).
 *
 * @param regions the region tree of the loaded data (code, name)
 * @returns code → name, or ''
 * @example
 * regionNamer([{ level: 'township', code: '231299100', name: '甲镇', bbox }])('231299100208') // → '甲镇 · 208'
 */
export function regionNamer(regions: readonly Pick<RegionEntry, 'code' | 'name'>[]): (code: string) => string {
  const names = new Map(regions.filter((r) => r.name && r.name !== r.code).map((r) => [r.code, r.name]));
  return (code) => {
    const own = names.get(code);
    if (own !== undefined) return own;
    const town = code.length === 12 ? names.get(code.slice(0, 9)) : undefined;
    return town !== undefined ? `${town} · ${code.slice(9)}` : '';
  };
}
