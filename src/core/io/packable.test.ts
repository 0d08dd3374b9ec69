import { describe, expect, it } from 'vitest';
import { scanFlatCollection } from './flatGeojson';
import { packable } from './packable';

const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 30], [x + 0.01, 30], [x + 0.01, 30.01], [x, 30]]] });

describe('packable: an import’s features as a flat collection, or why not', () => {
  it('gives what the flat scanner gives for the same GeoJSON', () => {
    const features = [
      { type: 'Feature', id: 'a', properties: { BSM: '1', TBMJ: 2.5, ok: true, none: null }, geometry: square(120) },
      { type: 'Feature', properties: null, geometry: { type: 'MultiPolygon', coordinates: [square(121).coordinates, square(122).coordinates] } },
    ];
    const fc = packable({ name: '耕地' }, features);
    if ('error' in fc) throw new Error(fc.error);
    const scanned = scanFlatCollection(new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', name: '耕地', features })));
    expect(fc.root).toEqual(scanned?.root);
    expect(fc.ids).toEqual(scanned?.ids);
    expect(fc.properties).toEqual(scanned?.properties);
    for (const k of ['xs', 'ys', 'ringStart', 'partStart', 'featurePart', 'multi', 'bbox'] as const) expect([...fc.store[k]], k).toEqual([...(scanned?.store[k] ?? [])]);
  });

  it('names the first feature it cannot pack, and why', () => {
    const ok = { type: 'Feature', properties: {}, geometry: square(120) };
    const cases: [unknown, RegExp][] = [
      [{ ...ok, properties: { a: undefined } }, /feature 2: property a holds undefined/],
      [{ ...ok, properties: { a: [1] } }, /feature 2: property a holds an object or array/],
      [{ ...ok, id: { x: 1 } }, /feature 2: its id is neither a string nor a number/],
      [{ ...ok, geometry: { type: 'Polygon', coordinates: [[[120, 30], [121, 30], [121, 31], [120, 30.5]]] } }, /feature 2: a ring that is not closed/],
      [{ ...ok, geometry: { type: 'Polygon', coordinates: [[[500000, 3000000], [500100, 3000000], [500100, 3000100], [500000, 3000000]]] } }, /feature 2: position \(500000, 3000000\) is not lon\/lat/],
      [{ ...ok, geometry: { type: 'Polygon', coordinates: [[[120, 30], [120, 30], [121, 30], [121, 30], [120, 30]]] } }, /feature 2: a ring with fewer than 3 distinct vertices/],
      [{ ...ok, geometry: null }, /feature 2: its geometry is missing/],
    ];
    for (const [bad, why] of cases) expect(packable({}, [ok, bad])).toEqual({ error: expect.stringMatching(why) });
  });
});
