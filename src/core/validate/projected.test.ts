import { describe, expect, it } from 'vitest';
import { FindingSink } from './messages';
import { looksProjected, ProjectedStats, projectedHint } from './projected';

describe('looksProjected', () => {
  it('tells metres from degrees and from absurd values', () => {
    expect(looksProjected(39500000, 4000000)).toBe(true); // 3° Gauss-Krüger with zone prefix
    expect(looksProjected(500000, 5000000)).toBe(true); // without prefix / UTM
    expect(looksProjected(12946000, 4865000)).toBe(true); // Web Mercator
    expect(looksProjected(116.3, 40)).toBe(false);
    expect(looksProjected(200, 50)).toBe(false); // out of range but not metre-sized
    expect(looksProjected(1e308, 40)).toBe(false);
    expect(looksProjected(-1e9, 4e6)).toBe(false);
  });
});

describe('projectedHint', () => {
  it('reads the zone from the false easting', () => {
    expect(projectedHint(39500000).en).toContain('3° Gauss-Krüger zone 39 (EPSG:4527, CM 117°E)');
    expect(projectedHint(25400000).en).toContain('EPSG:4513, CM 75°E');
    expect(projectedHint(45600000).en).toContain('EPSG:4533, CM 135°E');
    expect(projectedHint(20500000).en).toContain('6° Gauss-Krüger zone 20 (EPSG:4498, CM 117°E)');
    expect(projectedHint(499000).en).toContain('about 500000');
    expect(projectedHint(5000).en).toBe('');
  });
});

describe('ProjectedStats', () => {
  it('gives one file-level error however many features, with the required wording', () => {
    const p = new ProjectedStats();
    for (let i = 0; i < 500; i++) p.note(i, `g${i}`, 39500000 + i, 4000000);
    const sink = new FindingSink('gk.geojson');
    p.report(sink);
    const out = sink.finish();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ severity: 'error', code: 'geometry.projected', file: 'gk.geojson' });
    expect(out[0].featureIndex).toBeUndefined();
    const m = out[0].message;
    expect(m).toContain('this looks like metres in a projected CRS; supply the .prj or EPSG code');
    expect(m).toContain('这看起来是投影坐标系（米）；请提供 .prj 或 EPSG 代码');
    expect(m.indexOf('这看起来')).toBeLessThan(m.indexOf('this looks'));
    expect(m).toContain('500 feature(s)');
    expect(m).toContain('feature 0 (id g0) at 39500000, 4000000');
  });
  it('says nothing when no feature looked projected', () => {
    const sink = new FindingSink('a');
    new ProjectedStats().report(sink);
    expect(sink.finish()).toEqual([]);
  });
});
