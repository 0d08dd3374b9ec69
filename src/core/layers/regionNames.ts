/**
 * Region names from a township boundary layer (GeoJSON): 行政区代码 → 名称, read from the 三调 fields XZQDM /
 * XZQMC (行政区) or the generic `code` / `name` the demo basemap uses (docs/domain.md, 三调 fields). Features
 * without a usable code or name are skipped: names are cosmetic (the code is shown instead), never a reason to fail.
 *
 * @param collection a parsed GeoJSON FeatureCollection (anything else gives no names)
 * @returns code → name
 * @example
 * regionNamesOf({ type: 'FeatureCollection', features: [{ properties: { XZQDM: '230123101', XZQMC: '样板乡' } }] })
 * // → { '230123101': '样板乡' }
 */
export function regionNamesOf(collection: unknown): Record<string, string> {
  const names: Record<string, string> = {};
  const features = (collection as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) return names;
  for (const f of features as { properties?: Record<string, unknown> | null }[]) {
    const p = f?.properties ?? {};
    const code = p.code ?? p.XZQDM ?? p.xzqdm;
    const name = p.name ?? p.XZQMC ?? p.NAME;
    if ((typeof code === 'string' || typeof code === 'number') && typeof name === 'string') names[String(code)] = name;
  }
  return names;
}
