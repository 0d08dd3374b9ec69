import { describe, expect, it } from 'vitest';
import { ownedBytes } from './ownedBytes';

describe('ownedBytes', () => {
  it('hands the bytes out until released, then frees them once and keeps their length', () => {
    const b = new Uint8Array([1, 2, 3]);
    const freed: Uint8Array[] = [];
    const o = ownedBytes(b, (x) => freed.push(x));
    expect(o.length).toBe(3);
    expect(o.take()).toBe(b);
    expect(o.take()).toBe(b);
    o.release();
    o.release();
    expect(freed).toEqual([b]);
    expect(() => o.take()).toThrow('already released');
    expect(o.length).toBe(3);
  });
});
