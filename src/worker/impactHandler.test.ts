import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeBalance } from '../core/analysis/balance';
import { computeImpact } from '../core/analysis/impact';
import { ledger } from '../core/analysis/ledger';
import { readAttrs } from '../core/layers/fields';
import { loadLayerFromGeoJson } from '../core/engine/loadLayer';
import type { AreaGeometry, LayerKind } from '../core/types';
import { loadGdalNode } from '../../test/helpers/gdal';
import { createHandler } from './handler';

const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'e2e');
const FILES: [LayerKind, string][] = [
  ['cultivated', 'cultivated.geojson'],
  ['permanent-basic', 'permanent-basic.geojson'],
  ['eco-redline', 'eco-redline.geojson'],
  ['urban-boundary', 'urban-boundary.geojson'],
];
const buf = (name: string) => {
  const b = readFileSync(join(FIX, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const ctx = { progress: () => undefined, transfer: () => undefined };
const engineLayers = () => FILES.map(([k, f]) => loadLayerFromGeoJson(k, f, readFileSync(join(FIX, f))).layer);

async function loaded() {
  const h = createHandler();
  for (const [kind, file] of FILES) await h.handle('load', { layerId: file, kind, file, source: { bytes: buf(file) }, blockOnError: false }, ctx);
  return h;
}
const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
// a site across several fixture parcels, not aligned with them
const SITE = { type: 'Polygon', coordinates: [[[126.6012, 45.7809], [126.6071, 45.7804], [126.6093, 45.7851], [126.6031, 45.7866], [126.6012, 45.7809]]] } as AreaGeometry;
const cultivated = JSON.parse(readFileSync(join(FIX, 'cultivated.geojson'), 'utf8')).features as { properties: Record<string, unknown>; geometry: AreaGeometry }[];

describe('impact handler (worker side of the drawing tools)', () => {
  it('live and full impact equal computeImpact on the same layers', async () => {
    const h = await loaded();
    const live = await h.handle('drawLive', { site: [SITE] }, ctx);
    const full = await h.handle('drawImpact', { site: [SITE] }, ctx);
    const ref = computeImpact([SITE], engineLayers());
    expect(live.siteAreaM2).toBeCloseTo(ref.siteAreaM2, 6);
    expect(live.layers.map((l) => l.kind)).toEqual(ref.layers.map((l) => l.kind));
    ref.layers.forEach((l, i) => {
      expect(live.layers[i].areaM2).toBeCloseTo(l.areaM2, 6);
      expect(full.report.layers[i].areaM2).toBeCloseTo(l.areaM2, 6);
    });
    expect(ref.layers[0].areaM2).toBeGreaterThan(1000);
    expect(full.report.compensation.quantityMu).toBeCloseTo(ref.compensation.quantityMu, 9);
    expect(full.report.compensation.feeYuan).toBeCloseTo(ref.compensation.feeYuan, 6);
    // touched parcels: every 耕地 parcel of the report, largest first, with its area
    const cult = full.touched.filter((t) => t.layerKind === 'cultivated');
    expect(cult.length).toBe(ref.layers[0].parcels);
    for (let i = 1; i < full.touched.length; i++) expect(full.touched[i - 1].areaM2).toBeGreaterThanOrEqual(full.touched[i].areaM2);
    expect(cult.reduce((s, t) => s + t.areaM2, 0)).toBeCloseTo(ref.layers[0].areaM2, 6);
    expect(full.highlight.length).toBe(ref.layers[0].parcels + ref.layers[1].parcels);
  });

  it('a site outside every layer occupies nothing; a degenerate site does not throw', async () => {
    const h = await loaded();
    const far = await h.handle('drawLive', { site: [rect(100, 10, 100.01, 10.01)] }, ctx);
    expect(far.layers.every((l) => l.areaM2 === 0)).toBe(true);
    const bow = { type: 'Polygon', coordinates: [[[126.601, 45.781], [126.606, 45.786], [126.606, 45.781], [126.601, 45.786], [126.601, 45.781]]] } as AreaGeometry;
    const r = await h.handle('drawImpact', { site: [bow] }, ctx);
    expect(Number.isFinite(r.report.siteAreaM2)).toBe(true);
    const empty = await h.handle('drawLive', { site: [] }, ctx);
    expect(empty.siteAreaM2).toBe(0);
  });

  it('balance: a worse-graded supplement fails on quality (占优补劣), a best-graded one of the same size passes it', async () => {
    const h = await loaded();
    const worst = cultivated.filter((f) => f.properties.GDDJ === 10)[0];
    const best = cultivated.filter((f) => f.properties.GDDJ === 1)[0];
    const small = rect(126.6012, 45.7803, 126.6016, 45.7806);
    const bad = await h.handle('drawBalance', { site: [small], supplements: [{ id: 'w', geometry: worst.geometry, properties: worst.properties }] }, ctx);
    const good = await h.handle('drawBalance', { site: [small], supplements: [{ id: 'b', geometry: best.geometry, properties: best.properties }] }, ctx);
    const layers = engineLayers();
    const ref = computeBalance(computeImpact([small], layers), [{ id: 'w', geometry: worst.geometry, attrs: readAttrs(worst.properties) }], layers);
    expect(bad.balance.verdicts).toEqual(ref.verdicts);
    expect(bad.balance.verdicts).toContain('占优补劣');
    expect(good.balance.quality.pass).toBe(true);
    expect(good.balance.quality.margin).toBeGreaterThan(0);
  });

  it('ledger equals core ledger; polygons read from GeoJSON bytes with ids; bad bytes give findings', async () => {
    const h = await loaded();
    const projects = [
      { region: '230123', year: 2025, type: 'supplement' as const, mu: 50, name: 's' },
      { region: '230123', year: 2026, type: 'occupation' as const, mu: 20, name: 'o' },
    ];
    expect(await h.handle('drawLedger', { projects }, ctx)).toEqual(ledger(projects));
    const read = await h.handle('drawReadPolygons', { file: 'cultivated.geojson', bytes: buf('cultivated.geojson') }, ctx);
    expect(read.features.length).toBe(cultivated.length);
    expect(read.features[0].id).toBe(String(cultivated[0].properties.BSM));
    const bad = await h.handle('drawReadPolygons', { file: 'x.geojson', bytes: new TextEncoder().encode('{"type":').buffer as ArrayBuffer }, ctx);
    expect(bad.features).toEqual([]);
    expect(bad.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it('snap: the source edges of the parcel layers near a box, transferred; a file filter; a zoomed-out box truncated', async () => {
    const h = await loaded();
    const ring = cultivated[0].geometry.coordinates[0] as number[][];
    const [x, y] = ring[1];
    const box: [number, number, number, number] = [x - 1e-4, y - 1e-4, x + 1e-4, y + 1e-4];
    const transferred: ArrayBuffer[] = [];
    const res = await h.handle('drawSnap', { bbox: box }, { ...ctx, transfer: (b: ArrayBuffer) => transferred.push(b) });
    expect(res.truncated).toBe(false);
    expect(transferred).toEqual([res.edges.buffer]);
    // the parcel's two edges at that vertex are there, with the file's coordinates
    const edges: number[][] = [];
    for (let i = 0; i < res.edges.length; i += 4) edges.push([...res.edges.subarray(i, i + 4)]);
    expect(edges).toContainEqual([...ring[0], ...ring[1]]);
    expect(edges).toContainEqual([...ring[1], ...ring[2]]);
    // 永久基本农田 parcels count too; 生态保护红线 / 城镇开发边界 do not
    const only = await h.handle('drawSnap', { bbox: box, files: ['eco-redline.geojson', 'urban-boundary.geojson'] }, ctx);
    expect(only.edges.length).toBe(0);
    const wide = await h.handle('drawSnap', { bbox: [120, 40, 130, 50], maxEdges: 10 }, ctx);
    expect(wide.truncated).toBe(true);
    const bad = await h.handle('drawSnap', { bbox: [Number.NaN, 0, 1, 1] }, ctx);
    expect(bad.edges.length).toBe(0);
  });

  it('config: the fee rate of a config file is used; bad JSON is a finding and the old config stays', async () => {
    const h = await loaded();
    const before = (await h.handle('drawImpact', { site: [SITE] }, ctx)).report.compensation;
    const cfg = new TextEncoder().encode(JSON.stringify({ fee_rates: { default: 12345 } })).buffer as ArrayBuffer;
    const res = await h.handle('drawConfig', { file: 'c.json', source: { bytes: cfg } }, ctx);
    expect(res.findings).toEqual([]);
    const after = (await h.handle('drawImpact', { site: [SITE] }, ctx)).report.compensation;
    expect(after.feeRate).toBe(12345);
    expect(after.feeYuan / before.feeYuan).toBeCloseTo(12345 / before.feeRate, 9);
    const bad = await h.handle('drawConfig', { file: 'b.json', source: { bytes: new TextEncoder().encode('{').buffer as ArrayBuffer } }, ctx);
    expect(bad.findings[0].code).toBe('config.json');
    expect((await h.handle('drawImpact', { site: [SITE] }, ctx)).report.compensation.feeRate).toBe(12345);
  });

  it('a site or supplement given as a GeoPackage or a zipped File Geodatabase is read through GDAL, like any other import', async () => {
    const gdalFile = (name: string) => {
      const b = readFileSync(join(FIX, '..', 'gdal', name));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    };
    const h = createHandler(undefined, loadGdalNode);
    const gpkg = await h.handle('drawReadPolygons', { file: 'sandiao.gpkg', bytes: gdalFile('sandiao.gpkg') }, ctx);
    const gdb = await h.handle('drawReadPolygons', { file: 'sandiao.gdb.zip', bytes: gdalFile('sandiao.gdb.zip') }, ctx);
    expect(gpkg.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(gdb.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // every polygon table (DLTB 4, YJJBNTBHTB 4, STBHHX 2), the same features and attributes in both formats
    expect(gpkg.features.length).toBe(10);
    expect(gdb.features.map((f) => [f.id, f.properties?.DLBM])).toEqual(gpkg.features.map((f) => [f.id, f.properties?.DLBM]));
    // DLTB as a site: the same area as the same table imported as a layer (its parcels do not overlap)
    const siteOf = (r: typeof gpkg) => r.features.slice(0, 4).map((f) => f.geometry);
    const live = await h.handle('drawLive', { site: siteOf(gpkg) }, ctx);
    const liveGdb = await h.handle('drawLive', { site: siteOf(gdb) }, ctx);
    await h.handle('load', { layerId: 'dltb', kind: 'cultivated', file: 'sandiao.gpkg', source: { bytes: gdalFile('sandiao.gpkg') }, blockOnError: true }, ctx);
    const { stats } = await h.handle('stats', { method: 'ellipsoidal' }, ctx);
    expect(stats[0].areaM2).toBeGreaterThan(0);
    expect(Math.abs(live.siteAreaM2 / stats[0].areaM2 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(liveGdb.siteAreaM2 / live.siteAreaM2 - 1)).toBeLessThan(1e-9);
    // as supplements of a balance: read, accepted
    const bal = await h.handle('drawBalance', { site: siteOf(gpkg).slice(0, 1), supplements: gdb.features }, ctx);
    expect(bal.balance).toBeDefined();
    // without a GDAL loader (none given) the message says what is missing, never a wrong guess
    const none = await createHandler().handle('drawReadPolygons', { file: 'sandiao.gpkg', bytes: gdalFile('sandiao.gpkg') }, ctx);
    expect(none.features).toEqual([]);
    expect(none.findings[0].message).toMatch(/^sandiao\.gpkg: GeoPackage 需要 GDAL 读取器/);
  });
});
