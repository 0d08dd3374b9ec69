/**
 * The dashboard in headless Chromium (Debian's, through playwright-core), on the built app served by `vite preview`,
 * with every non-localhost request blocked: it loads, draws parcels, toggles a layer, inspects a parcel, filters a
 * region, imports a good and a bad file and exports — each figure checked against the engine (`farmland summary`
 * run in-process on the same files). Screenshots of the main screens (zh and en) go to docs/screenshots/.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/analysis/summary';
import { formatArea, formatAreaAuto } from '../../src/core/area/units';
import type { Layer } from '../../src/core/layers/layer';
import { parcelProps } from '../../src/core/layers/propsTable';
import { loadLayerFromGeoJson } from '../../src/core/engine/loadLayer';
import type { LayerKind } from '../../src/core/types';
import { runCli } from '../../src/cli/main';
import { chromiumAvailable, FIXTURE, type Harness, mapPixelStats, openApp, ROOT, saveScreenshot, startHarness, waitMapIdle } from './harness';
import { fakeIO } from '../helpers/fakeIO';

const SHOTS = join(ROOT, 'docs', 'screenshots');
const manifest = JSON.parse(readFileSync(join(FIXTURE, 'manifest.json'), 'utf8')) as { layers: { kind: LayerKind; file: string; name: string }[] };
/** The engine's own layers, loaded from the same files the browser loads. */
const engineLayers = (): Layer[] =>
  manifest.layers.map((l) => {
    const loaded = loadLayerFromGeoJson(l.kind, l.file, readFileSync(join(FIXTURE, l.file)), { name: l.name });
    return loaded.layer;
  });

/** `farmland summary --json` in-process, as a user would run it on the same data. */
async function cliSummary(args: string[]): Promise<{ layers: { kind: string; file: string; features: number; area_m2: number }[] }> {
  const f = fakeIO({}, { now: new Date('2026-01-01T00:00:00Z'), fallback: (p) => new Uint8Array(readFileSync(p)) });
  // with a region, layers without region codes are clipped to the township, as the app does with its basemap
  const boundaries = args.includes('--region') ? ['--region-boundaries', join(FIXTURE, 'townships.geojson')] : [];
  const code = await runCli(['summary', '--manifest', join(FIXTURE, 'manifest.json'), '--json', ...boundaries, ...args], f.io);
  expect(code, f.err()).toBeLessThanOrEqual(1);
  return JSON.parse(f.out());
}

const state = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as { __atlas: { store: { getState(): Record<string, unknown> } } }).__atlas.store.getState();
    return { status: s.status, region: s.region, summary: s.summary } as { status: string; region?: { code: string }; summary?: { layers: { kind: string; file: string; area: { m2: number }; features: number }[] } };
  });

const shot = (page: Page, name: string) => saveScreenshot(page, join(SHOTS, `${name}.png`));

/** Click the map at a lon/lat (through MapLibre's projection of the current view). */
async function clickLonLat(page: Page, lon: number, lat: number): Promise<void> {
  const p = await page.evaluate(([x, y]) => (window as unknown as { __atlas: { map: { project(c: [number, number]): { x: number; y: number } } } }).__atlas.map.project([x, y]), [lon, lat] as [number, number]);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

describe.skipIf(!chromiumAvailable())('dashboard in headless Chromium (offline)', () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, h.baseUrl, '&lang=zh');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('loads on the fixture with no request leaving localhost, and draws parcels', async () => {
    expect(h.blocked).toEqual([]);
    expect(errors).toEqual([]);
    const px = await mapPixelStats(page);
    // the fixture's parcels cover a good part of the fitted view — which leaves the floating draw panel's width free
    // (issue 18: fits are padded around the panels), so they fill less of the whole canvas than a bare fit would
    expect(px.painted / px.total).toBeGreaterThan(0.06);
    // the totals card shows the engine's 耕地 area, on the default basis: 地类面积 (net of 田坎)
    const engine = summarize(engineLayers(), {});
    const cultivated = engine.layers.find((l) => l.kind === 'cultivated')!;
    await expect.poll(() => page.getByTestId('total-cultivated').getAttribute('data-m2')).toBe(String(cultivated.net.m2));
    await expect(page.getByTestId('total-cultivated').textContent()).resolves.toBe(formatAreaAuto(cultivated.net.m2, 'zh'));
    await waitMapIdle(page);
  });

  it('toggles a layer: the pixels change, and come back', async () => {
    await page.getByTestId('tab-layers').click();
    const before = await mapPixelStats(page);
    for (const id of ['cultivated', 'permanent-basic', 'high-standard']) await page.getByTestId(`toggle-${id}`).uncheck();
    await waitMapIdle(page);
    const hidden = await mapPixelStats(page);
    try {
      expect(hidden.painted).toBeLessThan(before.painted * 0.5);
    } finally {
      for (const id of ['cultivated', 'permanent-basic', 'high-standard']) await page.getByTestId(`toggle-${id}`).check();
    }
    await waitMapIdle(page);
    const after = await mapPixelStats(page);
    expect(Math.abs(after.painted - before.painted)).toBeLessThan(before.total * 0.01);
    // the URL records hidden layers while they are hidden, and drops the list when all are visible again
    await expect.poll(() => new URL(page.url()).searchParams.get('layers')).toBeNull();
  });

  it('colours 耕地 by quality grade (a different picture) and back', async () => {
    const before = await mapPixelStats(page);
    await page.getByLabel('按质量等级').check();
    await waitMapIdle(page);
    const graded = await mapPixelStats(page);
    const diff = Object.keys({ ...before.byColor, ...graded.byColor }).reduce((s, k) => s + Math.abs((before.byColor[k] ?? 0) - (graded.byColor[k] ?? 0)), 0);
    try {
      expect(diff).toBeGreaterThan(before.total * 0.02);
      await waitMapIdle(page);
    } finally {
      await page.getByLabel('按图层').check();
    }
  });

  it('a clicked parcel shows its ellipsoidal area, equal to the engine, beside the declared TBMJ', async () => {
    const layer = engineLayers()[0];
    const parcel = layer.parcels[3]; // row 0, column 3: not under 永久基本农田, 高标准农田 or a red line
    const [x0, y0, x1, y1] = parcel.bbox;
    await clickLonLat(page, (x0 + x1) / 2, (y0 + y1) / 2);
    const hit = page.locator('[data-testid="inspect-hit"][data-layer-id="cultivated"]');
    await expect.poll(() => hit.count()).toBe(1);
    expect(Number(await hit.getAttribute('data-area-m2'))).toBe(parcel.areaM2);
    await expect(hit.getByTestId('inspect-area').textContent()).resolves.toBe(formatArea(parcel.areaM2, 'mu', 2, 'zh'));
    const text = (await hit.textContent()) ?? '';
    expect(text).toContain(String(parcelProps(layer, parcel).BSM));
    expect(text).toContain('登记面积（TBMJ）');
    await waitMapIdle(page);
    await page.getByRole('button', { name: '关闭' }).click();
    // Escape closes it too; the declared area in m² has no decimals
    await clickLonLat(page, (x0 + x1) / 2, (y0 + y1) / 2);
    await expect.poll(() => hit.count()).toBe(1);
    expect(await hit.textContent()).toMatch(/\([\d,]+ m²\)/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('inspect').count()).toBe(0);
  });

  it('the region filter recomputes the totals to the engine values (and `farmland summary --region`)', async () => {
    await page.getByTestId('tab-stats').click();
    await page.getByTestId('region-select').selectOption('township:230123101');
    await expect.poll(() => page.getByTestId('stats-region').textContent()).toBe('样板乡');
    const engine = summarize(engineLayers(), { region: '230123101' });
    const cli = await cliSummary(['--region', '230123101']);
    for (const kind of ['cultivated', 'permanent-basic'] as const) {
      const e = engine.layers.find((l) => l.kind === kind)!;
      expect(cli.layers.find((l) => l.kind === kind)!.area_m2).toBe(e.area.m2);
      // the cards are on the default basis, 地类面积
      await expect.poll(() => page.getByTestId(`total-${kind}`).getAttribute('data-m2')).toBe(String(e.net.m2));
    }
    // the address bar follows the store after a debounce: poll, don't read once
    await expect.poll(() => new URL(page.url()).searchParams.get('region'), { timeout: 15_000 }).toBe('township:230123101');
    await waitMapIdle(page);
    await page.getByTestId('region-select').selectOption('');
    await expect.poll(() => page.getByTestId('stats-region').textContent()).toBe('全部');
  });

  it('imports a good file (joins the map and the totals) and refuses a broken one with a report', async () => {
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-kind').selectOption('abandoned');
    await page.getByTestId('import-input').setInputFiles(join(FIXTURE, 'import-abandoned.geojson'));
    // importing into the demo asks once: a new workspace, or add to the demo (issue 16 §2) — add
    await page.getByTestId('workspace-add').click();
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.getAttribute('data-blocked')).toBe('false');
    const good = loadLayerFromGeoJson('abandoned', 'import-abandoned.geojson', readFileSync(join(FIXTURE, 'import-abandoned.geojson'))).layer;
    await expect
      .poll(async () => (await state(page)).summary?.layers.find((l) => l.kind === 'abandoned')?.area.m2)
      .toBe(summarize([good], {}).layers[0].area.m2);
    await shot(page, 'import-zh');
    await page.getByTestId('import-input').setInputFiles(join(FIXTURE, 'import-broken.geojson'));
    await expect.poll(() => report.getAttribute('data-blocked')).toBe('true');
    await expect(report.textContent()).resolves.toContain('import-broken.geojson');
    const s = await state(page);
    expect(s.summary?.layers.filter((l) => l.file === 'import-broken.geojson')).toEqual([]);
    // the imported layer can be removed again: it leaves the map and every total
    await page.getByTestId('tab-layers').click();
    await page.locator('[data-testid^="remove-import-"]').first().click();
    await expect.poll(async () => (await state(page)).summary?.layers.some((l) => l.kind === 'abandoned')).toBe(false);
  });

  it('exports CSV, XLSX, JSON, GeoJSON and PNG; the JSON totals equal `farmland summary` on the same data', async () => {
    // a fresh page from a copied link: the region comes from the URL
    const p2 = await h.context.newPage();
    await openApp(p2, h.baseUrl, '&region=township:230123100&lang=zh');
    await expect.poll(() => p2.getByTestId('stats-region').textContent()).toBe('示例镇');
    await p2.getByTestId('tab-export').click();
    const save = async (testId: string) => {
      const [dl] = await Promise.all([p2.waitForEvent('download'), p2.getByTestId(testId).click()]);
      const path = join(h.downloads, dl.suggestedFilename());
      await dl.saveAs(path);
      return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
    };
    const cli = await cliSummary(['--region', '230123100']);
    const json = await save('export-json');
    expect(json.name).toBe('farmland-summary-230123100.json');
    const doc = JSON.parse(json.bytes.toString('utf8'));
    expect(doc.metadata.region).toBe('230123100');
    expect(doc.layers.map((l: { file: string; area_m2: number; features: number }) => [l.file, l.area_m2, l.features])).toEqual(cli.layers.map((l) => [l.file, l.area_m2, l.features]));
    const csv = await save('export-csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8')).toContain('耕地');
    const xlsx = await save('export-xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const gj = await save('export-geojson');
    const fc = JSON.parse(gj.bytes.toString('utf8'));
    expect(fc.features.length).toBe(cli.layers.reduce((s, l) => s + l.features, 0));
    const png = await save('export-png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(10_000);
    const layerGj = await save('export-layer-cultivated');
    expect(JSON.parse(layerGj.bytes.toString('utf8')).features.length).toBe(engineLayers()[0].parcels.length);
    // the printable report
    await p2.getByTestId('export-report').click();
    await expect.poll(() => p2.locator('[data-testid="report-page"] img').count()).toBe(1);
    const reportText = (await p2.getByTestId('report-page').textContent()) ?? '';
    expect(reportText).toContain('cultivated.geojson');
    expect(reportText).toContain('CGCS2000');
    // from the keyboard: focus starts on 返回, and Escape goes back to the map
    expect(await p2.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('report-back');
    await p2.keyboard.press('Escape');
    await expect.poll(() => p2.getByTestId('report-page').count()).toBe(0);
    await p2.close();
  });

  it('hover highlights a parcel; tables sort from the keyboard; a link reproduces hidden layers; an online basemap is remembered', async () => {
    // hover: the SVG outline over the map (MapController.drawHover) is drawn around the parcel under the pointer
    const layer = engineLayers()[0];
    const [x0, y0, x1, y1] = layer.parcels[20].bbox;
    await page.getByTestId('tab-stats').click();
    // an import fits the map to the new data (issue 16 §3): come back to the county first
    await page.evaluate((b) => (window as unknown as { __atlas: { store: { getState(): { fitTo(b: number[]): void } } } }).__atlas.store.getState().fitTo(b), [...layer.bbox]);
    await waitMapIdle(page);
    const pt = await page.evaluate(([x, y]) => (window as unknown as { __atlas: { map: { project(c: number[]): { x: number; y: number } } } }).__atlas.map.project([x, y]), [(x0 + x1) / 2, (y0 + y1) / 2]);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + pt.x - 5, box.y + pt.y - 5);
    await page.mouse.move(box.x + pt.x, box.y + pt.y, { steps: 3 });
    const hovered = () =>
      page.getByTestId('hover-outline').evaluate((el, [x, y]) => {
        const d = el.getAttribute('d') ?? '';
        if (!d.startsWith('M')) return 'none';
        const b = (el as SVGPathElement).getBBox();
        // path coordinates are map pixels: the SVG must sit exactly on the map's box for them to land under the pointer
        const svg = (el as SVGPathElement).ownerSVGElement?.getBoundingClientRect();
        const map = document.querySelector('[data-testid="map"]')?.getBoundingClientRect();
        if (!svg || !map || Math.abs(svg.left - map.left) > 0.5 || Math.abs(svg.top - map.top) > 0.5) return `overlay off the map (${svg?.left},${svg?.top} vs ${map?.left},${map?.top})`;
        return b.x <= x && x <= b.x + b.width && b.y <= y && y <= b.y + b.height ? 'around the pointer' : `elsewhere (${b.x},${b.y} ${b.width}×${b.height})`;
      }, [pt.x, pt.y]);
    // hover goes through the worker's index; on a loaded 2-core machine that can take longer than poll's 1 s default
    await expect.poll(hovered, { timeout: 15_000 }).toBe('around the pointer');
    await expect.poll(() => page.getByTestId('cursor').textContent()).toMatch(/°E/);
    // keyboard sorting of the totals table: focus the area header, Enter sorts ascending, Enter again descending
    const table = page.getByTestId('totals-table');
    const areas = async () => (await table.locator('tbody tr td span[data-m2]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-m2')))));
    const header = table.locator('thead th').nth(2);
    await header.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const asc = await areas();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    expect(await areas()).toEqual([...asc].sort((a, b) => b - a));
    // a copied link with hidden layers reproduces them
    const p3 = await h.context.newPage();
    await openApp(p3, h.baseUrl, '&layers=cultivated,eco-redline&lang=zh');
    await p3.getByTestId('tab-layers').click();
    expect(await p3.getByTestId('toggle-cultivated').isChecked()).toBe(true);
    expect(await p3.getByTestId('toggle-permanent-basic').isChecked()).toBe(false);
    expect(await p3.getByTestId('toggle-eco-redline').isChecked()).toBe(true);
    // an XYZ basemap from settings: the map asks for its tiles (blocked here), and the choice survives a reload
    await p3.getByTestId('tab-settings').click();
    await p3.getByLabel('XYZ 栅格瓦片').check();
    await p3.getByPlaceholder('https://…/{z}/{x}/{y}.png').fill('https://tiles.example.test/{z}/{x}/{y}.png');
    await expect.poll(() => h.blocked.some((u) => u.startsWith('https://tiles.example.test/')), { timeout: 20_000 }).toBe(true);
    await p3.reload();
    await p3.getByTestId('tab-settings').click();
    expect(await p3.getByLabel('XYZ 栅格瓦片').isChecked()).toBe(true);
    await p3.getByLabel('离线底图（数据自带边界与地名）').check();
    await p3.close();
    h.blocked.length = 0; // only the basemap test's own requests were blocked
  });

  it('the built site works from a sub-folder of a plain static web server (relative paths)', async () => {
    const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json', '.svg': 'image/svg+xml' };
    const server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      if (!path.startsWith('/intranet/apps/farmland/')) return void res.writeHead(404).end();
      const file = normalize(join(h.outDir, path.slice('/intranet/apps/farmland/'.length) || 'index.html'));
      if (!file.startsWith(h.outDir) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as { port: number }).port;
      const p4 = await h.context.newPage();
      await openApp(p4, `http://127.0.0.1:${port}/intranet/apps/farmland/`, '&lang=zh');
      const engine = summarize(engineLayers(), {});
      await expect.poll(() => p4.getByTestId('total-cultivated').getAttribute('data-m2')).toBe(String(engine.layers[0].net.m2));
      expect((await mapPixelStats(p4)).painted).toBeGreaterThan(0);
      await p4.close();
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('switches to English and keeps the figures', async () => {
    await page.getByTestId('tab-stats').click();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('tab-stats').textContent()).toBe('Statistics');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const m2 = Number(await page.getByTestId('total-cultivated').getAttribute('data-m2'));
    await expect(page.getByTestId('total-cultivated').textContent()).resolves.toBe(formatAreaAuto(m2, 'en'));
    await waitMapIdle(page);
    await page.getByTestId('tab-layers').click();
    await waitMapIdle(page);
    await page.getByTestId('lang-zh').click();
    expect(h.blocked).toEqual([]);
    expect(errors).toEqual([]);
  });
});
