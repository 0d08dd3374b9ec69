import { defaultRewardRates } from '../core/analysis/indicators/rewardPenalty';
import { describe, expect, it } from 'vitest';
import { computeImpact } from '../core/analysis/impact';
import { summarize } from '../core/analysis/summary';
import { loadLayerFromFeatures } from '../core/engine/loadLayer';
import type { AreaGeometry } from '../core/types';
import { createHandler } from './handler';

const square = (x: number, y: number, d = 0.001): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const features = [0, 1, 2].map((i) => ({ type: 'Feature', id: `p${i}`, properties: { BSM: `p${i}`, DLBM: '0103', GDDJ: 3, ZLDWDM: '2312991002000000000' }, geometry: square(125 + i * 0.001, 46) }));
const ctx = { progress: () => undefined, transfer: () => undefined };

describe('server mode in the worker', () => {
  it('serverBox: the drawing measures against the box’s parcels from the server, as on the file; null goes back', async () => {
    const asked: string[] = [];
    const body = JSON.stringify({ layers: [{ kind: 'cultivated', name: '耕地', file: 'cultivated.geojson', features }] });
    const h = createHandler(async (url) => {
      asked.push(url);
      return new TextEncoder().encode(body).buffer as ArrayBuffer;
    });
    const site = [square(125.0005, 45.9995, 0.002)];
    expect((await h.handle('drawLive', { site }, ctx)).layers).toEqual([]);
    expect(await h.handle('serverBox', { url: 'http://s/api/parcels?bbox=1,2,3,4' }, ctx)).toEqual({ layers: 1, parcels: 3 });
    expect(asked).toEqual(['http://s/api/parcels?bbox=1,2,3,4']);
    const full = await h.handle('drawImpact', { site }, ctx);
    const file = computeImpact(site, [loadLayerFromFeatures('cultivated', 'cultivated.geojson', features, { name: '耕地' }).layer]);
    expect(full.report.layers[0].areaM2).toBeGreaterThan(0);
    expect(full.report.layers[0].areaM2).toBe(file.layers[0].areaM2);
    expect(full.report.compensation).toEqual(file.compensation);
    await h.handle('serverBox', { url: null }, ctx);
    expect((await h.handle('drawLive', { site }, ctx)).layers).toEqual([]);
  });

  it('exportSummary with a given summary writes it with the core writers (the workspace is not read)', async () => {
    const layer = loadLayerFromFeatures('cultivated', 'cultivated.geojson', features).layer;
    const summary = JSON.parse(JSON.stringify(summarize([layer], { region: '231299' })));
    const h = createHandler();
    const given = { summary, inputs: [{ file: 'http://s/api/county/231299/cultivated.geojson', role: 'cultivated', features: 3 }] };
    const json = await h.handle('exportSummary', { format: 'json', region: '231299', now: '2026-01-01T00:00:00Z', given }, ctx);
    expect(json.file).toBe('farmland-summary-231299.json');
    const doc = JSON.parse(new TextDecoder().decode(json.bytes));
    expect(doc.metadata.inputs).toEqual(given.inputs);
    expect(doc.layers[0]).toMatchObject({ kind: 'cultivated', features: 3 });
    expect(doc.layers[0].area_m2).toBe(summary.layers[0].area.m2);
    const csv = await h.handle('exportSummary', { format: 'csv', region: '231299', now: '2026-01-01T00:00:00Z', given }, ctx);
    expect(new TextDecoder().decode(csv.bytes)).toContain('cultivated.geojson');
    // the parcels' GeoJSON is the server's to write (/api/summary.geojson); the worker, without the parcels, refuses it
    await expect(h.handle('exportSummary', { format: 'geojson', now: '2026-01-01T00:00:00Z', given }, ctx)).rejects.toThrow(/one county at a time/);
    // the server's indicators, when given, are written as `farmland summary --json` writes them
    const indicators = { highStandard: null, blackSoil: null, saline: null, abandoned: { basis: 'gross' as const, source: 'zzsxdm' as const, cultivatedM2: 10, abandonedM2: 2, share: 0.2, parcels: 1, byRegion: [], failures: [] }, rewardPenalty: [], rewardRates: defaultRewardRates() };
    const withInd = await h.handle('exportSummary', { format: 'json', region: '231299', now: '2026-01-01T00:00:00Z', given: { ...given, indicators } }, ctx);
    expect(JSON.parse(new TextDecoder().decode(withInd.bytes)).indicators).toMatchObject({ abandoned_m2: 2, abandoned_share: 0.2, abandoned_parcels: 1 });
  });
});
