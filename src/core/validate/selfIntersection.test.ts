import { describe, expect, it } from 'vitest';
import type { PolygonCoords } from '../types';
import { BRUTE_FORCE_EDGES, findSelfIntersection, findSelfIntersectionFlat, type SelfIntersection } from './selfIntersection';

const close = (pts: number[][]) => [...pts, pts[0]];
const sq = (x: number, y: number, s: number) => close([[x, y], [x + s, y], [x + s, y + s], [x, y + s]]);

/** A star-shaped (simple) ring of n vertices around (cx, cy), radii alternating. */
function star(n: number, cx = 116, cy = 40, r = 0.01): number[][] {
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const rr = i % 2 ? r : r * 0.7;
    pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  return close(pts);
}

describe('findSelfIntersection', () => {
  it('accepts simple rings, holes, repeated vertices and triangles', () => {
    expect(findSelfIntersection([sq(0, 0, 4)])).toBeUndefined();
    expect(findSelfIntersection([sq(0, 0, 4), sq(1, 1, 1)])).toBeUndefined();
    expect(findSelfIntersection([close([[0, 0], [0, 0], [4, 0], [4, 0], [4, 4], [0, 4]])])).toBeUndefined();
    expect(findSelfIntersection([close([[0, 0], [1, 0], [0, 1]])])).toBeUndefined();
    expect(findSelfIntersection([star(10)])).toBeUndefined();
    expect(findSelfIntersection([star(2000)])).toBeUndefined();
  });

  it('allows a hole to touch the outer ring at one point', () => {
    expect(findSelfIntersection([sq(0, 0, 4), close([[0, 2], [1, 1], [1, 3]])])).toBeUndefined();
  });

  it('finds a bow-tie crossing and where it is', () => {
    const hit = findSelfIntersection([close([[0, 0], [2, 2], [2, 0], [0, 2]])]) as SelfIntersection;
    expect(hit).toMatchObject({ ringA: 0, positionA: 0, ringB: 0, positionB: 2 });
    expect(hit?.point[0]).toBeCloseTo(1, 12);
    expect(hit?.point[1]).toBeCloseTo(1, 12);
  });

  it('finds a ring touching itself at a vertex (figure eight)', () => {
    expect(findSelfIntersection([close([[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2]])])).toBeDefined();
  });

  it('finds a vertex lying on a non-adjacent edge', () => {
    expect(findSelfIntersection([close([[0, 0], [4, 0], [4, 4], [2, 0], [0, 4]])])).toBeDefined();
  });

  it('finds a spike (consecutive edges folding back) and a flat triangle', () => {
    expect(findSelfIntersection([close([[0, 0], [2, 0], [3, 0], [2, 0], [2, 2], [0, 2]])])).toBeDefined();
    expect(findSelfIntersection([close([[0, 0], [2, 0], [1, 0]])])).toBeDefined();
  });

  it('finds a hole crossing the outer ring or sharing a stretch of it', () => {
    expect(findSelfIntersection([sq(0, 0, 4), sq(3, 1, 2)])).toMatchObject({ ringA: 0, ringB: 1 });
    expect(findSelfIntersection([sq(0, 0, 4), close([[0, 1], [1, 1], [1, 2], [0, 2]])])).toBeDefined();
  });

  it('finds the crossing in a large ring through the index, fast', () => {
    const ring = star(100_000);
    ring[50_000] = [116.02, 40.001]; // the far side reaches across the whole star
    const t = performance.now();
    const hit = findSelfIntersection([ring]) as SelfIntersection;
    const ms = performance.now() - t;
    expect(hit).toBeDefined();
    expect([hit?.positionA, hit?.positionB]).toContain(49_999);
    expect(ms).toBeLessThan(3000);
  });

  it('stays fast on a simple 100 000-vertex boundary', () => {
    // a wiggly circle: short edges, as real red-line boundaries have
    const n = 100_000;
    const pts = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      const r = 0.05 * (1 + 0.02 * Math.sin(40 * a) + 0.001 * Math.sin(977 * a));
      return [116 + r * Math.cos(a), 40 + r * Math.sin(a)];
    });
    const t = performance.now();
    expect(findSelfIntersection([close(pts)])).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(3000);
  });

  it('gives up with "unchecked" instead of hanging on an adversarial ring (long, thin, nearly parallel spikes)', () => {
    const ring = star(20_000); // each spike's box overlaps thousands of others
    const t = performance.now();
    const r = findSelfIntersection([ring], 200_000);
    expect(r).toMatchObject({ unchecked: true, edges: 20_000 });
    expect(performance.now() - t).toBeLessThan(3000);
    expect(findSelfIntersection([star(2_000)])).toBeUndefined(); // within the default budget
  });

  it('agrees with a plain O(n²) reference on random rings, above and below the brute-force size', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const naive = (poly: PolygonCoords): boolean => {
      const r = poly[0];
      const n = r.length - 1;
      const o = (a: number[], b: number[], c: number[]) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          if (j === i + 1 || (i === 0 && j === n - 1)) continue;
          const [a, b, c, d] = [r[i], r[i + 1], r[j], r[j + 1]];
          if (o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0) return true;
        }
      return false;
    };
    let crossing = 0;
    for (const n of [8, 20, BRUTE_FORCE_EDGES + 1, 150]) {
      for (let trial = 0; trial < 40; trial++) {
        // a star with jittered radii: simple; then swap two vertices now and then to make crossings
        const pts = star(n).slice(0, n).map(([x, y]) => [116 + (x - 116) * (0.6 + 0.8 * rnd()), 40 + (y - 40) * (0.6 + 0.8 * rnd())]);
        if (trial % 2) {
          const i = Math.floor(rnd() * n);
          const j = (i + 2 + Math.floor(rnd() * (n - 3))) % n;
          [pts[i], pts[j]] = [pts[j], pts[i]];
        }
        const poly = [close(pts)];
        const expected = naive(poly);
        if (expected) crossing++;
        expect(findSelfIntersection(poly) !== undefined, `n=${n} trial=${trial}`).toBe(expected);
      }
    }
    expect(crossing).toBeGreaterThan(40);
  });
});

describe('findSelfIntersectionFlat', () => {
  it('gives the same answer as on nested coordinates (rings counted from the polygon, positions from the ring)', () => {
    let seed = 99;
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    let hits = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 4 + Math.floor(rnd() * (trial % 4 === 0 ? 120 : 12));
      const outer = star(n).slice(0, n).map(([x, y]) => [116 + (x - 116) * (0.6 + 0.8 * rnd()), 40 + (y - 40) * (0.6 + 0.8 * rnd())]);
      if (trial % 2) {
        const i = Math.floor(rnd() * n);
        const j = (i + 2 + Math.floor(rnd() * (n - 3))) % n;
        [outer[i], outer[j]] = [outer[j], outer[i]];
      }
      if (trial % 5 === 0) outer.splice(1, 0, [...outer[1]]); // a repeated vertex
      const poly: PolygonCoords = [close(outer)];
      if (trial % 3 === 0) poly.push(sq(116 - 0.002 + 0.004 * rnd(), 40 - 0.002 + 0.004 * rnd(), 0.001));
      // lay the polygon out after some other ring, as the validator's shared buffers do
      const rings = [sq(0, 0, 1), ...poly];
      const ringStart = new Int32Array(rings.length + 1);
      const total = rings.reduce((s, r) => s + r.length, 0);
      const xs = new Float64Array(total);
      const ys = new Float64Array(total);
      let k = 0;
      rings.forEach((ring, r) => {
        ringStart[r] = k;
        for (const p of ring) {
          xs[k] = p[0];
          ys[k++] = p[1];
        }
      });
      ringStart[rings.length] = k;
      const nested = findSelfIntersection(poly);
      if (nested) hits++;
      expect(findSelfIntersectionFlat(xs, ys, ringStart, 1, rings.length), `trial ${trial}`).toEqual(nested);
    }
    expect(hits).toBeGreaterThan(100);
  });
});
