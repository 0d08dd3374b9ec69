import { describe, expect, it } from 'vitest';
import { areaMuColumn } from './areaColumn';

describe('areaMuColumn', () => {
  it('sorts by m² and shows 亩 to two decimals', () => {
    const col = areaMuColumn('a', 'Area (mu)', (r: { m2: number }) => r.m2, 'en');
    expect(col).toMatchObject({ key: 'a', label: 'Area (mu)', numeric: true });
    expect(col.value({ m2: 10_000 })).toBe(10_000);
    expect(col.render?.({ m2: 10_000 })).toBe('15.00');
    expect(areaMuColumn('a', '面积', (r: { m2: number }) => r.m2, 'zh').render?.({ m2: 6_666_667 })).toBe('10,000.00');
  });
});
