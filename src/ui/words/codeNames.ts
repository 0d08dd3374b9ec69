/**
 * Code tables in the current language: 地类 (GB/T 21010-2017 names, with their English names), quality grades,
 * slope classes and planting attributes. The Chinese names stay in core/layers/codes.ts; this adds the English.
 */
import { DLBM_NAMES, LAND_CLASS_INFO, SLOPE_CLASSES, ZZSX_NAMES } from '../../core/layers/codes';
import type { Lang } from '../../state/store';

/** English names of the DLBM codes core/layers/codes.ts names (GB/T 21010-2017 official English terms). */
export const DLBM_NAMES_EN: Record<string, string> = {
  '0101': 'Paddy field', '0102': 'Irrigated land', '0103': 'Dry land', '011': 'Paddy field', '012': 'Irrigated land', '013': 'Dry land',
  '0201': 'Orchard', '0202': 'Tea garden', '0203': 'Rubber plantation', '0204': 'Other garden land',
  '0301': 'Arbor forest', '0302': 'Bamboo forest', '0303': 'Mangrove forest', '0304': 'Forest swamp', '0305': 'Shrub forest', '0307': 'Other forest land',
  '0401': 'Natural grassland', '0403': 'Artificial grassland', '0404': 'Other grassland',
  '0601': 'Industrial land', '0602': 'Mining land', '0701': 'Urban residential land', '0702': 'Rural homestead',
  '1001': 'Railway land', '1003': 'Highway land', '1006': 'Rural road',
  '1101': 'River surface', '1103': 'Reservoir surface', '1104': 'Pond surface', '1106': 'Inland tidal flat', '1107': 'Ditch', '1108': 'Marsh',
  '1202': 'Facility agricultural land', '1203': 'Field ridge (tiankan)', '1204': 'Saline-alkali land', '1205': 'Sandy land', '1206': 'Bare soil', '1207': 'Bare rock and gravel land',
};

export const ZZSX_NAMES_EN: Record<string, string> = {
  LS: 'Grain crops', FLS: 'Non-grain crops', LYFL: 'Grain / non-grain rotation', XG: 'Fallow', LLJZ: 'Forest-grain intercropping', WG: 'Not cultivated',
};

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
