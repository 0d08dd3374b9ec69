/**
 * Issue 16 in Chromium (offline): GDAL is not fetched on the first page load; importing a zipped File Geodatabase
 * into the demo asks, "new workspace" drops the demo, the map fits the new data, GDAL's wasm comes from our own
 * build; a GeoPackage's table is picked by name; after a reload the workspace is back with the same totals.
 * Prints the load time of the first GeoPackage / FileGDB import (GDAL fetch + compile + read) and the IndexedDB
 * quota the browser grants (navigator.storage.estimate()).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceFromZip } from '../../src/state/workspace/file';
import { chromiumAvailable, type Harness, openApp, ROOT, startHarness, waitMapIdle } from './harness';

const GDAL = join(ROOT, 'test', 'fixtures', 'gdal');

interface Snap {
  status: string;
  stats: { kind: string; count: number; areaM2: number }[];
  layers: { origin: string; info: { bbox: number[]; name: string } }[];
}
const state = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as { __atlas: { store: { getState(): Snap } } }).__atlas.store.getState();
    return { status: s.status, stats: s.stats.map((x) => ({ kind: x.kind, count: x.count, areaM2: x.areaM2 })), layers: s.layers.map((l) => ({ origin: l.origin, info: { bbox: l.info.bbox, name: l.info.name } })) };
  });
const mapBounds = (page: Page) =>
  page.evaluate(() => {
    const b = (window as unknown as { __atlas: { map: { getBounds(): { toArray(): number[][] } } } }).__atlas.map.getBounds().toArray();
    return [b[0][0], b[0][1], b[1][0], b[1][1]];
  });
const totalsOf = (s: Snap) => s.stats.map((x) => `${x.kind}:${x.count}:${x.areaM2}`).sort();

describe.skipIf(!chromiumAvailable())('workspace: GeoPackage / FileGDB import, saved and restored (headless Chromium, offline)', () => {
  let h: Harness;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    h.context.on('request', (r) => requests.push(r.url()));
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, h.baseUrl, '&lang=zh');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('first page load fetches nothing of GDAL', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => /gdal3/i.test(u))).toEqual([]);
  });

  it('imports a zipped .gdb into a new workspace; GDAL comes from our build; the map fits the new data', async () => {
    const demo = await state(page);
    expect(demo.layers.some((l) => l.origin === 'manifest')).toBe(true);
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-input').setInputFiles(join(GDAL, 'sandiao.gdb.zip'));
    // Escape answers the question with 取消 (nothing imported); choosing the file again asks again
    await page.getByTestId('workspace-ask').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('workspace-ask').count()).toBe(0);
    const t0 = Date.now();
    await page.getByTestId('import-input').setInputFiles(join(GDAL, 'sandiao.gdb.zip'));
    await page.getByTestId('workspace-new').click();
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.getAttribute('data-blocked'), { timeout: 120_000 }).toBe('false');
    const ms = Date.now() - t0;
    const gdal = requests.filter((u) => /gdal3/i.test(u));
    expect(gdal.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(gdal.every((u) => u.startsWith(h.baseUrl))).toBe(true);
    expect(h.blocked).toEqual([]);
    console.log(`[workspace e2e] first FileGDB import in Chromium (GDAL fetch + compile + read): ${ms} ms`);
    // the tables with alias, count, CRS and kind; the detected CRS with its rule
    await expect.poll(() => page.getByTestId('import-table-DLTB').textContent()).toMatch(/DLTB地类图斑4EPSG:4527.*耕地 \(DLTB 地类图斑\)/);
    await expect.poll(() => page.getByTestId('import-table-STBHHX').textContent()).toContain('生态保护红线');
    await expect.poll(() => page.getByTestId('import-detected-crs').textContent()).toBe('坐标系: EPSG:4527 CGCS2000 / 3-degree Gauss-Kruger zone 39 — 依据: 数据库自带的坐标系定义');
    const s = await state(page);
    expect(s.layers.map((l) => l.origin)).toEqual(['import']);
    // the map went to the new data: its centre lies inside the layer's box, and the box is in view
    await waitMapIdle(page);
    await expect
      .poll(async () => {
        const v = await mapBounds(page);
        const b = s.layers[0].info.bbox;
        return v[0] <= b[0] && v[1] <= b[1] && v[2] >= b[2] && v[3] >= b[3] && v[2] - v[0] < 1;
      })
      .toBe(true);
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('我的数据');
  });

  it('picks a table of a GeoPackage; the totals name their layers; a reload restores the same totals', async () => {
    await page.getByTestId('import-input').setInputFiles(join(GDAL, 'sandiao.gpkg'));
    await expect.poll(() => page.getByTestId('import-detected').textContent(), { timeout: 60_000 }).toMatch(/DLTB.*GeoPackage/);
    await page.getByTestId('import-pick-YJJBNTBHTB').click();
    await expect.poll(() => page.getByTestId('import-detected').textContent(), { timeout: 60_000 }).toMatch(/YJJBNTBHTB.*GeoPackage/);
    await expect.poll(async () => (await state(page)).layers.length).toBe(3);
    // the first table of the .gpkg (DLTB) came in too: remove it, keeping the picked one
    const names = (await state(page)).layers.map((l) => l.info.name);
    expect(names[1]).toMatch(/sandiao\.gpkg#DLTB$/);
    await page.getByTestId('tab-layers').click();
    await page.locator('[data-testid^="remove-import-"]').nth(1).click();
    await expect.poll(async () => (await state(page)).stats.length).toBe(2);
    await page.getByTestId('tab-stats').click();
    await expect.poll(() => page.getByTestId('totals-layers').textContent()).toMatch(/sandiao\.gdb\.zip.*sandiao\.gpkg#YJJBNTBHTB/);
    const before = await state(page);
    const quota = await page.evaluate(async () => {
      const e = await navigator.storage.estimate();
      return { quota: e.quota ?? 0, usage: e.usage ?? 0 };
    });
    console.log(`[workspace e2e] IndexedDB: quota ${(quota.quota / 2 ** 20).toFixed(0)} MiB, used ${(quota.usage / 2 ** 10).toFixed(0)} KiB`);
    expect(quota.usage).toBeGreaterThan(0);

    await page.reload();
    await page.waitForFunction(() => {
      const s = (window as unknown as { __atlas?: { store: { getState(): { status: string; stats: unknown[] } } } }).__atlas?.store.getState();
      return s?.status === 'ready' && s.stats.length === 2;
    }, undefined, { timeout: 120_000 });
    const after = await state(page);
    expect(totalsOf(after)).toEqual(totalsOf(before));
    expect(after.layers.every((l) => l.origin === 'import')).toBe(true);
    await expect.poll(() => page.getByTestId('workspace-notice').textContent()).toMatch(/已恢复上次的工作区「我的数据」：2 个导入图层/);
    // the workspace as one file: the download opens as the same workspace
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workspace-export').click()]);
    const file = await download.path();
    const ws = workspaceFromZip(download.suggestedFilename(), new Uint8Array(readFileSync(file)));
    if ('error' in ws) throw new Error(ws.error);
    expect(ws.kind).toBe('user');
    expect(ws.imports.map((i) => [i.file, i.options.layerName ?? null])).toEqual([
      ['sandiao.gdb.zip', null],
      ['sandiao.gpkg', 'YJJBNTBHTB'],
    ]);
    // "my county": leave one layer out of the totals from the layer list; it stays on the map
    await page.getByTestId('tab-layers').click();
    await page.locator('[data-testid^="intotals-import-"]').first().uncheck();
    await expect.poll(async () => (await state(page)).stats.length).toBe(1);
    expect((await state(page)).layers.length).toBe(2);
    expect(errors).toEqual([]);
    expect(h.blocked).toEqual([]);
  });
});
