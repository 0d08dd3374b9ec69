import { describe, expect, it } from 'vitest';
import { SnapshotHistory } from './history';

describe('SnapshotHistory', () => {
  it('undoes and redoes through the pushed states', () => {
    const h = new SnapshotHistory<{ n: number }>();
    expect(h.canUndo()).toBe(false);
    h.push({ n: 0 });
    h.push({ n: 1 });
    h.push({ n: 2 });
    expect(h.undo()).toEqual({ n: 1 });
    expect(h.undo()).toEqual({ n: 0 });
    expect(h.undo()).toBeUndefined();
    expect(h.canUndo()).toBe(false);
    expect(h.redo()).toEqual({ n: 1 });
    expect(h.redo()).toEqual({ n: 2 });
    expect(h.redo()).toBeUndefined();
  });

  it('does not push a state equal to the current one', () => {
    const h = new SnapshotHistory<{ a: number[] }>();
    expect(h.push({ a: [1] })).toBe(true);
    expect(h.push({ a: [1] })).toBe(false);
    expect(h.canUndo()).toBe(false);
  });

  it('a push after an undo drops the redo branch', () => {
    const h = new SnapshotHistory<number>();
    h.push(0);
    h.push(1);
    h.push(2);
    h.undo();
    h.push(3);
    expect(h.canRedo()).toBe(false);
    expect(h.undo()).toBe(1);
  });

  it('keeps copies: changing a pushed or returned object changes nothing inside', () => {
    const h = new SnapshotHistory<{ v: number[] }>();
    const a = { v: [1] };
    h.push(a);
    h.push({ v: [2] });
    a.v.push(99);
    const back = h.undo()!;
    expect(back).toEqual({ v: [1] });
    back.v.push(7);
    h.redo();
    expect(h.undo()).toEqual({ v: [1] });
  });

  it('keeps only the newest `limit` states', () => {
    const h = new SnapshotHistory<number>(3);
    for (let i = 0; i < 6; i++) h.push(i);
    expect(h.undo()).toBe(4);
    expect(h.undo()).toBe(3);
    expect(h.undo()).toBeUndefined();
  });
});
