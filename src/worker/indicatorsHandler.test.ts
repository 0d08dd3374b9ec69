import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../core/analysis/indicators/indicators';
import { createHandler } from './handler';
import { createIndicatorHandlers } from './indicatorsHandler';

const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'e2e');
const bytesOf = (name: string): ArrayBuffer => {
  const b = readFileSync(join(FIX, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const ctx = { progress: () => undefined, transfer: () => undefined };

describe('worker: indicators', () => {
  it('answers the engine figures, structured-clone safe, with the remainder parcels as plain GeoJSON', async () => {
    const files: Record<string, ArrayBuffer> = { 'c.json': new TextEncoder().encode(JSON.stringify({ reward_penalty: { permanent_basic: { gap_yuan_per_mu: 7000 } } })).buffer as ArrayBuffer };
    const h = createHandler(async (url) => files[url] ?? bytesOf(url));
    for (const [id, kind, file] of [['gd', 'cultivated', 'cultivated.geojson'], ['jb', 'permanent-basic', 'permanent-basic.geojson'], ['hs', 'high-standard', 'high-standard.geojson']] as const)
      await h.handle('load', { layerId: id, kind, file, source: { url: file }, blockOnError: false }, ctx);
    await h.handle('setTargets', { file: 'targets.json', source: { url: 'targets.json' } }, ctx);
    expect((await h.handle('setRewardRates', { file: 'c.json', source: { url: 'c.json' } }, ctx)).source).toBe('c.json');
    const res = structuredClone(await h.handle('indicators', { region: '230123101' }, ctx));
    const direct = computeIndicators(h.layers(), { region: '230123101' });
    expect(res.indicators.highStandard!.share).toBe(direct.highStandard!.share);
    expect(res.indicators.highStandard!.inHighStandardM2).toBe(direct.highStandard!.inHighStandardM2);
    expect(res.remainder.features.map((f) => f.id)).toEqual(direct.highStandard!.candidates.map((c) => c.index));
    expect(res.remainder.features[0].geometry.type).toBe('Polygon');
    expect(res.indicators.rewardRates['permanent-basic'].gapYuanPerMu).toBe(7000);
    expect(res.indicators.rewardPenalty.every((l) => l.code.startsWith('230123101'))).toBe(true);
    expect(res.indicators.rewardPenalty.length).toBeGreaterThan(0);
  });

  it("the app's JSON export carries the indicators (here: no 高标准农田 layer, nothing built)", async () => {
    const h = createHandler(async (url) => bytesOf(url));
    await h.handle('load', { layerId: 'jb', kind: 'permanent-basic', file: 'permanent-basic.geojson', source: { url: 'permanent-basic.geojson' }, blockOnError: false }, ctx);
    const res = await h.handle('exportSummary', { format: 'json', now: '2026-01-01T00:00:00Z' }, ctx);
    const json = JSON.parse(new TextDecoder().decode(res.bytes));
    expect(json.indicators.permanent_basic_in_high_standard_share).toBe(0);
    expect(json.indicators.high_standard.high_standard_loaded).toBe(false);
  });

  it('a long remainder: the answer lists the top candidates without geometry and says so; `remainder` gives all of it', async () => {
    const h = createHandler(async (url) => bytesOf(url));
    for (const [id, kind, file] of [['jb', 'permanent-basic', 'permanent-basic.geojson'], ['hs', 'high-standard', 'high-standard.geojson']] as const)
      await h.handle('load', { layerId: id, kind, file, source: { url: file }, blockOnError: false }, ctx);
    const fetchBytes = async (url: string) => bytesOf(url);
    const whole = await createIndicatorHandlers(() => h.layers(), () => undefined, fetchBytes).indicators({});
    const n = whole.indicators.highStandard!.candidates.length;
    expect(n).toBeGreaterThan(3);
    expect(whole.listed).toBeUndefined();
    expect(whole.remainder.features).toHaveLength(n);

    const short = createIndicatorHandlers(() => h.layers(), () => undefined, fetchBytes, { listMax: 3 });
    const cut = structuredClone(await short.indicators({}));
    expect(cut.listed).toEqual({ candidates: 3, of: n });
    expect(cut.indicators.highStandard!.candidates).toEqual(whole.indicators.highStandard!.candidates.slice(0, 3));
    // every figure but the list is the whole answer's
    expect({ ...cut.indicators.highStandard, candidates: [] }).toEqual({ ...whole.indicators.highStandard, candidates: [] });
    expect(cut.indicators.rewardPenalty).toEqual(whole.indicators.rewardPenalty);
    expect(cut.remainder.features).toEqual([]);
    // asked for, the parcels are the whole answer's, in rank order
    expect(structuredClone(await short.remainder({}))).toEqual({ remainder: whole.remainder });
    // the router answers it too
    expect((await h.handle('remainder', { region: '230123101' }, ctx)).remainder.features.map((f) => f.id)).toEqual(
      (await h.handle('indicators', { region: '230123101' }, ctx)).remainder.features.map((f) => f.id),
    );
  });

  it('`remainder` reuses the last answer only for the same region and layers: a layer loaded since changes it', async () => {
    const h = createHandler(async (url) => bytesOf(url));
    await h.handle('load', { layerId: 'jb', kind: 'permanent-basic', file: 'permanent-basic.geojson', source: { url: 'permanent-basic.geojson' }, blockOnError: false }, ctx);
    const alone = await h.handle('indicators', { region: '230123101' }, ctx);
    expect((await h.handle('remainder', { region: '230123101' }, ctx)).remainder).toEqual(alone.remainder);
    // another region: its own parcels
    const town = (await h.handle('indicators', {}, ctx)).remainder.features.length;
    expect((await h.handle('remainder', { region: '230123101' }, ctx)).remainder).toEqual(alone.remainder);
    expect(town).toBeGreaterThan(alone.remainder.features.length);
    // the last answer is for this region again, then 高标准农田 is loaded after it: the remainder shrinks, as a fresh answer says
    expect((await h.handle('indicators', { region: '230123101' }, ctx)).remainder).toEqual(alone.remainder);
    await h.handle('load', { layerId: 'hs', kind: 'high-standard', file: 'high-standard.geojson', source: { url: 'high-standard.geojson' }, blockOnError: false }, ctx);
    const fresh = await createIndicatorHandlers(() => h.layers(), () => undefined, async (url) => bytesOf(url)).indicators({ region: '230123101' });
    const got = (await h.handle('remainder', { region: '230123101' }, ctx)).remainder;
    expect(got.features.length).toBeLessThan(alone.remainder.features.length);
    expect(got).toEqual(fresh.remainder);
  });
});

