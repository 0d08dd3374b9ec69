/** The layer kinds of the product, with names and default colours (legend, map, reports). */
import type { LayerKind } from '../types';

export interface LayerKindInfo {
  id: LayerKind;
  zh: string;
  en: string;
  /** Default colour (#rrggbb). */
  color: string;
  /** 'area' layers are farmland parcels summed in totals; 'boundary' layers are red lines drawn as outlines. */
  role: 'area' | 'boundary';
  /** The standard database layer (三调 / 规划) it usually comes from. */
  source: string;
}

export const LAYER_KINDS: readonly LayerKindInfo[] = [
  { id: 'cultivated', zh: '耕地', en: 'Cultivated land', color: '#e3c16f', role: 'area', source: 'DLTB (DLBM 01xx)' },
  { id: 'permanent-basic', zh: '永久基本农田', en: 'Permanent basic farmland', color: '#f0a202', role: 'area', source: 'YJJBNTBHTB' },
  { id: 'high-standard', zh: '高标准农田', en: 'High-standard farmland', color: '#4c9f38', role: 'area', source: 'GBZNT' },
  { id: 'black-soil', zh: '黑土地', en: 'Black soil', color: '#3d2b1f', role: 'area', source: 'HTD' },
  { id: 'saline-alkali', zh: '盐碱地', en: 'Saline-alkali land', color: '#b8c4cc', role: 'area', source: 'YJD' },
  { id: 'abandoned', zh: '撂荒地', en: 'Abandoned land', color: '#c2452d', role: 'area', source: 'DLTB (ZZSXDM = WG)' },
  { id: 'eco-redline', zh: '生态保护红线', en: 'Ecological protection red line', color: '#d7191c', role: 'boundary', source: 'STBHHX' },
  { id: 'urban-boundary', zh: '城镇开发边界', en: 'Urban development boundary', color: '#7b3294', role: 'boundary', source: 'CZKFBJ' },
  { id: 'no-supplement', zh: '补充耕地禁止区', en: 'No-supplement zone', color: '#2b83ba', role: 'boundary', source: '自然保护地 / 河湖管理范围 / 重点林区 / 沙化' },
] as const;

export const LAYER_KIND_IDS: readonly LayerKind[] = LAYER_KINDS.map((k) => k.id);

const BY_ID = new Map<string, LayerKindInfo>(LAYER_KINDS.map((k) => [k.id, k]));

export function isLayerKind(value: unknown): value is LayerKind {
  return typeof value === 'string' && BY_ID.has(value);
}

export function layerKindInfo(kind: LayerKind): LayerKindInfo {
  const info = BY_ID.get(kind);
  if (!info) throw new Error(`unknown layer kind ${kind}`);
  return info;
}

/** Reasons a zone forbids supplementary farmland (2024 opinion; docs/domain.md §5). */
export const NO_SUPPLEMENT_REASONS = [
  '自然保护地',
  '生态保护红线',
  '严重沙化土地',
  '严重石漠化土地',
  '重点沙源区',
  '沙尘传输通道',
  '坡度大于25度',
  '河湖管理范围',
  '重点林区',
  '国有林场',
] as const;

/** Whether a kind holds farmland parcels (as opposed to a red-line boundary). */
export const isAreaKind = (kind: LayerKind): boolean => layerKindInfo(kind).role === 'area';
