/** Codes and classes: 地类 (GB/T 21010-2017), slope classes, quality grades, planting attributes. */
import type { LandClass } from '../types';

/** 耕地 DLBM codes: 三调 0101/0102/0103 and 二调 011/012/013. */
const LAND_CLASS_BY_CODE: Record<string, LandClass> = {
  '0101': 'paddy',
  '0102': 'irrigated',
  '0103': 'dry',
  '011': 'paddy',
  '012': 'irrigated',
  '013': 'dry',
};

export const LAND_CLASS_INFO: Record<LandClass, { zh: string; en: string; code: string }> = {
  paddy: { zh: '水田', en: 'Paddy', code: '0101' },
  irrigated: { zh: '水浇地', en: 'Irrigated', code: '0102' },
  dry: { zh: '旱地', en: 'Dry land', code: '0103' },
};

export const LAND_CLASSES: readonly LandClass[] = ['paddy', 'irrigated', 'dry'];

export function landClassOf(dlbm: string | undefined): LandClass | undefined {
  if (dlbm === undefined) return undefined;
  const code = dlbm.trim();
  // own keys only: "constructor" or "toString" must not find Object.prototype's functions
  return Object.hasOwn(LAND_CLASS_BY_CODE, code) ? LAND_CLASS_BY_CODE[code] : undefined;
}

export const isCultivatedCode = (dlbm: string | undefined): boolean => landClassOf(dlbm) !== undefined;

/** Names of common DLBM codes for inspection (GB/T 21010-2017 first level and farmland-adjacent classes). */
export const DLBM_NAMES: Record<string, string> = {
  '0101': '水田', '0102': '水浇地', '0103': '旱地', '011': '水田', '012': '水浇地', '013': '旱地',
  '0201': '果园', '0202': '茶园', '0203': '橡胶园', '0204': '其他园地',
  '0301': '乔木林地', '0302': '竹林地', '0303': '红树林地', '0304': '森林沼泽', '0305': '灌木林地', '0307': '其他林地',
  '0401': '天然牧草地', '0403': '人工牧草地', '0404': '其他草地',
  '0601': '工业用地', '0602': '采矿用地', '0701': '城镇住宅用地', '0702': '农村宅基地',
  '1001': '铁路用地', '1003': '公路用地', '1006': '农村道路',
  '1101': '河流水面', '1103': '水库水面', '1104': '坑塘水面', '1106': '内陆滩涂', '1107': '沟渠', '1108': '沼泽地',
  '1202': '设施农用地', '1203': '田坎', '1204': '盐碱地', '1205': '沙地', '1206': '裸土地', '1207': '裸岩石砾地',
};

/** Slope classes GDPDJB 1..5 (docs/domain.md §4). */
export const SLOPE_CLASSES: ReadonlyArray<{ code: number; zh: string; en: string; range: string }> = [
  { code: 1, zh: '≤2°', en: '≤2°', range: '≤2°' },
  { code: 2, zh: '2°–6°', en: '2–6°', range: '(2°, 6°]' },
  { code: 3, zh: '6°–15°', en: '6–15°', range: '(6°, 15°]' },
  { code: 4, zh: '15°–25°', en: '15–25°', range: '(15°, 25°]' },
  { code: 5, zh: '>25°', en: '>25°', range: '>25°' },
];

/** 耕地质量等级 GDDJ 1..10 (1 best); 农用地分等 等别 GDDB 1..15 (1 best). */
export const GRADE_RANGE = { gddj: [1, 10], gddb: [1, 15], gdpdjb: [1, 5] } as const;

/** Planting attribute ZZSXDM. WG 未耕种 is the nearest field to 撂荒地. */
export const ZZSX_NAMES: Record<string, string> = {
  LS: '粮食作物', FLS: '非粮作物', LYFL: '粮与非粮轮作', XG: '休耕', LLJZ: '林粮间作', WG: '未耕种',
};

export const SALINITY_DEGREES = ['轻度', '中度', '重度', '盐土'] as const;
