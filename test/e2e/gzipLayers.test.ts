/**
 * A county served as .gz files loads into the dashboard with the same figures as the plain GeoJSON (core/io/gunzip.ts,
 * worker/fetchBytes.ts, state/slices/downloads.ts), both ways a web server sends them:
 * - with `Content-Encoding: gzip` (vite preview / sirv, nginx gzip_static): the browser inflates on the way;
 * - as they are (`application/gzip`, no encoding: a plain static server): the page inflates while downloading.
 * And a .gz that inflates past the limit, or is damaged, is a message naming the file, never a layer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, FIXTURE, type Harness, startHarness } from './harness';

interface Layerish {
  info: { id: string; count: number; kind: string };
  findings: { severity: string; message: string }[];
}
interface Shown {
  status: string;
  statusMessage?: string;
  layers: Layerish[];
  summary?: { layers: { kind: string; area: { m2: number }; count?: number }[] };
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
      statusMessage: s.statusMessage,
      layers: s.layers.map((l) => ({ info: { id: l.info.id, count: l.info.count, kind: l.info.kind }, findings: l.findings.map((f) => ({ severity: f.severity, message: f.message })) })),
      summary: s.summary ? { layers: s.summary.layers.map((l) => ({ kind: l.kind, area: { m2: l.area.m2 } })) } : undefined,
    };
  });
}

describe.skipIf(!chromiumAvailable())('layers served as .gz files', () => {
  let h: Harness;
  let page: Page;
  let plain: Shown;
  const manifest = JSON.parse(readFileSync(join(FIXTURE, 'manifest.json'), 'utf8')) as { layers: { file: string }[]; [k: string]: unknown };

  beforeAll(async () => {
    h = await startHarness();
    // the e2e fixture's layers gzipped beside it, and a manifest naming them (paths to the rest stay relative)
    const dir = join(h.outDir, 'fixtures', 'e2e');
    for (const l of manifest.layers) writeFileSync(join(dir, `${l.file}.gz`), gzipSync(readFileSync(join(FIXTURE, l.file))));
    writeFileSync(join(dir, 'manifest-gz.json'), JSON.stringify({ ...manifest, layers: manifest.layers.map((l) => ({ ...l, file: `${l.file}.gz` })) }));
    // the same files under /raw/ (answered by the route below, nothing on disk): sent as they are, as a plain static
    // server would (no Content-Encoding)
    page = await h.context.newPage();
    await page.route('**/raw/**', async (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
      const body = readFileSync(join(dir, name === 'manifest.json' ? 'manifest-gz.json' : name));
      await route.fulfill({ status: 200, body, contentType: name.endsWith('.gz') ? 'application/gzip' : 'application/json' });
    });
    plain = await openManifest(page, `${h.baseUrl}?manifest=fixtures/e2e/manifest.json`);
  }, 300_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the plain fixture loads (the reference)', () => {
    expect(plain.status).toBe('ready');
    expect(plain.layers.length).toBe(manifest.layers.length);
  });

  it('with Content-Encoding: the same layers, counts and areas', async () => {
    const r = await page.evaluate(async (u) => (await fetch(u)).headers.get('content-encoding'), `${h.baseUrl}fixtures/e2e/${manifest.layers[0].file}.gz`);
    expect(r).toBe('gzip');
    const gz = await openManifest(page, `${h.baseUrl}?manifest=fixtures/e2e/manifest-gz.json`);
    expect(gz.status).toBe('ready');
    expect(gz.layers.map((l) => [l.info.kind, l.info.count])).toEqual(plain.layers.map((l) => [l.info.kind, l.info.count]));
    expect(gz.summary).toEqual(plain.summary);
  });

  it('sent as they are (application/gzip): inflated while downloading, the same figures', async () => {
    const r = await page.evaluate(async (u) => {
      const res = await fetch(u);
      const b = new Uint8Array(await res.arrayBuffer());
      return { enc: res.headers.get('content-encoding'), magic: [b[0], b[1]] };
    }, `${h.baseUrl}raw/${manifest.layers[0].file}.gz`);
    expect(r).toEqual({ enc: null, magic: [0x1f, 0x8b] });
    const gz = await openManifest(page, `${h.baseUrl}?manifest=raw/manifest.json`);
    expect(gz.status).toBe('ready');
    expect(gz.layers.map((l) => [l.info.kind, l.info.count])).toEqual(plain.layers.map((l) => [l.info.kind, l.info.count]));
    expect(gz.summary).toEqual(plain.summary);
  });

  it('a damaged .gz is a finding naming the file; the other layers load', async () => {
    const dir = join(h.outDir, 'fixtures', 'e2e');
    const good = gzipSync(readFileSync(join(FIXTURE, manifest.layers[0].file)));
    writeFileSync(join(dir, 'damaged.geojson.gz'), good.subarray(0, good.length >> 1));
    writeFileSync(join(dir, 'manifest-damaged.json'), JSON.stringify({ ...manifest, layers: [{ ...manifest.layers[0], file: 'damaged.geojson.gz' }, ...manifest.layers.slice(1)] }));
    await page.route('**/fixtures/e2e/damaged.geojson.gz', (route) => route.fulfill({ status: 200, body: readFileSync(join(dir, 'damaged.geojson.gz')), contentType: 'application/gzip' }));
    const r = await openManifest(page, `${h.baseUrl}?manifest=fixtures/e2e/manifest-damaged.json`);
    expect(r.status).toBe('ready');
    expect(r.layers.map((l) => l.info.id).sort()).toEqual(plain.layers.map((l) => l.info.id).filter((id) => id !== plain.layers.find((p) => p.info.kind === 'cultivated')?.info.id).sort());
    expect(r.layers.length).toBe(plain.layers.length - 1);
    // the user is told which file and why, until they close it
    const banner = page.getByTestId('layer-failures');
    await expect.poll(async () => (await banner.textContent()) ?? '', { timeout: 10_000 }).toMatch(/以下图层未能载入[\s\S]*damaged\.geojson\.gz[\s\S]*gzip 文件损坏/);
    // in one language, once (not the English half, not the reason twice)
    const text = (await banner.textContent()) ?? '';
    expect(text.split('gzip 文件损坏').length).toBe(2);
    expect(text).not.toMatch(/cannot read|is damaged/);
    await banner.getByRole('button').click();
    await expect.poll(() => banner.count()).toBe(0);
  });
});
