import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../analysis/config';
import type { AreaGeometry } from '../types';
import { DrawingSession, readDrawnPolygons } from './drawing';
import { loadLayerFromFeatures } from './loadLayer';
import { sitePolygons } from './sitePolygons';

const square = (x: number, y: number, d = 0.001): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const layer = loadLayerFromFeatures('cultivated', 'c.geojson', [0, 1, 2].map((i) => ({ type: 'Feature', properties: { BSM: `p${i}`, DLBM: '0101', GDDJ: 2 }, geometry: square(120 + i * 0.001, 30) }))).layer;

describe('DrawingSession', () => {
  it('live and full impact agree; touched parcels come largest first', () => {
    const s = new DrawingSession(() => [layer]);
    const site = [square(120.0005, 29.9995, 0.002)];
    const live = s.live(site);
    const full = s.impact(site);
    expect(live.layers[0].areaM2).toBeCloseTo(full.report.layers[0].areaM2, 9);
    expect(live.layers[0].parcels).toBe(3);
    expect(full.touched[0]).toMatchObject({ id: 'p1', whole: true });
    expect(full.touched.slice(1).map((t) => t.whole)).toEqual([false, false]);
    expect(full.highlight).toHaveLength(3);
    expect(s.impact(site, { limit: 1 }).touched).toHaveLength(1);
  });

  it('a config that is not JSON is reported with the file and the config is kept', () => {
    const s = new DrawingSession(() => [layer]);
    const r = s.setConfig(new TextEncoder().encode('{nope'), 'config.json');
    expect(r.findings[0]).toMatchObject({ severity: 'error', code: 'config.json', file: 'config.json' });
    expect(s.analysisConfig).toEqual(defaultConfig());
  });
});

describe('site polygons', () => {
  const features = [
    { type: 'Feature', id: 7, properties: { BSM: 'S1' }, geometry: square(120, 30) },
    { type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [120, 30] } },
    { type: 'Feature', properties: null, geometry: square(121, 30) },
    { type: 'Feature', id: 'f', properties: {}, geometry: null },
  ];

  it('keeps Polygon / MultiPolygon features with the 三调 id, else the feature id, else #index', () => {
    expect(sitePolygons(features).map((p) => [p.index, p.id])).toEqual([[0, 'S1'], [2, '#2']]);
  });

  it('readDrawnPolygons reads a file, and says so when it has no polygons', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    const r = await readDrawnPolygons('site.geojson', bytes);
    expect(r.features.map((f) => [f.id, f.properties])).toEqual([['S1', { BSM: 'S1' }], ['#2', {}]]);
    const none = await readDrawnPolygons('pts.geojson', new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [features[1]] })));
    expect(none.features).toEqual([]);
    expect(none.findings.at(-1)).toMatchObject({ severity: 'error', code: 'site.empty', file: 'pts.geojson' });
  });
});
