import { describe, expect, it } from 'vitest';
import { loadLayerFromFeatures } from '../engine/loadLayer';
import { validateFeatures } from './validate';

const S = 0.001;
const sq = (x: number, y: number, s = S) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const parcel = (i: number, props: Record<string, unknown> = {}, geometry: unknown = { type: 'Polygon', coordinates: [sq(116 + i * 2 * S, 40)] }) => ({
  type: 'Feature',
  properties: { BSM: `P${i}`, DLBM: '0103', ...props },
  geometry,
});
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe('validateFeatures', () => {
  it('finds nothing in good parcels', () => {
    const r = validateFeatures([parcel(0), parcel(1, { GDDJ: 2 })], { file: 'a', kind: 'cultivated' });
    expect(r).toEqual({ findings: [], blocked: new Set() });
  });

  it('blocks geometry that cannot carry area, and only that', () => {
    const bowtie = { type: 'Polygon', coordinates: [[[116, 40], [116.001, 40.001], [116.001, 40], [116, 40.001], [116, 40]]] };
    const r = validateFeatures(
      [
        parcel(0, { GDDJ: 0 }), // attribute error: loaded
        parcel(1, {}, { type: 'Point', coordinates: [116, 40] }),
        parcel(2, {}, bowtie),
        parcel(3, {}, null),
        parcel(4, {}, { type: 'Polygon', coordinates: [sq(116, 40).slice(0, 4)] }),
        parcel(5, { BSM: 'P0' }), // duplicate id: loaded
        parcel(6, {}, { type: 'Polygon', coordinates: [sq(39500000, 4400000, 100)] }),
      ],
      { file: 'b.geojson', kind: 'cultivated' },
    );
    expect([...r.blocked].sort()).toEqual([1, 2, 3, 4, 6]);
    expect(codes(r)).toEqual(
      expect.arrayContaining(['attr.gddj', 'geometry.type', 'geometry.self-intersection', 'geometry.missing', 'geometry.ring-unclosed', 'id.duplicate', 'geometry.projected']),
    );
    expect(r.findings.find((f) => f.code === 'id.duplicate')).toMatchObject({ featureIndex: 5, featureId: 'P0', field: 'BSM' });
  });

  it('buildLayer leaves blocked features out', () => {
    const { layer, findings } = loadLayerFromFeatures('cultivated', 'c', [parcel(0), parcel(1, {}, { type: 'Point', coordinates: [116, 40] }), parcel(2)]);
    expect(layer.parcels.map((p) => p.id)).toEqual(['P0', 'P2']);
    expect(codes({ findings })).toEqual(['geometry.type']);
  });

  it('names ids as the layer does: attribute id, then feature.id, then #index', () => {
    const g = { type: 'Point', coordinates: [0, 0] };
    const r = validateFeatures([{ type: 'Feature', id: 'F1', properties: {}, geometry: g }, { type: 'Feature', properties: null, geometry: g }, parcel(2, {}, g)], { file: 'i' });
    expect(r.findings.map((f) => f.featureId)).toEqual(['F1', '#1', 'P2']);
  });

  it('checks DLBM only with kind cultivated; grades with any kind or none', () => {
    const f = [parcel(0, { DLBM: '0301', GDDB: 16 })];
    expect(codes(validateFeatures(f, { file: 'k' }))).toEqual(['attr.gddb']);
    expect(codes(validateFeatures(f, { file: 'k', kind: 'permanent-basic' }))).toEqual(['attr.gddb']);
    expect(codes(validateFeatures(f, { file: 'k', kind: 'cultivated' })).sort()).toEqual(['attr.dlbm', 'attr.gddb']);
  });

  it('reports overlaps and declared area as warnings, after the per-feature checks', () => {
    const r = validateFeatures([parcel(0, { TBMJ: 1 }), parcel(1, {}, { type: 'Polygon', coordinates: [sq(116 + S / 2, 40)] })], { file: 'w' });
    expect(r.findings.map((f) => [f.severity, f.code])).toEqual([
      ['warning', 'area.declared'],
      ['warning', 'overlap'],
    ]);
    expect(r.blocked.size).toBe(0);
  });

  it('honours areaTolerance and ignores a nonsensical one', () => {
    const area = 9481.6; // the 0.001° square at 40° N, m²
    const f = [parcel(0, { TBMJ: area * 1.03 })];
    expect(codes(validateFeatures(f, { file: 't' }))).toEqual(['area.declared']);
    expect(codes(validateFeatures(f, { file: 't', areaTolerance: 0.05 }))).toEqual([]);
    expect(codes(validateFeatures(f, { file: 't', areaTolerance: Number.NaN }))).toEqual(['area.declared']);
  });

  it('survives anything in the feature list', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      'Feature',
      [],
      { type: 'Feature', properties: [1, 2], geometry: null },
      { type: 'Feature', properties: 'x', geometry: { type: 'Polygon', coordinates: [[]] } },
      JSON.parse('{"type":"Feature","properties":{"__proto__":{"x":1}},"geometry":{"type":"__proto__","coordinates":[]}}'),
      Object.defineProperty({ type: 'Feature', properties: {} }, 'geometry', {
        get() {
          throw new Error('boom');
        },
        enumerable: true,
      }),
      { type: 'Feature', properties: { GDDJ: Symbol('s') as unknown }, geometry: { type: 'Polygon', coordinates: [[[116, 40, Symbol('z')]]] } },
    ];
    const r = validateFeatures(hostile, { file: 'h' });
    expect(r.blocked.size).toBe(hostile.length);
    expect(codes(r)).toContain('structure.feature');
    expect(codes(r)).toContain('structure.properties');
    expect(codes(r)).toContain('validate.internal');
    expect(validateFeatures('not an array' as unknown as unknown[], { file: 'h' }).findings[0].code).toBe('structure.features');
  });

  it('caps findings per code on a large bad file and stays fast', () => {
    const features = Array.from({ length: 20_000 }, (_, i) => parcel(i, { GDDJ: 0, GDPDJB: 9 }));
    const t = performance.now();
    const r = validateFeatures(features, { file: 'big' });
    const ms = performance.now() - t;
    expect(r.findings.filter((f) => f.code === 'attr.gddj')).toHaveLength(201);
    expect(r.findings.filter((f) => f.code === 'attr.gdpdjb')).toHaveLength(201);
    expect(r.findings).toHaveLength(402);
    expect(ms).toBeLessThan(5000);
  });
});
