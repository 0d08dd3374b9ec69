import { describe, expect, it } from 'vitest';
import { ownedBytes } from './ownedBytes';

describe('ownedBytes', () => {
  it('hands the bytes over once and keeps their length', () => {
    const b = new Uint8Array([1, 2, 3]);
    const o = ownedBytes(b);
    expect(o.length).toBe(3);
    expect(o.take()).toBe(b);
    expect(() => o.take()).toThrow('already taken');
    expect(o.length).toBe(3);
  });
});
