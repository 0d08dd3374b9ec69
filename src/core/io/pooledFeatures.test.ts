import { describe, expect, it } from 'vitest';
import { poolPropertyStrings } from '../layers/stringPool';
import { isPooled, markPooled } from './pooledFeatures';
import { parseGeoJsonBytes } from './readGeojson';

const text = JSON.stringify({
  type: 'FeatureCollection',
  features: [0, 1, 2].map((i) => ({
    type: 'Feature',
    properties: { BSM: `2309990000000${i}`, ZLDWDM: '2309991012010000000', ZLDWMC: '东风1村' },
    geometry: { type: 'Polygon', coordinates: [[[127 + i * 0.01, 45], [127.005 + i * 0.01, 45], [127.005 + i * 0.01, 45.005], [127 + i * 0.01, 45]]] },
  })),
});

describe('pooledFeatures', () => {
  it('marks the flat reader’s features, whose strings its properties parser shared, and no others', () => {
    const bytes = new TextEncoder().encode(text);
    const flat = parseGeoJsonBytes(bytes, 'gd.geojson');
    expect(isPooled(flat.features)).toBe(true);
    expect(isPooled(parseGeoJsonBytes(bytes, 'gd.geojson', { flat: false }).features)).toBe(false);
    expect(isPooled(flat.features.slice())).toBe(false);
  });

  it('leaves a marked array to its reader’s pooling; pools any other, the same properties as before', () => {
    const bytes = new TextEncoder().encode(text);
    const flat = parseGeoJsonBytes(bytes, 'gd.geojson').features;
    const before = JSON.stringify(flat.map((f) => (f as { properties: unknown }).properties));
    expect(poolPropertyStrings(flat)).toBe(0);
    const copy = flat.slice();
    expect(poolPropertyStrings(copy)).toBeGreaterThan(0);
    expect(JSON.stringify(copy.map((f) => (f as { properties: unknown }).properties))).toBe(before);
    const other = [{ properties: { A: 'x' } }];
    expect(markPooled(other)).toBe(other);
    expect(poolPropertyStrings(other)).toBe(0);
  });
});
