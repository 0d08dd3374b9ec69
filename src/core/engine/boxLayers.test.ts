import { describe, expect, it } from 'vitest';
import { computeImpact } from '../analysis/impact';
import type { AreaGeometry } from '../types';
import { bboxWithin, layersFromBox } from './boxLayers';
import { loadLayerFromFeatures } from './loadLayer';

const square = (x: number, y: number, d = 0.001): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const features = [0, 1, 2].map((i) => ({ type: 'Feature', id: `p${i}`, properties: { BSM: `p${i}`, DLBM: '0101', GDDJ: 2, TBMJ: 10000, KCXS: 0.1 }, geometry: square(120 + i * 0.001, 30) }));

describe('layers from a server box', () => {
  it('builds one engine layer per known kind; a site’s impact on them equals the impact on the file', () => {
    const layers = layersFromBox({
      layers: [
        { kind: 'cultivated', name: '耕地', file: 'cultivated.geojson', features },
        { kind: 'not-a-kind', name: 'x', file: 'x.geojson', features },
      ],
    });
    expect(layers.map((l) => [l.kind, l.name, l.parcels.length])).toEqual([['cultivated', '耕地', 3]]);
    expect(layers[0].parcels.map((p) => p.id)).toEqual(['p0', 'p1', 'p2']);
    const file = loadLayerFromFeatures('cultivated', 'cultivated.geojson', features, { name: '耕地' }).layer;
    const site = [square(120.0005, 29.9995, 0.002)];
    const a = computeImpact(site, layers);
    const b = computeImpact(site, [file]);
    expect(a.layers[0].areaM2).toBeGreaterThan(0);
    expect(a.layers[0].areaM2).toBe(b.layers[0].areaM2);
    expect(a.compensation).toEqual(b.compensation);
  });

  it('tells whether a box lies within another', () => {
    expect(bboxWithin([1, 1, 2, 2], [0, 0, 3, 3])).toBe(true);
    expect(bboxWithin([1, 1, 4, 2], [0, 0, 3, 3])).toBe(false);
    expect(bboxWithin([-1, 1, 2, 2], [0, 0, 3, 3])).toBe(false);
  });
});
