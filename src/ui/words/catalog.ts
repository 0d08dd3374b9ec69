/** A bilingual message table — each key with its 中文 and English text side by side — split into one table per language. */
import type { Lang } from '../../state/store';

export type Bilingual = readonly [zh: string, en: string];

export function byLanguage<K extends string>(rows: Record<K, Bilingual>): Record<Lang, Record<K, string>> {
  const zh = {} as Record<K, string>;
  const en = {} as Record<K, string>;
  for (const k of Object.keys(rows) as K[]) [zh[k], en[k]] = rows[k];
  return { zh, en };
}

/** A message table's lookup: `(lang, key)` → the text in that language (the tables are split once, up front). */
export function catalog<K extends string>(rows: Record<K, Bilingual>): (lang: Lang, key: K) => string {
  const tables = byLanguage(rows);
  return (lang, key) => tables[lang][key];
}
