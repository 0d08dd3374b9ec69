import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart, barWidth, textWidth } from './BarChart';

describe('BarChart', () => {
  it('measures CJK characters wider than digits', () => {
    expect(textWidth('万亩')).toBeGreaterThan(textWidth('12'));
    expect(textWidth('')).toBe(0);
  });

  it("the longest bar and its value text end inside the chart's 320 px (a value was cut off at the right edge)", () => {
    const text = '136.77 万亩 · 83.54%';
    const html = renderToStaticMarkup(<BarChart title="t" bars={[{ key: 'a', label: '旱地', value: 10, text }, { key: 'b', label: '水田', value: 1, text: '1.00 万亩 · 10.00%' }]} />);
    const rect = html.match(/<rect x="(\d+(?:\.\d+)?)" y="3" width="(\d+(?:\.\d+)?)"/);
    expect(rect).not.toBeNull();
    const end = Number(rect![1]) + Number(rect![2]) + 4 + textWidth(text);
    expect(end).toBeLessThanOrEqual(320);
  });

  it('keeps a bar at least 40 px long however long the text', () => {
    expect(barWidth(320, 112, ['x'.repeat(200)])).toBe(40);
  });
  it('a shortened label keeps its full name as a tooltip', () => {
    const html = renderToStaticMarkup(<BarChart title="t" bars={[{ key: 'a', label: 'Permanent basic farmland', value: 1, text: '1 mu' }, { key: 'b', label: 'Paddy', value: 1, text: '1 mu' }]} />);
    expect(html).toContain('<title>Permanent basic farmland</title>');
    expect(html).not.toContain('<title>Paddy</title>');
  });
});
