import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InProgress } from '../../../state/draw/port';
import { ProgressTracker } from './progress';

const poly = (n: number): InProgress => ({ mode: 'polygon', role: 'site', coordinates: Array.from({ length: n }, (_, i) => [i, i] as [number, number]) });
const stroke = (n: number): InProgress => ({ mode: 'freehand', role: 'site', coordinates: Array.from({ length: n }, (_, i) => [i, 0] as [number, number]) });

describe('ProgressTracker', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());
  const make = () => {
    let emitted = 0;
    const t = new ProgressTracker(() => emitted++, { now: () => Date.now() });
    return { t, count: () => emitted };
  };

  it('emits at once for every vertex placed and when the shape ends', () => {
    const { t, count } = make();
    t.track(poly(1), false);
    t.track(poly(2), false);
    t.track(poly(3), false);
    expect(count()).toBe(3);
    t.track(undefined, false);
    expect(count()).toBe(4);
    // nothing being drawn, not editing: no news
    t.track(undefined, false);
    vi.advanceTimersByTime(2000);
    expect(count()).toBe(4);
  });

  it('a growing stroke emits at its start, then at most every 500 ms, and the trailing change is not lost', () => {
    const { t, count } = make();
    t.track(stroke(1), false);
    expect(count()).toBe(1);
    for (let i = 2; i < 40; i++) {
      vi.advanceTimersByTime(20);
      t.track(stroke(i), false);
    }
    // 760 ms of moves: the start, one at 500 ms, one pending
    expect(count()).toBe(2);
    vi.advanceTimersByTime(500);
    expect(count()).toBe(3);
  });

  it('an edit in select mode is throttled too; reset makes the next shape news', () => {
    const { t, count } = make();
    t.track(undefined, true);
    expect(count()).toBe(1);
    vi.advanceTimersByTime(100);
    t.track(undefined, true);
    expect(count()).toBe(1);
    vi.advanceTimersByTime(400);
    expect(count()).toBe(2);
    t.track(poly(2), false);
    expect(count()).toBe(3);
    t.reset();
    t.track(poly(2), false);
    expect(count()).toBe(4);
  });

  it('dispose cancels a pending emit', () => {
    const { t, count } = make();
    t.track(stroke(1), false);
    t.track(stroke(2), false);
    t.dispose();
    vi.advanceTimersByTime(1000);
    expect(count()).toBe(1);
  });
});
