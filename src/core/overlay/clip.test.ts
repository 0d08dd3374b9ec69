import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import type { AreaGeometry } from '../types';
import { clipIntersectionArea, differenceGeometries, intersectGeometries, tryIntersect, tryUnion, unionGeometries } from './clip';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const area = (c: number[][][][]) => geometryAreaEllipsoidal({ type: 'MultiPolygon', coordinates: c });

describe('clip (polyclip-ts)', () => {
  it('intersects, unions and differences with exact rectangle areas', () => {
    const a = rect(110, 30, 110.002, 30.001);
    const b = rect(110.001, 30, 110.003, 30.001);
    const half = geometryAreaEllipsoidal(rect(110.001, 30, 110.002, 30.001));
    expect(area(intersectGeometries(a, b) as number[][][][]) / half).toBeCloseTo(1, 12);
    expect(area(unionGeometries([a, b]) as number[][][][]) / geometryAreaEllipsoidal(rect(110, 30, 110.003, 30.001))).toBeCloseTo(1, 12);
    expect(area(differenceGeometries(a, [b]) as number[][][][]) / geometryAreaEllipsoidal(rect(110, 30, 110.001, 30.001))).toBeCloseTo(1, 12);
    const r = clipIntersectionArea(a, b);
    expect(r.ok && r.areaM2 / half).toBeCloseTo(1, 12);
  });

  it('reports failures instead of throwing or returning non-finite coordinates', () => {
    const bad = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], ['a', 1], [0, 0]]] } as unknown as AreaGeometry;
    const u = tryUnion([bad]);
    expect(u.ok).toBe(false);
    if (!u.ok) expect(u.message).toMatch(/clipping failed/);
    const nan: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [Number.NaN, 1], [0, 0]]] };
    const r = tryIntersect(nan, rect(0, 0, 1, 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/non-finite/);
  });
});
