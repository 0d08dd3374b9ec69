import { describe, expect, it } from 'vitest';
import { FrameThrottle } from './frameThrottle';

describe('FrameThrottle', () => {
  it('runs once per frame however often it is scheduled, and again in a later frame', () => {
    const frames: (() => void)[] = [];
    let runs = 0;
    const t = new FrameThrottle(
      () => runs++,
      (cb) => frames.push(cb),
    );
    t.schedule();
    t.schedule();
    t.schedule();
    expect(frames).toHaveLength(1);
    expect(runs).toBe(0);
    frames.shift()!();
    expect(runs).toBe(1);
    t.schedule();
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(runs).toBe(2);
  });
});
