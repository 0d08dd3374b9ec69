import { describe, expect, it } from 'vitest';
import { copyField, copyRow, floatArray } from './copyText';

describe('COPY text rows', () => {
  it('escapes backslash, newline, CR and tab in text; JSON only needs its backslashes doubled', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('plain 文本')).toBe('plain 文本');
    // JSON.stringify already writes a tab or newline inside a string as \t / \n: the backslash is doubled for COPY
    expect(copyField({ s: 'x\ty\\z', n: 1 })).toBe('{"s":"x\\\\ty\\\\\\\\z","n":1}');
    expect(copyField({ s: 'no escapes' })).toBe('{"s":"no escapes"}');
  });

  it('writes null, non-finite numbers, booleans and shortest round-trip numbers', () => {
    expect(copyRow([null, undefined, Number.NaN, Number.POSITIVE_INFINITY, true, false, 0.1 + 0.2, 12])).toBe('\\N\t\\N\t\\N\t\\N\tt\tf\t0.30000000000000004\t12\n');
    expect(Number(copyField(1234567.1234567892))).toBe(1234567.1234567892);
    expect(floatArray([1, 2.5, -3])).toBe('{1,2.5,-3}');
  });
});
