import { describe, expect, it } from 'vitest';
import { computeImpact } from '../analysis/impact';
import type { AreaGeometry } from '../types';
import { touchedPieces } from './drawing';
import { reportFromWire, reportToWire } from './impactWire';
import { loadLayerFromFeatures } from './loadLayer';

const square = (x: number, y: number, d = 0.001): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const layer = (kind: 'cultivated' | 'eco-redline', n: number) =>
  loadLayerFromFeatures(kind, `${kind}.geojson`, Array.from({ length: n }, (_x, i) => ({ type: 'Feature', properties: { BSM: `${kind}${i}`, DLBM: '0101' }, geometry: square(120 + i * 0.001, 30) }))).layer;

describe('the impact as JSON travels it', () => {
  it('the report through JSON and back is the engine’s report, typed arrays and all', () => {
    const report = computeImpact([square(120.0004, 29.9996, 0.0025)], [layer('cultivated', 4), layer('eco-redline', 2)]);
    expect(report.layers[0].parcels).toBe(3);
    const back = reportFromWire(JSON.parse(JSON.stringify(reportToWire(report))));
    expect(back).toEqual(report);
    expect(back.layers[0].pieceAreaM2).toBeInstanceOf(Float64Array);
    expect(back.layers[0].pieceIndex).toBeInstanceOf(Int32Array);
    expect(back.layers[0].pieceWhole).toBeInstanceOf(Uint8Array);
  });

  it('touched pieces: area layers only, largest first, the first `limit`; outlines of 耕地 in report order', () => {
    const report = computeImpact([square(120.0004, 29.9996, 0.0025)], [layer('eco-redline', 2), layer('cultivated', 4)]);
    const p = touchedPieces(report, 2);
    expect(p.total).toBe(3);
    expect(p.touched.every((r) => r.layer === 1)).toBe(true);
    const areas = p.touched.map((r) => report.layers[1].pieceAreaM2[r.k]);
    expect(areas[0]).toBeGreaterThanOrEqual(areas[1]);
    expect(report.layers[1].parcelIds[p.touched[0].k]).toBe('cultivated1'); // the one wholly inside
    expect(p.highlight).toEqual([{ layer: 1, k: 0 }, { layer: 1, k: 1 }]);
  });
});
