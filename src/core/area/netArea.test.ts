import { describe, expect, it } from 'vitest';
import { parcelNetFactor, parcelNetFactorWithSource, parseAreaBasis } from './netArea';

describe('parcelNetFactor', () => {
  it('takes TBDLMJ / TBMJ when both are declared', () => {
    expect(parcelNetFactorWithSource({ tbmj: 1000, tbdlmj: 950, kcxs: 0.2 })).toEqual({ factor: 0.95, source: 'tbdlmj' });
  });
  it('takes (TBMJ − KCMJ) / TBMJ without TBDLMJ', () => {
    expect(parcelNetFactorWithSource({ tbmj: 2000, kcmj: 100, kcxs: 0.2 })).toEqual({ factor: 0.95, source: 'kcmj' });
  });
  it('takes 1 − KCXS without declared areas', () => {
    expect(parcelNetFactorWithSource({ kcxs: 0.08 })).toEqual({ factor: 0.92, source: 'kcxs' });
    expect(parcelNetFactor({ tbmj: 0, tbdlmj: 0, kcxs: 0.1 })).toBeCloseTo(0.9, 15);
  });
  it('is 1 when nothing is declared, and clamps bad ratios to 0..1', () => {
    expect(parcelNetFactorWithSource({})).toEqual({ factor: 1, source: 'none' });
    expect(parcelNetFactor({ tbmj: 100, tbdlmj: 120 })).toBe(1);
    expect(parcelNetFactor({ kcxs: 1.5 })).toBe(0);
    expect(parcelNetFactor({ kcxs: Number.NaN })).toBe(1);
  });
  it('reproduces the survey formula on a declared parcel to the cent', () => {
    const tbmj = 93620.87;
    const kcxs = 0.0112;
    const kcmj = Math.round(tbmj * kcxs * 100) / 100;
    const tbdlmj = Math.round((tbmj - kcmj) * 100) / 100;
    expect(Math.round(tbmj * parcelNetFactor({ tbmj, kcmj, tbdlmj, kcxs }) * 100) / 100).toBe(tbdlmj);
  });
  it('parses the basis names', () => {
    expect(parseAreaBasis('net')).toBe('net');
    expect(parseAreaBasis('polygon')).toBe('polygon');
    expect(parseAreaBasis('gross')).toBeUndefined();
  });
});
