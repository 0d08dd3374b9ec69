/**
 * Issue 18 §3, §5, §6 in headless Chromium: the layout at a phone, a tablet (portrait and landscape), a laptop, a
 * desktop and a wall screen (no control off screen, the map at least half the viewport and mostly uncovered, no
 * horizontal scroll), the inspect panel never covering the parcel just clicked, the legend on the map,
 * the zoom-to glyph, and words and numbers in one language. Screenshots go to docs/screenshots/layout-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, firstParcelPoint, type Harness, openApp, ROOT, saveScreenshot, startHarness, waitMapIdle } from './harness';

const SHOTS = join(ROOT, 'docs', 'screenshots');

interface LayoutFacts {
  scrollX: number;
  offscreen: string[];
  mapShare: number;
  freeMapShare: number;
}

/** Controls outside the viewport (those inside a scrolling panel count by their panel), map share, covered share. */
function layoutFacts(page: Page): Promise<LayoutFacts> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const offscreen: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, select, input, [role="tab"], a[href]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('[hidden]')) continue;
      // inside a scrolling panel: reachable by scrolling it, so check the panel's own box instead
      const scroller = el.closest('.tab-body, .draw-panel, .inspect, .map-legend, .findings') as HTMLElement | null;
      const box = scroller ? scroller.getBoundingClientRect() : r;
      // a table wider than its panel scrolls sideways inside it (.table-scroll): reachable, so check that box
      const sideways = el.closest('.table-scroll') as HTMLElement | null;
      const hBox = sideways ? sideways.getBoundingClientRect() : r;
      const hOut = hBox.left < -1 || hBox.right > vw + 1;
      const vOut = box.top < -1 || box.bottom > vh + 1 || (!scroller && (r.top < -1 || r.bottom > vh + 1));
      if (hOut || vOut) offscreen.push(`${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20)}] ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    const map = document.querySelector('.map-wrap')!.getBoundingClientRect();
    const mapArea = map.width * map.height;
    let covered = 0;
    for (const p of document.querySelectorAll<HTMLElement>('.draw-panel, .inspect')) {
      const r = p.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, map.right) - Math.max(r.left, map.left));
      const h = Math.max(0, Math.min(r.bottom, map.bottom) - Math.max(r.top, map.top));
      covered += w * h;
    }
    return {
      scrollX: document.documentElement.scrollWidth - vw,
      offscreen,
      mapShare: mapArea / (vw * vh),
      freeMapShare: (mapArea - covered) / (vw * vh),
    };
  });
}

describe.skipIf(!chromiumAvailable())('layout, legend and words in headless Chromium', () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  for (const [w, hgt, name] of [
    [390, 844, 'phone'],
    [768, 1024, 'tablet'],
    [1024, 768, 'tablet-landscape'],
    [1024, 700, 'laptop'],
    [1440, 900, 'desktop'],
    [2560, 1440, 'wall'],
  ] as const) {
    it(`${w}×${hgt} (${name}): no control off screen, the map ≥ 50 % of the viewport and mostly uncovered, no horizontal scroll`, async () => {
      await page.setViewportSize({ width: w, height: hgt });
      await openApp(page, h.baseUrl, '&lang=zh');
      const f = await layoutFacts(page);
      await saveScreenshot(page, join(SHOTS, `layout-${name}-${w}x${hgt}.png`));
      expect(f.scrollX, 'horizontal scroll').toBeLessThanOrEqual(0);
      expect(f.offscreen, 'controls off screen').toEqual([]);
      expect(f.mapShare).toBeGreaterThanOrEqual(0.5);
      expect(f.freeMapShare).toBeGreaterThanOrEqual(0.45);
      // every tab can be opened and shows its panel inside the viewport
      for (const tab of ['layers', 'import', 'export', 'settings', 'stats']) {
        await page.getByTestId(`tab-${tab}`).click();
        const g = await layoutFacts(page);
        expect(g.offscreen, `tab ${tab}`).toEqual([]);
        expect(g.scrollX).toBeLessThanOrEqual(0);
      }
      expect(errors).toEqual([]);
    });
  }

  for (const [w, hgt, name] of [
    [1024, 700, 'laptop'],
    [390, 844, 'phone'],
  ] as const) {
    it(`${w}×${hgt} (${name}): the inspect panel does not cover the parcel just clicked`, async () => {
      await page.setViewportSize({ width: w, height: hgt });
      await openApp(page, h.baseUrl, '&lang=zh');
      // where the panel will be: under its top right corner on a laptop, under the bottom sheet on a phone; put a
      // 耕地 parcel there and click it
      const [lon, lat] = firstParcelPoint();
      const target = await page.evaluate(
        ({ lon, lat, phone }) => {
          const map = (window as unknown as { __atlas: { map: { project(p: [number, number]): { x: number; y: number }; panBy(o: [number, number], opt: { duration: number }): void; getContainer(): HTMLElement } } }).__atlas.map;
          const box = map.getContainer().getBoundingClientRect();
          const t = phone ? { x: 80, y: box.height - 90 } : { x: box.width - 190, y: 140 };
          const p = map.project([lon, lat]);
          map.panBy([p.x - t.x, p.y - t.y], { duration: 0 });
          return { x: box.left + t.x, y: box.top + t.y };
        },
        { lon, lat, phone: name === 'phone' },
      );
      await waitMapIdle(page);
      await page.mouse.click(target.x, target.y);
      await expect.poll(() => page.locator('[data-testid="inspect-hit"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const clear = () =>
        page.evaluate(() => {
          const w = window as unknown as { __atlas: { map: { project(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement }; store: { getState(): { selectionAt?: [number, number] } } } };
          const at = w.__atlas.store.getState().selectionAt;
          const panel = document.querySelector('[data-testid="inspect"]')?.getBoundingClientRect();
          if (!at || !panel) return 'no selection';
          const box = w.__atlas.map.getContainer().getBoundingClientRect();
          const p = w.__atlas.map.project(at);
          const x = box.left + p.x;
          const y = box.top + p.y;
          const inside = x >= panel.left && x <= panel.right && y >= panel.top && y <= panel.bottom;
          const onMap = x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
          return inside ? 'covered' : onMap ? 'clear' : 'off the map';
        });
      // the panel did cover the click point (the case under test), and after the pan it does not
      const panel = await page.getByTestId('inspect').boundingBox();
      expect(panel && target.x >= panel.x && target.x <= panel.x + panel.width && target.y >= panel.y && target.y <= panel.y + panel.height).toBe(true);
      await expect.poll(clear, { timeout: 10_000 }).toBe('clear');
      await waitMapIdle(page);
      await saveScreenshot(page, join(SHOTS, `inspect-clear-${name}.png`));
      await page.getByRole('button', { name: '关闭' }).first().click();
      expect(errors).toEqual([]);
    });
  }

  it('wall screen: larger type, and display mode shows the map and the cards only', async () => {
    await page.setViewportSize({ width: 2560, height: 1440 });
    await openApp(page, h.baseUrl, '&lang=zh');
    const base = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(base).toBeGreaterThanOrEqual(18);
    await page.getByTestId('display-mode').click();
    await waitMapIdle(page);
    const shown = await page.evaluate(() => ({
      tabs: getComputedStyle(document.querySelector('.tabs')!).display,
      cards: document.querySelectorAll('.card').length,
      tables: [...document.querySelectorAll('.tab-body table')].filter((t) => t.getBoundingClientRect().height > 0).length,
    }));
    expect(shown.tabs).toBe('none');
    expect(shown.cards).toBeGreaterThanOrEqual(2);
    expect(shown.tables).toBe(0);
    await saveScreenshot(page, join(SHOTS, 'layout-wall-display-mode.png'));
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.documentElement.classList.contains('display-mode'))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('the legend on the map lists what is drawn, shows the grade classes when coloured so, and folds', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openApp(page, h.baseUrl, '&lang=zh');
    const legend = page.getByTestId('map-legend');
    const visible = await page.evaluate(() => {
      const s = (window as unknown as { __atlas: { store: { getState(): { layers: { visible: boolean; info: { id: string } }[] } } } }).__atlas.store.getState();
      return s.layers.filter((l) => l.visible).map((l) => l.info.id);
    });
    for (const id of visible) expect(await legend.getByTestId(`legend-${id}`).count()).toBe(1);
    // hide a layer: it leaves the legend
    await page.getByTestId('tab-layers').click();
    await page.getByTestId(`toggle-${visible[0]}`).uncheck();
    expect(await legend.getByTestId(`legend-${visible[0]}`).count()).toBe(0);
    await page.getByTestId(`toggle-${visible[0]}`).check();
    await page.locator('input[name="cstyle"][value="grade"]').check();
    await waitMapIdle(page);
    expect(await legend.getByTestId('legend-grade-1').count()).toBe(1);
    await saveScreenshot(page, join(SHOTS, 'legend-grade.png'));
    await page.getByTestId('legend-toggle').click();
    expect(await page.getByTestId('legend-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await legend.getByTestId('legend-grade-1').count()).toBe(0);
    await page.getByTestId('legend-toggle').click();
    await page.locator('input[name="cstyle"][value="kind"]').check();
    // zoom-to is an extent icon, not a glyph that reads as "remove"
    const zoom = page.getByTestId(`zoom-${visible[0]}`);
    expect(await zoom.getAttribute('title')).toBe('定位');
    expect((await zoom.textContent())?.trim()).toBe('');
    expect(await zoom.locator('svg').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('English mode: code tables and units in English, no "-0.00", a bad import explained in English without CLI advice', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openApp(page, h.baseUrl, '&lang=en');
    await page.getByTestId('tab-stats').click();
    // textContent: the blocks below the fold are content-visibility: auto, which innerText skips
    const stats = (await page.locator('.tab-body').textContent()) ?? '';
    expect(stats).not.toMatch(/水田|水浇地|旱地|10k mu|×10⁸|-0\.00/);
    expect(stats).toMatch(/billion mu/);
    expect(stats).toMatch(/Paddy|Irrigated|Dry land/);
    // a GeoJSON in projected metres without a "crs": the import explains it in one language
    await page.getByTestId('tab-import').click();
    const metres = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { DLBM: '0101' }, geometry: { type: 'Polygon', coordinates: [[[500000, 3300000], [500100, 3300000], [500100, 3300100], [500000, 3300000]]] } }] };
    await page.getByTestId('import-input').setInputFiles({ name: 'metres.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(metres)) });
    // into the demo workspace: it asks whether to start a new workspace or add to the demo
    await page.getByTestId('workspace-add').click();
    await page.getByTestId('import-report').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the rendered text), not the DOM property
    const report = await page.getByTestId('import-report').innerText();
    const items = await page.locator('.findings li').allInnerTexts();
    expect(items.length).toBeGreaterThan(0);
    for (const t of items) {
      expect(t).not.toMatch(/[\u3400-\u9fff]/);
      expect(t).not.toContain('--epsg');
    }
    expect(report).not.toContain('--epsg');
    await saveScreenshot(page, join(SHOTS, 'words-import-en.png'));
    // the same in Chinese: no English sentence, the English kept as a tooltip
    await page.getByTestId('lang-zh').click();
    const zh = await page.locator('.findings li').first();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the rendered text), not the DOM property
    const zhText = await zh.innerText();
    // the file name aside, no English words
    expect(zhText.replace('metres.geojson', '')).not.toMatch(/[a-z]{3,} [a-z]{3,}/i);
    expect(await zh.getAttribute('title')).toMatch(/[a-z]{4,}/);
    expect(errors).toEqual([]);
  });
  it('English mode: every tab and the draw panel read in English (place names aside) with ASCII punctuation', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    // MapLibre's own controls speak the app's language, also after a switch (they said "Zoom in" to a Chinese user)
    await openApp(page, h.baseUrl, '&lang=zh');
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('aria-label')).toBe('放大');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Zoom in');
    await openApp(page, h.baseUrl, '&lang=en');
    const stray = async (where: string): Promise<string[]> =>
      page.evaluate((w) => {
        const out: string[] = [];
        const roots = [...document.querySelectorAll<HTMLElement>('.tab-body, .draw-panel, .workspace-bar, .tabs')];
        for (const root of roots) {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (!el || el.closest('option, [hidden]') || !el.checkVisibility()) continue;
            // place names (安丰镇, 安丰县城, …) are names, not words to translate, and a quoted “sheet name” is the file's
            const text = (n.textContent ?? '').replace(/[\u4e00-\u9fff]{1,6}(县城|镇|乡|县|村)/g, '').replace(/“[^”]*”/g, '');
            if (/[\u3400-\u9fff（）：、；，]/.test(text)) out.push(`${w}: ${text.trim().slice(0, 80)}`);
          }
        }
        return out;
      }, where);
    const found: string[] = [];
    for (const tab of ['stats', 'layers', 'import', 'export', 'change', 'settings']) {
      await page.getByTestId(`tab-${tab}`).click();
      found.push(...(await stray(tab)));
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
});
