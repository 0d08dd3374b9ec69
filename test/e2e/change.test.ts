/**
 * The 变化 tab in Chromium: load the demo's two vintages (data/demo/change-2023/2024.geojson, served with the
 * built site), check the matrix against `farmland change --json` on the same files (1e-6 relative), toggle
 * before/after, and click a change piece on the map to see both parcels' attributes side by side.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { fakeIO } from '../helpers/fakeIO';
import { chromiumAvailable, type Harness, openApp, ROOT, startHarness, waitMapIdle } from './harness';

const DEMO = join(ROOT, 'data', 'demo');

async function cliChange(
  extra: string[] = [],
): Promise<{ matrix: { from: string; to: string; area_m2: number }[]; cultivated: { inflow_m2: number; outflow_m2: number; net_m2: number }; regions: { region: string; net_m2: number }[] }> {
  const f = fakeIO({}, { fallback: (p) => new Uint8Array(readFileSync(p)) });
  const code = await runCli(['change', '--before', join(DEMO, 'change-2023.geojson'), '--after', join(DEMO, 'change-2024.geojson'), '--json', ...extra], f.io);
  expect(code, f.err()).toBe(0);
  return JSON.parse(f.out());
}

describe.skipIf(!chromiumAvailable() || !existsSync(join(DEMO, 'change-2023.geojson')))('变化 tab on the demo vintages', () => {
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

  it('overlays the two vintages in the worker and shows the matrix `farmland change` prints', async () => {
    const cli = await cliChange();
    await page.click('[data-testid="tab-change"]');
    await page.click('[data-testid="change-demo"]');
    await page.waitForSelector('[data-testid="change-matrix"] tbody tr', { timeout: 120_000 });
    const rows = await page.$$eval('[data-testid="change-matrix"] tbody tr', (trs) =>
      trs.map((tr) => ({ from: tr.getAttribute('data-from'), to: tr.getAttribute('data-to'), m2: Number(tr.getAttribute('data-m2')) })),
    );
    expect(rows.length).toBe(cli.matrix.length);
    for (const c of cli.matrix) {
      const r = rows.find((x) => x.from === c.from && x.to === c.to);
      expect(r, `${c.from}→${c.to}`).toBeDefined();
      expect(Math.abs((r?.m2 ?? 0) - c.area_m2) / c.area_m2, `${c.from}→${c.to}`).toBeLessThan(1e-6);
    }
    const cult = await page.$eval('[data-testid="change-cultivated"]', (el) => ({ inflow: Number(el.getAttribute('data-inflow-m2')), outflow: Number(el.getAttribute('data-outflow-m2')) }));
    expect(Math.abs(cult.inflow - cli.cultivated.inflow_m2) / cli.cultivated.inflow_m2).toBeLessThan(1e-6);
    expect(Math.abs(cult.outflow - cli.cultivated.outflow_m2) / cli.cultivated.outflow_m2).toBeLessThan(1e-6);
    // the heat table holds the same flows by 一级 class: 01 耕地 → 06 工矿用地 is one of them
    const heat = await page.textContent('[data-testid="change-heat"]');
    expect(heat).toContain('06');
    expect(errors).toEqual([]);
  });

  it('toggles before/after and shows both parcels of a clicked change piece side by side', async () => {
    await waitMapIdle(page);
    await page.click('[data-testid="change-side-before"]');
    const vis = await page.evaluate(() => {
      const m = (window as unknown as { __atlas: { map: { getLayoutProperty(l: string, p: string): string } } }).__atlas.map;
      return [m.getLayoutProperty('change-before-fill', 'visibility'), m.getLayoutProperty('change-after-fill', 'visibility')];
    });
    expect(vis).toEqual(['visible', 'none']);
    await page.click('[data-testid="change-side-after"]');
    await waitMapIdle(page);
    // a point inside a rendered change piece of the 工业用地 kind (lost to construction), in page pixels
    const pt = await page.evaluate(() => {
      const m = (window as unknown as {
        __atlas: { map: { queryRenderedFeatures(o: object): { properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][][] | number[][][][] } }[]; project(p: number[]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } };
      }).__atlas.map;
      const fs = m.queryRenderedFeatures({ layers: ['change-pieces-fill'] }).filter((f) => f.properties.to === '0601');
      const f = fs[0];
      if (!f) return null;
      const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : (f.geometry.coordinates as number[][][][])[0][0]) as number[][];
      const n = ring.length - 1;
      const c = [ring.slice(0, n).reduce((s, p) => s + p[0], 0) / n, ring.slice(0, n).reduce((s, p) => s + p[1], 0) / n];
      const px = m.project(c);
      const r = m.getCanvas().getBoundingClientRect();
      return { x: r.left + px.x, y: r.top + px.y, piece: f.properties.piece };
    });
    expect(pt, 'a 0601 change piece is on screen').not.toBeNull();
    await page.mouse.click(pt!.x, pt!.y);
    await page.waitForSelector('[data-testid="change-compare"]', { timeout: 15_000 });
    const text = await page.textContent('[data-testid="change-compare"]');
    expect(text).toContain('0103 → 0601');
    const dlbm = await page.$$eval('[data-testid="change-compare"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)).find((r) => r[0] === 'DLBM'));
    expect(dlbm).toEqual(['DLBM', '0103', '0601']);
    expect(errors).toEqual([]);
  });

  it('filters by region and level like `farmland change --region … --level village --json`', async () => {
    const REGION = '231299100208';
    const cli = await cliChange(['--region', REGION, '--level', 'village']);
    const all = await cliChange();
    expect(cli.cultivated.net_m2).not.toBeCloseTo(all.cultivated.net_m2, 0); // the filter changes the answer
    await page.fill('[data-testid="change-region"]', REGION);
    await page.selectOption('[data-testid="change-level"]', 'village');
    await page.click('[data-testid="change-apply"]');
    await page.waitForFunction((net) => {
      const el = document.querySelector('[data-testid="change-cultivated"]');
      return el !== null && Math.abs(Number(el.getAttribute('data-net-m2')) - net) <= 1e-6 * Math.max(1, Math.abs(net));
    }, cli.cultivated.net_m2, { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid="change-matrix"] tbody tr', (trs) =>
      trs.map((tr) => ({ from: tr.getAttribute('data-from'), to: tr.getAttribute('data-to'), m2: Number(tr.getAttribute('data-m2')) })),
    );
    expect(rows.length).toBe(cli.matrix.length);
    for (const c of cli.matrix) {
      const r = rows.find((x) => x.from === c.from && x.to === c.to);
      expect(Math.abs((r?.m2 ?? 0) - c.area_m2) / Math.max(1, c.area_m2), `${c.from}→${c.to}`).toBeLessThan(1e-6);
    }
    const regions = await page.$$eval('[data-testid="change-regions"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(regions).toEqual(cli.regions.map((r) => r.region));
    // the demo names its villages (ZLDWMC) and townships: each row's name stands beside its code
    // the loaded data here is the e2e fixture's county (230123), which names none of the demo vintages' 231299…
    // regions: the table shows codes only (the naming itself is unit-tested in ui/change/regionNamer.test.ts)
    const heads = await page.$$eval('[data-testid="change-regions"] thead th', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(heads.some((h) => h.includes('名称'))).toBe(false);
    expect(errors).toEqual([]);
  });
  it('exports the shown region as `farmland change --json` writes it (same figures, file named by the region)', async () => {
    const REGION = '231299100208';
    const cli = await cliChange(['--region', REGION, '--level', 'village']);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('change-export-json').click()]);
    expect(dl.suggestedFilename()).toBe(`farmland-change-${REGION}.json`);
    const path = join(h.downloads, dl.suggestedFilename());
    await dl.saveAs(path);
    const got = JSON.parse(readFileSync(path, 'utf8')) as typeof cli & { metadata: { region?: string } };
    expect(got.metadata.region).toBe(REGION);
    // the browser's floating point differs from Node's in the last digits: 1e-9 relative, as the tab's own figures
    expect(got.matrix.map((c) => `${c.from}>${c.to}`)).toEqual(cli.matrix.map((c) => `${c.from}>${c.to}`));
    for (const [i, c] of got.matrix.entries()) expect(Math.abs(c.area_m2 - cli.matrix[i].area_m2) / Math.max(1, cli.matrix[i].area_m2), `${c.from}→${c.to}`).toBeLessThan(1e-9);
    expect(Math.abs(got.cultivated.net_m2 - cli.cultivated.net_m2) / Math.max(1, Math.abs(cli.cultivated.net_m2))).toBeLessThan(1e-9);
    const [xl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('change-export-xlsx').click()]);
    expect(xl.suggestedFilename()).toBe(`farmland-change-${REGION}.xlsx`);
    expect(errors).toEqual([]);
  });

  it('with the demo county loaded (the default data), names each region of the flows table beside its code', async () => {
    const demo = await h.context.newPage();
    const demoErrors: string[] = [];
    demo.on('pageerror', (e) => demoErrors.push(e.message));
    await openApp(demo, h.baseUrl, 'lang=zh', null);
    await demo.click('[data-testid="tab-change"]');
    await demo.click('[data-testid="change-demo"]');
    await demo.waitForSelector('[data-testid="change-regions"] tbody tr', { timeout: 120_000 });
    const heads = await demo.$$eval('[data-testid="change-regions"] thead th', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(heads.slice(0, 2)).toEqual(['区域代码', '名称']);
    const rows = await demo.$$eval('[data-testid="change-regions"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.length).toBeGreaterThan(0);
    // 2312991002080000000 is 十锋村 (ZLDWMC) in the demo's parcels; every row has a Chinese name, none a bare code
    const byCode = new Map(rows.map((r) => [r[0], r[1]]));
    if (byCode.has('231299100208')) expect(byCode.get('231299100208')).toBe('十锋村');
    for (const r of rows) expect(r[1], r[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(demoErrors).toEqual([]);
    await demo.close();
  });
});
