import { describe, expect, it } from 'vitest';
import { clauseJoin, colon, listJoin, paren, percent, yuan } from './format';

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

describe('punctuation of the current language', () => {
  it('English takes ASCII punctuation, Chinese the full-width forms', () => {
    expect(`面积方法${colon('zh')}椭球面积`).toBe('面积方法：椭球面积');
    expect(`Area method${colon('en')}ellipsoidal`).toBe('Area method: ellipsoidal');
    expect(`城镇开发边界外${paren('227.59 亩', 'zh')}`).toBe('城镇开发边界外（227.59 亩）');
    expect(`Outside the boundary${paren('227.59 mu', 'en')}`).toBe('Outside the boundary (227.59 mu)');
    expect(listJoin(['耕地', '林地'], 'zh')).toBe('耕地、林地');
    expect(listJoin(['a', 'b', 'c'], 'en')).toBe('a, b, c');
    expect(clauseJoin(['甲', '乙'], 'zh')).toBe('甲；乙');
    expect(clauseJoin(['a', 'b'], 'en')).toBe('a; b');
    expect(yuan('zh')).toBe('元');
    expect(yuan('en')).toBe('yuan');
  });
});
