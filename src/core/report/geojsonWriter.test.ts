import { describe, expect, it } from 'vitest';
import { cellAreaM2, cellFeature } from '../../../test/helpers/lonlatCells';
import { buildLayer } from '../layers/layer';
import { layerOverlaps } from '../overlay/overlaps';
import { annotatedFeatureCollection, choosePrefix, writeGeoJson } from './geojsonWriter';
import { buildMetadata } from './metadata';

const meta = buildMetadata({ inputs: [{ file: 'a.geojson', role: 'cultivated' }], now: new Date(Date.UTC(2026, 0, 1)) });

describe('GeoJSON writer', () => {
  it('adds computed properties with a prefix, keeping the original ones', () => {
    const layer = buildLayer('cultivated', 'a.geojson', [
      cellFeature(120, 30, 0.002, 0.001, { BSM: 'X1', area_m2: 'original', TBMJ: 1 }),
      cellFeature(120.001, 30, 0.002, 0.001, { BSM: 'X2' }),
    ]);
    const ov = layerOverlaps(layer);
    const fc = annotatedFeatureCollection([{ layer, effectiveAreaM2: ov.effectiveAreaM2 }], meta);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.metadata.property_prefix).toBe('fa_');
    expect(fc.metadata.generated_at).toBe('2026-01-01T00:00:00.000Z');
    const [a, b] = fc.features.map((f) => f.properties);
    expect(a.area_m2).toBe('original');
    expect(a.TBMJ).toBe(1);
    expect(a.fa_id).toBe('X1');
    expect(a.fa_layer_kind).toBe('cultivated');
    expect(a.fa_layer_zh).toBe('耕地');
    expect(a.fa_area_m2 as number).toBeCloseTo(cellAreaM2(30, 0.002, 0.001), 4);
    expect(a.fa_area_mu as number).toBeCloseTo((cellAreaM2(30, 0.002, 0.001) * 3) / 2000, 6);
    // the second parcel overlaps the first by half: its effective area is the other half
    expect(b.fa_effective_area_m2 as number).toBeCloseTo(cellAreaM2(30, 0.001, 0.001), 3);
    expect(a.fa_effective_area_m2 as number).toBeCloseTo(cellAreaM2(30, 0.002, 0.001), 3);
    expect(fc.features[0].geometry).toEqual(layer.parcels[0].geometry);
    expect(JSON.parse(writeGeoJson([{ layer }], meta)).features[1].properties.fa_effective_area_m2).toBeNull();
  });

  it('switches prefix when an original property would be clobbered', () => {
    const layer = buildLayer('cultivated', 'a.geojson', [cellFeature(120, 30, 0.001, 0.001, { fa_area_m2: 5, fa1_id: 'x' })]);
    expect(choosePrefix([{ layer }])).toBe('fa2_');
    const fc = annotatedFeatureCollection([{ layer }], meta);
    expect(fc.features[0].properties.fa_area_m2).toBe(5);
    expect(fc.features[0].properties.fa1_id).toBe('x');
    expect(fc.features[0].properties.fa2_area_m2).toBeGreaterThan(0);
  });
});
