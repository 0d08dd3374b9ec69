/**
 * A layer sent as a wire (layerWire.ts) through a structured clone, as postMessage does, arrives as the same layer:
 * parcels, areas, boxes, attributes, properties, geometry and the index's answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLayer } from '../engine/importLayer';
import { type FlatCollection, scanFlatCollection } from '../io/flatGeojson';
import { writePack } from '../io/flatPackWrite';
import { flatOf } from '../io/flatGeometry';
import type { LayerKind } from '../types';
import { attrsOf } from './attrTable';
import { buildLayer, type Layer } from './layer';
import { layerFromWire, layerToWire } from './layerWire';
import { parcelProps } from './propsTable';

const demo = (f: string) => new Uint8Array(readFileSync(join(__dirname, '../../../data/demo', f)));

/** Everything a user or an analysis reads of a layer. */
function seen(layer: Layer) {
  const [x0, y0, x1, y1] = layer.bbox;
  const mid = [x0, y0, (x0 + x1) / 2, (y0 + y1) / 2] as const;
  return {
    kind: layer.kind,
    name: layer.name,
    file: layer.file,
    bbox: layer.bbox,
    gross: layer.grossAreaM2,
    hits: layer.index.search(...mid).sort((a, b) => a - b),
    parcels: layer.parcels.map((p) => ({
      index: p.index,
      id: p.id,
      areaM2: p.areaM2,
      adjustedFromM2: p.adjustedFromM2,
      bbox: p.bbox,
      type: p.geometry.type,
      coordinates: p.geometry.coordinates,
      attrs: attrsOf(p),
      props: parcelProps(layer, p),
      propNames: Object.keys(parcelProps(layer, p)),
    })),
  };
}

/** postMessage's path: the wire cloned with its buffers transferred. */
function sent(layer: Layer): Layer {
  const { wire, transfer } = layerToWire(layer);
  return layerFromWire(structuredClone(wire, { transfer }));
}

describe('layerWire: a layer through a structured clone', () => {
  const files: [string, LayerKind][] = [
    ['cultivated.geojson', 'cultivated'],
    ['permanent-basic.geojson', 'permanent-basic'],
    ['dirty-cultivated.geojson', 'cultivated'],
    ['eco-redline.geojson', 'eco-redline'],
  ];
  for (const [f, kind] of files)
    for (const asPack of [false, true])
      it(`${f}${asPack ? ' (as a layer pack)' : ''}`, async () => {
        const bytes = asPack ? writePack(scanFlatCollection(demo(f)) as FlatCollection) : demo(f);
        const imported = async () => (await importLayer(f, bytes, { kind })).layer as Layer;
        const before = seen(await imported());
        expect(before.parcels.length).toBeGreaterThan(0);
        // the ids go as the table's id column where they are it (a parcel with none of its own: sent apiece)
        const l = await imported();
        expect(layerToWire(l).wire.ids === null).toBe(l.parcels.every((p) => attrsOf(p).id === p.id));
        const after = sent(await imported());
        expect(seen(after)).toEqual(before);
        // the geometry is flat again, over the one store that came, and the index answers like the original
        const stores = new Set(after.parcels.map((p) => flatOf(p.geometry)?.store));
        expect(stores.size).toBe(1);
        expect([...stores][0]).toBeDefined();
      });

  it('a hand-built layer (own attributes, nested geometry, an adjusted area) arrives the same', () => {
    const sq = (x: number) => ({ type: 'Polygon' as const, coordinates: [[[x, 46], [x + 0.001, 46], [x + 0.001, 46.001], [x, 46.001], [x, 46]]] });
    const features = [
      { type: 'Feature', properties: { BSM: 'a', DLBM: '0101', 备注: '水田' }, geometry: sq(126) },
      { type: 'Feature', id: 9, properties: null, geometry: sq(126.01) },
    ];
    // a table, but an id not in it (feature.id): the ids go apiece
    const tabled = buildLayer('cultivated', '手绘.geojson', features);
    expect(layerToWire(tabled).wire.ids).toEqual(['a', '9']);
    expect(seen(sent(buildLayer('cultivated', '手绘.geojson', features)))).toEqual(seen(tabled));
    const layer = buildLayer('cultivated', '手绘.geojson', features);
    layer.parcels[0].attrsFrom = { id: 'a', dlbm: '0101', landClass: 'paddy' };
    layer.parcels[1].adjustedFromM2 = 12345.5;
    const before = seen(layer);
    expect(seen(sent(layer))).toEqual(before);
  });

  it('refuses a wire whose columns do not fit its parcels, naming the file', async () => {
    const layer = (await importLayer('eco-redline.geojson', demo('eco-redline.geojson'), { kind: 'eco-redline' })).layer as Layer;
    const { wire } = layerToWire(layer);
    wire.areaM2 = wire.areaM2.subarray(1);
    expect(() => layerFromWire(wire)).toThrow(/eco-redline\.geojson/);
  });
});
