import { describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST, firstLayerPack, manifestToOpen } from './bootPrefetch';

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
    expect(firstLayerPack({ layers: [{ file: '../shared/耕地.fpk.gz?v=2' }] }, at)).toBe(new URL('../shared/耕地.fpk.gz?v=2', at).href);
    expect(firstLayerPack({ layers: [{ file: 'cultivated.geojson' }, { file: 'b.fpk' }] }, at)).toBeUndefined();
    for (const bad of [null, 1, 'x', {}, { layers: {} }, { layers: [] }, { layers: [null] }, { layers: [{ file: 3 }] }, { layers: [{ file: 'http://[bad.fpk' }] }]) expect(firstLayerPack(bad, at)).toBeUndefined();
  });
});
