/**
 * Issue 18 §2 and §4 in headless Chromium: the scenario report of ANY saved scenario (not only the drawing on the
 * map) — its own site on the map sheet, its centre, its parcels — in the UI's language (zh, then en), printable to
 * A4 (Chromium's PDF, rendered back with pdftoppm); and the short link `#s=<scenarioId>` into this browser's saved
 * scenarios, with a plain message when the id is not saved here. Screenshots: docs/screenshots/scenario-report-*.png.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, collectErrors, type Harness, hasPdftoppm, openApp, ROOT, saveScreenshot, startHarness, waitMapIdle } from './harness';
import { decodePng, shrinkPng } from './pngQuantize';

const SHOTS = join(ROOT, 'docs', 'screenshots');

type Poly = { type: 'Polygon'; coordinates: number[][][] };
const sq = (cx: number, cy: number, r: number): Poly => ({ type: 'Polygon', coordinates: [[[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r], [cx - r, cy - r]]] });
interface W {
  __atlas: {
    map: { getCenter(): { lng: number; lat: number }; getZoom(): number; getStyle(): { layers: { id: string; layout?: { visibility?: string } }[] } };
    store: {
      getState(): {
        lang: string;
        layers: { info: { kind: string; bbox: number[] } }[];
        drawSession?: {
          port: { load(x: unknown): void };
          getState(): { site: { geometry: Poly }[]; scenarioId?: string; full?: unknown; busy: boolean; message?: string; setName(n: string): void; saveScenario(): Promise<{ id: string } | undefined>; newScenario(): void };
        };
      };
    };
  };
}

/** Draw a site (and a supplement) through the drawing port, wait for its figures, save it under a name; its id. */
async function saveScenario(page: Page, name: string, site: Poly, sup: Poly): Promise<string> {
  await page.evaluate(
    ({ site, sup }) => {
      const d = (window as unknown as W).__atlas.store.getState().drawSession!;
      d.getState().newScenario();
      d.port.load({ site: [{ id: `${Math.random()}`, geometry: site }], supplements: [{ id: `${Math.random()}`, geometry: sup }] });
    },
    { site, sup },
  );
  await page.waitForFunction(
    (c) => {
      const d = (window as unknown as W).__atlas.store.getState().drawSession!.getState();
      return d.full !== undefined && !d.busy && d.site.length === 1 && Math.abs(d.site[0].geometry.coordinates[0][0][0] - c) < 1e-6;
    },
    site.coordinates[0][0][0],
    { timeout: 60_000 },
  );
  return page.evaluate(async (name) => {
    const d = (window as unknown as W).__atlas.store.getState().drawSession!;
    d.getState().setName(name);
    const saved = await d.getState().saveScenario();
    return saved!.id;
  }, name);
}

/** Open the report of the scenario `id` from the list; the popup once its map is in. */
async function openReport(page: Page, id: string, errs: string[]): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator(`[data-testid="scenario-item"][data-id="${id}"]`).getByTestId('scenario-print').click()]);
  collectErrors(popup, errs);
  await popup.waitForSelector('[data-testid="report-page"][data-pending="false"]', { timeout: 90_000 });
  await popup.waitForFunction(() => (document.querySelector('[data-testid="report-map"]') as HTMLImageElement | null)?.complete === true, undefined, { timeout: 30_000 });
  return popup;
}

/** Pixels of the report's map image near the drawn site's red (#d7301f), and their mean position (0..1). */
async function siteRed(popup: Page): Promise<{ n: number; x: number; y: number }> {
  const src = (await popup.getByTestId('report-map').getAttribute('src')) ?? '';
  const img = decodePng(new Uint8Array(Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64')));
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (Math.abs(img.rgba[i] - 0xd7) + Math.abs(img.rgba[i + 1] - 0x30) + Math.abs(img.rgba[i + 2] - 0x1f) < 40) {
        n++;
        sx += x / img.width;
        sy += y / img.height;
      }
    }
  return { n, x: n ? sx / n : 0, y: n ? sy / n : 0 };
}

describe.skipIf(!chromiumAvailable())('the scenario report of any saved scenario, and short links', () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];
  let idA = '';
  let idB = '';
  let siteA: Poly;
  let siteB: Poly;

  beforeAll(async () => {
    h = await startHarness();
    page = await h.context.newPage();
    collectErrors(page, errors);
    await openApp(page, h.baseUrl, '&lang=zh');
    await page.waitForFunction(() => (window as unknown as W).__atlas.store.getState().drawSession !== undefined, undefined, { timeout: 60_000 });
    const [x0, y0, x1, y1] = await page.evaluate(() => (window as unknown as W).__atlas.store.getState().layers.find((l) => l.info.kind === 'cultivated')!.info.bbox);
    const w = x1 - x0;
    const hh = y1 - y0;
    siteA = sq(x0 + w * 0.3, y0 + hh * 0.5, w * 0.05);
    siteB = sq(x0 + w * 0.8, y0 + hh * 0.5, w * 0.05);
    idA = await saveScenario(page, '方案甲', siteA, sq(x0 + w * 0.38, y0 + hh * 0.5, w * 0.02));
    idB = await saveScenario(page, '方案乙', siteB, sq(x0 + w * 0.88, y0 + hh * 0.5, w * 0.02));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the report of a scenario that is not on the map: its own site, centre and parcels; the map and drawing put back', async () => {
    const before = await page.evaluate(() => {
      const w = window as unknown as W;
      const c = w.__atlas.map.getCenter();
      const d = w.__atlas.store.getState().drawSession!.getState();
      return { lng: c.lng, lat: c.lat, zoom: w.__atlas.map.getZoom(), current: d.scenarioId, site: JSON.stringify(d.site.map((f) => f.geometry)) };
    });
    expect(before.current).toBe(idB);
    const perrs: string[] = [];
    const popup = await openReport(page, idA, perrs);
    expect(await popup.locator('h1').textContent()).toBe('方案甲');
    const ring = siteA.coordinates[0];
    const cx = (ring[0][0] + ring[1][0]) / 2;
    const cy = (ring[0][1] + ring[2][1]) / 2;
    expect(await popup.getByTestId('report-centre').textContent()).toContain(`${cx.toFixed(6)}°E, ${cy.toFixed(6)}°N`);
    expect(await popup.getByTestId('report-parcels').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await popup.locator('body').textContent()).toMatch(/北京时间 Asia\/Shanghai, UTC\+8/);
    // the map is of 甲's site: its red outline, centred in the map frame (方案乙's site is far outside the frame)
    const red = await siteRed(popup);
    expect(red.n).toBeGreaterThan(500);
    // the map frame is the left ~3/4 of the A4 landscape sheet (centre 0.39, 0.54); the supplement east of the site
    expect(Math.abs(red.x - 0.37)).toBeLessThan(0.15);
    expect(Math.abs(red.y - 0.55)).toBeLessThan(0.15);
    // the map and the drawing are as they were: same view, 方案乙 still drawn, the drawing's layers shown
    const after = await page.evaluate(() => {
      const w = window as unknown as W;
      const c = w.__atlas.map.getCenter();
      const d = w.__atlas.store.getState().drawSession!.getState();
      const hidden = w.__atlas.map.getStyle().layers.filter((l) => (l.id.startsWith('td-') || l.id.startsWith('report-site')) && (l.id.startsWith('report-site') || l.layout?.visibility === 'none')).map((l) => l.id);
      return { lng: c.lng, lat: c.lat, zoom: w.__atlas.map.getZoom(), current: d.scenarioId, site: JSON.stringify(d.site.map((f) => f.geometry)), hidden };
    });
    expect(after.current).toBe(idB);
    expect(after.site).toBe(before.site);
    expect(after.hidden).toEqual([]);
    expect(Math.abs(after.lng - before.lng)).toBeLessThan(1e-6);
    expect(Math.abs(after.zoom - before.zoom)).toBeLessThan(1e-6);
    await popup.setViewportSize({ width: 900, height: 1200 });
    writeFileSync(join(SHOTS, 'scenario-report-other.png'), shrinkPng(new Uint8Array(await popup.screenshot())));
    // printable to A4: Chromium's PDF of the page, A4 paper, a few pages, the map on the first
    const pdf = await popup.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfPath = join(h.downloads, 'report.pdf');
    writeFileSync(pdfPath, pdf);
    if (hasPdftoppm) {
      const info = execFileSync('pdfinfo', [pdfPath]).toString();
      expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeLessThanOrEqual(3);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(h.downloads, 'report-p1')]);
      const p1 = decodePng(new Uint8Array(readFileSync(join(h.downloads, 'report-p1.png'))));
      expect(p1.width).toBeLessThan(p1.height); // portrait
    }
    await popup.close();
    expect(perrs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('in English: the report follows the UI language, one language on the page', async () => {
    await page.getByTestId('lang-en').click();
    const perrs: string[] = [];
    const popup = await openReport(page, idA, perrs);
    expect(await popup.locator('html').getAttribute('lang')).toBe('en');
    const body = (await popup.locator('body').textContent()) ?? '';
    for (const s of ['Project land occupation report', 'Location', 'Site map', 'Parcels touched', 'Data sources and parameters', 'Compiled by (signature)', '(Asia/Shanghai, UTC+8)']) expect(body).toContain(s);
    // the words of the page are English: headings, labels, the sheet's notes; names from the data may be Chinese
    const labels = await popup.locator('h2, th, .meta, .sign div, button, .ok, .red, .amber').allTextContents();
    for (const t of labels) expect(t.replace('方案甲', '')).not.toMatch(/[\u3400-\u9fff]/);
    const parcelClasses = await popup.locator('[data-testid="report-parcels"] tbody tr td:nth-child(3)').allTextContents();
    for (const t of parcelClasses) expect(t).not.toMatch(/[\u3400-\u9fff]/);
    expect((await siteRed(popup)).n).toBeGreaterThan(500);
    await popup.setViewportSize({ width: 900, height: 1200 });
    writeFileSync(join(SHOTS, 'scenario-report-en.png'), shrinkPng(new Uint8Array(await popup.screenshot())));
    await popup.close();
    await page.getByTestId('lang-zh').click();
    expect(perrs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a short link #s=<id> opens the saved scenario in this browser (on load and when pasted), the hash then dropped', async () => {
    await page.locator(`[data-testid="scenario-item"][data-id="${idA}"]`).getByTestId('scenario-link').click();
    const href = (await page.getByTestId('scenario-link-text').inputValue()) ?? '';
    expect(href).toContain(`#s=${idA}`);
    expect(href).not.toMatch(/[?&]site=/);
    expect(href.length).toBeLessThan(300);
    // a new tab of this browser (same profile: same saved scenarios)
    const p2 = await h.context.newPage();
    const errs = collectErrors(p2);
    await p2.goto(href);
    await p2.waitForFunction((id) => (window as unknown as W).__atlas?.store.getState().drawSession?.getState().scenarioId === id, idA, { timeout: 120_000 });
    await expect.poll(() => p2.getByTestId('draw-message').getAttribute('data-code')).toBe('linkOpened');
    const site = await p2.evaluate(() => JSON.stringify((window as unknown as W).__atlas.store.getState().drawSession!.getState().site.map((f) => f.geometry)));
    // the drawing keeps 9 decimals (terra-draw's precision): the same site to 1e-8°
    const got = (JSON.parse(site) as Poly[]).map((g) => g.coordinates[0].flat());
    expect(got.length).toBe(1);
    const want = siteA.coordinates[0].flat();
    expect(got[0].length).toBe(want.length);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[0][i] - want[i])).toBeLessThan(1e-8);
    await expect.poll(() => p2.evaluate(() => location.hash)).toBe('');
    await waitMapIdle(p2);
    await saveScreenshot(p2, join(SHOTS, 'short-link-opened.png'));
    // pasted into a tab already open: 乙 by its hash
    await p2.evaluate((id) => {
      location.hash = `s=${id}`;
    }, idB);
    await p2.waitForFunction((id) => (window as unknown as W).__atlas.store.getState().drawSession?.getState().scenarioId === id, idB, { timeout: 30_000 });
    await p2.close();
    expect(errs).toEqual([]);
  });

  it('a short link to a scenario not saved in this browser says so, in the UI language', async () => {
    const p3 = await h.context.newPage();
    const errs = collectErrors(p3);
    await p3.goto(`${h.baseUrl}?manifest=fixtures/e2e/manifest.json&lang=en#s=s-not-here-1`);
    await p3.waitForFunction(() => (window as unknown as W).__atlas?.store.getState().drawSession !== undefined, undefined, { timeout: 120_000 });
    await expect.poll(() => p3.getByTestId('draw-message').getAttribute('data-code'), { timeout: 30_000 }).toBe('linkMissing');
    const text = (await p3.getByTestId('draw-message').textContent()) ?? '';
    expect(text).toContain('not saved in this browser');
    expect(text).not.toMatch(/[\u3400-\u9fff]/);
    await saveScreenshot(p3, join(SHOTS, 'short-link-missing-en.png'));
    await p3.close();
    expect(errs).toEqual([]);
  });
});
