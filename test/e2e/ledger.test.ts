/**
 * Issue 15 in the browser, on the demo data: the 耕地 card and the target line switch between 地类面积 (default)
 * and 图斑面积 with the setting, and a township filter shows the red line clipped to that township — its area
 * equal to the engine's clip (analysis/regionClip.ts, run here in Node) within 1e-6.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipLayerToBoundary } from '../../src/core/analysis/regionClip';
import { summarizeLayer } from '../../src/core/analysis/summary';
import { loadLayerFromGeoJson } from '../../src/core/engine/loadLayer';
import type { AreaGeometry } from '../../src/core/types';
import { chromiumAvailable, type Harness, openApp, ROOT, startHarness } from './harness';

const DEMO = join(ROOT, 'data', 'demo');
const TOWN = '231299201'; // 振兴乡, the hilly township: KCXS 0.02–0.15

interface UiSummary {
  basis: string;
  layers: { kind: string; area: { m2: number }; net: { m2: number }; regionRule?: string }[];
}
const uiSummary = (page: Page) =>
  page.evaluate(() => (window as unknown as { __atlas: { store: { getState(): { summary: UiSummary } } } }).__atlas.store.getState().summary);

describe.skipIf(!chromiumAvailable() || !existsSync(join(DEMO, 'manifest.json')))('地类面积 and true region filters in the dashboard', () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, h.baseUrl, 'lang=zh', null);
    await page.getByTestId('tab-stats').click();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the 耕地 card and its target line use 地类面积 by default and 图斑面积 when the setting says so', async () => {
    const gd = loadLayerFromGeoJson('cultivated', 'cultivated.geojson', readFileSync(join(DEMO, 'cultivated.geojson'))).layer;
    const s = summarizeLayer(gd);
    expect(s.net.m2).toBeLessThan(s.area.m2 * 0.995); // the demo's hilly townships deduct 田坎
    const card = page.getByTestId('total-cultivated');
    await expect.poll(() => card.getAttribute('data-basis')).toBe('net');
    const netUi = Number(await card.getAttribute('data-m2'));
    expect(Math.abs(netUi / s.net.m2 - 1)).toBeLessThan(1e-9);
    const target = page.getByTestId('target-cultivated');
    const achievedNet = Number(await target.getAttribute('data-achieved-mu'));
    expect(Math.abs(achievedNet / ((s.net.m2 * 3) / 2000) - 1)).toBeLessThan(1e-9);
    await expect(page.getByTestId('stats-basis').textContent()).resolves.toContain('地类面积');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('basis-polygon').check();
    await page.getByTestId('tab-stats').click();
    await expect.poll(() => page.getByTestId('total-cultivated').getAttribute('data-basis'), { timeout: 30_000 }).toBe('polygon');
    const polyUi = Number(await page.getByTestId('total-cultivated').getAttribute('data-m2'));
    expect(Math.abs(polyUi / s.area.m2 - 1)).toBeLessThan(1e-9);
    const achievedPoly = Number(await page.getByTestId('target-cultivated').getAttribute('data-achieved-mu'));
    expect(Math.abs(achievedPoly / ((s.area.m2 * 3) / 2000) - 1)).toBeLessThan(1e-9);
    expect(achievedPoly).toBeGreaterThan(achievedNet);
    await expect(page.getByTestId('stats-basis').textContent()).resolves.toContain('图斑面积');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('basis-net').check();
    await page.getByTestId('tab-stats').click();
    await expect.poll(() => page.getByTestId('total-cultivated').getAttribute('data-basis'), { timeout: 30_000 }).toBe('net');
  });

  it('a township filter clips the red line to the township: area equal to the engine’s clip within 1e-6', async () => {
    const hx = loadLayerFromGeoJson('eco-redline', 'eco-redline.geojson', readFileSync(join(DEMO, 'eco-redline.geojson'))).layer;
    const towns = JSON.parse(readFileSync(join(DEMO, 'townships.geojson'), 'utf8')) as { features: { properties: { XZQDM: string }; geometry: AreaGeometry }[] };
    const town = towns.features.find((f) => f.properties.XZQDM === TOWN)!;
    const clipped = clipLayerToBoundary(hx, town.geometry).layer.grossAreaM2;
    expect(clipped).toBeGreaterThan(0);
    expect(clipped).toBeLessThan(hx.grossAreaM2 * 0.999);

    await page.getByTestId('region-select').selectOption(`township:${TOWN}`);
    await expect.poll(async () => (await uiSummary(page)).layers.find((l) => l.kind === 'eco-redline')?.regionRule, { timeout: 60_000 }).toBe('boundary');
    const red = (await uiSummary(page)).layers.find((l) => l.kind === 'eco-redline')!;
    expect(Math.abs(red.area.m2 / clipped - 1)).toBeLessThan(1e-6);
    // the totals table shows that figure, marked as clipped by boundary
    const cell = page.locator(`[data-testid="totals-table"] span[data-rule="boundary"][data-m2="${red.area.m2}"]`);
    await expect.poll(() => cell.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('clipped-note').isVisible()).resolves.toBe(true);
    // layers with region codes are filtered by code
    expect((await uiSummary(page)).layers.find((l) => l.kind === 'cultivated')?.regionRule).toBe('code');
    expect(errors).toEqual([]);
  });
});
