import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeIO } from './helpers/fakeIO';
import { runCli } from '../src/cli/main';
import { createHandler } from '../src/worker/handler';
import { band, TOWN_A } from './helpers/indicatorLayers';
import { MU_M2 } from './helpers/lonlatCells';

const DEMO = join(__dirname, '..', 'data', 'demo');
const fetchBytes = async (url: string) => {
  const b = readFileSync(join(DEMO, url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('worker changeOverlay (in-process)', () => {
  it('answers the same matrix as `farmland change --json`, the changed pieces with polygons, and progress', async () => {
    const h = createHandler(fetchBytes);
    const progress: number[] = [];
    const res = await h.handle(
      'changeOverlay',
      { before: { file: 'change-2023.geojson', source: { url: 'change-2023.geojson' } }, after: { file: 'change-2024.geojson', source: { url: 'change-2024.geojson' } } },
      { progress: (p) => p.phase === 'compute' && progress.push(p.done ?? 0), transfer: () => {} },
    );
    const f = fakeIO({}, { fallback: (p) => new Uint8Array(readFileSync(p)) });
    expect(await runCli(['change', '--before', join(DEMO, 'change-2023.geojson'), '--after', join(DEMO, 'change-2024.geojson'), '--json'], f.io)).toBe(0);
    const cli = JSON.parse(f.out());
    expect(res.json.matrix).toEqual(cli.matrix);
    expect(res.json.cultivated).toEqual(cli.cultivated);
    expect(progress.at(-1)).toBe(1303);
    // 18 planted changes: the cut parcel's west half is unchanged → 18 changed pieces, each with a polygon
    expect(res.changedTotal).toBe(18);
    expect(res.pieces.every((p) => p.coords !== null)).toBe(true);
    // a clicked piece's attributes come from the worker on demand
    const lost = res.pieces.find((p) => p.to === '0601')!;
    const props = await h.handle('changePiece', { piece: lost.piece }, { progress: () => {}, transfer: () => {} });
    expect([props.beforeProps?.DLBM, props.afterProps?.DLBM]).toEqual(['0103', '0601']);
    expect(props.beforeProps?.BSM).toBe(lost.beforeId);
    expect(res.before.features?.features.length).toBe(1303);
    expect(new Set(res.pieces.map((p) => p.category))).toEqual(new Set(['lost-construction', 'lost-agricultural', 'gained', 'restored', 'abandoned']));
  });

  it('changeReport re-reports the last overlay for a region and level, as `farmland change --region --level`', async () => {
    const h = createHandler(fetchBytes);
    const ctx = { progress: () => {}, transfer: () => {} };
    await expect(h.handle('changeReport', { region: '231299100208' }, ctx)).rejects.toThrow(/changeOverlay/);
    await h.handle('changeOverlay', { before: { file: 'change-2023.geojson', source: { url: 'change-2023.geojson' } }, after: { file: 'change-2024.geojson', source: { url: 'change-2024.geojson' } } }, ctx);
    const res = await h.handle('changeReport', { region: '231299100208', level: 'village' }, ctx);
    const f = fakeIO({}, { fallback: (p) => new Uint8Array(readFileSync(p)) });
    expect(await runCli(['change', '--before', join(DEMO, 'change-2023.geojson'), '--after', join(DEMO, 'change-2024.geojson'), '--json', '--region', '231299100208', '--level', 'village'], f.io)).toBe(0);
    const cli = JSON.parse(f.out());
    expect(res.json.matrix).toEqual(cli.matrix);
    expect(res.json.regions).toEqual(cli.regions);
    expect(res.json.cultivated).toEqual(cli.cultivated);
    expect(res.json.region).toBe('231299100208');
  });

  it('changeExport writes the shown region as `farmland change --json | --csv | --xlsx` writes it (bytes transferred)', async () => {
    const h = createHandler(fetchBytes);
    const transfer: ArrayBuffer[] = [];
    const ctx = { progress: () => {}, transfer: (b: ArrayBuffer) => transfer.push(b) };
    await expect(h.handle('changeExport', { format: 'json', now: '2026-11-28T09:00:00Z' }, ctx)).rejects.toThrow(/changeOverlay/);
    await h.handle('changeOverlay', { before: { file: 'change-2023.geojson', source: { url: 'change-2023.geojson' } }, after: { file: 'change-2024.geojson', source: { url: 'change-2024.geojson' } } }, ctx);
    const args = ['change', '--before', join(DEMO, 'change-2023.geojson'), '--after', join(DEMO, 'change-2024.geojson'), '--region', '231299100', '--level', 'village'];
    const cliOut = async (flag: string) => {
      const f = fakeIO({}, { fallback: (p) => new Uint8Array(readFileSync(p)) });
      expect(await runCli([...args, flag], f.io)).toBe(0);
      return f.out();
    };
    const now = '2026-11-28T09:00:00.000Z'; // fakeIO's clock
    const json = await h.handle('changeExport', { format: 'json', region: '231299100', level: 'village', now }, ctx);
    expect(json.file).toBe('farmland-change-231299100.json');
    expect(transfer).toContain(json.bytes);
    const got = JSON.parse(new TextDecoder().decode(json.bytes));
    const want = JSON.parse(await cliOut('--json'));
    // the CLI names the inputs by their path; the worker by the picked file's name
    for (const d of [got, want]) d.metadata.inputs = d.metadata.inputs.map((i: { file: string }) => ({ ...i, file: i.file.split('/').at(-1) }));
    expect(got).toEqual(want);
    // the 以补定占 ledger row of the vintage's year, as the CLI (SJNF of the after vintage)
    expect(got.stable.ledger.year).toBe(2024);
    const csv = await h.handle('changeExport', { format: 'csv', region: '231299100', level: 'village', now }, ctx);
    const dataRows = (t: string) => t.replace(/^\uFEFF/, '').split('\n').filter((l) => !l.startsWith('#'));
    expect(dataRows(new TextDecoder().decode(csv.bytes))).toEqual(dataRows(await cliOut('--csv')));
    const xlsx = await h.handle('changeExport', { format: 'xlsx', now }, ctx);
    expect(xlsx.file).toBe('farmland-change.xlsx');
    expect(new TextDecoder().decode(new Uint8Array(xlsx.bytes).slice(0, 2))).toBe('PK');
  });

  it('changeVintages answers the vintages the overlay would, as transferred GeoJSON bytes (null above maxParcels)', async () => {
    const h = createHandler(fetchBytes);
    const transfer: ArrayBuffer[] = [];
    const ctx = { progress: () => {}, transfer: (b: ArrayBuffer) => transfer.push(b) };
    await expect(h.handle('changeVintages', {}, ctx)).rejects.toThrow(/changeOverlay/);
    const req = { before: { file: 'change-2023.geojson', source: { url: 'change-2023.geojson' } }, after: { file: 'change-2024.geojson', source: { url: 'change-2024.geojson' } } };
    const res = await h.handle('changeOverlay', req, ctx);
    const small = await h.handle('changeOverlay', { ...req, maxParcels: 0 }, ctx);
    expect([small.before.features, small.after.features, small.before.count]).toEqual([null, null, 1303]);
    transfer.length = 0;
    const v = await h.handle('changeVintages', {}, ctx);
    const decode = (b: ArrayBuffer | null) => (b ? JSON.parse(new TextDecoder().decode(b)) : null);
    expect(decode(v.before)).toEqual(res.before.features);
    expect(decode(v.after)).toEqual(res.after.features);
    expect(transfer).toEqual([v.before, v.after]);
    expect(await h.handle('changeVintages', { maxParcels: 1000 }, ctx)).toEqual({ before: null, after: null });
  });
});

describe('worker changeOverlay on a change layer (bytes)', () => {
  it('reads BGQ*/BGH* features and answers their polygons', async () => {
    const h = createHandler(fetchBytes);
    const layer = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { BSM: 'G1', BGQDLBM: '0103', BGHDLBM: '0601', ZLDWDM: '231299100200' }, geometry: { type: 'Polygon', coordinates: [[[125.9, 46.4], [125.901, 46.4], [125.901, 46.401], [125.9, 46.401], [125.9, 46.4]]] } },
      ],
    };
    const bytes = new TextEncoder().encode(JSON.stringify(layer)).buffer as ArrayBuffer;
    const res = await h.handle('changeOverlay', { changes: { file: 'gx.geojson', source: { bytes } } }, { progress: () => {}, transfer: () => {} });
    expect(res.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect((res.json.matrix as { from: string; to: string }[]).map((c) => `${c.from}>${c.to}`)).toEqual(['0103>0601']);
    expect(res.pieces).toHaveLength(1);
    expect(res.pieces[0]).toMatchObject({ category: 'lost-construction', beforeId: 'G1', afterId: 'G1' });
    expect(res.pieces[0].coords?.[0][0]).toHaveLength(5);
  });
});

describe('worker changeOverlay with 高标准农田 of both vintages', () => {
  it('flags the loss (严禁擅自占用) in the JSON, with area and parcels, as the CLI does', async () => {
    const h = createHandler(fetchBytes);
    const ctx = { progress: () => {}, transfer: () => {} };
    const fcBytes = (features: unknown[]) => new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })).buffer as ArrayBuffer;
    const hs = {
      before: { file: 'hs2023.geojson', source: { bytes: fcBytes([band(0, 15, { BSM: 'A', ZLDWDM: TOWN_A })]) } },
      after: { file: 'hs2024.geojson', source: { bytes: fcBytes([band(0, 10, { BSM: 'A', ZLDWDM: TOWN_A })]) } },
    };
    const res = await h.handle(
      'changeOverlay',
      { before: { file: 'change-2023.geojson', source: { url: 'change-2023.geojson' } }, after: { file: 'change-2024.geojson', source: { url: 'change-2024.geojson' } }, highStandard: hs },
      ctx,
    );
    const loss = res.json.high_standard_loss as { flag: boolean; area_m2: number; parcels: { id: string }[] };
    expect(loss.flag).toBe(true);
    expect(loss.area_m2 / MU_M2).toBeCloseTo(5, 8);
    expect(loss.parcels.map((p) => p.id)).toEqual(['A']);
    const other = await h.handle('changeReport', { region: '231299' }, ctx);
    expect((other.json.high_standard_loss as { area_m2: number }).area_m2).toBe(0);
  });
});
