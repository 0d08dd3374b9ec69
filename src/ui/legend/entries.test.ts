import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../../state/store';
import { legendEntries } from './entries';

const entry = (id: string, kind: string, visible: boolean, fields: Record<string, string> = {}): LayerEntry =>
  ({ info: { id, kind, name: id, fields, bbox: [0, 0, 1, 1], count: 1 }, visible, opacity: 0.7, findings: [], origin: 'manifest' }) as unknown as LayerEntry;

describe('legendEntries', () => {
  const layers = [entry('gd', 'cultivated', true, { gddj: 'ZLDJ', gdpdjb: 'GDPDJB' }), entry('jbnt', 'permanent-basic', false), entry('hx', 'eco-redline', true)];
  it('lists the visible layers top first, the hidden one left out', () => {
    const g = legendEntries({ layers, style: 'kind', lang: 'zh' });
    expect(g).toHaveLength(1);
    expect(g[0].entries.map((e) => e.key)).toEqual(['hx', 'gd']);
  });
  it('adds the grade or slope classes when 耕地 is coloured so, in the current language', () => {
    const grade = legendEntries({ layers, style: 'grade', lang: 'en' });
    expect(grade[1].title).toBe('Quality grade (1 best)');
    expect(grade[1].entries).toHaveLength(11);
    expect(grade[1].entries[0].label).toBe('Grade 1');
    const slope = legendEntries({ layers, style: 'slope', lang: 'zh' });
    expect(slope[1].entries[4].label).toBe('5 级 >25°');
  });
  it('no classes when no visible farmland layer carries the field', () => {
    expect(legendEntries({ layers: [entry('gd', 'cultivated', true)], style: 'grade', lang: 'zh' })).toHaveLength(1);
  });
  it('adds the drawn site and supplement while they exist', () => {
    const g = legendEntries({ layers, style: 'kind', lang: 'zh', drawn: { site: 1, supplements: 0 } });
    expect(g[1].entries.map((e) => e.key)).toEqual(['draw-site']);
  });
});
