import { describe, expect, it } from 'vitest';
import { type AssembledPolygon, assemblePolygon, ringArea2 } from './rings';

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
  it('tolerates disjoint all-ccw records and degenerate rings, and says so', () => {
    const allCcw = assemblePolygon([sq(0, 0, 1, true), sq(5, 0, 1, true)]);
    expect(allCcw.geometry?.type).toBe('MultiPolygon');
    expect(allCcw.notes.join()).toMatch(/all rings counter-clockwise and disjoint: taken as outer rings/);
    const degenerate = assemblePolygon([sq(0, 0, 1), [[3, 3], [4, 4], [3, 3]]]);
    expect(degenerate.geometry?.type).toBe('Polygon');
    expect(degenerate.notes.join()).toMatch(/1 degenerate ring/);
    expect(assemblePolygon([]).geometry).toBeNull();
  });
  it('keeps precision at 8-digit eastings', () => {
    const r = sq(39500000.123, 4000000.456, 0.5);
    expect(ringArea2(r)).toBeCloseTo(-0.5, 9);
  });

  const area = (g: AssembledPolygon['geometry']): number => {
    if (!g) return Number.NaN;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    return polys.reduce((s, p) => s + p.reduce((t, r) => t + ringArea2(r) / 2, 0), 0);
  };
  it('a hole whose two vertices lie on the shell edge stays a hole (no +67 %)', () => {
    // triangle hole, counter-clockwise, with (0,2) and (0,8) on the shell's west edge
    const g = assemblePolygon([sq(0, 0, 10), [[0, 2], [5, 5], [0, 8], [0, 2]]]);
    expect(g.error).toBeUndefined();
    expect(g.geometry?.type).toBe('Polygon');
    expect(area(g.geometry)).toBeCloseTo(100 - 15, 12);
  });
  it('a counter-clockwise hole listed before its shell', () => {
    const g = assemblePolygon([sq(2, 2, 2, true), sq(0, 0, 10)]);
    expect(area(g.geometry)).toBe(96);
  });
  it('island in a lake in a field: outer, hole, outer (with its own pond)', () => {
    const g = assemblePolygon([sq(0, 0, 10), sq(1, 1, 8, true), sq(3, 3, 2), sq(3.5, 3.5, 1, true)]);
    expect(g.geometry?.type).toBe('MultiPolygon');
    expect(area(g.geometry)).toBeCloseTo(100 - 64 + 4 - 1, 12);
  });
  it('a clockwise ring inside the outer ring: refused, not counted twice', () => {
    const g = assemblePolygon([sq(0, 0, 10), sq(2, 2, 2)]);
    expect(g.geometry).toBeNull();
    expect(g.error).toMatch(/ring 2 is clockwise \(an outer ring\) but lies inside ring 1 \(counter-clockwise\)|ring 2 is clockwise \(an outer ring\) but lies inside ring 1 \(clockwise\): the parts overlap/);
  });
  it('a "hole" that contains the shell: refused', () => {
    const g = assemblePolygon([sq(2, 2, 2), sq(0, 0, 10, true)]);
    expect(g.geometry).toBeNull();
    expect(g.error).toMatch(/ring 2 is counter-clockwise \(a hole\) but contains ring 1 \(clockwise\)/);
  });
  it('a hole inside no outer ring: refused (GDAL would subtract it from the shell)', () => {
    const g = assemblePolygon([sq(0, 0, 1), sq(5, 0, 1, true)]);
    expect(g.geometry).toBeNull();
    expect(g.error).toMatch(/ring 2 is counter-clockwise \(a hole\) but lies inside no outer ring/);
  });
  it('a hole inside a hole: refused', () => {
    const g = assemblePolygon([sq(0, 0, 10), sq(1, 1, 8, true), sq(2, 2, 2, true)]);
    expect(g.error).toMatch(/ring 3 is counter-clockwise \(a hole\) but lies inside hole 2/);
  });
  it('nested rings all counter-clockwise: refused (hole or overlap cannot be told)', () => {
    const g = assemblePolygon([sq(0, 0, 10, true), sq(2, 2, 2, true)]);
    expect(g.error).toMatch(/all rings are counter-clockwise and ring 2 lies inside ring 1/);
  });
  it('two clockwise outer rings that overlap without nesting: kept as GDAL keeps them (a validation matter)', () => {
    const g = assemblePolygon([sq(0, 0, 10), sq(5, 5, 10)]);
    expect(g.geometry?.type).toBe('MultiPolygon');
    expect(g.error).toBeUndefined();
  });
});
