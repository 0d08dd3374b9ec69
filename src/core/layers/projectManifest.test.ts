import { describe, expect, it } from 'vitest';
import { fileStem, manifestLayerIds, readProjectManifest } from './projectManifest';

describe('project manifest', () => {
  it('accepts an object with a layers list, refuses anything else with a message', () => {
    const m = readProjectManifest({ name: '某县', layers: [{ kind: 'cultivated', file: 'a/gd.geojson' }] });
    expect(m.layers[0].kind).toBe('cultivated');
    for (const bad of [null, 'x', {}, { layers: {} }]) expect(() => readProjectManifest(bad)).toThrow('manifest has no "layers" list');
  });

  it('layer ids: file stems, a repeated stem made unique by its index', () => {
    expect(manifestLayerIds([{ file: 'data/gd.geojson' }, { file: 'other/gd.zip' }, { file: 'jbnt.shp.zip' }])).toEqual(['gd', 'gd-1', 'jbnt.shp']);
    expect(fileStem('a/b/c.d.geojson')).toBe('c.d');
  });
});
