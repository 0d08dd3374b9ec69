import { describe, expect, it } from 'vitest';
import { overlayOrder } from './highlight';

describe('overlayOrder', () => {
  it('nothing to move when the highlight and the drawing are on top in order, or absent', () => {
    expect(overlayOrder(['bg', 'parcels', 'draw-touched-fill', 'draw-touched-line', 'td-polygon', 'td-point'])).toBeUndefined();
    expect(overlayOrder(['bg', 'parcels'])).toBeUndefined();
    expect(overlayOrder(['bg', 'td-polygon'])).toBeUndefined();
  });

  it('a layer added above them sends them back on top: the highlight first, the drawing last', () => {
    expect(overlayOrder(['bg', 'draw-touched-fill', 'draw-touched-line', 'td-polygon', 'new-layer'])).toEqual(['draw-touched-fill', 'draw-touched-line', 'td-polygon']);
    expect(overlayOrder(['td-polygon', 'draw-touched-fill', 'draw-touched-line'])).toEqual(['draw-touched-fill', 'draw-touched-line', 'td-polygon']);
  });
});
