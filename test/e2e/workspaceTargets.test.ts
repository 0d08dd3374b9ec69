/**
 * Issue 16 §2–3 in Chromium (offline), the parts the first workspace e2e left out:
 * - a targets table (the CLI's --targets CSV) imported in the browser, the region filter and the map view are kept by
 *   the workspace: after a reload (to a URL without view or region) they are back, with the same target figures;
 * - override and re-import: a Shapefile without .prj (metres) is blocked with candidate EPSG codes; the EPSG given in
 *   the import panel and "import again" reads it, another EPSG changes the area to exactly what the engine computes
 *   for that EPSG in Node, and the re-read layer replaces the previous one; an encoding decided by content scoring is
 *   overridden the same way and the import result names the new rule.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../src/worker/handler';
import type { Progress } from '../../src/worker/protocol';
import { writeDbf, writeShpShx, zipFiles } from '../helpers/makeShapefile';
import { chromiumAvailable, type Harness, openApp, ROOT, startHarness, waitMapIdle } from './harness';

const IMPORT = join(ROOT, 'test', 'fixtures', 'import');

interface Snap {
  status: string;
  region?: { level: string; code: string };
  userTargets?: { file: string };
  regions: { level: string; code: string }[];
  stats: { layerId: string; count: number; areaM2: number }[];
  layers: { origin: string; info: { id: string; name: string } }[];
  summary?: { targets: { selected: { code: string; lines: { metric: string; targetMu: number; achievedMu: number | null }[] } } };
}
const snap = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as { __atlas: { store: { getState(): Snap } } }).__atlas.store.getState();
    return JSON.parse(JSON.stringify({ status: s.status, region: s.region, userTargets: s.userTargets && { file: s.userTargets.file }, regions: s.regions, stats: s.stats, layers: s.layers.map((l) => ({ origin: l.origin, info: { id: l.info.id, name: l.info.name } })), summary: s.summary && { targets: s.summary.targets } })) as Snap;
  });
const center = (page: Page) =>
  page.evaluate(() => {
    const m = (window as unknown as { __atlas: { map: { getCenter(): { lng: number; lat: number }; getZoom(): number } } }).__atlas.map;
    return { lng: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() };
  });

/** The engine's area (m², ellipsoidal) of a file read with an EPSG code, in Node. */
async function nodeArea(file: string, epsg: number): Promise<number> {
  const ctx = { progress: (_p: Progress) => {}, transfer: (_b: ArrayBuffer) => {} };
  const h = createHandler();
  const b = readFileSync(join(IMPORT, file));
  const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  const res = await h.handle('load', { layerId: 'x', kind: 'cultivated', file, source: { bytes }, blockOnError: true, epsg }, ctx);
  if (res.blocked) throw new Error(`${file} as EPSG:${epsg} is blocked`);
  const { stats } = await h.handle('stats', { method: 'ellipsoidal' }, ctx);
  return stats[0].areaM2;
}

describe.skipIf(!chromiumAvailable())('workspace keeps targets, region and view; override and re-import (headless Chromium, offline)', () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'ws-targets-'));

  beforeAll(async () => {
    h = await startHarness();
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, h.baseUrl, '&lang=zh');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a targets CSV imported in the browser, the region filter and the map view survive a reload', async () => {
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-input').setInputFiles(join(IMPORT, 'gk39-gbk-detect.zip'));
    await page.getByTestId('workspace-new').click();
    await expect.poll(() => page.getByTestId('import-report').getAttribute('data-blocked'), { timeout: 60_000 }).toBe('false');
    await expect.poll(async () => (await snap(page)).regions.some((r) => r.level === 'county')).toBe(true);
    const county = (await snap(page)).regions.find((r) => r.level === 'county')!;
    // the demo's table left with the demo
    await expect.poll(() => page.getByTestId('targets-file').textContent()).toBe('未导入（只比较全国目标）');
    const csv = join(tmp, 'county-targets.csv');
    writeFileSync(csv, `code,name,level,cultivated_mu,permanent_basic_mu\n${county.code},测试县,county,1234.5,\n${county.code}001,坏乡,township,abc,\n`);
    await page.getByTestId('targets-input').setInputFiles(csv);
    await expect.poll(() => page.getByTestId('targets-file').textContent()).toBe('county-targets.csv');
    // the bad row is a finding naming the file, the row and the field
    await expect.poll(() => page.getByTestId('targets-findings').textContent()).toMatch(/county-targets\.csv.*cultivated_mu/);
    // the region filter and a map view of our own
    await page.evaluate((code) => (window as unknown as { __atlas: { store: { getState(): { setRegion(r: unknown): void } } } }).__atlas.store.getState().setRegion({ level: 'county', code }), county.code);
    await waitMapIdle(page);
    const target = async () => (await snap(page)).summary?.targets.selected.lines.find((l) => l.metric === 'cultivated');
    await expect.poll(async () => (await target())?.targetMu).toBe(1234.5);
    const before = await target();
    expect(before?.achievedMu).toBeGreaterThan(0);
    await page.evaluate(() => {
      const m = (window as unknown as { __atlas: { map: { getCenter(): { lng: number; lat: number }; jumpTo(o: unknown): void } } }).__atlas.map;
      const c = m.getCenter();
      m.jumpTo({ center: [c.lng + 0.002, c.lat - 0.001], zoom: 15.5 });
    });
    await waitMapIdle(page);
    const view = await center(page);
    await page.waitForTimeout(1000); // the view is saved once the map has rested

    // reload to a URL without view or region: they come from the workspace
    await openApp(page, h.baseUrl, '&lang=zh');
    await expect.poll(async () => (await snap(page)).userTargets?.file, { timeout: 60_000 }).toBe('county-targets.csv');
    await expect.poll(async () => (await snap(page)).region).toEqual({ level: 'county', code: county.code });
    await expect.poll(async () => (await target())?.targetMu).toBe(1234.5);
    expect((await target())?.achievedMu).toBe(before?.achievedMu);
    await waitMapIdle(page);
    const after = await center(page);
    expect(after.zoom).toBeCloseTo(view.zoom, 2);
    expect(after.lng).toBeCloseTo(view.lng, 5);
    expect(after.lat).toBeCloseTo(view.lat, 5);
    await page.getByTestId('tab-import').click();
    await expect.poll(() => page.getByTestId('targets-file').textContent()).toBe('county-targets.csv');
  });

  it('overrides a missing CRS and a content-scored encoding in the import result and re-imports; the figures follow', async () => {
    await page.evaluate(() => (window as unknown as { __atlas: { store: { getState(): { setRegion(r: unknown): void } } } }).__atlas.store.getState().setRegion(undefined));
    const layersBefore = (await snap(page)).layers.length;
    await page.getByTestId('import-input').setInputFiles(join(IMPORT, 'bad-noprj-gk39.zip'));
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.getAttribute('data-blocked'), { timeout: 60_000 }).toBe('true');
    await expect.poll(() => report.textContent()).toMatch(/EPSG:4527/);
    await page.getByTestId('import-epsg').fill('4527');
    await page.getByTestId('import-again').click();
    await expect.poll(() => report.getAttribute('data-blocked'), { timeout: 60_000 }).toBe('false');
    await expect.poll(() => page.getByTestId('import-detected-crs').textContent()).toMatch(/^坐标系: EPSG:4527 .* — 依据: 手动指定$/);
    const areaOf = async () => {
      const s = await snap(page);
      const l = s.layers.find((x) => x.info.name.includes('bad-noprj-gk39.zip'));
      return l && s.stats.find((x) => x.layerId === l.info.id)?.areaM2;
    };
    const [a4527, a4528] = [await nodeArea('bad-noprj-gk39.zip', 4527), await nodeArea('bad-noprj-gk39.zip', 4528)];
    expect(Math.abs(a4528 / a4527 - 1)).toBeGreaterThan(1e-4); // the two readings differ measurably
    await expect.poll(areaOf).toBeCloseTo(a4527, 3);
    expect((await snap(page)).layers.length).toBe(layersBefore + 1);
    // another EPSG: the area changes to the engine's figure for it; the layer is replaced, not added
    await page.getByTestId('import-epsg').fill('4528');
    await page.getByTestId('import-again').click();
    await expect.poll(() => page.getByTestId('import-detected-crs').textContent(), { timeout: 60_000 }).toMatch(/^坐标系: EPSG:4528 /);
    await expect.poll(areaOf).toBeCloseTo(a4528, 3);
    await expect.poll(async () => (await snap(page)).layers.length).toBe(layersBefore + 1);

    // the encoding decided by content: override it and re-import; the result names the given encoding and its rule
    await page.getByTestId('import-epsg').fill('');
    await page.getByTestId('import-input').setInputFiles(join(IMPORT, 'gk39-gbk-detect.zip'));
    await expect.poll(() => page.getByTestId('import-detected-encoding').textContent(), { timeout: 60_000 }).toMatch(/^编码: GBK — 依据: 按内容识别/);
    const n = (await snap(page)).layers.length;
    await page.getByTestId('import-encoding').selectOption('big5');
    await page.getByTestId('import-again').click();
    await expect.poll(() => page.getByTestId('import-detected-encoding').textContent(), { timeout: 60_000 }).toMatch(/^编码: BIG5 — 依据: 手动指定/);
    await expect.poll(async () => (await snap(page)).layers.length).toBe(n);
    expect(errors).toEqual([]);
    expect(h.blocked).toEqual([]);
  });

  it('asks when two encodings score close (Danish names, "ANSI" byte, no .cpg); the choice re-imports with it', async () => {
    // lon/lat squares near 117.3° E 36.1° N, names that read as Danish in Windows-1252 and as Czech-looking in 1250
    const names = ['Ærøskøbing', 'Søndergade', 'Åbenrå', 'Østergård'];
    const records = names.map((_, i) => {
      const x = 117.3 + i * 0.001;
      return [[[x, 36.1], [x, 36.1008], [x + 0.0008, 36.1008], [x + 0.0008, 36.1], [x, 36.1]]];
    });
    const { shp, shx } = writeShpShx(records);
    const latin1 = (t: string) => new Uint8Array([...t].map((c) => c.charCodeAt(0)));
    const fields = [
      { name: 'BSM', type: 'C' as const, length: 10 },
      { name: 'DLBM', type: 'C' as const, length: 5 },
      { name: 'ZLDWMC', type: 'C' as const, length: 40 },
    ];
    const dbf = writeDbf(fields, names.map((n, i) => ({ BSM: `D${i}`, DLBM: '0101', ZLDWMC: n })), latin1, 0x57);
    const zip = join(tmp, 'danish-ansi.zip');
    writeFileSync(zip, zipFiles({ 'dk.shp': shp, 'dk.shx': shx, 'dk.dbf': dbf }));
    await page.getByTestId('import-encoding').selectOption('');
    await page.getByTestId('import-kind').selectOption('cultivated');
    await page.getByTestId('import-input').setInputFiles(zip);
    await expect.poll(() => page.getByTestId('import-detected-encoding').textContent(), { timeout: 60_000 }).toMatch(/^编码: WINDOWS-1252 — 依据: 按内容识别/);
    await expect.poll(() => page.getByTestId('import-encoding-ask').textContent()).toMatch(/编码无法确定.*保持 WINDOWS-1252.*改用 WINDOWS-1250/);
    const n = (await snap(page)).layers.length;
    await page.getByTestId('import-encoding-use-windows-1250').click();
    await expect.poll(() => page.getByTestId('import-detected-encoding').textContent(), { timeout: 60_000 }).toMatch(/^编码: WINDOWS-1250 — 依据: 手动指定/);
    await expect.poll(() => page.getByTestId('import-encoding').inputValue()).toBe('windows-1250');
    expect(await page.getByTestId('import-encoding-ask').count()).toBe(0);
    await expect.poll(async () => (await snap(page)).layers.length).toBe(n);
    expect(errors).toEqual([]);
  });

  it('a projected file with long edges: the message points to the dialog’s densify field, which re-imports densified', async () => {
    // a 2 km square in EPSG:4527 (GK zone 39): its 2,000 m edges are straight in the projection, not in lon/lat
    const sq = [[39500000, 5000000], [39502000, 5000000], [39502000, 5002000], [39500000, 5002000], [39500000, 5000000]];
    const doc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4527' } }, features: [{ type: 'Feature', properties: { DLBM: '0103', BSM: '1' }, geometry: { type: 'Polygon', coordinates: [sq] } }] };
    await page.getByTestId('import-epsg').fill('');
    await page.getByTestId('import-kind').selectOption('cultivated');
    await page.getByTestId('import-input').setInputFiles({ name: 'long-edges-gk39.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(doc)) });
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.textContent(), { timeout: 60_000 }).toContain('长边加密（米）');
    expect(await report.textContent()).not.toContain('--densify');
    await page.getByTestId('import-densify').fill('100');
    await page.getByTestId('import-again').click();
    await expect.poll(() => report.textContent(), { timeout: 60_000 }).toContain('每 100 米加密');
    expect(errors).toEqual([]);
  });
});
