/** Local metres ↔ lon/lat (CGCS2000) by a linear map at the county centre, and GeoJSON output helpers. */
import { geometryAreaEllipsoidal } from '../../src/core/area/ellipsoid';
import { cleanRing, orient, type Poly, type Pt, type Ring } from './geom';

export const LON0 = 125.95;
export const LAT0 = 46.45;
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;
const S0 = Math.sin(LAT0 * RAD);
const W = Math.sqrt(1 - E2 * S0 * S0);
/** Metres per degree of longitude / latitude at LAT0 (prime-vertical and meridian radii). */
export const M_PER_DEG_LON = (A / W) * Math.cos(LAT0 * RAD) * RAD;
export const M_PER_DEG_LAT = ((A * (1 - E2)) / (W * W * W)) * RAD;

export const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;
export const round2 = (v: number): number => Math.round(v * 100) / 100;

export function toLonLat(p: Pt): [number, number] {
  return [round7(LON0 + p[0] / M_PER_DEG_LON), round7(LAT0 + p[1] / M_PER_DEG_LAT)];
}

export function toMetres(p: readonly number[]): Pt {
  return [(p[0] - LON0) * M_PER_DEG_LON, (p[1] - LAT0) * M_PER_DEG_LAT];
}

/** Rounded, closed GeoJSON rings (outer CCW, holes CW); undefined if the outer ring degenerates. */
export function polyToCoords(poly: Poly): number[][][] | undefined {
  const out: number[][][] = [];
  for (const ring of orient(poly.map((r) => cleanRing(r, 0.3, 0.05)))) {
    const ll: number[][] = [];
    for (const p of ring) {
      const q = toLonLat(p);
      const last = ll[ll.length - 1];
      if (last && last[0] === q[0] && last[1] === q[1]) continue;
      ll.push(q);
    }
    while (ll.length > 1 && ll[0][0] === ll[ll.length - 1][0] && ll[0][1] === ll[ll.length - 1][1]) ll.pop();
    if (ll.length < 3) {
      if (out.length === 0) return undefined;
      continue;
    }
    ll.push([ll[0][0], ll[0][1]]);
    out.push(ll);
  }
  return out.length ? out : undefined;
}

export type GeoPolygon = { type: 'Polygon'; coordinates: number[][][] };
export type GeoMulti = { type: 'MultiPolygon'; coordinates: number[][][][] };

export function polysToGeometry(polys: readonly Poly[]): GeoPolygon | GeoMulti | undefined {
  const parts = polys.map(polyToCoords).filter((c): c is number[][][] => c !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return { type: 'Polygon', coordinates: parts[0] };
  return { type: 'MultiPolygon', coordinates: parts };
}

export function lineToCoords(line: readonly Pt[]): number[][] {
  const out: number[][] = [];
  for (const p of line) {
    const q = toLonLat(p);
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    out.push(q);
  }
  return out;
}

/** Ellipsoidal area (m²) rounded to 0.01 — the TBMJ rule. */
export const areaOf = (g: GeoPolygon | GeoMulti): number => round2(geometryAreaEllipsoidal(g));

export type { Ring };
