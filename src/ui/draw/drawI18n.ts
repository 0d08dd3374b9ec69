/**
 * UI strings of the drawing tools: the `draw.` entries of the app's one message table (src/ui/i18n.ts), read here
 * without their prefix — `dt(lang, 'title')` is `t(lang, 'draw.title')`.
 */
import type { Lang } from '../../state/store';
import { useTranslator } from '../context';
import { type MsgKey, t } from '../i18n';

/** The keys of the table's `draw.` entries, without the prefix. */
export type DrawKey = MsgKey extends infer K ? (K extends `draw.${infer D}` ? D : never) : never;

export const dt = (lang: Lang, key: DrawKey): string => t(lang, `draw.${key}`);

/** "3 个图斑" / "1 parcel", "3 parcels": a count with its noun, as each language writes it. */
export const parcelCount = (lang: Lang, n: number): string => (lang === 'zh' ? `${n} 个图斑` : `${n} ${n === 1 ? 'parcel' : 'parcels'}`);

export function useDT(): (key: DrawKey) => string {
  return useTranslator(dt);
}

/** The impact breakdown's 地类 keys (core/analysis/impact.ts) are words of this table; any other key shows as it is. */
const LAND_KEYS: ReadonlySet<string> = new Set<DrawKey>(['paddy', 'irrigated', 'dry', 'other', 'unknown']);

export const landLabel = (lang: Lang, key: string): string => (LAND_KEYS.has(key) ? dt(lang, key as DrawKey) : key);

