import type * as maplibregl from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../state/store';
import { serverHoverAt } from './serverHover';

const entry = (id: string, o: Partial<LayerEntry> = {}): LayerEntry => ({ info: { id }, visible: true, opacity: 1, serverTiles: `http://s/tiles/${id}/{z}/{x}/{y}.mvt`, ...o }) as unknown as LayerEntry;
const poly = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };

/** A map whose rendered features at any point are `features` (topmost first), on the style layers in `styleLayers`. */
function fakeMap(features: { id?: number; layer: string; geometry: unknown }[], styleLayers: string[]) {
  const asked: string[][] = [];
  const map = {
    getLayer: (id: string) => (styleLayers.includes(id) ? { id } : undefined),
    queryRenderedFeatures: (_p: unknown, o: { layers: string[] }) => {
      asked.push(o.layers);
      return features.filter((f) => o.layers.includes(f.layer)).map((f) => ({ id: f.id, layer: { id: f.layer }, geometry: f.geometry }));
    },
  };
  return { map: map as unknown as maplibregl.Map, asked };
}

describe('hover from the server tiles', () => {
  it('takes the topmost visible server layer’s parcel at the point, with its tile geometry', () => {
    const { map, asked } = fakeMap(
      [{ id: 7, layer: 'layer-permanent-basic-fill', geometry: poly }, { id: 3, layer: 'layer-cultivated-fill', geometry: poly }],
      ['layer-cultivated-fill', 'layer-permanent-basic-fill', 'layer-eco-redline-fill'],
    );
    const layers = [entry('cultivated'), entry('permanent-basic'), entry('eco-redline', { visible: false }), entry('import-1', { serverTiles: undefined })];
    expect(serverHoverAt(map, layers, [5, 5], (id) => `layer-${id}`)).toEqual({ layerId: 'permanent-basic', pid: 7, geometry: poly });
    // hidden and browser-side layers are not asked; the last in the list is drawn on top, asked first
    expect(asked[0]).toEqual(['layer-permanent-basic-fill', 'layer-cultivated-fill']);
  });

  it('answers nothing off the parcels, on coverage cells (no parcel layer) or without server layers', () => {
    expect(serverHoverAt(fakeMap([], ['layer-cultivated-fill']).map, [entry('cultivated')], [0, 0], (id) => `layer-${id}`)).toBeUndefined();
    expect(serverHoverAt(fakeMap([{ id: 1, layer: 'layer-cultivated-fill', geometry: { type: 'Point', coordinates: [0, 0] } }], ['layer-cultivated-fill']).map, [entry('cultivated')], [0, 0], (id) => `layer-${id}`)).toBeUndefined();
    expect(serverHoverAt(fakeMap([], []).map, [entry('cultivated', { serverTiles: undefined })], [0, 0], (id) => `layer-${id}`)).toBeUndefined();
  });
});
