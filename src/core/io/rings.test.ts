import { describe, expect, it } from 'vitest';
import { assemblePolygon, ringArea2 } from './rings';

/** Square ring, clockwise (Shapefile outer) unless ccw. */
const sq = (x: number, y: number, s: number, ccw = false): number[][] => {
  const r = [[x, y], [x, y + s], [x + s, y + s], [x + s, y], [x, y]];
  return ccw ? r.reverse() : r;
};

describe('assemblePolygon (Shapefile rings → RFC 7946)', () => {
  it('one outer ring: counter-clockwise output, closed', () => {
    const g = assemblePolygon([sq(0, 0, 10).slice(0, 4)]).geometry;
    expect(g?.type).toBe('Polygon');
    const ring = (g as { coordinates: number[][][] }).coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ringArea2(ring)).toBeGreaterThan(0);
  });
  it('holes go to the outer ring that contains them, whatever the order of parts', () => {
    const parts = [sq(100, 0, 3, true), sq(0, 0, 10), sq(2, 2, 3, true), sq(100, 0, 10)];
    const g = assemblePolygon(parts).geometry as { type: string; coordinates: number[][][][] };
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates).toHaveLength(2);
    const [a, b] = g.coordinates;
    expect(a[0][0][0]).toBe(0);
    expect(a).toHaveLength(2);
    expect(a[1][0][0]).toBe(2);
    expect(b).toHaveLength(2);
    expect(b[1][0][0]).toBe(100);
    for (const poly of g.coordinates) {
      expect(ringArea2(poly[0])).toBeGreaterThan(0);
      expect(ringArea2(poly[1])).toBeLessThan(0);
    }
  });
  it('an island inside a hole is its own polygon; the hole belongs to the big ring (smallest containing outer)', () => {
    const parts = [sq(0, 0, 100), sq(10, 10, 80, true), sq(40, 40, 20), sq(45, 45, 5, true)];
    const g = assemblePolygon(parts).geometry as { coordinates: number[][][][] };
    expect(g.coordinates).toHaveLength(2);
    expect(g.coordinates[0]).toHaveLength(2); // big ring + its hole
    expect(g.coordinates[0][1][0][0]).toBe(10);
    expect(g.coordinates[1]).toHaveLength(2); // island + its pond
    expect(g.coordinates[1][1][0][0]).toBe(45);
  });
  it('tolerates all-ccw records, orphan holes and degenerate rings, and says so', () => {
    const allCcw = assemblePolygon([sq(0, 0, 1, true), sq(5, 0, 1, true)]);
    expect(allCcw.geometry?.type).toBe('MultiPolygon');
    expect(allCcw.notes.join()).toMatch(/all rings counter-clockwise/);
    const orphan = assemblePolygon([sq(0, 0, 1), sq(5, 0, 1, true)]);
    expect(orphan.notes.join()).toMatch(/inside no outer ring/);
    const degenerate = assemblePolygon([sq(0, 0, 1), [[3, 3], [4, 4], [3, 3]]]);
    expect(degenerate.geometry?.type).toBe('Polygon');
    expect(degenerate.notes.join()).toMatch(/1 degenerate ring/);
    expect(assemblePolygon([]).geometry).toBeNull();
  });
  it('keeps precision at 8-digit eastings', () => {
    const r = sq(39500000.123, 4000000.456, 0.5);
    expect(ringArea2(r)).toBeCloseTo(-0.5, 9);
  });
});
