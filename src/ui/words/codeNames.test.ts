import { describe, expect, it } from 'vitest';
import { DLBM_NAMES, ZZSX_NAMES } from '../../core/layers/codes';
import { LEVEL1_NAMES } from '../../core/change/classes';
import { DLBM_NAMES_EN, ZZSX_NAMES_EN, dlbmName, gradeName, landClassName, level1Name, slopeName } from './codeNames';

describe('code tables in English', () => {
  it('every DLBM and planting code has an English name', () => {
    expect(Object.keys(DLBM_NAMES_EN).sort()).toEqual(Object.keys(DLBM_NAMES).sort());
    expect(Object.keys(ZZSX_NAMES_EN).sort()).toEqual(Object.keys(ZZSX_NAMES).sort());
    for (const v of [...Object.values(DLBM_NAMES_EN), ...Object.values(ZZSX_NAMES_EN)]) expect(v).not.toMatch(/[\u3400-\u9fff]/);
  });
  it('names land classes, grades and slopes in one language', () => {
    expect(landClassName('paddy', 'en')).toBe('Paddy');
    expect(landClassName('dry', 'zh')).toBe('旱地');
    expect(landClassName('unknown', 'en')).toBe('Not filled in');
    expect(gradeName('3', 'en')).toBe('Grade 3');
    expect(gradeName('3', 'zh')).toBe('3等');
    expect(slopeName('2', 'en')).toBe('Class 2 (2–6°)');
    expect(slopeName('5', 'zh')).toBe('5级 >25°');
    expect(dlbmName('0103', 'en')).toBe('Dry land');
  });
  it('names every 一级 class of the 变化 heat table in English (it read "01 耕地")', () => {
    for (const code of Object.keys(LEVEL1_NAMES)) {
      expect(level1Name(code, 'en')).not.toMatch(/[\u3400-\u9fff]/);
      expect(level1Name(code, 'zh')).toBe(LEVEL1_NAMES[code]);
    }
    expect(level1Name('01', 'en')).toBe('Cultivated land');
    expect(level1Name('99', 'en')).toBe('99');
  });
});
