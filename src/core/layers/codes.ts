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

/**
 * Names of common DLBM codes for inspection (GB/T 21010-2017 first level and farmland-adjacent classes): 中文 and
 * the standard's official English term.
 */
export const DLBM_CLASSES: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  '0101': ['水田', 'Paddy field'], '0102': ['水浇地', 'Irrigated land'], '0103': ['旱地', 'Dry land'], '011': ['水田', 'Paddy field'], '012': ['水浇地', 'Irrigated land'], '013': ['旱地', 'Dry land'],
  '0201': ['果园', 'Orchard'], '0202': ['茶园', 'Tea garden'], '0203': ['橡胶园', 'Rubber plantation'], '0204': ['其他园地', 'Other garden land'],
  '0301': ['乔木林地', 'Arbor forest'], '0302': ['竹林地', 'Bamboo forest'], '0303': ['红树林地', 'Mangrove forest'], '0304': ['森林沼泽', 'Forest swamp'], '0305': ['灌木林地', 'Shrub forest'], '0307': ['其他林地', 'Other forest land'],
  '0401': ['天然牧草地', 'Natural grassland'], '0403': ['人工牧草地', 'Artificial grassland'], '0404': ['其他草地', 'Other grassland'],
  '0601': ['工业用地', 'Industrial land'], '0602': ['采矿用地', 'Mining land'], '0701': ['城镇住宅用地', 'Urban residential land'], '0702': ['农村宅基地', 'Rural homestead'],
  '1001': ['铁路用地', 'Railway land'], '1003': ['公路用地', 'Highway land'], '1006': ['农村道路', 'Rural road'],
  '1101': ['河流水面', 'River surface'], '1103': ['水库水面', 'Reservoir surface'], '1104': ['坑塘水面', 'Pond surface'], '1106': ['内陆滩涂', 'Inland tidal flat'], '1107': ['沟渠', 'Ditch'], '1108': ['沼泽地', 'Marsh'],
  '1202': ['设施农用地', 'Facility agricultural land'], '1203': ['田坎', 'Field ridge (tiankan)'], '1204': ['盐碱地', 'Saline-alkali land'], '1205': ['沙地', 'Sandy land'], '1206': ['裸土地', 'Bare soil'], '1207': ['裸岩石砾地', 'Bare rock and gravel land'],
};

/** The Chinese names of DLBM_CLASSES. */
export const DLBM_NAMES: Record<string, string> = Object.fromEntries(Object.entries(DLBM_CLASSES).map(([k, [zh]]) => [k, zh]));

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

/** Planting attribute ZZSXDM, 中文 and English. WG 未耕种 is the nearest field to 撂荒地. */
export const ZZSX_CLASSES: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  LS: ['粮食作物', 'Grain crops'], FLS: ['非粮作物', 'Non-grain crops'], LYFL: ['粮与非粮轮作', 'Grain / non-grain rotation'], XG: ['休耕', 'Fallow'], LLJZ: ['林粮间作', 'Forest-grain intercropping'], WG: ['未耕种', 'Not cultivated'],
};

/** The Chinese names of ZZSX_CLASSES. */
export const ZZSX_NAMES: Record<string, string> = Object.fromEntries(Object.entries(ZZSX_CLASSES).map(([k, [zh]]) => [k, zh]));

export const SALINITY_DEGREES = ['轻度', '中度', '重度', '盐土'] as const;
