/**
 * loadLayerFromFeatures hands what validation computed (areas, bboxes, the spatial index) to buildLayer instead of
 * computing it twice. The layer must be exactly what buildLayer computes on its own: checked here on a file with
 * every kind of feature (blocked, throwing, multi-part, holed, overlapping, duplicate ids).
 */
import { describe, expect, it } from 'vitest';
import { validateFeatures } from '../validate/validate';
import { buildLayer, type Layer } from '../layers/layer';
import { parcelProps } from '../layers/propsTable';
import { loadLayerFromFeatures } from './loadLayer';
import { attrOf, attrsOf } from '../layers/attrTable';

const ring = (x: number, y: number, w: number, h: number) => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];

function features(): unknown[] {
  let seed = 17;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const out: unknown[] = [];
  for (let i = 0; i < 400; i++) {
    const x = 126 + (i % 20) * 0.002 + rnd() * 1e-4;
    const y = 46 + Math.floor(i / 20) * 0.002 + rnd() * 1e-4;
    const w = 0.0015 + (i % 7 === 0 ? 0.001 : 0); // every 7th overlaps its neighbour
    const props = { BSM: `P${i % 390}`, DLBM: ['0101', '0103', '0201', ''][i % 4], GDDJ: (i % 12) + 1, TBMJ: 30000 + i, ZLDWDM: '2301821002000000000' };
    let geometry: unknown = { type: 'Polygon', coordinates: [ring(x, y, w, 0.0015)] };
    if (i % 11 === 0) geometry = { type: 'Polygon', coordinates: [ring(x, y, w, 0.0015), ring(x + 0.0005, y + 0.0005, 0.0003, 0.0003)] };
    if (i % 13 === 0) geometry = { type: 'MultiPolygon', coordinates: [[ring(x, y, 0.0006, 0.0006)], [ring(x + 0.0008, y, 0.0006, 0.0006)]] };
    if (i % 17 === 0) geometry = { type: 'Polygon', coordinates: [[[x, y], [x + 0.001, y + 0.001], [x + 0.001, y], [x, y + 0.001], [x, y]]] }; // bow-tie
    if (i % 19 === 0) geometry = { type: 'Polygon', coordinates: [ring(x, y, 0.001, 0.001).slice(0, 4)] }; // unclosed
    if (i % 23 === 0) geometry = null;
    if (i % 29 === 0) geometry = { type: 'Polygon', coordinates: [ring(100 + i, 30, 1, 1)] }; // integer coordinates, far away
    const f: Record<string, unknown> = { type: 'Feature', properties: i % 31 === 0 ? null : props, geometry };
    if (i % 37 === 0) Object.defineProperty(f, 'id', { enumerable: true, get: () => { throw new Error('hostile getter'); } });
    out.push(i % 41 === 0 ? 'not a feature' : f);
  }
  return out;
}

function expectSameLayer(a: Layer, b: Layer): void {
  expect(a.parcels.length).toBe(b.parcels.length);
  a.parcels.forEach((p, k) => {
    const q = b.parcels[k];
    expect([p.index, p.id, p.geometry, parcelProps(a, p)]).toEqual([q.index, q.id, q.geometry, parcelProps(b, q)]);
    expect(attrsOf(p)).toEqual(attrsOf(q));
    expect(Object.is(p.areaM2, q.areaM2), `area of parcel ${k}`).toBe(true);
    expect(p.bbox).toEqual(q.bbox);
  });
  expect(Object.is(a.grossAreaM2, b.grossAreaM2)).toBe(true);
  expect(a.bbox).toEqual(b.bbox);
  expect(new Uint8Array(a.index.data)).toEqual(new Uint8Array(b.index.data));
}

describe('loadLayerFromFeatures', () => {
  it('builds exactly the layer that buildLayer computes on its own, with the same findings', () => {
    const feats = features();
    const loaded = loadLayerFromFeatures('cultivated', 'f.geojson', feats);
    const v = validateFeatures(feats, { file: 'f.geojson', kind: 'cultivated' });
    const alone = buildLayer('cultivated', 'f.geojson', feats, { name: loaded.layer.name, skip: v.blocked });
    expect(loaded.findings).toEqual(v.findings);
    expect([...new Set(loaded.findings.map((f) => f.code))]).toEqual(
      expect.arrayContaining(['geometry.self-intersection', 'geometry.ring-unclosed', 'geometry.missing', 'id.duplicate', 'overlap', 'validate.internal', 'structure.feature', 'attr.dlbm', 'area.declared']),
    );
    expect(loaded.layer.parcels.length).toBeGreaterThan(300);
    expectSameLayer(loaded.layer, alone);
    const box = loaded.layer.bbox;
    expect(loaded.layer.index.search(box[0], box[1], (box[0] + box[2]) / 2, (box[1] + box[3]) / 2).sort()).toEqual(
      alone.index.search(box[0], box[1], (box[0] + box[2]) / 2, (box[1] + box[3]) / 2).sort(),
    );
  });

  it('with a field mapping, attributes still follow the mapping', () => {
    const feats = [
      { type: 'Feature', properties: { 面积: 42, 地类: '0102', BSM: 'a' }, geometry: { type: 'Polygon', coordinates: [ring(126, 46, 0.001, 0.001)] } },
      { type: 'Feature', properties: { 面积: 43, 地类: '0101', BSM: 'b' }, geometry: { type: 'Polygon', coordinates: [ring(126.01, 46, 0.001, 0.001)] } },
    ];
    const mapping = { tbmj: '面积', dlbm: '地类' };
    const loaded = loadLayerFromFeatures('cultivated', 'm.geojson', feats, { mapping });
    expect(loaded.layer.parcels.map((p) => [attrOf(p, 'tbmj'), attrOf(p, 'landClass')])).toEqual([
      [42, 'irrigated'],
      [43, 'paddy'],
    ]);
    const v = validateFeatures(feats, { file: 'm.geojson', kind: 'cultivated' });
    expectSameLayer(loaded.layer, buildLayer('cultivated', 'm.geojson', feats, { skip: v.blocked, mapping }));
  });
});
