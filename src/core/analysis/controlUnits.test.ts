import { describe, expect, it } from 'vitest';
import { controlUnitsFromFeatures } from './controlUnits';

const sq = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
const f = (props: Record<string, unknown>, geometry: unknown = sq) => ({ type: 'Feature', properties: props, geometry });

describe('controlUnitsFromFeatures', () => {
  it('reads codes and names from the standard fields; a level keeps only its units', () => {
    const feats = [f({ level: 'county', XZQDM: '231299', XZQMC: '县' }), f({ XZQDM: '231299100', XZQMC: '甲镇' }), f({ ZLDWDM: '2312991010000000000', MC: '乙镇' })];
    expect(controlUnitsFromFeatures(feats, 't.geojson').units.map((u) => u.code)).toEqual(['231299', '231299100', '2312991010000000000']);
    const t = controlUnitsFromFeatures(feats, 't.geojson', { level: 'township' });
    expect(t.units.map((u) => [u.code, u.name])).toEqual([['231299100', '甲镇'], ['231299101', '乙镇']]);
    expect(t.findings).toEqual([]);
  });
  it('reports features without a code, duplicates and non-polygons, naming file and feature', () => {
    const r = controlUnitsFromFeatures([f({ XZQMC: '无代码' }), f({ XZQDM: '231299100' }), f({ XZQDM: '231299100' }), f({ XZQDM: '231299101' }, { type: 'Point', coordinates: [0, 0] })], 'u.geojson');
    expect(r.units).toHaveLength(1);
    expect(r.findings.map((x) => [x.code, x.featureIndex, x.file])).toEqual([['units.code', 0, 'u.geojson'], ['units.duplicate', 2, 'u.geojson'], ['units.geometry', 3, 'u.geojson']]);
  });
});
