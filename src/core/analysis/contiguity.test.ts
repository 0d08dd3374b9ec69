import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../types';
import { contiguity, ringPerimeterM } from './contiguity';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

describe('contiguity', () => {
  it('perimeter of a 0.001° square at the equator ≈ 4 × 111.3 m / 110.6 m', () => {
    // at φ = 0.0005°: 1° of longitude = a·π/180 = 111319.49 m; of latitude M·π/180 = 110574.4 m
    const p = ringPerimeterM(rect(0, 0, 0.001, 0.001).coordinates[0] as number[][]);
    expect(p).toBeCloseTo(2 * 111.31949 + 2 * 110.5743, 2);
  });

  it('a square scores π/4; a 1:10 strip ≈ 0.26; touching pieces merge', () => {
    const dLat = 0.001;
    const dLon = 0.001 * (110574.4 / (111319.49 * Math.cos((30 * Math.PI) / 180)));
    const sq = contiguity([rect(120, 30, 120 + dLon, 30 + dLat)]).result;
    expect(sq.pieces).toBe(1);
    expect(sq.compactness).toBeCloseTo(Math.PI / 4, 3);
    const strip = contiguity([rect(120, 30, 120 + 10 * dLon, 30 + dLat)]).result;
    expect(strip.compactness).toBeCloseTo((4 * Math.PI * 10) / 22 ** 2, 3);
    const two = contiguity([rect(120, 30, 120 + dLon, 30 + dLat), rect(120 + dLon, 30, 120 + 2 * dLon, 30 + dLat), rect(121, 30, 121 + dLon, 30 + dLat)]).result;
    expect(two.pieces).toBe(2);
    expect(two.largestPieceMu / two.smallestPieceMu).toBeCloseTo(2, 6);
    // area-weighted: (2·c(1:2) + 1·π/4)/3
    expect(two.compactness).toBeCloseTo((2 * ((4 * Math.PI * 2) / 36) + Math.PI / 4) / 3, 3);
    expect(contiguity([]).result).toMatchObject({ pieces: 0, smallestPieceMu: 0, compactness: 0 });
  });
});
