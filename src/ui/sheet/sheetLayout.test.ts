import { describe, expect, it } from 'vitest';
import { haversineM, localStamp, scaleBar, sheetFrames, sheetSize } from './sheetLayout';

describe('map sheet layout', () => {
  it('A4 and A3 in both orientations at 150 dpi', () => {
    expect(sheetSize('A4', 'landscape')).toMatchObject({ widthPx: 1754, heightPx: 1240 });
    expect(sheetSize('A4', 'portrait')).toMatchObject({ widthPx: 1240, heightPx: 1754 });
    expect(sheetSize('A3', 'landscape')).toMatchObject({ widthPx: 2480, heightPx: 1754 });
  });
  it('frames stay inside the paper and do not overlap', () => {
    for (const o of ['landscape', 'portrait'] as const) {
      const s = sheetSize('A4', o);
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
