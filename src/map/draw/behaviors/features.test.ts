import type { GeoJSONStoreFeatures } from 'terra-draw';
import { describe, expect, it } from 'vitest';
import { inProgressOf, liveSiteOf, measurable, notSelfIntersecting, snapshotOf, storeFeaturesOf } from './features';

const SQ = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
const BOW = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]];
const feat = (id: string, ring: number[][], properties: Record<string, unknown> = {}): GeoJSONStoreFeatures =>
  ({ type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { mode: 'polygon', ...properties } }) as GeoJSONStoreFeatures;

describe('drawing features', () => {
  it('measurable: ≥ 3 distinct finite vertices', () => {
    expect(measurable({ type: 'Polygon', coordinates: [SQ] })).toBe(true);
    expect(measurable({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0], [0, 0]]] })).toBe(false);
    expect(measurable({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, Number.NaN], [0, 0]]] })).toBe(false);
    expect(measurable({ type: 'Point', coordinates: [0, 0] })).toBe(false);
  });

  it('notSelfIntersecting refuses a bow tie, ignores repeated cursor vertices and shapes just started', () => {
    expect(notSelfIntersecting(feat('a', SQ)).valid).toBe(true);
    expect(notSelfIntersecting(feat('a', BOW)).valid).toBe(false);
    expect(notSelfIntersecting(feat('a', [[0, 0], [1, 0], [1, 0], [1, 0], [0, 0]])).valid).toBe(true);
  });

  it('snapshotOf splits by role, drops unfinished shapes and terra-draw properties, brings back the source id', () => {
    const fs = [
      feat('u1', SQ, { role: 'site', sid: 'BSM-7', DLMC: '水田' }),
      feat('u2', SQ, { role: 'supplement', selected: true }),
      feat('u3', SQ, { role: 'site', currentlyDrawing: true }),
      { type: 'Feature', id: 'p', geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} } as GeoJSONStoreFeatures,
    ];
    const s = snapshotOf(fs);
    expect(s.site).toEqual([{ id: 'BSM-7', geometry: { type: 'Polygon', coordinates: [SQ] }, properties: { DLMC: '水田' } }]);
    expect(s.supplements.map((f) => f.id)).toEqual(['u2']);
    expect(snapshotOf(fs, true).site.map((f) => f.id)).toEqual(['BSM-7', 'u3']);
  });

  it('liveSiteOf counts the shape being drawn only in the site role, and leaves self-intersecting ones out', () => {
    const drawing = feat('d', SQ, { currentlyDrawing: true });
    expect(liveSiteOf([feat('a', SQ, { role: 'site' }), drawing], 'site')).toHaveLength(2);
    expect(liveSiteOf([feat('a', SQ, { role: 'site' }), drawing], 'supplement')).toHaveLength(1);
    expect(liveSiteOf([feat('a', BOW, { role: 'site' })], 'site')).toHaveLength(0);
    expect(liveSiteOf([feat('a', SQ, { role: 'supplement' })], 'site')).toHaveLength(0);
  });

  it('inProgressOf: placed polygon vertices, a rectangle corner, a freehand stroke', () => {
    const ring = [[0, 0], [1, 0], [1, 1], [0.5, 0.5], [0, 0]];
    expect(inProgressOf([feat('a', ring, { currentlyDrawing: true, committedCoordinateCount: 3 })], 'site')).toEqual({ mode: 'polygon', role: 'site', coordinates: [[0, 0], [1, 0], [1, 1]] });
    expect(inProgressOf([feat('a', SQ, { currentlyDrawing: true, mode: 'rectangle' })], 'supplement')).toEqual({ mode: 'rectangle', role: 'supplement', coordinates: [[0, 0]] });
    const stroke = [[0, 0], [1, 0], [1, 0], [2, 1], [0, 0]];
    expect(inProgressOf([feat('a', stroke, { currentlyDrawing: true, mode: 'freehand' })], 'site')?.coordinates).toEqual([[0, 0], [1, 0], [2, 1]]);
    expect(inProgressOf([feat('a', SQ)], 'site')).toBeUndefined();
  });

  it('storeFeaturesOf: one feature per part, ids kept when UUIDs else carried as sid, coordinates at 9 decimals', () => {
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    let n = 0;
    const out = storeFeaturesOf(
      {
        site: [
          { id: uuid, geometry: { type: 'Polygon', coordinates: [SQ.map(([x, y]) => [x + 1e-12, y])] } },
          { id: 'BSM-1', geometry: { type: 'MultiPolygon', coordinates: [[SQ], [SQ]] }, properties: { DLMC: '旱地' } },
        ],
        supplements: [{ id: 'x', geometry: { type: 'Polygon', coordinates: [SQ] } }],
      },
      () => `id-${++n}`,
    );
    expect(out.map((f) => [f.id, f.properties.sid, f.properties.role])).toEqual([
      [uuid, undefined, 'site'],
      ['id-1', 'BSM-1-1', 'site'],
      ['id-2', 'BSM-1-2', 'site'],
      ['id-3', 'x', 'supplement'],
    ]);
    expect((out[0].geometry.coordinates as number[][][])[0][0]).toEqual([0, 0]);
    expect(out[1].properties.DLMC).toBe('旱地');
  });
});
