/**
 * A county served as layer packs (.fpk, core/io/flatPack.ts) loads into the dashboard with the same figures as its
 * GeoJSON: the first pack fetched by the engine worker, the others streamed by the page (state/slices/data.ts), the map
 * made once the first layer is asked for (map/MapView.tsx). A damaged pack is a message naming the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlatCollection, scanFlatCollection } from '../../src/core/io/flatGeojson';
import { writePack } from '../../src/core/io/flatPackWrite';
import { packable } from '../../src/core/io/packable';
import { readImport } from '../../src/core/io/readAny';
import { chromiumAvailable, FIXTURE, type Harness, startHarness } from './harness';

interface Shown {
  status: string;
  layers: { info: { id: string; count: number; kind: string } }[];
  summary?: { layers: { kind: string; area: { m2: number } }[] };
  mapLoaded: boolean;
}

async function openManifest(page: Page, url: string): Promise<Shown> {
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __atlas?: { store: { getState(): { status: string; summary?: unknown } } } };
      const s = w.__atlas?.store.getState();
      return s !== undefined && ((s.status === 'ready' && s.summary !== undefined) || s.status === 'error');
    },
    undefined,
    { timeout: 120_000 },
  );
  return page.evaluate(() => {
    const s = (window as unknown as { __atlas: { store: { getState(): Shown } } }).__atlas.store.getState();
    return {
      status: s.status,
      layers: s.layers.map((l) => ({ info: { id: l.info.id, count: l.info.count, kind: l.info.kind } })),
      summary: s.summary ? { layers: s.summary.layers.map((l) => ({ kind: l.kind, area: { m2: l.area.m2 } })) } : undefined,
      mapLoaded: document.querySelector('[data-testid="map"]')?.getAttribute('data-map-loaded') === 'true',
    };
  });
}

/** A layer file's pack: the flat scan's collection, or (a file the scan does not take) the import's features. */
function packOf(file: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(join(FIXTURE, file)));
  const fc = scanFlatCollection(bytes) ?? packable({ name: file }, readImport(file, bytes).layers[0].features);
  if ('error' in fc) throw new Error(`${file}: ${fc.error}`);
  return writePack(fc as FlatCollection);
}

describe.skipIf(!chromiumAvailable())('layers served as layer packs (.fpk)', () => {
  let h: Harness;
  let page: Page;
  let plain: Shown;
  const manifest = JSON.parse(readFileSync(join(FIXTURE, 'manifest.json'), 'utf8')) as { layers: { file: string }[]; [k: string]: unknown };
  const fpk = (f: string) => f.replace(/\.geojson$/, '.fpk');

  beforeAll(async () => {
    h = await startHarness();
    // the fixture's layers packed beside it in the served build, and a manifest naming them
    const dir = join(h.outDir, 'fixtures', 'e2e');
    for (const l of manifest.layers) writeFileSync(join(dir, fpk(l.file)), packOf(l.file));
    writeFileSync(join(dir, 'manifest-pack.json'), JSON.stringify({ ...manifest, layers: manifest.layers.map((l) => ({ ...l, file: fpk(l.file) })) }));
    page = await h.context.newPage();
    plain = await openManifest(page, `${h.baseUrl}?manifest=fixtures/e2e/manifest.json`);
  }, 300_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the same layers, counts and areas as the GeoJSON, with the map drawn', async () => {
    expect(plain.status).toBe('ready');
    const packed = await openManifest(page, `${h.baseUrl}?manifest=fixtures/e2e/manifest-pack.json`);
    expect(packed.status).toBe('ready');
    expect(packed.layers.map((l) => [l.info.kind, l.info.count])).toEqual(plain.layers.map((l) => [l.info.kind, l.info.count]));
    expect(packed.summary).toEqual(plain.summary);
    await page.waitForSelector('[data-testid="map"][data-map-loaded="true"]', { timeout: 30_000 });
  });

  it('a damaged pack is a message naming the file; the other layers load', async () => {
    const dir = join(h.outDir, 'fixtures', 'e2e');
    const good = packOf(manifest.layers[0].file);
    writeFileSync(join(dir, 'damaged.fpk'), good.subarray(0, good.length >> 1));
    writeFileSync(join(dir, 'manifest-damaged-pack.json'), JSON.stringify({ ...manifest, layers: [{ ...manifest.layers[0], file: 'damaged.fpk' }, ...manifest.layers.slice(1)] }));
    const r = await openManifest(page, `${h.baseUrl}?manifest=fixtures/e2e/manifest-damaged-pack.json`);
    expect(r.status).toBe('ready');
    expect(r.layers.length).toBe(plain.layers.length - 1);
    const banner = page.getByTestId('layer-failures');
    await expect.poll(async () => (await banner.textContent()) ?? '', { timeout: 10_000 }).toMatch(/damaged\.fpk[\s\S]*图层包（\.fpk）已损坏或不完整/);
  });
});
