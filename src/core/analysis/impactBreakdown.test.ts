import { describe, expect, it } from 'vitest';
import { m2ToMu } from '../area/units';
import { breakdownsOf } from './impactBreakdown';
import { addPiece, emptyBreakdownSlots } from './impactTally';

describe('breakdownsOf (pieces added with addPiece)', () => {
  it('sums pieces by 地类, grade and slope, with "other" and "unknown" slots, empty slots left out', () => {
    const t = emptyBreakdownSlots();
    addPiece(t, { dlbm: '0101', landClass: 'paddy', gddj: 3, gdpdjb: 2 }, 100, 90);
    addPiece(t, { dlbm: '0101', landClass: 'paddy', gddj: 3, gdpdjb: 6 }, 50, 50);
    addPiece(t, { dlbm: '0201', gddj: 2.5 }, 10, 10);
    addPiece(t, {}, 1, 1);
    const r = breakdownsOf(t);
    expect(Object.keys(r.byLandClass)).toEqual(['paddy', 'other', 'unknown']);
    expect(r.byLandClass.paddy).toEqual({ areaM2: 150, areaMu: m2ToMu(150), netM2: 140, netMu: m2ToMu(140), parcels: 2 });
    expect(r.byLandClass.other.parcels).toBe(1);
    // a non-integer grade and an out-of-range slope class count as unknown
    expect(Object.keys(r.byGrade).sort()).toEqual(['3', 'unknown']);
    expect(r.byGrade.unknown.areaM2).toBe(11);
    expect(Object.keys(r.bySlope).sort()).toEqual(['2', 'unknown']);
    expect(r.bySlope.unknown.areaM2).toBe(61);
  });

  it('gives empty breakdowns for no pieces', () => {
    expect(breakdownsOf(emptyBreakdownSlots())).toEqual({ byLandClass: {}, byGrade: {}, bySlope: {} });
  });
});
