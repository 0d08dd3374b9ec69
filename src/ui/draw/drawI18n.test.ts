import { describe, expect, it } from 'vitest';
import { dt, landLabel, parcelCount } from './drawI18n';

describe('draw panel words', () => {
  it('counts parcels as each language writes them (issue 18 §5: no "1 parcels", no "1 块数")', () => {
    expect(parcelCount('zh', 3)).toBe('3 个图斑');
    expect(parcelCount('en', 1)).toBe('1 parcel');
    expect(parcelCount('en', 0)).toBe('0 parcels');
    expect(parcelCount('en', 12)).toBe('12 parcels');
    expect(dt('en', 'parcels')).toBe('parcels');
  });
  it('names the impact breakdown\'s 地类 keys, and shows any other key as it is', () => {
    const keys = ['paddy', 'irrigated', 'dry', 'other', 'unknown', 'title', '0101'];
    expect(keys.map((k) => landLabel('zh', k))).toEqual(['水田', '水浇地', '旱地', '其他地类', '未知', 'title', '0101']);
    expect(keys.map((k) => landLabel('en', k))).toEqual(['paddy', 'irrigated', 'dry', 'other', 'unknown', 'title', '0101']);
  });
});
