import { describe, expect, it } from 'vitest';
import { clearOffset } from './inspectClear';

// a laptop map 1000 × 650 with the inspect panel top right; a phone map 390 × 480 with a bottom sheet
const right = { left: 620, top: 10, right: 950, bottom: 600 };
const sheet = { left: 6, top: 200, right: 384, bottom: 444 };

describe('clearOffset: the least pan that takes the clicked point out from under the inspect panel', () => {
  it('leaves a point beside the panel alone', () => {
    expect(clearOffset({ x: 300, y: 300 }, right, 1000, 650)).toBeUndefined();
    expect(clearOffset({ x: 200, y: 100 }, sheet, 390, 480)).toBeUndefined();
  });
  it('moves a point under a side panel to its left, margin to spare', () => {
    const [dx, dy] = clearOffset({ x: 700, y: 300 }, right, 1000, 650) ?? [0, 0];
    expect(dy).toBe(0);
    expect(700 + dx).toBe(620 - 24);
  });
  it('moves a point under a bottom sheet above it', () => {
    const [dx, dy] = clearOffset({ x: 200, y: 300 }, sheet, 390, 480) ?? [0, 0];
    expect(dx).toBe(0);
    expect(300 + dy).toBe(200 - 24);
  });
  it('never to a strip by the map edge (under the zoom buttons): the far side instead', () => {
    // the panel's right edge is 26 px from the map's: a point just inside its right half goes left, not right
    expect(clearOffset({ x: 900, y: 300 }, right, 1000, 650)).toEqual([620 - 24 - 900, 0]);
  });
  it('a point near the panel edge counts as covered (the margin), and a panel filling the map cannot be cleared', () => {
    expect(clearOffset({ x: 610, y: 300 }, right, 1000, 650)).toEqual([620 - 24 - 610, 0]);
    expect(clearOffset({ x: 100, y: 100 }, { left: 0, top: 0, right: 390, bottom: 480 }, 390, 480)).toBeUndefined();
  });
});
