import { describe, expect, it } from 'vitest';
import type { LayerKind } from '../../core/types';
import { defaultOpacity, placeLayer, unionBBox } from './layerOrder';
import type { LayerEntry } from './types';

const entry = (id: string, kind: LayerKind, origin: LayerEntry['origin'] = 'manifest') => ({ info: { id, kind }, origin }) as unknown as LayerEntry;
const ids = (ls: LayerEntry[]) => ls.map((l) => l.info.id);

describe('layer order', () => {
  it('manifest layers take their kind’s place (wide overlays under parcels, red lines on top); imports go on top', () => {
    let ls: LayerEntry[] = [];
    ls = placeLayer(ls, entry('eco', 'eco-redline'));
    ls = placeLayer(ls, entry('gd', 'cultivated'));
    ls = placeLayer(ls, entry('imp', 'abandoned', 'import'));
    ls = placeLayer(ls, entry('hei', 'black-soil'));
    ls = placeLayer(ls, entry('jbnt', 'permanent-basic'));
    expect(ids(ls)).toEqual(['hei', 'gd', 'jbnt', 'eco', 'imp']);
  });

  it('a layer loaded again replaces the old entry', () => {
    const ls = placeLayer([entry('gd', 'cultivated'), entry('eco', 'eco-redline')], entry('gd', 'cultivated'));
    expect(ids(ls)).toEqual(['gd', 'eco']);
  });

  it('wide overlays from the manifest start translucent; imports opaque', () => {
    expect(defaultOpacity('black-soil', 'manifest')).toBe(0.35);
    expect(defaultOpacity('black-soil', 'import')).toBe(1);
    expect(defaultOpacity('cultivated', 'manifest')).toBe(1);
  });

  it('unionBBox', () => {
    expect(unionBBox([[1, 2, 3, 4], [0, 3, 2, 5]])).toEqual([0, 2, 3, 5]);
  });
});
