import { describe, expect, it } from 'vitest';
import type { Progress } from './protocol';
import { progressThrottle } from './progressThrottle';

describe('progressThrottle', () => {
  it('passes phase changes and ≥ 5 % steps, drops the rest', () => {
    const seen: Progress[] = [];
    const p = progressThrottle((x) => seen.push(x));
    p({ phase: 'fetch' });
    p({ phase: 'fetch' });
    for (let i = 0; i <= 1000; i++) p({ phase: 'parse', done: i, total: 1000 });
    p({ phase: 'validate', total: 5 });
    expect(seen[0]).toEqual({ phase: 'fetch' });
    const parse = seen.filter((x) => x.phase === 'parse');
    expect(parse.length).toBe(21); // 0, 50, 100 … 1000
    expect(parse.at(-1)).toEqual({ phase: 'parse', done: 1000, total: 1000 });
    expect(seen.at(-1)).toEqual({ phase: 'validate', total: 5 });
  });
});
