import { describe, expect, it } from 'vitest';
import gjv from 'geojson-validation';
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

describe('featureStructureProblems, remembered per shape', () => {
  it('answers exactly as geojson-validation on every shape of a view without bbox, asked repeatedly', () => {
    const direct = (f: Record<string, unknown>) => {
      const view: Record<string, unknown> = Object.create(null);
      for (const k of ['type', 'properties', 'geometry', 'bbox']) if (Object.hasOwn(f, k)) view[k] = f[k];
      if ('geometry' in view) view.geometry = null;
      const out = gjv.isFeature(view, true) as string[];
      return out.length > 3 ? [...out.slice(0, 3), `… (+${out.length - 3})`] : out; // as structure.ts caps them
    };
    for (let round = 0; round < 2; round++)
      for (const type of [undefined, 'Feature', 'Featur', 42, null])
        for (const properties of [undefined, {}, null, 'x'])
          for (const geometry of [undefined, null, poly, 'POLYGON']) {
            const f: Record<string, unknown> = {};
            if (type !== undefined) f.type = type;
            if (properties !== undefined) f.properties = properties;
            if (geometry !== undefined) f.geometry = geometry;
            expect(featureStructureProblems(f), JSON.stringify(f)).toEqual(direct(f));
            const withBbox = { ...f, bbox: round ? [1, 2, 3] : [1, 2, 3, 4] };
            expect(featureStructureProblems(withBbox)).toEqual(direct(withBbox));
          }
  });

  it('hands out copies: a caller changing its answer does not change the next one', () => {
    const bad = { type: 'Featur', properties: {}, geometry: null };
    featureStructureProblems(bad).push('changed');
    expect(featureStructureProblems(bad)).toEqual(['type must be "Feature"']);
  });
});
