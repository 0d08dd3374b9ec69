import { describe, expect, it } from 'vitest';
import { isBalanceClass, isConstruction, level1Of } from './classes';
import { type Flow, eachFlow } from './flows';
import { netAreaM2, netShareOf } from './netArea';
import type { ChangePieces, ChangeSide } from './pieces';

const side = (dlbm: string, kcxs?: number): ChangeSide => ({ id: dlbm, dlbm, kcxs, props: {}, index: 0, areaM2: 100 });

function flows(b: ChangeSide | null, a: ChangeSide | null, s = 100, net = true): Flow[] {
  const p: ChangePieces = {
    source: 'overlay', files: { before: 'b', after: 'a' }, before: b ? [b] : [], after: a ? [a] : [], count: 1,
    b: Int32Array.of(b ? 0 : -1), a: Int32Array.of(a ? 0 : -1), areaM2: Float64Array.of(s), beforeTotalM2: s, afterTotalM2: s, sliverM2: 0.5, slivers: [], findings: [],
  };
  const out: Flow[] = [];
  eachFlow(p, (f) => out.push({ ...f }), { net });
  return out;
}
const pairs = (fs: Flow[]) => fs.map((f) => [f.from, f.to, Math.round(f.areaM2 * 1e9) / 1e9]);

describe('eachFlow: 地类面积 flows of a piece, 田坎 kept as 田坎 as far as it goes', () => {
  it('kb > ka: the freed 田坎 flows to the after class', () => {
    expect(pairs(flows(side('0103', 0.2), side('0601')))).toEqual([['0103', '0601', 80], ['1203', '0601', 20]]);
  });
  it('ka > kb: part of the before class becomes 田坎', () => {
    expect(pairs(flows(side('0201'), side('0103', 0.1)))).toEqual([['0201', '0103', 90], ['0201', '1203', 10]]);
  });
  it('both have 田坎: the common part stays 1203 → 1203', () => {
    expect(pairs(flows(side('0103', 0.1), side('0101', 0.25)))).toEqual([['0103', '0101', 75], ['1203', '1203', 10], ['0103', '1203', 15]]);
  });
  it('no parcel on one side; net = false gives polygon areas', () => {
    expect(pairs(flows(side('0103', 0.1), null))).toEqual([['0103', '(none)', 90], ['1203', '(none)', 10]]);
    expect(pairs(flows(null, side('0103', 0.1), 100, true))).toEqual([['(none)', '0103', 90], ['(none)', '1203', 10]]);
    expect(pairs(flows(side('0103', 0.1), side('0601'), 100, false))).toEqual([['0103', '0601', 100]]);
  });
  it('every piece’s flows add up to each side’s split', () => {
    const fs = flows(side('0103', 0.137), side('0102', 0.061), 1234.5);
    const out = (c: string) => fs.filter((f) => f.from === c).reduce((s, f) => s + f.areaM2, 0);
    const inn = (c: string) => fs.filter((f) => f.to === c).reduce((s, f) => s + f.areaM2, 0);
    expect(out('0103')).toBeCloseTo(netAreaM2(1234.5, 0.137), 9);
    expect(out('1203')).toBeCloseTo(1234.5 * 0.137, 9);
    expect(inn('0102')).toBeCloseTo(netAreaM2(1234.5, 0.061), 9);
    expect(inn('1203')).toBeCloseTo(1234.5 * 0.061, 9);
  });
});

describe('classes and netArea', () => {
  it('groups codes', () => {
    expect(['0601', '0702', '1003', '1004', '1109', '1201', '0508'].every(isConstruction)).toBe(true);
    expect(['1006', '0103', '0201', '1104', '1203'].some(isConstruction)).toBe(false);
    expect(['0201', '0301', '0404', '1006', '1104A', '1107', '1202'].every(isBalanceClass)).toBe(true);
    expect(['1203', '0601', '0103', '1101'].some(isBalanceClass)).toBe(false);
    expect(level1Of('0103')).toBe('01');
    expect(level1Of('013')).toBe('01');
  });
  it('netShareOf follows the one engine rule (parcelNetFactor): missing KCXS no deduction, bad ones clamped to 0..1', () => {
    // the change report and the vintages' own summaries must net alike, or the matrix would not reconcile with them
    expect(netShareOf(undefined)).toBe(1);
    expect(netShareOf(1.2)).toBe(0);
    expect(netShareOf(-0.1)).toBe(1);
    expect(netShareOf(0.25)).toBe(0.75);
  });
});
