/**
 * A layer's display name: the data's own name, except that a kind's standard zh name reads in English in 'en' —
 * alone ("耕地") or as the prefix an imported layer is named with ("耕地 · parcels.zip", core/engine/importLayer).
 */
import { layerKindInfo } from '../core/layers/kinds';
import type { LayerKind } from '../core/types';
import type { Lang } from '../state/store';

export function layerDisplayName(name: string, kind: LayerKind, lang: Lang): string {
  const info = layerKindInfo(kind);
  if (lang !== 'en') return name;
  if (name === info.zh) return info.en;
  return name.startsWith(`${info.zh} · `) ? `${info.en}${name.slice(info.zh.length)}` : name;
}
