import { describe, expect, it } from 'vitest';
import { paddingFor } from './panelPadding';

const map = { left: 372, top: 52, width: 652, height: 648 };
describe('paddingFor', () => {
  it('pads the left side by the draw panel floating at the top left', () => {
    const p = paddingFor(map, [{ left: 382, top: 88, width: 300, height: 500 }]);
    expect(p.left).toBe(300 + 10 + 20);
    expect(p.right).toBe(40);
  });
  it('pads the right side by the inspect panel', () => {
    const p = paddingFor(map, [{ left: 372 + 652 - 56 - 330, top: 62, width: 330, height: 300 }]);
    expect(p.right).toBe(56 + 330 + 20);
    expect(p.left).toBe(40);
  });
  it('a panel across the width pads the top or bottom', () => {
    expect(paddingFor(map, [{ left: 372, top: 500, width: 652, height: 200 }]).bottom).toBe(200 + 20);
  });
  it('keeps at least 30 % of the map free', () => {
    const p = paddingFor(map, [{ left: 382, top: 88, width: 300, height: 500 }, { left: 700, top: 62, width: 300, height: 300 }]);
    expect(p.left + p.right).toBe(80);
  });
  it('ignores hidden panels and panels outside the map', () => {
    expect(paddingFor(map, [{ left: 0, top: 0, width: 0, height: 0 }, { left: 0, top: 60, width: 300, height: 300 }])).toEqual({ top: 40, right: 40, bottom: 40, left: 40 });
  });
});
