import { formatNumber } from '../../core/area/units';

/** Number formats of the draw panel (亩 with 2 decimals, the display rule; exports keep full precision). */
export const fmtMu = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined ? '—' : formatNumber(v, digits, 'zh-CN'));
export const fmtNum = (v: number | null | undefined, digits = 0): string => (v === null || v === undefined ? '—' : formatNumber(v, digits, 'zh-CN'));
export const signed = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v >= 0 ? '+' : ''}${fmtNum(v, digits)}`);
