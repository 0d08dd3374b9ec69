/**
 * 图斑椭球面积 by the procedure published for the second national land survey — 国土调查办发〔2008〕32号
 * 《图幅理论面积与图斑椭球面积计算公式及要求》 — kept beside the exact straight-edge integral of ellipsoid.ts.
 * The 三调 rules (TD/T 1055-2019) keep the method and move it to CGCS2000.
 *
 * What the notice publishes, and what this file takes from it:
 *   - formula (2), the area of an ellipsoidal trapezoid of longitude difference ΔL (rad) between latitudes B1, B2:
 *       S = 2b²ΔL [A sin(ΔB/2) cos Bm − B sin(3ΔB/2) cos 3Bm + C sin(5ΔB/2) cos 5Bm − D sin(7ΔB/2) cos 7Bm
 *                 + E sin(9ΔB/2) cos 9Bm],   ΔB = B2 − B1, Bm = (B1 + B2)/2,
 *       A = 1 + (3/6)e² + (30/80)e⁴ + (35/112)e⁶ + (630/2304)e⁸, B = (1/6)e² + (15/80)e⁴ + (21/112)e⁶ + (420/2304)e⁸,
 *       C = (3/80)e⁴ + (7/112)e⁶ + (180/2304)e⁸, D = (1/112)e⁶ + (45/2304)e⁸, E = (5/2304)e⁸;
 *   - the Gauss–Krüger inverse (3) of each vertex to B, L (the zone prefix, zone × 1 000 000, stripped from the
 *     easting) — here the import has already done it (io/reproject.ts, proj4's transverse Mercator inverse, which
 *     agrees with the published series far below a millimetre inside a 3° zone), so this function takes lon/lat;
 *   - the rounding of B and L after the inverse: in arc-seconds, kept to 6 decimals (`roundSeconds`);
 *   - the ellipsoid: Xi'an 80 in 2008 (a = 6378140 m, f = 1/298.257, XIAN80 below); CGCS2000 for 三调.
 * How the polygon is cut into trapezoids is not spelled out in the parts of the notice we could read (the copies
 * found are partial transcriptions, docs/survey-area.md). We follow the decomposition used by the survey software
 * implementations we found (two independent public ones agree): each boundary edge (L1, B1) → (L2, B2) forms the
 * trapezoid between the edge and a reference meridian L0 (the prime meridian), with ΔL = (L1 + L2)/2 − L0 and the
 * edge's own ΔB, Bm; the signed sum over the ring is the polygon's area. This is the trapezoid rule applied to the
 * exact zone integral — exact for edges along meridians and parallels, off by O(ΔB²) on slanted edges, which is
 * what makes it differ from ellipsoid.ts (measured in docs/survey-area.md and test/survey-area.test.ts).
 */
import type { AreaGeometry, MultiPolygonCoords, PolygonCoords, Ring } from '../types';
import { CGCS2000 } from './ellipsoid';

export interface Ellipsoid {
  a: number;
  f: number;
  name: string;
}
export const XIAN80: Ellipsoid = { a: 6378140, f: 1 / 298.257, name: 'Xian80' };

interface Coefs {
  b2: number;
  A: number;
  B: number;
  C: number;
  D: number;
  E: number;
}

function coefs(el: Ellipsoid): Coefs {
  const e2 = el.f * (2 - el.f);
  const e4 = e2 * e2;
  const e6 = e4 * e2;
  const e8 = e6 * e2;
  const b = el.a * (1 - el.f);
  return {
    b2: b * b,
    A: 1 + (3 / 6) * e2 + (30 / 80) * e4 + (35 / 112) * e6 + (630 / 2304) * e8,
    B: (1 / 6) * e2 + (15 / 80) * e4 + (21 / 112) * e6 + (420 / 2304) * e8,
    C: (3 / 80) * e4 + (7 / 112) * e6 + (180 / 2304) * e8,
    D: (1 / 112) * e6 + (45 / 2304) * e8,
    E: (5 / 2304) * e8,
  };
}

const CACHE = new Map<Ellipsoid, Coefs>();
const coefsOf = (el: Ellipsoid): Coefs => {
  let c = CACHE.get(el);
  if (!c) {
    c = coefs(el);
    CACHE.set(el, c);
  }
  return c;
};

const RAD = Math.PI / 180;
const SEC = Math.PI / 180 / 3600;

/**
 * Formula (2) of the notice: area (m²) of the ellipsoidal trapezoid ΔL (rad) wide between latitudes B1, B2 (rad).
 * Signed: positive when B2 > B1 and ΔL > 0.
 */
export function trapezoidArea(dL: number, B1: number, B2: number, el: Ellipsoid = CGCS2000): number {
  const { b2, A, B, C, D, E } = coefsOf(el);
  const dB = B2 - B1;
  const Bm = (B1 + B2) / 2;
  return (
    2 * b2 * dL *
    (A * Math.sin(dB / 2) * Math.cos(Bm) - B * Math.sin((3 * dB) / 2) * Math.cos(3 * Bm) + C * Math.sin((5 * dB) / 2) * Math.cos(5 * Bm) -
      D * Math.sin((7 * dB) / 2) * Math.cos(7 * Bm) + E * Math.sin((9 * dB) / 2) * Math.cos(9 * Bm))
  );
}

export interface SurveyAreaOptions {
  ellipsoid?: Ellipsoid;
  /** Round B and L to this many decimals of an arc-second before the sum, as the notice requires (6); null: no rounding. */
  roundSeconds?: number | null;
}

/** Signed survey-method area of one ring (lon/lat degrees): positive counter-clockwise. */
export function surveyRingAreaSigned(ring: Ring, opts: SurveyAreaOptions = {}): number {
  const el = opts.ellipsoid ?? CGCS2000;
  const digits = opts.roundSeconds === undefined ? 6 : opts.roundSeconds;
  const k = digits === null ? 0 : 10 ** digits;
  const toRad = (deg: number) => (k === 0 ? deg * RAD : (Math.round(deg * 3600 * k) / k) * SEC);
  let n = ring.length;
  if (n < 3) return 0;
  if (ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n -= 1;
  if (n < 3) return 0;
  let sum = 0;
  let L1 = toRad(ring[n - 1][0]);
  let B1 = toRad(ring[n - 1][1]);
  for (let i = 0; i < n; i++) {
    const L2 = toRad(ring[i][0]);
    const B2 = toRad(ring[i][1]);
    // trapezoid between the edge and the prime meridian: width (L1 + L2)/2, latitudes B1 → B2
    sum += trapezoidArea((L1 + L2) / 2, B1, B2, el);
    L1 = L2;
    B1 = B2;
  }
  // a counter-clockwise ring (east along the south side, north along the east side) sums negative here
  return -sum;
}

export function surveyPolygonArea(coords: PolygonCoords, opts: SurveyAreaOptions = {}): number {
  if (!coords.length) return 0;
  let a = Math.abs(surveyRingAreaSigned(coords[0], opts));
  for (let h = 1; h < coords.length; h++) a -= Math.abs(surveyRingAreaSigned(coords[h], opts));
  return Math.max(0, a);
}

/** Survey-method (32号) 图斑椭球面积 of a Polygon / MultiPolygon in lon/lat, m². */
export function geometryAreaSurvey(geom: AreaGeometry, opts: SurveyAreaOptions = {}): number {
  if (geom.type === 'Polygon') return surveyPolygonArea(geom.coordinates as PolygonCoords, opts);
  return (geom.coordinates as MultiPolygonCoords).reduce((s, p) => s + surveyPolygonArea(p, opts), 0);
}
