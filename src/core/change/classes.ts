/**
 * 地类 groups the change report needs (GB/T 21010-2017 as used by 三调; 二调 three-digit codes accepted where the
 * first two digits mean the same 一级 class). See docs/change.md for the lists and why.
 */
import { isCultivatedCode } from '../layers/codes';

/** Code used for the part of a piece outside the other vintage (no parcel there). */
export const NO_PARCEL = '(none)';
/** Code used when a side has no 地类编码. */
export const UNKNOWN_CODE = '(unknown)';
/** 田坎: the deducted class of a 耕地 parcel's KCXS share (KCDLBM is 1203 for 耕地 in 三调). */
export const TIANKAN = '1203';

/** 一级 class of a 二级 code: its first two characters ("0103" → "01"); special codes stay as they are. */
export function level1Of(code: string): string {
  if (code === NO_PARCEL || code === UNKNOWN_CODE) return code;
  return code.length >= 2 ? code.slice(0, 2) : code;
}

export const isCultivated = (code: string): boolean => isCultivatedCode(code);

/**
 * 建设用地 (three-category 对照 of 三调 工作分类): 05 商服, 06 工矿 (0601 工业, 0602 采矿, 0603 盐田), 07 住宅,
 * 08 公共管理与公共服务, 09 特殊用地, 10 交通运输 except 1006 农村道路 (农用地), 1109 水工建筑用地, 1201 空闲地.
 */
export function isConstruction(code: string): boolean {
  const c = code.trim();
  const l1 = c.slice(0, 2);
  if (l1 === '05' || l1 === '06' || l1 === '07' || l1 === '08' || l1 === '09') return true;
  if (l1 === '10') return !c.startsWith('1006');
  return c.startsWith('1109') || c.startsWith('1201');
}

/**
 * 其他农用地 for 进出平衡 (自然资发〔2021〕166号: 耕地 → 林地、草地、园地等其他农用地): 1006 农村道路, 1104 坑塘水面
 * (and 1104A 养殖坑塘), 1107 沟渠 (1107A 干渠), 1202 设施农用地. 1203 田坎 is left out on purpose: in the overlay it
 * only moves with a parcel's KCXS (a coefficient, not a land-use decision).
 */
const OTHER_AGRICULTURAL = ['1006', '1104', '1107', '1202'];

/** Destination classes of 进出平衡: 园地 02, 林地 03, 草地 04 and other agricultural land. */
export function isBalanceClass(code: string): boolean {
  const c = code.trim();
  const l1 = c.slice(0, 2);
  if (l1 === '02' || l1 === '03' || l1 === '04') return true;
  return OTHER_AGRICULTURAL.some((p) => c.startsWith(p));
}

/** Which 进出平衡 group a code falls in (for the by-class breakdown). */
export function balanceGroupOf(code: string): '园地' | '林地' | '草地' | '其他农用地' | undefined {
  if (!isBalanceClass(code)) return undefined;
  const l1 = code.trim().slice(0, 2);
  return l1 === '02' ? '园地' : l1 === '03' ? '林地' : l1 === '04' ? '草地' : '其他农用地';
}

/** 一级 class names (GB/T 21010-2017) for tables. */
export const LEVEL1_NAMES: Record<string, string> = {
  '00': '湿地', '01': '耕地', '02': '园地', '03': '林地', '04': '草地', '05': '商业服务业用地', '06': '工矿用地',
  '07': '住宅用地', '08': '公共管理与公共服务用地', '09': '特殊用地', '10': '交通运输用地', '11': '水域及水利设施用地',
  '12': '其他土地', [NO_PARCEL]: '另一期无图斑', [UNKNOWN_CODE]: '地类未知',
};
