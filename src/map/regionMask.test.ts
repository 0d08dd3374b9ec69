import { featureFilter, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { regionMaskFilters } from './regionMask';

// The map sets these filters without MapLibre's validator (it costs ~4 ms of the region change's frame): they are
// validated here instead, and evaluated on township features the way the basemap carries them.
const feature = (props: Record<string, unknown>) => ({ type: 1, properties: props, geometry: [], id: undefined }) as unknown as Parameters<ReturnType<typeof featureFilter>['filter']>[1];
const zoom = { zoom: 10 } as Parameters<ReturnType<typeof featureFilter>['filter']>[0];

describe('regionMaskFilters', () => {
  const regions = [undefined, { level: 'county', code: '230123' }, { level: 'township', code: '230123100' }, { level: 'village', code: '230123100001' }] as const;

  it('are valid style filters for every region level', () => {
    for (const r of regions) {
      const f = regionMaskFilters(r);
      const style = {
        version: 8,
        sources: { townships: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
        layers: [
          { id: 'region-mask', type: 'fill', source: 'townships', filter: f.mask },
          { id: 'region-outline', type: 'line', source: 'townships', filter: f.outline },
        ],
      };
      expect(validateStyleMin(style as never)).toEqual([]);
    }
  });

  it('veil the other townships and outline the chosen one (a village selects its township)', () => {
    const towns = [{ XZQDM: '230123100' }, { XZQDM: '230123101' }, { code: 230123102 }, { XZQDM: '230123' }];
    const run = (r: (typeof regions)[number]) => {
      const f = regionMaskFilters(r);
      const mask = featureFilter(f.mask, 'layers[0].filter');
      const outline = featureFilter(f.outline, 'layers[1].filter');
      return towns.map((p) => `${mask.filter(zoom, feature(p)) ? 'M' : '-'}${outline.filter(zoom, feature(p)) ? 'O' : '-'}`).join(' ');
    };
    expect(run(undefined)).toBe('-- -- -- --');
    expect(run(regions[1])).toBe('-- -- -- --');
    expect(run(regions[2])).toBe('-O M- M- --');
    expect(run(regions[3])).toBe('-O M- M- --');
  });
});
