import { describe, expect, it } from 'vitest';
import { cellFeature, dLonForArea, MU_M2 } from '../../../test/helpers/lonlatCells';
import { summarize } from '../analysis/summary';
import { buildLayer } from '../layers/layer';
import { targetsTable } from './summaryTables';

describe('targetsTable (目标 sheet)', () => {
  it('a county data set without a region filter: national lines give the share, never a 缺口 or 未达标', () => {
    const layer = buildLayer('cultivated', 'gd.geojson', [cellFeature(116, 40, dLonForArea(20 * MU_M2, 40, 0.001), 0.001, { DLBM: '0101' })], { name: '耕地' });
    const t = targetsTable(summarize([layer]));
    const national = t.rows.filter((r) => r[3] === '全国');
    expect(national.length).toBeGreaterThan(0);
    for (const r of national) {
      expect(r.slice(7, 11)).toEqual([null, null, null, null]);
      expect(r[13]).toBe('仅对比占全国比例');
    }
    const cultivated = national.find((r) => r[4] === '耕地保有量')!;
    expect(cultivated[6] as number).toBeCloseTo(20, 3);
    expect(cultivated[12] as number).toBeGreaterThan(0);
    expect(t.rows.some((r) => r.includes('未达标'))).toBe(false);
  });
});
