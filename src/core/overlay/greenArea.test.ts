import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal, polygonAreaEllipsoidal } from '../area/ellipsoid';
import { m2ToMu } from '../area/units';
import type { AreaGeometry } from '../types';
import { clipIntersectionArea } from './clip';
import { mulberry, starRing } from '../../../test/overlayRandom';
import { greenOverlay, intersectionAreaGreen, intersectionAreaPrepared, type PreparedArea, pointInPrepared, prepareArea } from './greenArea';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const clipArea = (a: AreaGeometry, b: AreaGeometry) => {
  const r = clipIntersectionArea(a, b);
  if (!r.ok) throw new Error(r.message);
  return r.areaM2;
};

/** A lon/lat rectangle of exactly 1 亩 at 45° N (its area is linear in Δλ: only the parallels contribute). */
function oneMuRect(lon0: number, lat0: number, dLat: number): { g: AreaGeometry; dLon: number } {
  const perDeg = geometryAreaEllipsoidal(rect(lon0, lat0, lon0 + 1, lat0 + dLat));
  const dLon = 2000 / 3 / perDeg;
  return { g: rect(lon0, lat0, lon0 + dLon, lat0 + dLat), dLon };
}

describe('intersection area by Green’s theorem', () => {
  it('a site over the western half of a 1-亩 parcel occupies exactly 0.5 亩', () => {
    const { g, dLon } = oneMuRect(126.5, 45.2, 0.0002);
    expect(m2ToMu(geometryAreaEllipsoidal(g))).toBeCloseTo(1, 10);
    const site = rect(126.4, 45.1, 126.5 + dLon / 2, 45.3);
    const a = intersectionAreaGreen(g, site);
    expect(a).not.toBeNull();
    expect(m2ToMu(a!)).toBeCloseTo(0.5, 10);
    expect(Math.abs(m2ToMu(a!) - 0.5)).toBeLessThan(1e-10);
    // quarter: also cut at the middle latitude — area of a rectangle is Δλ·(q(φ₂) − q(φ₁)), so compute that part
    const quarter = rect(126.4, 45.1, 126.5 + dLon / 2, 45.2001);
    expect(intersectionAreaGreen(g, quarter)! / geometryAreaEllipsoidal(rect(126.5, 45.2, 126.5 + dLon / 2, 45.2001))).toBeCloseTo(1, 10);
    // either argument order, either ring orientation
    const rev: AreaGeometry = { type: 'Polygon', coordinates: [[...(site.coordinates[0] as number[][])].reverse()] };
    expect(m2ToMu(intersectionAreaGreen(rev, g)!)).toBeCloseTo(0.5, 10);
  });

  it('wholly inside, wholly outside, and inside a site hole', () => {
    const parcel = rect(120.001, 40.001, 120.002, 40.002);
    const whole = geometryAreaEllipsoidal(parcel);
    expect(intersectionAreaGreen(parcel, rect(120, 40, 120.01, 40.01))! / whole).toBeCloseTo(1, 12);
    expect(intersectionAreaGreen(parcel, rect(120.005, 40, 120.01, 40.01))).toBe(0);
    const holed: AreaGeometry = { type: 'Polygon', coordinates: [rect(120, 40, 120.01, 40.01).coordinates[0] as number[][], rect(120.0005, 40.0005, 120.003, 40.003).coordinates[0] as number[][]] };
    expect(intersectionAreaGreen(parcel, holed)).toBe(0);
    // hole cutting the parcel in half (east part of the parcel lies in the hole)
    const holed2: AreaGeometry = { type: 'Polygon', coordinates: [rect(120, 40, 120.01, 40.01).coordinates[0] as number[][], rect(120.0015, 40.0005, 120.003, 40.003).coordinates[0] as number[][]] };
    expect(intersectionAreaGreen(parcel, holed2)! / geometryAreaEllipsoidal(rect(120.001, 40.001, 120.0015, 40.002))).toBeCloseTo(1, 10);
  });

  it('shared edges (snapped sites): same direction counts once, opposite directions bound nothing', () => {
    // a 3×3 grid of cells with shared nodes; the site is exactly the L of cells (0,0), (1,0), (0,1)
    const x = [121, 121.001, 121.002, 121.003];
    const y = [35, 35.001, 35.002, 35.003];
    const site: AreaGeometry = { type: 'Polygon', coordinates: [[[x[0], y[0]], [x[1], y[0]], [x[2], y[0]], [x[2], y[1]], [x[1], y[1]], [x[1], y[2]], [x[0], y[2]], [x[0], y[1]], [x[0], y[0]]]] };
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const cell = rect(x[i], y[j], x[i + 1], y[j + 1]);
        const inSite = (i === 0 && j === 0) || (i === 1 && j === 0) || (i === 0 && j === 1);
        const a = intersectionAreaGreen(cell, site);
        expect(a, `cell ${i},${j}`).not.toBeNull();
        if (inSite) expect(a! / geometryAreaEllipsoidal(cell)).toBeCloseTo(1, 12);
        else expect(a).toBe(0);
      }
    // identical polygons: everything shared the same way
    const c = rect(x[0], y[0], x[1], y[1]);
    expect(intersectionAreaGreen(c, c)! / geometryAreaEllipsoidal(c)).toBeCloseTo(1, 12);
  });

  it('reports near-degenerate contact (T-junction, partial collinear overlap) as null, for polyclip to decide', () => {
    const parcel = rect(120, 40, 120.001, 40.001);
    // site edge passes through the parcel's corner (120.001, 40.0005 is not a vertex: T-junction on x = 120.001)
    const t = rect(120.001, 40.0005, 120.002, 40.002);
    expect(intersectionAreaGreen(parcel, t)).toBeNull();
    const partial = rect(120.0005, 39.999, 120.003, 40.0007); // shares part of the parcel's east edge line? no: overlaps
    expect(intersectionAreaGreen(parcel, partial)! / clipArea(parcel, partial)).toBeCloseTo(1, 10);
    expect(intersectionAreaGreen(parcel, { type: 'Polygon', coordinates: [[[120, 40], [Number.NaN, 40], [120, 41], [120, 40]]] })).toBeNull();
  });

  it('equals polyclip-based areas on 400 random star polygons with holes (relative 1e-9)', () => {
    const rnd = mulberry(2026);
    let worst = 0;
    let nulls = 0;
    let nonTrivial = 0;
    for (let k = 0; k < 400; k++) {
      const lat = 18 + rnd() * 36;
      const P: AreaGeometry = { type: 'Polygon', coordinates: [starRing(rnd, 110, lat, 0.001, 3 + Math.floor(rnd() * 10))] };
      if (rnd() < 0.5) (P.coordinates[0] as number[][]).reverse();
      const cx = 110 + (rnd() - 0.5) * 0.004;
      const cy = lat + (rnd() - 0.5) * 0.004;
      const rings = [starRing(rnd, cx, cy, 0.002, 3 + Math.floor(rnd() * 60))];
      if (rnd() < 0.5) rings.push(starRing(rnd, cx + (rnd() - 0.5) * 0.0002, cy + (rnd() - 0.5) * 0.0002, 0.0003, 5 + Math.floor(rnd() * 5)));
      const S: AreaGeometry = { type: 'Polygon', coordinates: rings };
      const g = intersectionAreaGreen(P, S);
      if (g === null) {
        nulls++;
        continue;
      }
      const c = clipArea(P, S);
      const whole = polygonAreaEllipsoidal(P.coordinates as number[][][]);
      if (c > 0 && c < whole * 0.999) nonTrivial++;
      // relative to the parcel: polyclip's own crossing points carry ~1e-14° of rounding, ~1e-7 m² on a parcel
      worst = Math.max(worst, Math.abs(g - c) / whole);
    }
    expect(worst).toBeLessThan(1e-9);
    expect(worst).toBeGreaterThan(0); // the two methods are independent computations
    expect(nulls).toBeLessThan(4);
    expect(nonTrivial).toBeGreaterThan(100);
  });

  it('point in polygon on an indexed ring agrees with the unindexed test', () => {
    const rnd = mulberry(9);
    const ring = starRing(rnd, 100, 30, 0.1, 400);
    const A = prepareArea({ type: 'Polygon', coordinates: [ring] }, { index: true });
    const B = prepareArea({ type: 'Polygon', coordinates: [ring] });
    B.strips = undefined;
    expect(A.strips).toBeDefined();
    for (let k = 0; k < 2000; k++) {
      const px = 100 + (rnd() - 0.5) * 0.22;
      const py = 30 + (rnd() - 0.5) * 0.22;
      expect(pointInPrepared(A, px, py)).toBe(pointInPrepared(B, px, py));
    }
    expect(intersectionAreaPrepared(prepareArea(rect(100, 30, 100.01, 30.01)), A)).toBeGreaterThan(0);
  });

  it('near-degenerate placements (1e-5° … 0 apart, tiny rotations) are either exact or handed to polyclip', () => {
    const rot = (g: AreaGeometry, a: number, cx: number, cy: number): AreaGeometry => ({
      type: 'Polygon',
      coordinates: (g.coordinates as number[][][]).map((r) => r.map(([x, y]) => [cx + (x - cx) * Math.cos(a) - (y - cy) * Math.sin(a), cy + (x - cx) * Math.sin(a) + (y - cy) * Math.cos(a)])),
    });
    const P = rect(120, 40, 120.001, 40.001);
    const whole = geometryAreaEllipsoidal(P);
    let nulls = 0;
    let exact = 0;
    for (const eps of [1e-5, 1e-7, 1e-8, 1e-9, 1e-11, 0])
      for (const [dx, dy] of [[1, 0], [0, -1], [1, 1], [0.5, -0.3]])
        for (const a of [0, 1e-9, 1e-4, 0.3]) {
          const S = rot(rect(120.0005 + dx * eps, 40 + dy * eps, 120.003 + dx * eps, 40.001 + dy * eps), a, 120.0005, 40.0005);
          const g = intersectionAreaGreen(P, S);
          if (g === null) {
            nulls++;
            continue;
          }
          exact++;
          expect(Math.abs(g - clipArea(P, S)) / whole, `eps ${eps} dir ${dx},${dy} rot ${a}`).toBeLessThan(1e-9);
        }
    expect(nulls).toBeGreaterThan(10); // collinear and within-1-mm placements go to polyclip
    expect(exact).toBeGreaterThan(10);
  });
});

describe('per-call state (greenOverlay contexts)', () => {
  const rnd = mulberry(7);
  const star = (cx: number, cy: number, n: number): AreaGeometry => ({ type: 'Polygon', coordinates: [starRing(rnd, cx, cy, 0.01, n)] });
  // pairs whose boundaries cross many times: many pieces, scratch buffers that grow
  const pairs = Array.from({ length: 12 }, (_, i) => [star(120 + i * 0.05, 30, 40 + i * 7), star(120.004 + i * 0.05, 30.003, 60 + i * 5)] as const);
  const alone = pairs.map(([a, b]) => intersectionAreaPrepared(prepareArea(a), prepareArea(b, { index: true })));

  /** S with its vertex array behind a getter that runs `inner` on every read: an overlay inside an overlay. */
  function reentrant(S: PreparedArea, inner: () => void): PreparedArea {
    const out = { ...S };
    Object.defineProperty(out, 'xs', {
      get: () => {
        inner();
        return S.xs;
      },
    });
    return out;
  }

  it('two contexts interleaved (one running inside the other) give what each gives alone', () => {
    expect(alone.every((a) => a !== null && a > 0)).toBe(true);
    const outer = greenOverlay();
    const inner = greenOverlay();
    const innerResults: (number | null)[] = [];
    pairs.forEach(([a, b], i) => {
      const [c, d] = pairs[(i + 5) % pairs.length];
      const Pc = prepareArea(c);
      const Sd = prepareArea(d, { index: true });
      const S = reentrant(prepareArea(b, { index: true }), () => void innerResults.push(inner.intersectionArea(Pc, Sd)));
      expect(outer.intersectionArea(prepareArea(a), S)).toBe(alone[i]);
      expect(innerResults.length).toBeGreaterThan(10);
      for (const r of innerResults.splice(0)) expect(r).toBe(alone[(i + 5) % pairs.length]);
    });
  });

  it('the same context used inside itself would corrupt the outer result (what separate contexts prevent)', () => {
    const g = greenOverlay();
    let wrong = 0;
    pairs.forEach(([a, b], i) => {
      const [c, d] = pairs[(i + 5) % pairs.length];
      const Pc = prepareArea(c);
      const Sd = prepareArea(d, { index: true });
      const S = reentrant(prepareArea(b, { index: true }), () => void g.intersectionArea(Pc, Sd));
      if (g.intersectionArea(prepareArea(a), S) !== alone[i]) wrong++;
    });
    expect(wrong).toBeGreaterThan(0);
  });

  it('alternating calls on two contexts match one at a time', () => {
    const g1 = greenOverlay();
    const g2 = greenOverlay();
    pairs.forEach(([a, b], i) => {
      const [c, d] = pairs[pairs.length - 1 - i];
      expect(g1.intersectionArea(prepareArea(a), prepareArea(b, { index: true }))).toBe(alone[i]);
      expect(g2.intersectionArea(prepareArea(c), prepareArea(d, { index: true }))).toBe(alone[pairs.length - 1 - i]);
    });
  });
});
