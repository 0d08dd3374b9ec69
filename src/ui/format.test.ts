import { describe, expect, it } from 'vitest';
import { percent } from './format';

describe('percent', () => {
  it('keeps enough digits for a county against the nation, and handles negatives, zero and NaN', () => {
    expect(percent(0.5, 'zh')).toBe('50.00%');
    expect(percent(1.7e-6, 'zh')).toBe('0.000170%');
    expect(percent(-0.0123, 'en')).toBe('-1.23%');
    expect(percent(-0.00123, 'en')).toBe('-0.123%');
    expect(percent(0, 'zh')).toBe('0%');
    expect(percent(Number.NaN, 'zh')).toBe('—');
  });
});
