import type { TerraDrawMouseEvent } from 'terra-draw';
import { describe, expect, it } from 'vitest';
import { replayable, replayShape } from './resume';

function recorder() {
  const log: string[] = [];
  const at = (e: TerraDrawMouseEvent) => `${e.lng},${e.lat}${e.containerX < -1e8 ? '' : ' ON SCREEN'}`;
  return { log, mode: { onClick: (e: TerraDrawMouseEvent) => log.push(`click ${at(e)}`), onMouseMove: (e: TerraDrawMouseEvent) => log.push(`move ${at(e)}`) } };
}
const C: [number, number][] = [[1, 1], [2, 1], [2, 2]];

describe('replaying an unfinished shape', () => {
  it('a polygon: each vertex moved to and clicked, off screen', () => {
    const r = recorder();
    replayShape(r.mode, 'polygon', C);
    expect(r.log).toEqual(['move 1,1', 'click 1,1', 'move 2,1', 'click 2,1', 'move 2,2', 'click 2,2']);
  });
  it('a rectangle: its start corner; a freehand stroke: a click then moves', () => {
    const a = recorder();
    replayShape(a.mode, 'rectangle', C);
    expect(a.log).toEqual(['click 1,1']);
    const b = recorder();
    replayShape(b.mode, 'freehand', C);
    expect(b.log).toEqual(['click 1,1', 'move 2,1', 'move 2,2']);
  });
  it('keeps only finite pairs, rounded to 9 decimals', () => {
    expect(replayable([[1.0000000001, 2], [Number.NaN, 1], 'x', [3, 4]])).toEqual([[1, 2], [3, 4]]);
  });
});
