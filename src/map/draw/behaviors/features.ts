/**
 * Between terra-draw's feature store and the drawing's own terms: which polygons are finished and measurable, their
 * role (site or supplement), the shape still being drawn, and drawn features turned back into store features (ids,
 * precision, MultiPolygon parts). Pure functions over plain GeoJSON: no map, no terra-draw instance.
 */
import { type GeoJSONStoreFeatures, ValidateNotSelfIntersecting } from 'terra-draw';
import type { AreaGeometry } from '../../../core/types';
import type { DrawnFeature } from '../../../worker/impactProtocol';
import type { DrawRole, DrawSnapshot, InProgress } from '../../../state/draw/port';

/** terra-draw's coordinate precision (9 decimals ≈ 0.1 mm). */
export const round9 = (v: number) => Math.round(v * 1e9) / 1e9;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

type Props = { properties?: Record<string, unknown> | null };

export const roleOf = (f: Props): DrawRole => (f.properties?.role === 'supplement' ? 'supplement' : 'site');

/** ValidateNotSelfIntersecting on the ring without repeated consecutive vertices (terra-draw's own in-progress rings repeat the cursor). */
export function notSelfIntersecting(feature: GeoJSONStoreFeatures): { valid: boolean; reason?: string } {
  if (feature.geometry.type !== 'Polygon') return ValidateNotSelfIntersecting(feature);
  const rings = (feature.geometry.coordinates as number[][][]).map((ring) => ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]));
  const outer = rings[0] ?? [];
  const distinct = new Set(outer.map((p) => `${p[0]},${p[1]}`)).size;
  if (distinct < 4) return { valid: true };
  return ValidateNotSelfIntersecting({ ...feature, geometry: { type: 'Polygon', coordinates: rings } } as GeoJSONStoreFeatures);
}

/** A polygon worth measuring: a ring of ≥ 3 distinct finite vertices. */
export function measurable(g: { type: string; coordinates: unknown }): g is AreaGeometry {
  if (g.type !== 'Polygon') return false;
  const ring = (g.coordinates as number[][][])[0];
  if (!ring || ring.length < 4) return false;
  const seen = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  return seen.size >= 3 && ring.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
}

/** The drawn polygons by role (guidance points and unfinished shapes left out unless `includeDrawing`). */
export function snapshotOf(features: readonly GeoJSONStoreFeatures[], includeDrawing = false): DrawSnapshot {
  const site: DrawnFeature[] = [];
  const supplements: DrawnFeature[] = [];
  for (const f of features) {
    if (f.geometry.type !== 'Polygon') continue;
    if (!includeDrawing && f.properties?.currentlyDrawing) continue;
    if (!measurable(f.geometry)) continue;
    const { role: _r, mode: _m, currentlyDrawing: _c, selected: _s, sid, ...rest } = (f.properties ?? {}) as Record<string, unknown>;
    const df: DrawnFeature = { id: typeof sid === 'string' ? sid : String(f.id), geometry: f.geometry as AreaGeometry, properties: rest };
    (roleOf(f) === 'supplement' ? supplements : site).push(df);
  }
  return { site, supplements };
}

/** The site polygons to measure live: the one being drawn counts when the current role is the site; self-intersecting ones are left out. */
export function liveSiteOf(features: readonly GeoJSONStoreFeatures[], currentRole: DrawRole): AreaGeometry[] {
  return features
    .filter((f) => f.geometry.type === 'Polygon' && roleOf(f) === 'site' && (f.properties?.role !== undefined || currentRole === 'site'))
    .map((f) => f.geometry as AreaGeometry)
    .filter((g) => measurable(g) && notSelfIntersecting({ type: 'Feature', geometry: g, properties: {} } as GeoJSONStoreFeatures).valid);
}

/** The shape still being drawn, if any, in the role it will get. */
export function inProgressOf(features: readonly GeoJSONStoreFeatures[], role: DrawRole): InProgress | undefined {
  const f = features.find((x) => x.properties?.currentlyDrawing && x.geometry.type === 'Polygon');
  const mode = f?.properties?.mode;
  if (!f || (mode !== 'polygon' && mode !== 'rectangle' && mode !== 'freehand')) return undefined;
  const ring = (f.geometry.coordinates as number[][][])[0] ?? [];
  let pts: number[][];
  if (mode === 'polygon') {
    // the placed vertices come first; the ones after them follow the cursor
    const n = Number(f.properties.committedCoordinateCount ?? 0);
    pts = ring.slice(0, Number.isFinite(n) ? n : 0);
  } else if (mode === 'rectangle') pts = ring.slice(0, 1);
  else pts = ring.slice(0, -1).filter((p, i, a) => i === 0 || p[0] !== a[i - 1][0] || p[1] !== a[i - 1][1]);
  if (pts.length === 0) return undefined;
  return { mode, role, coordinates: pts.map((p) => [p[0], p[1]]) };
}

/**
 * Drawn features as terra-draw store features: one per polygon part, coordinates at terra-draw's precision, and
 * UUID ids (terra-draw wants them: another id — an imported BSM — travels as the `sid` property).
 */
export function storeFeaturesOf(state: DrawSnapshot, newId: () => string = () => crypto.randomUUID()): GeoJSONStoreFeatures[] {
  const features: GeoJSONStoreFeatures[] = [];
  const push = (f: DrawnFeature, role: DrawRole) => {
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    parts.forEach((coords, i) => {
      const id = parts.length > 1 ? `${f.id}-${i + 1}` : f.id;
      const uuid = UUID.test(id) ? id : newId();
      features.push({
        type: 'Feature',
        id: uuid,
        geometry: { type: 'Polygon', coordinates: (coords as number[][][]).map((r) => r.map((p) => [round9(p[0]), round9(p[1])])) },
        properties: { ...(f.properties ?? {}), ...(uuid !== id ? { sid: id } : {}), mode: 'polygon', role },
      } as GeoJSONStoreFeatures);
    });
  };
  for (const f of state.site) push(f, 'site');
  for (const f of state.supplements) push(f, 'supplement');
  return features;
}
