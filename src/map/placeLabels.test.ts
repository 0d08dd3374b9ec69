import { describe, expect, it } from 'vitest';
import { labelMoves, type Place, placesFromGeojson } from './placeLabels';

describe('placesFromGeojson', () => {
  it('keeps named points, takes the kind as a class-safe word, and skips the rest', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [126.1, 45.2] }, properties: { name: '示例镇', kind: 'township' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [126.2, 45.3] }, properties: { XZQMC: '新村', kind: 'village"><img src=x onerror=alert(1)>' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [126.3, 45.4] }, properties: { NAME: '<b>not html</b>' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [126.3, 45.4] }, properties: { name: 42 } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { name: '路' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: ['x', 1] }, properties: { name: '坏' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [Number.NaN, 1] }, properties: { name: '坏' } },
        { type: 'Feature', geometry: null, properties: { name: '无' } },
        null,
      ],
    };
    expect(placesFromGeojson(fc)).toEqual([
      { name: '示例镇', kind: 'township', lngLat: [126.1, 45.2] },
      { name: '新村', kind: 'villageimgsrcxonerroralert', lngLat: [126.2, 45.3] },
      { name: '<b>not html</b>', kind: 'place', lngLat: [126.3, 45.4] },
    ]);
    expect(placesFromGeojson(null)).toEqual([]);
    expect(placesFromGeojson({ features: 'no' })).toEqual([]);
  });
});

describe('labelMoves', () => {
  const places: Place[] = [
    { name: 'a', kind: 'township', lngLat: [0, 0] },
    { name: 'b', kind: 'village', lngLat: [1, 0] },
    { name: 'c', kind: 'township', lngLat: [2, 0] },
    { name: 'd', kind: 'township', lngLat: [3, 0] },
  ];
  // 1° = 100 px; a 250 × 100 px view
  const project = ([x, y]: [number, number]) => ({ x: x * 100, y: 50 - y * 100 });

  it('moves what can be seen, takes out what lies beyond the margin, keeps hidden kinds untouched', () => {
    expect(labelMoves(places, project, 250, 100, () => false, 40)).toEqual([{ x: 0, y: 50 }, { x: 100, y: 50 }, { x: 200, y: 50 }, 'out']);
    expect(labelMoves(places, project, 250, 100, (k) => k === 'village', 60)).toEqual([{ x: 0, y: 50 }, 'keep', { x: 200, y: 50 }, { x: 300, y: 50 }]);
    // a projection that fails (NaN) never places a label
    expect(labelMoves(places, () => ({ x: Number.NaN, y: 0 }), 250, 100, () => false)).toEqual(['out', 'out', 'out', 'out']);
  });

  it('leaves out a label that would cover one of higher rank, or one placed before it of the same rank', () => {
    const crowd: Place[] = [
      { name: 'v1', kind: 'village', lngLat: [0.1, 0] }, // covers the township at 0.15: out
      { name: 't', kind: 'township', lngLat: [0.15, 0] },
      { name: 'c', kind: 'county-town', lngLat: [0.6, 0] },
      { name: 't2', kind: 'township', lngLat: [0.7, 0] }, // covers the county town: out
      { name: 'v2', kind: 'village', lngLat: [1.5, 0] },
      { name: 'v3', kind: 'village', lngLat: [1.6, 0] }, // covers v2, placed before it: out
      { name: 'v4', kind: 'village', lngLat: [2.0, 0] }, // 40 px right of v2: free
    ];
    const sizes = crowd.map(() => ({ w: 20, h: 10 }));
    const moves = labelMoves(crowd, project, 250, 100, () => false, 40, sizes);
    expect(moves.map((m) => (typeof m === 'object' ? 'in' : m))).toEqual(['out', 'in', 'in', 'out', 'in', 'out', 'in']);
    // without sizes nothing collides; hidden kinds take no room
    expect(labelMoves(crowd, project, 250, 100, () => false, 40).every((m) => typeof m === 'object')).toBe(true);
    const townsOnly = labelMoves(crowd, project, 250, 100, (k) => k === 'village', 40, sizes);
    expect(townsOnly.map((m) => (typeof m === 'object' ? 'in' : m))).toEqual(['keep', 'in', 'in', 'out', 'keep', 'keep', 'keep']);
  });
});
