/**
 * Lon/lat rectangles with closed-form CGCS2000 ellipsoidal area, for tests of summaries, writers and the CLI.
 *
 * A cell bounded by two meridians and two parallels has area (b²/2)·Δλ·(q(φ₂) − q(φ₁)) with the authalic
 * q(φ) = sinφ/(1 − e² sin²φ) + atanh(e sinφ)/e. This is computed here independently of src/core/area (closed form
 * with Math.atanh, not a ring sum), so a wrong engine figure fails the tests.
 */
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const B2 = A * A * (1 - E2);
const RAD = Math.PI / 180;

function qAuthalic(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  return s / (1 - E2 * s * s) + Math.atanh(E * s) / E;
}

/** Exact ellipsoidal area (m²) of the lon/lat cell [lon, lon + dLon] × [lat, lat + dLat]. */
export function cellAreaM2(lat: number, dLon: number, dLat: number): number {
  return (B2 / 2) * dLon * RAD * (qAuthalic(lat + dLat) - qAuthalic(lat));
}

/** Width in degrees of longitude that gives a cell of `areaM2` between lat and lat + dLat. */
export function dLonForArea(areaM2: number, lat: number, dLat: number): number {
  return areaM2 / ((B2 / 2) * RAD * (qAuthalic(lat + dLat) - qAuthalic(lat)));
}

export function cellPolygon(lon: number, lat: number, dLon: number, dLat: number): { type: 'Polygon'; coordinates: number[][][] } {
  return {
    type: 'Polygon',
    coordinates: [[[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]]],
  };
}

export function cellFeature(lon: number, lat: number, dLon: number, dLat: number, properties: Record<string, unknown> = {}) {
  return { type: 'Feature' as const, properties, geometry: cellPolygon(lon, lat, dLon, dLat) };
}

/** 1 亩 = 2000/3 m². */
export const MU_M2 = 2000 / 3;
