/**
 * The quality indicators in headless Chromium: the 高标准农田 coverage card shows the engine's figure — equal to
 * `farmland summary --json` (run in-process on the same files) within 1e-6 — for the whole data and for a township;
 * the toggle highlights the remainder (永久基本农田 not yet in 高标准农田) on the map in its own colour; the XLSX export
 * carries the indicator sheets with the same figure.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { fakeIO } from '../helpers/fakeIO';
import { chromiumAvailable, FIXTURE, type Harness, openApp, ROOT, saveScreenshot, startHarness, waitMapIdle } from './harness';

interface CliIndicators {
  permanent_basic_m2: number;
  permanent_basic_in_high_standard_m2: number;
  permanent_basic_in_high_standard_share: number;
  permanent_basic_remainder_parcels: number;
}

async function cliIndicators(args: string[] = []): Promise<CliIndicators> {
  const f = fakeIO({}, { now: new Date('2026-01-01T00:00:00Z'), fallback: (p) => new Uint8Array(readFileSync(p)) });
  const code = await runCli(['summary', '--manifest', join(FIXTURE, 'manifest.json'), '--json', ...args], f.io);
  expect(code, f.err()).toBeLessThanOrEqual(1);
  return JSON.parse(f.out()).indicators;
}

/** Map canvas pixels (every 4th) within a small distance of a colour. */
function colourPixels(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.evaluate((c) => {
    const w = window as unknown as { __atlas: { map: { getCanvas(): HTMLCanvasElement } } };
    const src = w.__atlas.map.getCanvas();
    const cv = document.createElement('canvas');
    cv.width = src.width;
    cv.height = src.height;
    const ctx = cv.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const d = ctx.getImageData(0, 0, cv.width, cv.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 16) if (Math.abs(d[i] - c[0]) + Math.abs(d[i + 1] - c[1]) + Math.abs(d[i + 2] - c[2]) < 60) n++;
    return n;
  }, rgb);
}

const card = (page: Page) => page.getByTestId('card-hs-coverage');
const num = async (page: Page, attr: string) => Number(await card(page).getAttribute(attr));

describe.skipIf(!chromiumAvailable())('quality indicators in headless Chromium (offline)', () => {
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

  it('shows the 高标准农田 coverage card with the figure of `farmland summary --json`', async () => {
    const cli = await cliIndicators();
    expect(cli.permanent_basic_in_high_standard_share).toBeGreaterThan(0.05);
    expect(cli.permanent_basic_in_high_standard_share).toBeLessThan(0.95);
    await expect.poll(() => card(page).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => num(page, 'data-share'), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(Math.abs((await num(page, 'data-share')) - cli.permanent_basic_in_high_standard_share)).toBeLessThan(1e-6);
    expect(Math.abs((await num(page, 'data-m2')) - cli.permanent_basic_in_high_standard_m2) / cli.permanent_basic_m2).toBeLessThan(1e-6);
    expect(await num(page, 'data-remainder-parcels')).toBe(cli.permanent_basic_remainder_parcels);
    const shown = (await page.getByTestId('hs-coverage-share').textContent()) ?? '';
    expect(shown).toBe(`${(cli.permanent_basic_in_high_standard_share * 100).toFixed(2)}%`);
    expect(errors).toEqual([]);
  });

  it('highlights the remainder on the map when asked, and hides it again', async () => {
    const RED: [number, number, number] = [0xe8, 0x17, 0x5d];
    await waitMapIdle(page);
    const before = await colourPixels(page, RED);
    await page.getByTestId('toggle-remainder').check();
    await expect.poll(() => page.locator('[data-remainder-shown]').getAttribute('data-remainder-shown')).toBe('true');
    await waitMapIdle(page);
    const after = await colourPixels(page, RED);
    expect(after).toBeGreaterThan(before + 200);
    await saveScreenshot(page, join(ROOT, 'docs', 'screenshots', 'indicators-remainder.png'));
    // the highlighted features are the engine's candidates, one per remainder parcel
    const cli = await cliIndicators();
    const n = await page.evaluate(() => (window as unknown as { __atlas: { store: { getState(): { remainder?: { features: unknown[] } } } } }).__atlas.store.getState().remainder?.features.length);
    expect(n).toBe(cli.permanent_basic_remainder_parcels);
    await page.getByTestId('toggle-remainder').uncheck();
    await waitMapIdle(page);
    expect(await colourPixels(page, RED)).toBeLessThan(before + 50);
  });

  it('follows the region filter: a township equals `farmland summary --region`', async () => {
    const code = '230123101';
    const cli = await cliIndicators(['--region', code]);
    await page.evaluate((c) => (window as unknown as { __atlas: { store: { getState(): { setRegion(r: unknown): void } } } }).__atlas.store.getState().setRegion({ level: 'township', code: c }), code);
    await expect.poll(async () => Math.abs((await num(page, 'data-share')) - cli.permanent_basic_in_high_standard_share)).toBeLessThan(1e-6);
    expect(Math.abs((await num(page, 'data-pb-m2')) - cli.permanent_basic_m2) / cli.permanent_basic_m2).toBeLessThan(1e-6);
    await page.evaluate(() => (window as unknown as { __atlas: { store: { getState(): { setRegion(r: unknown): void } } } }).__atlas.store.getState().setRegion(undefined));
  });

  it('the XLSX export has the indicator sheets with the same figure', async () => {
    const b64 = await page.evaluate(async () => {
      const r = await (window as unknown as { __atlas: { store: { getState(): { exportSummary(f: string): Promise<{ bytes: ArrayBuffer }> } } } }).__atlas.store.getState().exportSummary('xlsx');
      let s = '';
      const u = new Uint8Array(r.bytes);
      for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);
      return btoa(s);
    });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
    const names = wb.worksheets.map((s) => s.name);
    for (const n of ['高标准覆盖', '建设候选', '黑土地', '盐碱耕地', '撂荒地', '经济奖惩']) expect(names).toContain(n);
    const rows = wb.getWorksheet('高标准覆盖')!.getSheetValues() as unknown[][];
    const sel = rows.find((r) => Array.isArray(r) && r[1] === '所选')!;
    const cli = await cliIndicators();
    expect(Math.abs(Number(sel[7]) - cli.permanent_basic_in_high_standard_share)).toBeLessThan(1e-6);
    const cand = wb.getWorksheet('建设候选')!.getSheetValues() as unknown[][];
    expect(cand.filter((r) => Array.isArray(r) && typeof r[1] === 'number').length).toBe(cli.permanent_basic_remainder_parcels);
  });
});
