/**
 * Issue 18 §4 in headless Chromium: a copied link reproduces the analysis. In one browser: fade a layer, colour
 * 耕地 by grade, select a parcel, draw a site and a supplement; the address bar follows. The same URL opened in a
 * fresh browser (another profile: no storage, no draft) shows the same opacity, colouring, selected parcel, drawn
 * site and the same figures (site area, duty, balance verdicts). And after a reload "已恢复上次未保存的绘制" shows
 * only while the drawing is unsaved.
 */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumAvailable, firstParcelPoint, type Harness, openApp, ROOT, saveScreenshot, startHarness, waitMapIdle } from './harness';

const SHOTS = join(ROOT, 'docs', 'screenshots');
type Bbox = [number, number, number, number];

const figures = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as {
      __atlas: {
        store: {
          getState(): {
            layers: { info: { id: string }; opacity: number }[];
            settings: { cultivatedStyle: string };
            selection: { layerId: string; id: string }[];
            drawSession?: { getState(): { site: unknown[]; supplements: unknown[]; full?: { siteAreaMu: number }; balance?: { verdicts?: string[]; pass: boolean } } };
            summary?: { layers: { area: { m2: number } }[] };
          };
        };
      };
    };
    const s = w.__atlas.store.getState();
    const d = s.drawSession?.getState();
    return {
      opacity: Object.fromEntries(s.layers.map((l) => [l.info.id, Math.round(l.opacity * 100) / 100])),
      style: s.settings.cultivatedStyle,
      selection: s.selection.map((h) => `${h.layerId}#${h.id}`).sort(),
      site: d?.site.length ?? 0,
      supplements: d?.supplements.length ?? 0,
      siteMu: Number(document.querySelector('[data-testid="report-site"]')?.getAttribute('data-mu') ?? Number.NaN),
      balance: d?.balance ? { pass: d.balance.pass, verdicts: d.balance.verdicts } : undefined,
      totals: s.summary?.layers.map((l) => l.area.m2),
    };
  });

async function waitDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __atlas: { store: { getState(): { selection: unknown[]; drawSession?: { getState(): { full?: unknown; balance?: unknown; busy: boolean } } } } } };
      const s = w.__atlas.store.getState();
      const d = s.drawSession?.getState();
      return s.selection.length > 0 && d?.full !== undefined && d.balance !== undefined && !d.busy;
    },
    undefined,
    { timeout: 60_000 },
  );
}

describe.skipIf(!chromiumAvailable())('links that reproduce the analysis', () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];
  let link = '';

  beforeAll(async () => {
    h = await startHarness();
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await openApp(page, h.baseUrl, '&lang=zh');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the address bar carries opacity, colouring, the selected parcel, the drawn site and supplement', async () => {
    await page.waitForFunction(() => (window as unknown as { __atlas: { store: { getState(): { drawSession?: unknown } } } }).__atlas.store.getState().drawSession !== undefined, undefined, { timeout: 60_000 });
    const bbox = await page.evaluate(() => {
      const s = (window as unknown as { __atlas: { store: { getState(): { layers: { info: { id: string; kind: string; bbox: number[] } }[] } } } }).__atlas.store.getState();
      return s.layers.find((l) => l.info.kind === 'cultivated')!.info.bbox;
    });
    const [x0, y0, x1, y1] = bbox as Bbox;
    const sq = (cx: number, cy: number, r: number) => ({ type: 'Polygon', coordinates: [[[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r], [cx - r, cy - r]]] });
    const w = x1 - x0;
    const hgt = y1 - y0;
    await page.evaluate(
      ({ site, sup, sel }) => {
        const s = (window as unknown as { __atlas: { store: { getState(): Record<string, (...a: unknown[]) => unknown> & { layers: { info: { id: string; kind: string } }[]; drawSession: { port: { load(x: unknown): void } } } } } }).__atlas.store.getState();
        const gd = s.layers.find((l) => l.info.kind === 'cultivated')!.info.id;
        s.setOpacity(gd, 0.35);
        s.setSettings({ cultivatedStyle: 'grade' });
        void s.inspectAt(sel[0], sel[1]);
        s.drawSession.port.load({ site: [{ id: 'e2e-site', geometry: site }], supplements: [{ id: 'e2e-sup', geometry: sup }] });
      },
      { site: sq(x0 + w * 0.4, y0 + hgt * 0.5, w * 0.12), sup: sq(x0 + w * 0.05, y0 + hgt * 0.05, w * 0.04), sel: firstParcelPoint() },
    );
    await waitDrawn(page);
    await page.waitForFunction(() => /[?&]site=/.test(location.search) && /[?&]sup=/.test(location.search) && /[?&]sel=/.test(location.search) && /[?&]style=grade/.test(location.search) && /[?&]op=/.test(location.search), undefined, { timeout: 10_000 });
    link = await page.evaluate(() => location.href);
    expect(link.length).toBeLessThan(2000);
    expect(errors).toEqual([]);
  });

  it('opened in a fresh browser, the link shows the same layers, colouring, selection, drawing and figures', async () => {
    const first = await figures(page);
    expect(first.site).toBe(1);
    expect(first.supplements).toBe(1);
    expect(first.siteMu).toBeGreaterThan(0);
    const fresh = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'farmland-link-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking', '--no-first-run'],
    });
    // offline like the harness: nothing but localhost
    await fresh.route('**/*', (route) => {
      const u = new URL(route.request().url());
      return u.hostname === '127.0.0.1' || u.protocol === 'blob:' || u.protocol === 'data:' ? route.continue() : route.abort('blockedbyclient');
    });
    try {
      const p2 = await fresh.newPage();
      const errs: string[] = [];
      p2.on('pageerror', (e) => errs.push(e.message));
      p2.on('console', (m) => {
        if (m.type() === 'error') errs.push(m.text());
      });
      await p2.goto(link);
      await p2.waitForFunction(() => (window as unknown as { __atlas?: { store: { getState(): { status: string } } } }).__atlas?.store.getState().status === 'ready', undefined, { timeout: 120_000 });
      await waitDrawn(p2);
      await waitMapIdle(p2);
      const second = await figures(p2);
      expect(second.opacity).toEqual(first.opacity);
      expect(second.style).toBe('grade');
      expect(second.selection).toEqual(first.selection);
      expect(second.site).toBe(1);
      expect(second.supplements).toBe(1);
      // coordinates travel at 6 decimals (~0.1 m): the same figures to 1e-4 relative
      expect(Math.abs((second.siteMu ?? 0) - (first.siteMu ?? 0)) / (first.siteMu ?? 1)).toBeLessThan(1e-4);
      expect(second.balance?.pass).toBe(first.balance?.pass);
      expect(second.balance?.verdicts).toEqual(first.balance?.verdicts);
      expect(second.totals).toEqual(first.totals);
      // no "restored unsaved drawing" in a fresh browser: the drawing came from the link
      expect(await p2.getByTestId('draw-message').count()).toBe(0);
      await saveScreenshot(p2, join(SHOTS, 'link-restored.png'));
      expect(errs).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('after a reload "已恢复上次未保存的绘制" shows only while the drawing is unsaved', async () => {
    // same profile, the link without its drawing: the autosaved draft comes back, unsaved
    await openApp(page, h.baseUrl, '&lang=zh');
    await page.waitForFunction(() => (window as unknown as { __atlas: { store: { getState(): { drawSession?: { getState(): { site: unknown[] } } } } } }).__atlas.store.getState().drawSession?.getState().site.length === 1, undefined, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('draw-message').getAttribute('data-code')).toBe('draftRestored');
    await page.getByTestId('scenario-name').fill('链接测试');
    await page.getByTestId('scenario-save').click();
    await page.waitForFunction(() => (window as unknown as { __atlas: { store: { getState(): { drawSession?: { getState(): { scenarioId?: string } } } } } }).__atlas.store.getState().drawSession?.getState().scenarioId !== undefined, undefined, { timeout: 30_000 });
    await page.waitForTimeout(500); // the draft write after the save
    await openApp(page, h.baseUrl, '&lang=zh');
    await page.waitForFunction(() => (window as unknown as { __atlas: { store: { getState(): { drawSession?: { getState(): { site: unknown[] } } } } } }).__atlas.store.getState().drawSession?.getState().site.length === 1, undefined, { timeout: 60_000 });
    await page.waitForTimeout(300);
    expect(await page.getByTestId('draw-message').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('the scenario report: a styled page with the site map, location, parcels touched, margins and a signature block; A4 PDF', async () => {
    // the saved scenario is the drawing on the map (previous test): its report gets the map and the parcels
    const item = page.getByTestId('draw-scenarios').locator('li').first();
    const [popup] = await Promise.all([page.waitForEvent('popup'), item.getByTestId('scenario-print').click()]);
    const perrs: string[] = [];
    popup.on('console', (m) => {
      if (m.type() === 'error') perrs.push(m.text());
    });
    await popup.waitForSelector('[data-testid="report-map"]', { timeout: 60_000 });
    await popup.waitForFunction(() => (document.querySelector('[data-testid="report-map"]') as HTMLImageElement | null)?.complete === true);
    expect(await popup.locator('h1').textContent()).toBe('链接测试');
    expect(await popup.getByTestId('report-centre').textContent()).toMatch(/^\d+\.\d{6}°E, \d+\.\d{6}°N/);
    expect(await popup.getByTestId('report-parcels').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await popup.locator('body').textContent()).toMatch(/北京时间 Asia\/Shanghai, UTC\+8/);
    expect(await popup.locator('body').textContent()).toContain('编制人（签字）');
    const site = Number(await popup.locator('tr[data-key="siteAreaMu"] td[data-value]').getAttribute('data-value'));
    expect(site).toBeGreaterThan(0);
    await popup.setViewportSize({ width: 900, height: 1200 });
    await saveScreenshot(popup, join(SHOTS, 'scenario-report.png')).catch(async () => {
      // the popup has no map of its own: a plain screenshot
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(SHOTS, 'scenario-report.png'), await popup.screenshot({ fullPage: false }));
    });
    const pdf = await popup.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(perrs).toEqual([]);
    await popup.close();
    expect(errors).toEqual([]);
  });
});
