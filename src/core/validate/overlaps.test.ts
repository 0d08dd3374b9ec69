import { describe, expect, it } from 'vitest';
import { intersection } from 'polyclip-ts';
import { multiPolygonAreaEllipsoidal, polygonAreaEllipsoidal } from '../area/ellipsoid';
import type { BBox, PolygonCoords } from '../types';
import { FindingSink } from './messages';
import { findOverlaps, flattenAll, interiorsMayOverlap, type OverlapItem, pairCandidates } from './overlaps';

const S = 0.001;
const sq = (x: number, y: number, s = S): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

function item(index: number, ...rings: number[][][]): OverlapItem {
  const parts: PolygonCoords[] = [rings];
  let b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of rings[0]) b = [Math.min(b[0], p[0]), Math.min(b[1], p[1]), Math.max(b[2], p[0]), Math.max(b[3], p[1])];
  return { index, id: `P${index}`, parts, bbox: b };
}

function run(items: OverlapItem[], cap?: number, maxExact?: number) {
  const sink = new FindingSink('o.geojson', cap);
  const stats = findOverlaps(items, sink, maxExact);
  return { stats, findings: sink.finish() };
}

describe('findOverlaps', () => {
  it('clears neighbours sharing an edge without clipping', () => {
    const r = run([item(0, sq(116, 40)), item(1, sq(116 + S, 40)), item(2, sq(116, 40 + S)), item(3, sq(116 + S, 40 + S))]);
    expect(r.findings).toEqual([]);
    expect(r.stats.exactTests).toBe(0);
  });

  it('clears a jittered grid of irregular neighbours (shared vertices, T-junctions) without clipping', () => {
    let seed = 3;
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const n = 20;
    const g = Array.from({ length: n + 1 }, (_, r) => Array.from({ length: n + 1 }, (_, c) => [116 + c * S + (rnd() - 0.5) * 0.4 * S, 40 + r * S + (rnd() - 0.5) * 0.4 * S]));
    const mid = (a: number[], b: number[]) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const items: OverlapItem[] = [];
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) {
        const [a, b, cc, d] = [g[r][c], g[r][c + 1], g[r + 1][c + 1], g[r + 1][c]];
        // every other parcel has a midpoint vertex on its bottom edge: a T-junction against its neighbour
        const ring = (r + c) % 2 ? [a, mid(a, b), b, cc, d, a] : [a, b, cc, d, a];
        items.push(item(items.length, ring));
      }
    const r = run(items);
    expect(r.stats.candidatePairs).toBeGreaterThan(400);
    expect(r.findings).toEqual([]);
    expect(r.stats.exactTests).toBe(0);
  });

  it('reports a partial overlap naming both ids, with its ellipsoidal area', () => {
    const r = run([item(0, sq(116, 40)), item(1, sq(116 + S / 2, 40 + S / 2))]);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect(f).toMatchObject({ severity: 'warning', code: 'overlap', featureIndex: 0, featureId: 'P0' });
    const expected = polygonAreaEllipsoidal([sq(116 + S / 2, 40 + S / 2, S / 2)]);
    expect(f.message).toContain(`overlaps feature 1 (id P1) by ${expected.toFixed(2)} m²`);
  });

  it('reports duplicates and containment', () => {
    expect(run([item(0, sq(116, 40)), item(1, sq(116, 40))]).findings).toHaveLength(1);
    const inner = run([item(0, sq(116, 40, 4 * S)), item(1, sq(116 + S, 40 + S))]);
    expect(inner.findings[0].message).toContain(`by ${polygonAreaEllipsoidal([sq(116 + S, 40 + S)]).toFixed(2)} m²`);
  });

  it('finds a crossing overlap where no vertex lies inside the other (a plus sign)', () => {
    const wide = [[116, 40.001], [116.003, 40.001], [116.003, 40.002], [116, 40.002], [116, 40.001]];
    const tall = [[116.001, 40], [116.002, 40], [116.002, 40.003], [116.001, 40.003], [116.001, 40]];
    expect(run([item(0, wide), item(1, tall)]).findings).toHaveLength(1);
  });

  it('does not count a parcel inside another\'s hole', () => {
    const outer = sq(116, 40, 3 * S);
    const hole = sq(116 + S, 40 + S);
    expect(run([item(0, outer, hole), item(1, sq(116 + S, 40 + S))]).findings).toEqual([]);
    expect(run([item(0, outer, hole), item(1, sq(116 + 1.25 * S, 40 + 1.25 * S, S / 2))]).findings).toEqual([]);
  });

  it('ignores overlaps of 0.01 m² or less', () => {
    // a corner 5e-8° inside: clipped exactly, ≈ 2e-5 m², not reported
    const corner = run([item(0, sq(116, 40)), item(1, sq(116 + S - 5e-8, 40 + S - 5e-8))]);
    expect(corner.stats.exactTests).toBe(1);
    expect(corner.findings).toEqual([]);
    // a sliver thinner than the tolerance (≈ 0.07 mm × 111 m ≈ 0.008 m²) is cleared without clipping
    const sliver = run([item(0, sq(116, 40)), item(1, sq(116 + S - 8e-10, 40))]);
    expect(sliver.stats.exactTests).toBe(0);
    expect(sliver.findings).toEqual([]);
    // ≈ 8.5 cm × 111 m ≈ 9.4 m²: reported
    expect(run([item(0, sq(116, 40)), item(1, sq(116 + S - 1e-6, 40))]).findings).toHaveLength(1);
  });

  it('indexes the edges of big polygons: neighbours cleared without clipping, a real overlap clipped', () => {
    const n = 4_000;
    // two wiggly "red-line" polygons sharing a long wiggly boundary (x = 116.01 + wiggle), each with n vertices
    const wiggle = Array.from({ length: n / 2 }, (_, i) => [116.01 + 0.0005 * Math.sin(i / 7), 40 + (0.02 * i) / (n / 2 - 1)]);
    const left = [[116, 40], ...wiggle, [116, 40.02], [116, 40]];
    const right = [[116.02, 40], [116.02, 40.02], ...wiggle.slice().reverse(), [116.02, 40]];
    const t = performance.now();
    const clean = run([item(0, left), item(1, right)]);
    expect(performance.now() - t).toBeLessThan(1000); // indexed, not 2000 × 2000 edge pairs
    expect(clean.stats.candidatePairs).toBe(1);
    expect(clean.stats.exactTests).toBe(0);
    expect(clean.findings).toEqual([]);
    // shift the right one west by 0.0001°: a real overlap along the whole boundary
    const shifted = right.map(([x, y]) => [x - 0.0001, y]);
    const r = run([item(0, left), item(1, shifted)]);
    expect(r.stats.exactTests).toBe(1);
    expect(r.findings).toHaveLength(1);
    const strip = 0.0001 * 0.02 * 111_320 * 111_320 * Math.cos((40.01 * Math.PI) / 180); // ≈ 18 900 m²
    const m = /by (\d+\.\d\d) m²/.exec(r.findings[0].message);
    expect(Number(m?.[1])).toBeGreaterThan(strip * 0.99);
    expect(Number(m?.[1])).toBeLessThan(strip * 1.01);
  });

  it('the indexed and the looped fast tests agree, and never clear a real overlap', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const blob = (cx: number, cy: number, n: number) => {
      const pts = Array.from({ length: n }, (_, i) => {
        const a = (2 * Math.PI * i) / n;
        const r = S * (0.6 + 0.4 * rnd());
        return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
      });
      return [...pts, pts[0]];
    };
    let overlapping = 0;
    for (let trial = 0; trial < 150; trial++) {
      const items = [item(0, blob(116, 40, 5 + Math.floor(rnd() * 20))), item(1, blob(116 + S * 2 * rnd(), 40 + S * 2 * rnd(), 5 + Math.floor(rnd() * 20)))];
      const f = flattenAll(items);
      const looped = interiorsMayOverlap(f, 0, items[0].bbox, 1, items[1].bbox);
      const indexed = interiorsMayOverlap(f, 0, items[0].bbox, 1, items[1].bbox, 0);
      expect(indexed, `trial ${trial}`).toBe(looped);
      // the truth, from the clipper on every pair: a real overlap must never be cleared by the fast test
      const area = multiPolygonAreaEllipsoidal(intersection(items[0].parts[0] as [number, number][][], items[1].parts[0] as [number, number][][]));
      if (area > 0.01) {
        overlapping++;
        expect(looped, `trial ${trial}: ${area} m²`).toBe(true);
      }
    }
    expect(overlapping).toBeGreaterThan(30);
  });

  it('caps reported overlaps with a summary', () => {
    const items = Array.from({ length: 8 }, (_, i) => item(i, sq(116, 40)));
    const r = run(items, 5);
    expect(r.findings.filter((f) => f.code === 'overlap')).toHaveLength(6);
    expect(r.findings.at(-1)?.message).toContain('28 findings of overlap; the first 5 are listed, 23 more not shown');
  });

  it('stops after the exact-comparison budget with one warning', () => {
    const items = Array.from({ length: 4 }, (_, i) => item(i, sq(116, 40)));
    const r = run(items, undefined, 2);
    expect(r.stats.exactTests).toBe(2);
    const w = r.findings.find((f) => f.code === 'overlap.incomplete');
    expect(w?.message).toMatch(/stopped after 2 exact comparisons \(20 vertices\); 4 more/);
  });
});

describe('pairCandidates', () => {
  const overlap = (a: BBox, b: BBox) => !(Math.min(a[2], b[2]) <= Math.max(a[0], b[0]) || Math.min(a[3], b[3]) <= Math.max(a[1], b[1]));
  it('marks every item with a later item overlapping it with positive area (bit 1), and that later item (bit 2) — random, touching, nested, crowded, degenerate boxes', () => {
    let seed = 8;
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + Math.floor(rnd() * 150);
      const boxes: BBox[] = [];
      for (let i = 0; i < n; i++) {
        const r = rnd();
        if (r < 0.1 && i > 0) {
          const b = boxes[Math.floor(rnd() * i)];
          boxes.push(rnd() < 0.5 ? [...b] : [b[2], b[1], b[2] + 0.01, b[3]]); // duplicate, or touching on the right
        } else {
          const x = 116 + Math.floor(rnd() * 20) * 0.01 + (trial % 2 ? rnd() * 0.005 : 0);
          const y = 40 + Math.floor(rnd() * 20) * 0.01 + (trial % 2 ? rnd() * 0.005 : 0);
          const w = r < 0.15 ? 0 : r < 0.2 ? 0.3 * rnd() : 0.01 * (trial % 3 ? 1 : rnd());
          boxes.push([x, y, x + w, y + (r < 0.12 ? 0 : 0.01)]);
        }
      }
      const marked = pairCandidates(boxes);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++)
          if (overlap(boxes[i], boxes[j])) {
            expect(marked[i] & 1, `trial ${trial}: ${i} overlaps ${j}`).toBe(1);
            expect(marked[j] & 2, `trial ${trial}: ${j} overlapped by ${i}`).toBe(2);
          }
    }
  });

  it('marks nothing on a clean grid of touching parcels', () => {
    const boxes: BBox[] = [];
    const d = 2 ** -10; // exact steps: neighbours touch, not overlap by an ulp
    for (let i = 0; i < 2000; i++) {
      const x = 116 + (i % 50) * d;
      const y = 40 + Math.floor(i / 50) * d;
      boxes.push([x, y, x + d, y + d]);
    }
    expect(pairCandidates(boxes).reduce((s, m) => s + m, 0)).toBe(0);
  });
});

describe('findOverlaps skipping items without box overlaps', () => {
  it('flattening only the items that can meet finds what flattening all of them finds: same findings, order, counts', () => {
    let seed = 31;
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const d = 2 ** -10;
    for (let trial = 0; trial < 20; trial++) {
      const items: OverlapItem[] = [];
      for (let i = 0; i < 300; i++) {
        const x = 116 + (i % 20) * d;
        const y = 40 + Math.floor(i / 20) * d;
        // mostly a clean grid; some shifted, enlarged or duplicated parcels overlap their neighbours
        const r = rnd();
        const s = r < 0.05 ? d * 1.5 : d;
        const dx = r > 0.95 ? d * 0.3 : 0;
        items.push(item(i, sq(x + dx, y, s)));
        if (r > 0.97) items.push(item(items.length, sq(x, y, d)));
      }
      const reference = () => {
        // every item's rings flattened (the search skip itself is covered by the pairCandidates test)
        const sink = new FindingSink('o.geojson');
        const stats = findOverlaps(items, sink, undefined, undefined, flattenAll(items));
        return { stats, findings: sink.finish() };
      };
      const ref = reference();
      const got = run(items);
      expect(got).toEqual(ref);
      if (trial === 0) expect(ref.stats.overlaps).toBeGreaterThan(0);
    }
  });
});
