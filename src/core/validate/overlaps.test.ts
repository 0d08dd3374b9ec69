import { describe, expect, it } from 'vitest';
import { polygonAreaEllipsoidal } from '../area/ellipsoid';
import type { BBox, PolygonCoords } from '../types';
import { FindingSink } from './messages';
import { findOverlaps, type OverlapItem } from './overlaps';

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
    expect(w?.message).toContain('stopped after 2 exact comparisons; 4 more');
  });
});
