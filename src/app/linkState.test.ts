import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../core/types';
import type { AppState, LayerEntry } from '../state/store';
import { decodeGeometries, encodeGeometries, formatLinkParams, parseLinkState } from './linkState';

const sq: AreaGeometry = { type: 'Polygon', coordinates: [[[126.12345678912, 45.1], [126.2, 45.1], [126.2, 45.2], [126.12345678912, 45.1]]] };
const layer = (id: string, opacity: number) => ({ info: { id }, opacity, visible: true }) as unknown as LayerEntry;

describe('link state', () => {
  it('round-trips opacity, colouring, the selected point and the drawn site and supplement', () => {
    const s = { status: 'ready', layers: [layer('gd', 0.4), layer('hx', 1)], settings: { cultivatedStyle: 'grade' }, selectionAt: [126.15, 45.15] } as unknown as AppState;
    const q = formatLinkParams(s, { site: [{ id: 'a', geometry: sq }], supplements: [{ id: 'b', geometry: sq }] }, { gd: 0.7, hx: 1 });
    const back = parseLinkState(`?${q.toString()}`);
    expect(back.opacity).toEqual({ gd: 0.4 });
    expect(back.style).toBe('grade');
    expect(back.sel).toEqual([126.15, 45.15]);
    expect(back.site).toEqual([{ type: 'Polygon', coordinates: [[[126.123456789, 45.1], [126.2, 45.1], [126.2, 45.2], [126.123456789, 45.1]]] }]);
    expect(back.sup).toHaveLength(1);
  });
  it('leaves defaults out and refuses malformed values', () => {
    const s = { status: 'ready', layers: [layer('gd', 0.7)], settings: { cultivatedStyle: 'kind' } } as unknown as AppState;
    expect(formatLinkParams(s, undefined, { gd: 0.7 }).toString()).toBe('');
    expect(parseLinkState('?op=gd:7&style=pink&sel=500,1&site=[[[[1,2]]]]')).toEqual({});
    expect(decodeGeometries('not json')).toBeUndefined();
    expect(decodeGeometries(encodeGeometries([{ type: 'MultiPolygon', coordinates: [sq.coordinates as number[][][], sq.coordinates as number[][][]] }]))?.[0].type).toBe('MultiPolygon');
  });
});
