/**
 * Metadata every export carries: the input files, how areas were computed (method + ellipsoid), the app version
 * and the generation time. The time is injected (`now`) so tests and reproducible builds control it.
 */
import { areaMethodLabel, areaMethodMeta, DEFAULT_AREA_METHOD } from '../area/area';
import { AREA_BASIS_LABEL, type AreaBasis, DEFAULT_AREA_BASIS } from '../area/netArea';
import type { AreaMethod, LayerKind } from '../types';
import { APP_NAME, APP_VERSION } from '../version';

export interface InputFileMeta {
  file: string;
  /** Layer kind the file was loaded as, or its role ("targets", "ledger", …). */
  role: LayerKind | string;
  /** Features loaded as parcels, when the file is a layer. */
  features?: number;
}

export interface ExportMetadata {
  app: string;
  version: string;
  /** ISO 8601 UTC. */
  generated_at: string;
  inputs: InputFileMeta[];
  area: ReturnType<typeof areaMethodMeta> & { label: string };
  /**
   * Which area the headline figures (totals, targets, duties, balance) use: `net` 地类面积 (polygon area × the
   * parcel's TBDLMJ/TBMJ, else 1 − KCXS) or `polygon` 图斑面积. `area_m2` fields are always the polygon's area.
   */
  area_basis: { basis: AreaBasis; label: string; formula: string };
  /** Region code prefix every figure is restricted to, if any. */
  region?: string;
  /** Free notes (assumptions stated in the export). */
  notes?: string[];
}

export interface MetadataInput {
  inputs: readonly InputFileMeta[];
  now: Date;
  method?: AreaMethod;
  /** Area basis of the figures (default 地类面积, net). */
  basis?: AreaBasis;
  region?: string;
  notes?: readonly string[];
}

function isoTime(d: Date): string {
  return Number.isFinite(d.getTime()) ? d.toISOString() : '';
}

export function buildMetadata(input: MetadataInput): ExportMetadata {
  const method = input.method ?? DEFAULT_AREA_METHOD;
  const meta: ExportMetadata = {
    app: APP_NAME,
    version: APP_VERSION,
    generated_at: isoTime(input.now),
    inputs: input.inputs.map((i) => ({ ...i })),
    area: { ...areaMethodMeta(method), label: areaMethodLabel(method, 'zh') },
    area_basis: basisMeta(input.basis ?? DEFAULT_AREA_BASIS),
  };
  if (input.region !== undefined && input.region !== '') meta.region = input.region;
  if (input.notes?.length) meta.notes = [...input.notes];
  return meta;
}

/** Metadata as [key, value] pairs with Chinese keys, for the CSV header lines and the XLSX 元数据 sheet. */
export function metadataRows(meta: ExportMetadata): [string, string][] {
  const rows: [string, string][] = [
    ['软件 / app', meta.app],
    ['版本 / version', meta.version],
    ['生成时间 / generated (UTC)', meta.generated_at],
    ['面积方法 / area method', meta.area.label],
    ['面积参数 / area parameters', JSON.stringify(areaParams(meta.area))],
    ['面积口径 / area basis', `${meta.area_basis.label}（${meta.area_basis.basis}）= ${meta.area_basis.formula}`],
  ];
  if (meta.region !== undefined) rows.push(['区域 / region', meta.region]);
  meta.inputs.forEach((i, n) => {
    rows.push([`输入文件 ${n + 1} / input ${n + 1}`, `${i.file} (${i.role}${i.features !== undefined ? `, ${i.features} 图斑` : ''})`]);
  });
  for (const note of meta.notes ?? []) rows.push(['说明 / note', note]);
  return rows;
}

function areaParams(area: ExportMetadata['area']): Record<string, unknown> {
  const { label: _label, ...rest } = area;
  return rest;
}

function basisMeta(basis: AreaBasis): ExportMetadata['area_basis'] {
  return { basis, label: AREA_BASIS_LABEL[basis].zh, formula: AREA_BASIS_LABEL[basis].formula };
}
