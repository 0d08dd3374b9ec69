/**
 * Code tables in the current language: 地类 (GB/T 21010-2017 names, with their English names), quality grades,
 * slope classes and planting attributes. Both languages' names are in core/layers/codes.ts; this picks by language.
 */
import { DLBM_CLASSES, DLBM_NAMES, LAND_CLASS_INFO, SLOPE_CLASSES, ZZSX_CLASSES, ZZSX_NAMES } from '../../core/layers/codes';
import { LEVEL1_NAMES, NO_PARCEL, UNKNOWN_CODE } from '../../core/change/classes';
import type { Lang } from '../../state/store';

/** English names of the DLBM codes core/layers/codes.ts names (GB/T 21010-2017 official English terms). */
export const DLBM_NAMES_EN: Record<string, string> = Object.fromEntries(Object.entries(DLBM_CLASSES).map(([k, [, name]]) => [k, name]));

/** English names of the planting attributes (ZZSXDM). */
export const ZZSX_NAMES_EN: Record<string, string> = Object.fromEntries(Object.entries(ZZSX_CLASSES).map(([k, [, name]]) => [k, name]));

export function dlbmName(code: string, lang: Lang): string {
  return (lang === 'zh' ? DLBM_NAMES[code] : DLBM_NAMES_EN[code]) ?? '';
}

export function zzsxName(code: string, lang: Lang): string {
  return (lang === 'zh' ? ZZSX_NAMES[code] : ZZSX_NAMES_EN[code]) ?? code;
}

/** A breakdown key of core/analysis/summary (land class, grade, slope) in the current language. */
export function landClassName(key: string, lang: Lang, zhLabel = ''): string {
  if (key in LAND_CLASS_INFO) return LAND_CLASS_INFO[key as keyof typeof LAND_CLASS_INFO][lang];
  if (key === 'other') return lang === 'zh' ? '非耕地地类' : 'Not cultivated land';
  if (key === 'unknown') return lang === 'zh' ? '未填写' : 'Not filled in';
  return zhLabel || key;
}

export function gradeName(key: string, lang: Lang): string {
  if (key === 'unknown') return lang === 'zh' ? '未填写' : 'Not filled in';
  return lang === 'zh' ? `${key}等` : `Grade ${key}`;
}

export function slopeName(key: string, lang: Lang): string {
  if (key === 'unknown') return lang === 'zh' ? '未填写' : 'Not filled in';
  const c = SLOPE_CLASSES.find((s) => String(s.code) === key);
  return lang === 'zh' ? `${key}级${c ? ` ${c.zh}` : ''}` : `Class ${key}${c ? ` (${c.en})` : ''}`;
}

/** 一级 class names in English (GB/T 21010-2017 terms), beside core/change/classes' LEVEL1_NAMES. */
const LEVEL1_NAMES_EN: Record<string, string> = {
  '00': 'Wetland', '01': 'Cultivated land', '02': 'Garden land', '03': 'Forest land', '04': 'Grassland', '05': 'Commercial and service land',
  '06': 'Industrial and mining land', '07': 'Residential land', '08': 'Public administration and service land', '09': 'Special land',
  '10': 'Transport land', '11': 'Water and water facilities', '12': 'Other land', [NO_PARCEL]: 'No parcel in the other vintage', [UNKNOWN_CODE]: 'Land class unknown',
};

/** A 一级 (two-digit) land-class code's name in the current language (the 变化 heat table read "01 耕地" in English). */
export function level1Name(code: string, lang: Lang): string {
  return (lang === 'zh' ? LEVEL1_NAMES[code] : LEVEL1_NAMES_EN[code]) ?? code;
}
