import { describe, expect, it } from 'vitest';
import { surveyYear } from './surveyYear';

const withAfter = (props: Record<string, unknown>[]) => ({ after: props.map((p) => ({ props: p })) }) as unknown as Parameters<typeof surveyYear>[0];

describe('surveyYear', () => {
  it('reads SJNF or BGHSJNF in any case', () => {
    expect(surveyYear(withAfter([{ sjnf: '2024' }]))).toBe(2024);
    expect(surveyYear(withAfter([{ DLBM: '0101' }, { BGHSJNF: 2023 }]))).toBe(2023);
  });
  it('is undefined without a plausible year', () => {
    expect(surveyYear(withAfter([{ SJNF: 'abc' }, { SJNF: 1800 }, { SJNF: 2024.5 }]))).toBeUndefined();
    expect(surveyYear(withAfter([]))).toBeUndefined();
  });
});
