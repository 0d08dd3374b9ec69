import { describe, expect, it } from 'vitest';
import {
  areaUnits,
  formatArea,
  formatAreaAuto,
  formatNumber,
  M2_PER_HA,
  M2_PER_KM2,
  M2_PER_MU,
  m2ToHa,
  m2ToMu,
  m2ToWanMu,
  m2ToYiMu,
  muToM2,
  UNIT_LABEL,
  wanMuToM2,
  yiMuToM2,
} from './units';

describe('area units (docs/domain.md §1)', () => {
  it('1 亩 is exactly 2000/3 m²', () => {
    expect(M2_PER_MU).toBe(2000 / 3);
    expect(muToM2(1)).toBe(2000 / 3);
    expect(m2ToMu(2000)).toBe(3);
    expect(m2ToMu(2000 / 3)).toBeCloseTo(1, 15);
    // 3 亩 = 2000 m² exactly, with no rounding on the way
    expect(muToM2(3)).toBe(2000);
  });

  it('1 公顷 = 15 亩 = 10,000 m²; 1 km² = 1500 亩 = 100 公顷', () => {
    expect(M2_PER_HA).toBe(10_000);
    expect(m2ToMu(M2_PER_HA)).toBe(15);
    expect(m2ToHa(M2_PER_HA)).toBe(1);
    expect(m2ToMu(M2_PER_KM2)).toBe(1500);
    expect(m2ToHa(M2_PER_KM2)).toBe(100);
  });

  it('万亩 and 亿亩: 1 亿亩 = 10⁸ 亩 ≈ 66,666.67 km²; the national targets round-trip', () => {
    expect(m2ToWanMu(muToM2(1e4))).toBeCloseTo(1, 12);
    expect(wanMuToM2(1)).toBeCloseTo(2e7 / 3, 6);
    expect(yiMuToM2(1) / M2_PER_KM2).toBeCloseTo(66_666.666_667, 5);
    expect(m2ToYiMu(yiMuToM2(18.65))).toBeCloseTo(18.65, 12);
    expect(m2ToYiMu(yiMuToM2(15.46))).toBeCloseTo(15.46, 12);
    // 1 亿亩 = 10,000 万亩
    expect(m2ToWanMu(yiMuToM2(1))).toBeCloseTo(1e4, 8);
  });

  it('areaUnits gives every unit of one figure', () => {
    const u = areaUnits(1e6);
    expect(u.m2).toBe(1e6);
    expect(u.mu).toBe(1500);
    expect(u.ha).toBe(100);
    expect(u.wanMu).toBeCloseTo(0.15, 15);
    expect(u.yiMu).toBeCloseTo(1.5e-5, 18);
  });
});

describe('zh-CN formatting', () => {
  it('formatNumber groups thousands and fixes the digits', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(1234.5)).toBe('1,234.50');
    expect(formatNumber(0)).toBe('0.00');
    expect(formatNumber(12.3456, 3)).toBe('12.346');
    expect(formatNumber(999.5, 0)).toBe('1,000');
    expect(formatNumber(-4321.5, 1)).toBe('-4,321.5');
  });

  it('formatNumber keeps one formatter per locale and digits, with toLocaleString’s exact output', () => {
    // interleaved locales and digits: a cache keyed wrongly would hand one call another's formatter
    const values = [0, -0, 0.005, 1.005, -4321.5, 999.5, 1234567.891, 123456789.125, 1e21, 2 ** 53 + 2];
    for (let round = 0; round < 2; round++)
      for (const v of values)
        for (const locale of ['zh-CN', 'en-US'])
          for (const digits of [0, 1, 2, 4, 8])
            expect(formatNumber(v, digits, locale)).toBe(v.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  });

  it('formatNumber never prints NaN or Infinity: "—"', () => {
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('—');
  });

  it('formatArea converts and labels in zh and en', () => {
    expect(formatArea(2000)).toBe('3.00 亩');
    expect(formatArea(2000 / 3 * 12_345.678)).toBe('12,345.68 亩');
    expect(formatArea(1e4, 'ha')).toBe('1.00 公顷');
    expect(formatArea(1e4, 'ha', 2, 'en')).toBe('1.00 ha');
    expect(formatArea(1234.5, 'm2', 1)).toBe('1,234.5 平方米');
    expect(formatArea(muToM2(25_000), 'wanMu')).toBe('2.50 万亩');
    expect(formatArea(yiMuToM2(18.65), 'yiMu', 2)).toBe('18.65 亿亩');
    expect(formatArea(muToM2(1), 'mu', 2, 'en')).toBe('1.00 mu');
  });

  it('formatArea of NaN shows "—", never "NaN"', () => {
    const s = formatArea(Number.NaN);
    expect(s.startsWith('—')).toBe(true);
    expect(s).not.toMatch(/NaN|Infinity/);
  });

  it('formatAreaAuto: < 1 万亩 → 亩, < 1 亿亩 → 万亩, else 亿亩 (2 digits)', () => {
    expect(formatAreaAuto(muToM2(9_999))).toBe('9,999.00 亩');
    expect(formatAreaAuto(muToM2(10_000))).toBe('1.00 万亩');
    expect(formatAreaAuto(muToM2(15_000))).toBe('1.50 万亩');
    expect(formatAreaAuto(muToM2(99_990_000))).toBe('9,999.00 万亩');
    expect(formatAreaAuto(yiMuToM2(1))).toBe('1.00 亿亩');
    expect(formatAreaAuto(yiMuToM2(18.65))).toBe('18.65 亿亩');
    expect(formatAreaAuto(yiMuToM2(15.46), 'en')).toBe('1.546 billion mu');
    // the unit is chosen on the magnitude: a deficit reads in the same unit as a surplus
    expect(formatAreaAuto(-muToM2(25_000))).toBe('-2.50 万亩');
    expect(formatAreaAuto(muToM2(20_000), 'en')).toBe('20,000.00 mu');
    expect(formatAreaAuto(muToM2(2_345_000), 'en')).toBe('2.35 million mu');
    // a tiny negative never prints "-0.00"
    expect(formatArea(-0.001, 'mu')).toBe('0.00 亩');
    expect(formatNumber(-0.004, 2)).toBe('0.00');
    expect(formatNumber(-0.006, 2)).toBe('-0.01');
    expect(formatAreaAuto(Number.NaN)).not.toMatch(/NaN/);
    expect(formatAreaAuto(Number.NaN).startsWith('—')).toBe(true);
  });

  it('every unit has a zh and en label', () => {
    for (const u of Object.values(UNIT_LABEL)) {
      expect(u.zh.length).toBeGreaterThan(0);
      expect(u.en.length).toBeGreaterThan(0);
    }
    expect(UNIT_LABEL.mu.zh).toBe('亩');
    expect(UNIT_LABEL.ha.zh).toBe('公顷');
    expect(UNIT_LABEL.wanMu.zh).toBe('万亩');
    expect(UNIT_LABEL.yiMu.zh).toBe('亿亩');
  });
});
