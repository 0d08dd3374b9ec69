import { describe, expect, it } from 'vitest';
import { roundToSum } from './roundToSum';

const cents = (xs: number[]) => xs.reduce((a, b) => a + Math.round(b * 100), 0);

describe('roundToSum (largest remainder)', () => {
  it('three thirds add up to the rounded whole', () => {
    expect(roundToSum([1 / 3, 1 / 3, 1 / 3], 2)).toEqual([0.34, 0.33, 0.33]);
    expect(cents(roundToSum([1 / 3, 1 / 3, 1 / 3], 2))).toBe(100);
  });
  it('rows of a breakdown add up to the rounded total where plain rounding does not', () => {
    const parts = [10.005, 20.005, 30.005, 0.004];
    const plain = parts.map((v) => Math.round(v * 100) / 100);
    expect(cents(plain)).not.toBe(Math.round(60.019 * 100));
    const r = roundToSum(parts, 2);
    expect(cents(r)).toBe(Math.round(parts.reduce((a, b) => a + b) * 100));
    for (const [i, v] of r.entries()) expect(Math.abs(v - parts[i])).toBeLessThan(0.01);
  });
  it('random parts always sum to the rounded total, each within one unit', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 1000;
    };
    for (let t = 0; t < 200; t++) {
      const parts = Array.from({ length: 1 + (t % 9) }, rnd);
      const r = roundToSum(parts, 2);
      expect(cents(r)).toBe(Math.round(parts.reduce((a, b) => a + b) * 100));
      for (const [i, v] of r.entries()) expect(Math.abs(v - parts[i])).toBeLessThan(0.01 + 1e-9);
    }
  });
  it('empty', () => {
    expect(roundToSum([], 2)).toEqual([]);
  });
});
