import { describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST, firstLayerOf, firstLayerPack, manifestToOpen } from './bootPrefetch';

describe('bootPrefetch: what the page’s entry prefetches', () => {
  it('opens the manifest the app opens: the one named, else the demo; none in server mode', () => {
    expect(manifestToOpen('', 'http://host/app/')).toBe(`http://host/app/${DEFAULT_MANIFEST}`);
    expect(manifestToOpen('?manifest=county%2Fmanifest-pack.json&lang=en', 'http://host/app/')).toBe('http://host/app/county/manifest-pack.json');
    expect(manifestToOpen('?manifest=', 'http://host/app/')).toBe(`http://host/app/${DEFAULT_MANIFEST}`);
    expect(manifestToOpen('?server=https%3A%2F%2Fprov.example%2F', 'http://host/app/')).toBeUndefined();
    // (a server value the app does not take is not server mode for the app either)
    expect(manifestToOpen('?server=javascript%3Aalert(1)', 'http://host/app/')).toBe(`http://host/app/${DEFAULT_MANIFEST}`);
  });

  it('a first layer that is a pack, resolved against the manifest’s URL as the store resolves it', () => {
    const at = 'http://host/app/county/manifest-pack.json';
    expect(firstLayerPack({ layers: [{ kind: 'cultivated', file: 'cultivated.fpk' }, { file: 'b.fpk' }] }, at)).toBe('http://host/app/county/cultivated.fpk');
    expect(firstLayerPack({ layers: [{ file: '../other/耕地.fpk.gz?v=2' }] }, at)).toBe(new URL('../other/耕地.fpk.gz?v=2', at).href);
    expect(firstLayerPack({ layers: [{ file: 'cultivated.geojson' }, { file: 'b.fpk' }] }, at)).toBeUndefined();
    for (const bad of [null, 1, 'x', {}, { layers: {} }, { layers: [] }, { layers: [null] }, { layers: [{ file: 3 }] }, { layers: [{ file: 'http://[bad.fpk' }] }]) expect(firstLayerPack(bad, at)).toBeUndefined();
  });

  it('the first layer as the store’s load asks for it: file, kind and name, strings only', () => {
    expect(firstLayerOf({ layers: [{ kind: 'cultivated', file: 'c.fpk', name: '耕地', extra: 1 }, { kind: 'x', file: 'y' }] })).toEqual({ file: 'c.fpk', kind: 'cultivated', name: '耕地' });
    expect(firstLayerOf({ layers: [{ kind: 'cultivated', file: 'c.fpk' }] })).toEqual({ file: 'c.fpk', kind: 'cultivated' });
    for (const bad of [null, {}, { layers: [] }, { layers: [{ file: 'c.fpk' }] }, { layers: [{ kind: 1, file: 'c.fpk' }] }, { layers: [{ kind: 'cultivated', file: 'c.fpk', name: 3 }] }]) expect(firstLayerOf(bad)).toBeUndefined();
  });
});
