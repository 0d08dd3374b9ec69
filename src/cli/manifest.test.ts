import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io';
import { InputError } from './load';
import { parseManifest, readManifest, withManifest } from './manifest';

const fakeIO = (files: Record<string, string>): CliIO => ({
  stdout: () => {},
  stderr: () => {},
  readFile: async (p) => {
    if (!(p in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    return new TextEncoder().encode(files[p]);
  },
  writeFile: async () => {},
  now: () => new Date(0),
});

describe('manifest', () => {
  it('resolves layer, targets and config paths against the manifest directory', async () => {
    const io = fakeIO({ '/p/proj/m.json': '\ufeff{"name":"某县","layers":[{"kind":"cultivated","file":"gd.geojson","name":"耕地"},{"kind":"eco-redline","file":"../x/hx.geojson"}],"targets":"t.json","config":"c.json"}' });
    const m = await readManifest('/p/proj/m.json', io);
    expect(m.name).toBe('某县');
    expect(m.layers).toEqual([
      { kind: 'cultivated', path: resolve('/p/proj/gd.geojson'), name: '耕地' },
      { kind: 'eco-redline', path: resolve('/p/x/hx.geojson') },
    ]);
    expect(m.targets).toBe(resolve('/p/proj/t.json'));
    expect(m.config).toBe(resolve('/p/proj/c.json'));
  });

  it('names the manifest and the bad entry', async () => {
    expect(() => parseManifest({ layers: [{ kind: 'forest', file: 'a' }] }, 'm.json')).toThrow(/m\.json: layers\[0\]\.kind "forest"/);
    expect(() => parseManifest({ layers: [{ kind: 'cultivated' }] }, 'm.json')).toThrow(/layers\[0\]\.file/);
    expect(() => parseManifest([], 'm.json')).toThrow(InputError);
    expect(() => parseManifest({ layers: [], targets: 5 }, 'm.json')).toThrow(/"targets"/);
    await expect(readManifest('/none.json', fakeIO({}))).rejects.toThrow(/no such file/);
    await expect(readManifest('/bad.json', fakeIO({ '/bad.json': '{' }))).rejects.toThrow(/not valid JSON/);
  });

  it('completes the command line\'s files with the manifest\'s: line layers first, the line\'s targets and config win', async () => {
    const io = fakeIO({ '/p/m.json': '{"layers":[{"kind":"cultivated","file":"gd.geojson"}],"targets":"t.json","config":"c.json"}' });
    const line = { layers: [{ kind: 'eco-redline' as const, path: 'hx.geojson' }], targets: undefined, config: 'mine.json' };
    expect(await withManifest(line, '/p/m.json', io)).toEqual({
      layers: [{ kind: 'eco-redline', path: 'hx.geojson' }, { kind: 'cultivated', path: resolve('/p/gd.geojson') }],
      targets: resolve('/p/t.json'),
      config: 'mine.json',
    });
    expect(await withManifest(line, undefined, io)).toBe(line);
    await expect(withManifest(line, '/none.json', io)).rejects.toThrow(InputError);
  });
});
