/** The one entry point for area: ellipsoidal (CGCS2000) by default, Turf's sphere on request. */
import type { AreaGeometry, AreaMethod } from '../types';
import { CGCS2000, geometryAreaEllipsoidal } from './ellipsoid';
import { geometryAreaSpherical } from './spherical';

export const DEFAULT_AREA_METHOD: AreaMethod = 'ellipsoidal';

export function geometryArea(geom: AreaGeometry | null | undefined, method: AreaMethod = DEFAULT_AREA_METHOD): number {
  return method === 'spherical' ? geometryAreaSpherical(geom) : geometryAreaEllipsoidal(geom);
}

/** How to describe the method in exports and the UI. */
export function areaMethodLabel(method: AreaMethod, lang: 'zh' | 'en' = 'zh'): string {
  if (method === 'spherical')
    return lang === 'zh' ? '球面面积（Turf，R = 6371008.8 m，仅供对比）' : 'spherical (Turf, R = 6371008.8 m; comparison only)';
  return lang === 'zh'
    ? `椭球面积（${CGCS2000.name}，a = ${CGCS2000.a} m，f = 1/298.257222101）`
    : `ellipsoidal (${CGCS2000.name}, a = ${CGCS2000.a} m, f = 1/298.257222101)`;
}

export function areaMethodMeta(method: AreaMethod) {
  return method === 'spherical'
    ? { method, model: 'sphere', radius_m: 6371008.8 }
    : { method, ellipsoid: CGCS2000.name, epsg: CGCS2000.epsg, a: CGCS2000.a, inverse_flattening: 298.257222101, edges: 'straight in lon/lat (survey formula)' };
}
