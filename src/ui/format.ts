/** Display helpers over the core units: area text in the current language and method label. */
import { areaMethodLabel } from '../core/area/area';
import { formatArea, formatAreaAuto, formatNumber, m2ToMu } from '../core/area/units';
import type { AreaMethod } from '../core/types';
import type { Lang } from '../state/store';

export const areaAuto = (m2: number, lang: Lang) => formatAreaAuto(m2, lang);
export const areaMu = (m2: number, lang: Lang, digits = 2) => formatArea(m2, 'mu', digits, lang);
export const num = (v: number, lang: Lang, digits = 0) => formatNumber(v, digits, lang === 'zh' ? 'zh-CN' : 'en-US');
export const mu = (m2: number) => m2ToMu(m2);
export const methodLabel = (m: AreaMethod, lang: Lang) => areaMethodLabel(m, lang);
export const methodShort = (m: AreaMethod, lang: Lang) =>
  m === 'ellipsoidal' ? (lang === 'zh' ? '椭球面积' : 'ellipsoidal') : lang === 'zh' ? '球面面积（对比）' : 'spherical (comparison)';
/** A share as a percentage with enough digits to be non-zero for a county against the nation. */
export function percent(share: number, lang: Lang): string {
  if (!Number.isFinite(share)) return '—';
  const p = share * 100;
  const a = Math.abs(p);
  const digits = a === 0 ? 0 : a >= 1 ? 2 : Math.min(8, Math.max(2, 2 - Math.floor(Math.log10(a))));
  return `${formatNumber(p, digits, lang === 'zh' ? 'zh-CN' : 'en-US')}%`;
}

/*
 * Punctuation of the current language. English sentences used to borrow the Chinese templates' "：", "（…）", "、"
 * and "；" ("Area method：ellipsoidal", "Outside the urban development boundary（227.59 mu）").
 */
export const colon = (lang: Lang): string => (lang === 'zh' ? '：' : ': ');
export const paren = (s: string, lang: Lang): string => (lang === 'zh' ? `（${s}）` : ` (${s})`);
export const listJoin = (xs: readonly string[], lang: Lang): string => xs.join(lang === 'zh' ? '、' : ', ');
export const clauseJoin = (xs: readonly string[], lang: Lang): string => xs.join(lang === 'zh' ? '；' : '; ');
/** The currency unit after an amount: 元 / yuan. */
export const yuan = (lang: Lang): string => (lang === 'zh' ? '元' : 'yuan');
