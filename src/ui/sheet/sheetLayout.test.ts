import { describe, expect, it } from 'vitest';
import { haversineM, localStamp, scaleBar, sheetFrames, sheetScale, sheetSize } from './sheetLayout';

describe('map sheet layout', () => {
  it('A4 and A3 in both orientations at 150 dpi', () => {
    expect(sheetSize('A4', 'landscape')).toMatchObject({ widthPx: 1754, heightPx: 1240 });
    expect(sheetSize('A4', 'portrait')).toMatchObject({ widthPx: 1240, heightPx: 1754 });
    expect(sheetSize('A3', 'landscape')).toMatchObject({ widthPx: 2480, heightPx: 1754 });
  });
  it('frames stay inside the paper and do not overlap', () => {
    for (const [p, o] of [['A4', 'landscape'], ['A4', 'portrait'], ['A3', 'landscape'], ['A3', 'portrait']] as const) {
      const s = sheetSize(p, o);
      const f = sheetFrames(s, o);
      for (const b of [f.title, f.map, f.side]) {
        for (const v of [b.x, b.y, b.w, b.h]) expect(Number.isInteger(v)).toBe(true);
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(s.widthPx);
        expect(b.y + b.h).toBeLessThanOrEqual(s.heightPx);
      }
      if (o === 'landscape') expect(f.map.x + f.map.w).toBeLessThan(f.side.x);
      else expect(f.map.y + f.map.h).toBeLessThan(f.side.y);
    }
  });
  it('A3 is an enlarged A4: type and title band ×√2, frames in the same proportions', () => {
    expect(sheetScale(sheetSize('A4', 'portrait'))).toBe(1);
    expect(sheetScale(sheetSize('A3', 'landscape'))).toBeCloseTo(Math.SQRT2, 2);
    for (const o of ['landscape', 'portrait'] as const) {
      const a4 = sheetFrames(sheetSize('A4', o), o);
      const a3 = sheetFrames(sheetSize('A3', o), o);
      expect(a3.title.h / a4.title.h).toBeCloseTo(Math.SQRT2, 1);
      expect(a3.map.w / a4.map.w).toBeGreaterThan(1.35);
      expect(a3.side.w / a4.side.w).toBeGreaterThan(1.35);
      expect(a3.map.w / a3.map.h).toBeCloseTo(a4.map.w / a4.map.h, 1);
    }
  });
  it('the scale bar has a round length no longer than allowed', () => {
    expect(scaleBar(2.5, 200)).toEqual({ meters: 500, px: 200, label: '500 m' });
    const b = scaleBar(13.7, 250);
    expect(b.meters).toBe(2000);
    expect(b.label).toBe('2 km');
    expect(b.px).toBeCloseTo(2000 / 13.7, 6);
    expect(b.px).toBeLessThanOrEqual(250);
  });
  it('haversine: one degree of longitude at 30°N', () => {
    expect(haversineM([120, 30], [121, 30])).toBeCloseTo(96_297, -2);
  });
  it('the date is local to Asia/Shanghai, the zone stated', () => {
    const d = new Date(Date.UTC(2026, 11, 4, 17, 30));
    expect(localStamp(d, 'zh')).toBe('2026-12-05 01:30（北京时间 Asia/Shanghai, UTC+8）');
    expect(localStamp(d, 'en')).toBe('2026-12-05 01:30 (Asia/Shanghai, UTC+8)');
  });
});
