import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeIO } from './helpers/fakeIO';
import { runCli } from '../src/cli/main';
import { createHandler } from '../src/worker/handler';

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
    expect(res.pieces.every((p) => p.coords !== null && p.beforeProps !== null && p.afterProps !== null)).toBe(true);
    expect(res.before.features?.features.length).toBe(1303);
    expect(new Set(res.pieces.map((p) => p.category))).toEqual(new Set(['lost-construction', 'lost-agricultural', 'gained', 'restored', 'abandoned']));
  });
});
