import type * as maplibregl from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { layerKindInfo } from '../../core/layers/kinds';
import { OUTLINE_FROM_ZOOM, parcelPaint, setParcelOpacity } from './parcelPaint';

describe('parcel paint', () => {
  it('farmland: the kind’s colour, darker outlines fading in from the outline zoom; red lines: always outlined, faint fill', () => {
    const p = parcelPaint('cultivated');
    expect(p.color).toBe(layerKindInfo('cultivated').color);
    expect(p.boundary).toBe(false);
    expect(p.lineColor).not.toBe(p.color);
    expect(p.parcelOpacity(0.5)).toBeCloseTo(0.375, 12);
    expect(p.lineOpacity(0.5)).toEqual(['interpolate', ['linear'], ['zoom'], OUTLINE_FROM_ZOOM, 0, OUTLINE_FROM_ZOOM + 1, 0.5]);
    const r = parcelPaint('eco-redline');
    expect(r.boundary).toBe(true);
    expect(r.lineColor).toBe(r.color);
    expect(r.lineOpacity(0.5)).toBe(0.5);
    expect(r.parcelOpacity(1)).toBeCloseTo(0.08, 12);
    expect(parcelPaint(undefined, '#123456').color).toBe('#123456');
  });

  it('a layer opacity reaches its agg, fill and line style layers', () => {
    const calls: unknown[][] = [];
    const map = { setPaintProperty: (...a: unknown[]) => calls.push(a) } as unknown as maplibregl.Map;
    const p = parcelPaint('cultivated');
    setParcelOpacity(map, 'layer-x', p, 0.4);
    expect(calls).toEqual([
      ['layer-x-agg', 'fill-opacity', p.aggOpacity(0.4)],
      ['layer-x-fill', 'fill-opacity', p.parcelOpacity(0.4)],
      ['layer-x-line', 'line-opacity', p.lineOpacity(0.4)],
    ]);
  });
});
