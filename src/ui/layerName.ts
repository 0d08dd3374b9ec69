/** A layer's display name: the data's own name, except that a kind's standard zh name reads in English in 'en'. */
import { layerKindInfo } from '../core/layers/kinds';
import type { LayerKind } from '../core/types';
import type { Lang } from '../state/store';

export function layerDisplayName(name: string, kind: LayerKind, lang: Lang): string {
  const info = layerKindInfo(kind);
  return lang === 'en' && name === info.zh ? info.en : name;
}
