import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../state/store';
import type { LargeLayerHandle } from './largeLayer';
import { paintLayer } from './layerPaint';
import { fillColor } from './styles';

const entry = (kind: string, fields: Record<string, string> = {}): LayerEntry =>
  ({ info: { id: kind, kind, name: kind, fields, bbox: [0, 0, 1, 1], count: 1 }, visible: false, opacity: 0.4, findings: [], origin: 'manifest' }) as unknown as LayerEntry;

/** A handle that records the calls made on it. */
function recorder(): { handle: LargeLayerHandle; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const rec = (name: string) => (...args: unknown[]) => void calls.push([name, ...args]);
  const handle = { setVisible: rec('visible'), setOpacity: rec('opacity'), setPaint: rec('paint'), setFillColor: rec('fill') } as unknown as LargeLayerHandle;
  return { handle, calls };
}

describe('paintLayer', () => {
  it('a boundary is a line: width, and dashes for the urban development boundary only; no fill colour', () => {
    const urban = recorder();
    paintLayer(urban.handle, entry('urban-boundary'), 'kind');
    expect(urban.calls).toEqual([['visible', false], ['opacity', 0.4], ['paint', 'line', 'line-width', 2.5], ['paint', 'line', 'line-dasharray', [3, 1.5]]]);
    const red = recorder();
    paintLayer(red.handle, entry('eco-redline'), 'grade');
    expect(red.calls).toEqual([['visible', false], ['opacity', 0.4], ['paint', 'line', 'line-width', 2.5]]);
  });

  it('耕地 takes the grade ramp over the packed `gddj` column when it has a grade field, else its kind colour', () => {
    const graded = recorder();
    paintLayer(graded.handle, entry('cultivated', { gddj: 'ZLDJDM' }), 'grade');
    expect(graded.calls.at(-1)).toEqual(['fill', fillColor('cultivated', 'grade', { gddj: 'gddj' })]);
    expect(JSON.stringify(graded.calls.at(-1))).toContain('"gddj"');
    const plain = recorder();
    paintLayer(plain.handle, entry('cultivated'), 'grade');
    expect(plain.calls.at(-1)).toEqual(['fill', fillColor('cultivated', 'kind', {})]);
  });
});
