import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeTile, MvtLayerWriter } from './mvt';

describe('MVT writer', () => {
  it('round-trips polygons with holes, large ids and integer/fractional/negative properties', () => {
    const l = new MvtLayerWriter('parcels', 4096);
    const outer: [number, number][] = [[0, 0], [100, 0], [100, 100], [0, 100]]; // clockwise, y down: exterior
    const hole: [number, number][] = [[20, 20], [20, 80], [80, 80], [80, 20]];
    l.add({ id: 2 ** 40 + 5, rings: [outer, hole], props: { gddj: 3, share: 0.125, t: -3, skip: Number.NaN } });
    l.add({ id: 7, rings: [[[200, 200], [300, 200], [300, 300]]], props: { gddj: 3 } });
    const buf = encodeTile([l, new MvtLayerWriter('empty')]);
    expect(buf).not.toBeNull();
    const vt = new VectorTile(new PbfReader(new Uint8Array(buf as ArrayBuffer)));
    expect(Object.keys(vt.layers)).toEqual(['parcels']);
    const layer = vt.layers.parcels;
    expect(layer.extent).toBe(4096);
    expect(layer.version).toBe(2);
    expect(layer.length).toBe(2);
    const a = layer.feature(0);
    expect(a.id).toBe(2 ** 40 + 5);
    expect(a.properties).toEqual({ gddj: 3, share: 0.125, t: -3 });
    const g = a.loadGeometry();
    expect(g.map((r) => r.map((p) => [p.x, p.y]))).toEqual([
      [...outer, outer[0]],
      [...hole, hole[0]],
    ]);
    expect(a.toGeoJSON(0, 0, 0).geometry.type).toBe('Polygon');
    expect(layer.feature(1).properties).toEqual({ gddj: 3 });
  });

  it('returns null for a tile without features', () => {
    expect(encodeTile([new MvtLayerWriter('x')])).toBeNull();
  });
});
