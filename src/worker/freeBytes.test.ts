import { describe, expect, it } from 'vitest';
import { freeBytes } from './freeBytes';

describe('freeBytes', () => {
  it('detaches a buffer the view spans whole: the view is empty afterwards', () => {
    const b = new Uint8Array(1024).fill(7);
    expect(freeBytes(b)).toBe(true);
    expect(b.length).toBe(0);
    expect(b.buffer.byteLength).toBe(0);
  });

  it('leaves a view into part of a larger buffer, and an empty buffer, alone', () => {
    const whole = new Uint8Array(16).fill(1);
    const part = whole.subarray(4, 8);
    expect(freeBytes(part)).toBe(false);
    expect(whole.length).toBe(16);
    expect([...part]).toEqual([1, 1, 1, 1]);
    expect(freeBytes(new Uint8Array(0))).toBe(false);
  });
});
