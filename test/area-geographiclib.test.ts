/**
 * The engine's ellipsoidal area against GeographicLib's geodesic polygon area on CGCS2000, on parcels this test
 * generates (seeded) from 18° to 54° N across China's longitudes; and Turf's sphere bias against docs/domain.md §2.
 */
import { area as turfArea } from '@turf/area';
import GeographicLib from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { polygonAreaEllipsoidal } from '../src/core/area/ellipsoid';
import { type FieldKind, fieldShape, mulberry32, pick, toLonLat, uniform } from './bench/genParcels';

const geod = new GeographicLib.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/**
 * GeographicLib area (m²) of polygon coordinates: |outer| − Σ|holes|. With `densify` = 1 the edges are geodesics;
 * with `densify` = k each edge is first cut into k equal steps in lon/lat, so GeographicLib measures (to ~1/k²
 * of the edge-model difference) the same polygon the survey formula does: edges straight in lon/lat.
 */
function geodesicArea(coords: number[][][], densify = 1): number {
  let total = 0;
  coords.forEach((ring, k) => {
    const p = geod.Polygon(false);
    for (let i = 0; i + 1 < ring.length; i++)
      for (let j = 0; j < densify; j++) {
        const t = j / densify;
        p.AddPoint(ring[i][1] + (ring[i + 1][1] - ring[i][1]) * t, ring[i][0] + (ring[i + 1][0] - ring[i][0]) * t);
      }
    const a = Math.abs(p.Compute(false, true).area ?? Number.NaN);
    total += k === 0 ? a : -a;
  });
  return total;
}

function longestEdge(coords: number[][][]): number {
  let max = 0;
  for (const ring of coords)
    for (let i = 0; i + 1 < ring.length; i++) {
      const s = geod.Inverse(ring[i][1], ring[i][0], ring[i + 1][1], ring[i + 1][0]).s12 ?? Number.NaN;
      if (!(s <= max)) max = s;
    }
  return max;
}

const RAD = Math.PI / 180;
const A = 6378137;
const E2 = (1 / 298.257222101) * (2 - 1 / 298.257222101);
const E = Math.sqrt(E2);
/** Textbook authalic zone area per radian (see ellipsoid.test.ts). */
function zone(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  return ((A * A * (1 - E2)) / 2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}

describe('ellipsoidal area vs GeographicLib on generated field parcels, 18°–54° N', () => {
  const rng = mulberry32(4490);
  const kinds: FieldKind[] = ['quad', 'strip', 'block', 'holed'];
  const parcels = Array.from({ length: 3000 }, (_, i) => {
    const kind = pick(rng, kinds, [3, 3, 3, 1]);
    const lat = 18 + (36 * i) / 2999; // evenly over 18°–54°, so both ends are covered
    const lon = uniform(rng, 73.5, 134.7);
    const coords = fieldShape(rng, kind).map((r) => toLonLat(r, lon, lat));
    return { kind, lat, coords };
  });

  it('the generated parcels are what the claim is about: every edge under 250 m, all four kinds, holes', () => {
    let maxEdge = 0;
    for (const p of parcels) maxEdge = Math.max(maxEdge, longestEdge(p.coords));
    expect(maxEdge).toBeLessThan(250);
    expect(maxEdge).toBeGreaterThan(150);
    const byKind = new Map<string, number>();
    for (const p of parcels) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
    for (const k of kinds) expect(byKind.get(k) ?? 0).toBeGreaterThan(100);
    expect(parcels.filter((p) => p.coords.length === 2).length).toBe(byKind.get('holed'));
    expect(Math.min(...parcels.map((p) => p.lat))).toBe(18);
    expect(Math.max(...parcels.map((p) => p.lat))).toBe(54);
  });

  /** Worst relative difference over the parcels, and where. */
  function worst(ref: (coords: number[][][]) => number) {
    let max = 0;
    let at = '';
    let over1e6 = 0;
    for (const p of parcels) {
      const r = ref(p.coords);
      const d = Math.abs(polygonAreaEllipsoidal(p.coords) / r - 1);
      if (!(d <= 1e-6)) over1e6++;
      if (!(d <= max)) {
        max = d;
        at = `${p.kind} at ${p.lat.toFixed(2)}° N, ${r.toFixed(1)} m²`;
      }
    }
    return { max, at, over1e6 };
  }

  it('agree within 1e-6 relative on every parcel, GeographicLib measuring the same straight lon/lat edges', () => {
    const w = worst((c) => geodesicArea(c, 50));
    // measured 2.5e-7, on the smallest parcels (a 1,578 m² strip): that is GeographicLib's own rounding over many
    // short edges (it grows to 5e-7 with ×200 densification); against an independent Gauss–Legendre integral of the
    // same straight edges the engine is within ~3e-11 (ellipsoid.test.ts)
    expect(w.max, w.at).toBeLessThan(1e-6);
    expect(w.over1e6).toBe(0);
  });

  /*
   * FINDING (reported): against GeographicLib's own geodesic edges the 1e-6 of issue 2 / docs/domain.md §2 does NOT
   * hold for every parcel with edges under 250 m. A straight lon/lat edge and the geodesic between the same
   * vertices enclose a lens of ≈ (2/3)·L·δ, δ ≈ L²·tanφ/(8R) for an east–west edge (1.6 mm and 0.27 m² for
   * L = 250 m at 53° N). On rectangles and strips the lenses of opposite edges cancel; on triangles and skewed
   * quadrilaterals they do not: 43 of these 3000 parcels (all skewed quads) exceed 1e-6, the worst 3.4e-6, and a
   * 170 m triangle at 53° N differs by 6.5e-6. The engine is right for the survey model (test above); the
   * geodesic-edge bound that holds is ~1e-5.
   */
  it('against geodesic edges: within 1e-5 on all, within 1e-6 on ≥ 97 %; rectangles, strips and blocks within 1e-6', () => {
    const w = worst((c) => geodesicArea(c, 1));
    expect(w.max, w.at).toBeLessThan(1e-5);
    expect(w.over1e6 / parcels.length).toBeLessThan(0.03);
    for (const p of parcels.filter((q) => q.kind !== 'quad'))
      expect(Math.abs(polygonAreaEllipsoidal(p.coords) / geodesicArea(p.coords) - 1)).toBeLessThan(1e-6);
  });

  it('the edge-model gap is real: a 170 m triangle at 53° N is 6.5e-6 off geodesic edges, 3e-8 off straight ones', () => {
    const tri = [toLonLat([[0, 0], [170, 0], [85, 160], [0, 0]], 120, 53.23)];
    const ours = polygonAreaEllipsoidal(tri);
    expect(Math.abs(ours / geodesicArea(tri, 1) - 1)).toBeGreaterThan(5e-6);
    expect(Math.abs(ours / geodesicArea(tri, 1) - 1)).toBeLessThan(8e-6);
    expect(Math.abs(ours / geodesicArea(tri, 200) - 1)).toBeLessThan(1e-7);
  });

  it('either ring orientation gives the same area as GeographicLib', () => {
    for (const p of parcels.slice(0, 300)) {
      const reversed = p.coords.map((r) => [...r].reverse());
      expect(polygonAreaEllipsoidal(reversed)).toBeCloseTo(polygonAreaEllipsoidal(p.coords), 6);
      expect(Math.abs(polygonAreaEllipsoidal(reversed) / geodesicArea(p.coords, 50) - 1)).toBeLessThan(1e-6);
    }
  });
});

describe('the 1°×1° cell: closed form = engine = GeographicLib on the densified cell', () => {
  it.each([20, 35, 47, 53])('the cell 120°–121° E from %s° N', (lat) => {
    const closedForm = RAD * (zone(lat + 1) - zone(lat)); // Δλ = 1°
    // GeographicLib with the parallels densified: meridians are geodesics; 2000 steps per parallel
    const steps = 2000;
    const ring: number[][] = [];
    for (let i = 0; i <= steps; i++) ring.push([120 + i / steps, lat]);
    for (let i = 0; i <= steps; i++) ring.push([121 - i / steps, lat + 1]);
    ring.push([120, lat]);
    const p = geod.Polygon(false);
    for (let i = 0; i + 1 < ring.length; i++) p.AddPoint(ring[i][1], ring[i][0]);
    const geo = Math.abs(p.Compute(false, true).area ?? Number.NaN);
    expect(Math.abs(geo / closedForm - 1)).toBeLessThan(1e-8);
    const engine = polygonAreaEllipsoidal([
      [
        [120, lat],
        [121, lat],
        [121, lat + 1],
        [120, lat + 1],
        [120, lat],
      ],
    ]);
    expect(Math.abs(engine / closedForm - 1)).toBeLessThan(1e-12);
    // the undensified cell is NOT what GeographicLib computes: its parallels are not geodesics
    const q = geod.Polygon(false);
    q.AddPoint(lat, 120);
    q.AddPoint(lat, 121);
    q.AddPoint(lat + 1, 121);
    q.AddPoint(lat + 1, 120);
    expect(Math.abs(Math.abs(q.Compute(false, true).area ?? 0) / closedForm - 1)).toBeGreaterThan(1e-7);
  });
});

describe('Turf’s sphere against the ellipsoid follows docs/domain.md §2', () => {
  const table: [number, number][] = [
    [20, 0.29],
    [25, 0.21],
    [30, 0.11],
    [35.3, 0],
    [40, -0.11],
    [45, -0.22],
    [50, -0.34],
    [53, -0.41],
  ];
  it.each(table)('at %s° N Turf / ellipsoid − 1 = %s % (± 0.02)', (lat, pct) => {
    const rng = mulberry32(Math.round(lat * 100));
    for (const kind of ['quad', 'block', 'holed'] as FieldKind[]) {
      const coords = fieldShape(rng, kind).map((r) => toLonLat(r, 110, lat));
      const bias = (turfArea({ type: 'Polygon', coordinates: coords }) / polygonAreaEllipsoidal(coords) - 1) * 100;
      expect(Math.abs(bias - pct)).toBeLessThanOrEqual(0.02);
    }
  });

  it('the bias is the ratio of radii R²/(M·N) at the parcel’s latitude', () => {
    for (const lat of [18, 33, 47, 54]) {
      const s = Math.sin(lat * RAD);
      const w2 = 1 - E2 * s * s;
      const mn = (A * A * (1 - E2)) / (w2 * w2); // meridian × prime-vertical radius
      const expected = 6371008.8 ** 2 / mn - 1;
      const coords = [toLonLat([[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]], 100, lat)];
      const bias = turfArea({ type: 'Polygon', coordinates: coords }) / polygonAreaEllipsoidal(coords) - 1;
      expect(Math.abs(bias - expected)).toBeLessThan(1e-6);
    }
  });
});
