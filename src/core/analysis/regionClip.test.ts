import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { buildLayer } from '../layers/layer';
import { overlayRegion, prepareRegion } from '../overlay/siteOverlay';
import type { AreaGeometry } from '../types';
import { clipLayerToBoundary, layerForRegion, summarizeRegion } from './regionClip';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const f = (props: Record<string, unknown>, g: AreaGeometry) => ({ type: 'Feature', properties: props, geometry: g });
// township 330102101 is [120, 120.02] × [30, 30.02] but with a slanted east side; the red line straddles it
const township: AreaGeometry = { type: 'Polygon', coordinates: [[[120, 30], [120.02, 30], [120.025, 30.02], [120, 30.02], [120, 30]]] };
const redline = buildLayer('eco-redline', 'hx.geojson', [f({ HXBM: 'H1' }, rect(120.01, 30.005, 120.04, 30.01)), f({ HXBM: 'H2' }, rect(120.05, 30, 120.06, 30.01))]);
const cultivated = buildLayer('cultivated', 'gd.geojson', [
  f({ BSM: 'A', DLBM: '0103', ZLDWDM: '3301021010010000000', KCXS: 0.1 }, rect(120.001, 30.001, 120.003, 30.003)),
  f({ BSM: 'B', DLBM: '0103', ZLDWDM: '3301022020010000000' }, rect(120.05, 30.001, 120.052, 30.003)),
]);
const noCodes = buildLayer('cultivated', 'gd2.geojson', [f({ BSM: 'C', DLBM: '0103', KCXS: 0.2 }, rect(120.015, 30.001, 120.03, 30.003))]);

describe('region filters that are true', () => {
  it('a red line is clipped to the township exactly: area = the engine overlay within 1e-6, H2 outside dropped', () => {
    const c = clipLayerToBoundary(redline, township);
    expect(c.rule).toBe('boundary');
    expect(c.layer.parcels.map((p) => p.id)).toEqual(['H1']);
    const ov = overlayRegion(prepareRegion([township]), redline);
    expect(Math.abs(c.layer.grossAreaM2 / ov.totalM2 - 1)).toBeLessThan(1e-6);
    // by hand: the slanted side x = 120.02 + 0.005·(y − 30)/0.02 at y ∈ [30.005, 30.01]
    const piece: AreaGeometry = { type: 'Polygon', coordinates: [[[120.01, 30.005], [120.02125, 30.005], [120.0225, 30.01], [120.01, 30.01], [120.01, 30.005]]] };
    expect(Math.abs(c.layer.grossAreaM2 / geometryAreaEllipsoidal(piece) - 1)).toBeLessThan(1e-9);
  });

  it('the rule per layer: by code where the layer has codes, by boundary otherwise, none without a boundary', () => {
    expect(layerForRegion(cultivated, '330102101', township).rule).toBe('code');
    expect(layerForRegion(redline, '330102101', township).rule).toBe('boundary');
    expect(layerForRegion(redline, '330102101').rule).toBe('none');
    const s = summarizeRegion([cultivated, redline, noCodes], { region: '330102101', boundary: township, basis: 'net' });
    expect(s.layers.map((l) => l.regionRule)).toEqual(['code', 'boundary', 'boundary']);
    expect(s.layers[0].features).toBe(1);
    expect(s.layers[1].area.m2).toBeCloseTo(clipLayerToBoundary(redline, township).layer.grossAreaM2, 3);
    // a clipped parcel keeps its deduction: net = clipped area × 0.8
    expect(s.layers[2].net.m2 / s.layers[2].area.m2).toBeCloseTo(0.8, 6); // areas sit on the 2⁻¹⁰ m² grid
    expect(s.layers[2].area.m2).toBeLessThan(geometryAreaEllipsoidal(noCodes.parcels[0].geometry));
    const none = summarizeRegion([redline], { region: '330102101' });
    expect(none.layers[0].regionRule).toBe('none');
    expect(none.layers[0].area.m2).toBeCloseTo(redline.grossAreaM2, 3);
  });
});
