import { describe, expect, it } from 'vitest';
import { featureStructureProblems, GjvBudget, geometryStructureProblems, MAX_GJV_POSITIONS } from './structure';

const poly = { type: 'Polygon', coordinates: [[[116, 40], [116.001, 40], [116.001, 40.001], [116, 40]]] };

describe('featureStructureProblems', () => {
  it('accepts a proper feature, null geometry included', () => {
    expect(featureStructureProblems({ type: 'Feature', properties: {}, geometry: poly })).toEqual([]);
    expect(featureStructureProblems({ type: 'Feature', properties: null, geometry: null })).toEqual([]);
  });
  it('reports feature-level problems from geojson-validation', () => {
    expect(featureStructureProblems({ type: 'Featur', properties: {}, geometry: null })).toEqual(['type must be "Feature"']);
    expect(featureStructureProblems({ type: 'Feature', geometry: null })).toEqual(['must have a member with the name "properties"']);
    expect(featureStructureProblems({ type: 'Feature', properties: {} })).toEqual(['must have a member with the name "geometry"']);
    expect(featureStructureProblems({ type: 'Feature', properties: {}, geometry: null, bbox: [1, 2, 3] })[0]).toContain('bbox');
  });
  it('does not hand the geometry to the library (it throws on an empty ring)', () => {
    expect(featureStructureProblems({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[]] } })).toEqual([]);
  });
  it('ignores inherited and __proto__ keys', () => {
    const f = JSON.parse('{"__proto__":{"type":"Feature"},"properties":{},"geometry":null}');
    expect(featureStructureProblems(f)).toEqual(['must have a member with the name "type"']);
  });
});

describe('geometryStructureProblems', () => {
  it('runs only when it can add something: extra ordinates or a bbox', () => {
    expect(geometryStructureProblems(poly, 4, false)).toEqual([]);
    const alt = { type: 'Polygon', coordinates: [[[116, 40, 'high'], [116.001, 40], [116.001, 40.001], [116, 40, 'high']]] };
    expect(geometryStructureProblems(alt, 4, true).join(' ')).toContain('Position must only contain numbers');
    expect(geometryStructureProblems({ ...poly, bbox: [1, 2, 3] }, 4, false).join(' ')).toContain('bbox');
  });
  it('skips huge geometries (the library is quadratic on many bad positions)', () => {
    const alt = { type: 'Polygon', coordinates: [[[116, 40, 'x']]] };
    expect(geometryStructureProblems(alt, MAX_GJV_POSITIONS + 1, true)).toEqual([]);
  });
  it('stops handing geometries over when the file budget is spent', () => {
    const alt = { type: 'Polygon', coordinates: [[[116, 40, 'x'], [116.001, 40], [116.001, 40.001], [116, 40, 'x']]] };
    const budget = new GjvBudget(6);
    expect(geometryStructureProblems(alt, 4, true, budget).length).toBeGreaterThan(0);
    expect(budget.left).toBe(2);
    expect(geometryStructureProblems(alt, 4, true, budget)).toEqual([]);
  });

  it('stays fast on the worst geometry it accepts (every position bad)', () => {
    const ring = Array.from({ length: MAX_GJV_POSITIONS }, () => [116, 40, 'x']);
    const t = performance.now();
    geometryStructureProblems({ type: 'Polygon', coordinates: [ring] }, MAX_GJV_POSITIONS, true);
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('turns a library exception into a message', () => {
    const bad = { type: 'Polygon', coordinates: [[]], bbox: [0, 0, 1, 1] };
    expect(geometryStructureProblems(bad, 0, false)[0]).toMatch(/^geojson-validation failed: /);
  });
  it('bounds the number of messages', () => {
    const ring = Array.from({ length: 50 }, () => [116, 40, 'x']);
    const out = geometryStructureProblems({ type: 'Polygon', coordinates: [ring] }, 50, true);
    expect(out.length).toBe(4);
    expect(out[3]).toMatch(/^… \(\+\d+\)$/);
  });
});
