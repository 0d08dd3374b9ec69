/**
 * Issue 18 §1 in headless Chromium: the map sheet as PNG and PDF (A4/A3, landscape/portrait). The PDF is made in the
 * browser by jsPDF, loaded lazily (no request for it before the first PDF), rendered back to an image with poppler's
 * `pdftoppm`, and checked there for its legend (the boundary layers' colours in the legend column), its scale bar
 * (a dark bar at the map frame's bottom left) and its north arrow. Sheets saved to docs/screenshots/sheet-*.png.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Box, sheetFrames, sheetScale, sheetSize } from '../../src/ui/sheet/sheetLayout';
import { chromiumAvailable, type Harness, hasPdftoppm, openApp, ROOT, startHarness } from './harness';
import { decodePng, shrinkPng } from './pngQuantize';

const SHOTS = join(ROOT, 'docs', 'screenshots');

interface Img {
  width: number;
  height: number;
  rgba: Uint8Array;
}
const hex = (c: string) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16));
/** Pixels within `tol` of a colour inside a box. */
function count(img: Img, box: Box, color: string, tol = 40): number {
  const [r, g, b] = hex(color);
  let n = 0;
  for (let y = Math.max(0, box.y); y < Math.min(img.height, box.y + box.h); y++)
    for (let x = Math.max(0, box.x); x < Math.min(img.width, box.x + box.w); x++) {
      const i = (y * img.width + x) * 4;
      if (Math.abs(img.rgba[i] - r) + Math.abs(img.rgba[i + 1] - g) + Math.abs(img.rgba[i + 2] - b) <= tol) n++;
    }
  return n;
}
/** The longest horizontal run of dark pixels inside a box. */
function longestDarkRun(img: Img, box: Box): number {
  let best = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    let run = 0;
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * img.width + x) * 4;
      const dark = img.rgba[i] < 70 && img.rgba[i + 1] < 80 && img.rgba[i + 2] < 90;
      run = dark ? run + 1 : 0;
      best = Math.max(best, run);
    }
  }
  return best;
}

describe.skipIf(!chromiumAvailable())('map sheets (制图) in headless Chromium', () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => requests.push(r.url()));
    await openApp(page, h.baseUrl, '&lang=zh');
    await page.getByTestId('tab-export').click();
  });

  afterAll(async () => {
    await h?.close();
  });

  const save = async (testId: string) => {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(testId).click()]);
    const path = join(h.downloads, dl.suggestedFilename());
    await dl.saveAs(path);
    return { name: dl.suggestedFilename(), path, bytes: readFileSync(path) };
  };

  it('CJK text renders with a CJK font in this browser', async () => {
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', '耕地保护'))).toBe(true);
  });

  it('PNG sheet, A4 landscape: the paper size at 150 dpi, legend colours in the side column, a scale bar and a north arrow', async () => {
    const png = await save('sheet-png');
    expect(png.name).toBe('farmland-sheet-A4-landscape.png');
    writeFileSync(join(SHOTS, 'sheet-a4-landscape.png'), shrinkPng(new Uint8Array(png.bytes)));
    const img = decodePng(new Uint8Array(png.bytes));
    expect([img.width, img.height]).toEqual([1754, 1240]);
    const f = sheetFrames(sheetSize('A4', 'landscape'), 'landscape');
    expect(count(img, f.side, '#d7191c')).toBeGreaterThan(50); // 生态保护红线 in the legend
    expect(count(img, f.side, '#7b3294')).toBeGreaterThan(50); // 城镇开发边界
    const scaleBox = { x: f.map.x, y: f.map.y + f.map.h - Math.round(15 * 5.9), w: Math.round(70 * 5.9), h: Math.round(14 * 5.9) };
    expect(longestDarkRun(img, scaleBox)).toBeGreaterThan(60);
    const northBox = { x: f.map.x + f.map.w - Math.round(25 * 5.9), y: f.map.y, w: Math.round(25 * 5.9), h: Math.round(30 * 5.9) };
    expect(count(img, northBox, '#1d2b3a', 30)).toBeGreaterThan(200);
    expect(errors).toEqual([]);
  });

  it.skipIf(!hasPdftoppm)('PDF sheets A4 portrait and A3 landscape: jsPDF loaded only on demand; rendered with pdftoppm they show legend and scale', async () => {
    const before = requests.filter((u) => /jspdf|\/pdf-[\w-]+\.js/.test(u));
    expect(before).toEqual([]);
    for (const [paper, orientation] of [
      ['A4', 'portrait'],
      ['A3', 'landscape'],
    ] as const) {
      await page.getByTestId('sheet-paper').selectOption(paper);
      await page.getByTestId('sheet-orientation').selectOption(orientation);
      const pdf = await save('sheet-pdf');
      expect(pdf.name).toBe(`farmland-sheet-${paper}-${orientation}.pdf`);
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const out = join(h.downloads, `${paper}-${orientation}`);
      execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf.path, out]);
      const bytes = readFileSync(`${out}.png`);
      writeFileSync(join(SHOTS, `sheet-${paper.toLowerCase()}-${orientation}-pdf.png`), shrinkPng(new Uint8Array(bytes)));
      const img = decodePng(new Uint8Array(bytes));
      const size = sheetSize(paper, orientation);
      expect(Math.abs(img.width - size.widthPx)).toBeLessThanOrEqual(2);
      expect(Math.abs(img.height - size.heightPx)).toBeLessThanOrEqual(2);
      const f = sheetFrames(size, orientation);
      expect(count(img, f.side, '#d7191c')).toBeGreaterThan(50);
      expect(count(img, f.side, '#7b3294')).toBeGreaterThan(50);
      const scaleBox = { x: f.map.x, y: f.map.y + f.map.h - Math.round(15 * 5.9), w: Math.round(70 * 5.9), h: Math.round(14 * 5.9) };
      expect(longestDarkRun(img, scaleBox)).toBeGreaterThan(60);
    }
    expect(requests.some((u) => /jspdf|\/pdf-[\w-]+\.js/.test(u))).toBe(true);
    // the chunk sizes, for the README
    const assets = join(h.outDir, 'assets');
    const sizes = readdirSync(assets)
      .filter((n) => n.endsWith('.js'))
      .map((n) => ({ n, kb: Math.round(statSync(join(assets, n)).size / 1024) }));
    console.log('chunks', JSON.stringify(sizes));
    expect(errors).toEqual([]);
  });

  it.skipIf(!hasPdftoppm)('A3 is laid out as A4 enlarged: A3 portrait PDF has legend, scale and north arrow in place; the title grows with the paper', async () => {
    // the title's ink (#16324f) in the title band: A3 (×√2 type) has about twice A4's
    const titleInk: Record<string, number> = {};
    for (const paper of ['A4', 'A3'] as const) {
      await page.getByTestId('sheet-paper').selectOption(paper);
      await page.getByTestId('sheet-orientation').selectOption('portrait');
      const png = await save('sheet-png');
      const img = decodePng(new Uint8Array(png.bytes));
      const f = sheetFrames(sheetSize(paper, 'portrait'), 'portrait');
      titleInk[paper] = count(img, f.title, '#16324f', 30);
    }
    expect(titleInk.A3 / titleInk.A4).toBeGreaterThan(1.6);
    expect(titleInk.A3 / titleInk.A4).toBeLessThan(2.5);
    const pdf = await save('sheet-pdf');
    expect(pdf.name).toBe('farmland-sheet-A3-portrait.pdf');
    const out = join(h.downloads, 'A3-portrait');
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf.path, out]);
    const bytes = readFileSync(`${out}.png`);
    writeFileSync(join(SHOTS, 'sheet-a3-portrait-pdf.png'), shrinkPng(new Uint8Array(bytes)));
    const img = decodePng(new Uint8Array(bytes));
    const size = sheetSize('A3', 'portrait');
    expect(Math.abs(img.width - size.widthPx)).toBeLessThanOrEqual(2);
    const f = sheetFrames(size, 'portrait');
    expect(count(img, f.side, '#d7191c')).toBeGreaterThan(100);
    expect(count(img, f.side, '#7b3294')).toBeGreaterThan(100);
    // scale bar and north arrow: the A4 boxes enlarged ×√2
    const k = 5.9 * sheetScale(size);
    const scaleBox = { x: f.map.x, y: f.map.y + f.map.h - Math.round(15 * k), w: Math.round(70 * k), h: Math.round(14 * k) };
    expect(longestDarkRun(img, scaleBox)).toBeGreaterThan(85);
    const northBox = { x: f.map.x + f.map.w - Math.round(25 * k), y: f.map.y, w: Math.round(25 * k), h: Math.round(30 * k) };
    expect(count(img, northBox, '#1d2b3a', 30)).toBeGreaterThan(400);
    expect(errors).toEqual([]);
  });
});
