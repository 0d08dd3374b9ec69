import { describe, expect, it } from 'vitest';
import { cellFeature, dLonForArea, MU_M2 } from '../../../test/helpers/lonlatCells';
import { summarize } from '../analysis/summary';
import { buildLayer } from '../layers/layer';
import { breakdownTable, targetsTable } from './summaryTables';

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

describe('breakdownTable (分类 sheet) rounded column', () => {
  it("each dimension's rounded rows add up to the rounded 合计, full precision kept beside", () => {
    const cells = [7.004, 3.004, 5.004].map((mu, i) => cellFeature(116 + i * 0.01, 40, dLonForArea(mu * MU_M2, 40, 0.001), 0.001, { DLBM: ['0101', '0102', '0103'][i], GDDJ: i + 2 }));
    const t = breakdownTable(summarize([buildLayer('cultivated', 'gd.geojson', cells, { name: '耕地' })]));
    const total = t.rows.find((r) => r[2] === '合计')!;
    expect(total[14]).toBe(Math.round((total[7] as number) * 100) / 100);
    for (const dim of ['地类', '质量等级']) {
      const rows = t.rows.filter((r) => r[2] === dim && r[3] !== '1203'); // the 田坎 deduction row is not a bucket
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.reduce((a, r) => a + Math.round((r[14] as number) * 100), 0)).toBe(Math.round((total[14] as number) * 100));
      for (const r of rows) expect(Math.abs((r[14] as number) - (r[7] as number))).toBeLessThan(0.01);
    }
  });
});
