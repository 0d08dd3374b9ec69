import type { LayerKind } from '../types';
import { layerKindInfo } from './kinds';

export const kindDisplayName = (kind: LayerKind, lang: 'zh' | 'en' = 'zh'): string => layerKindInfo(kind)[lang];
