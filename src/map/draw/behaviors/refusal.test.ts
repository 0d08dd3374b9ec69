import type { GeoJSONStoreFeatures } from 'terra-draw';
import { describe, expect, it } from 'vitest';
import { RefusalGuard } from './refusal';

const poly = (ring: number[][]) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} }) as GeoJSONStoreFeatures;
const SQ = poly([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
const BOW = poly([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]);

function guard() {
  const msgs: (string | undefined)[] = [];
  return { g: new RefusalGuard((m) => msgs.push(m)), msgs };
}

describe('RefusalGuard', () => {
  it('refuses a crossing ring with the message; a provisional valid move leaves it, a committed one clears it', () => {
    const { g, msgs } = guard();
    expect(g.validate(BOW, { updateType: 'provisional' }).valid).toBe(false);
    expect(g.validate(SQ, { updateType: 'provisional' }).valid).toBe(true);
    expect(msgs).toEqual(['selfIntersects']);
    g.validate(SQ, { updateType: 'commit' });
    expect(msgs).toEqual(['selfIntersects', undefined]);
  });

  it('an edit refused on the way keeps its message when it finishes; a finished drawing clears it', () => {
    const { g, msgs } = guard();
    g.validate(BOW);
    g.finished('dragCoordinate');
    expect(msgs.at(-1)).toBe('selfIntersects');
    g.finished('dragCoordinate');
    expect(msgs.at(-1)).toBeUndefined();
    g.validate(BOW);
    g.finished('draw');
    expect(msgs.at(-1)).toBeUndefined();
  });

  it('reset forgets a refusal', () => {
    const { g, msgs } = guard();
    g.validate(BOW);
    g.reset();
    g.finished('dragFeature');
    expect(msgs.at(-1)).toBeUndefined();
  });
});
