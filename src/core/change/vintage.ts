/**
 * Load one vintage of the land survey (a full DLTB: every 地类, not only 耕地) as a layer. Validation runs without
 * a layer kind, so non-耕地 codes are not reported as errors; a vintage without any 地类编码 field is.
 */
import { poolPropertyStrings } from '../layers/stringPool';
import { buildLayer, type Layer } from '../layers/layer';
import type { Finding } from '../types';
import { validateParcels } from '../validate/validate';
import { UNKNOWN_CODE } from './classes';
import { attrOf } from '../layers/attrTable';

export interface LoadedVintage {
  layer: Layer;
  findings: Finding[];
}

export function loadVintage(file: string, features: readonly unknown[], role: '前期 before' | '后期 after'): LoadedVintage {
  poolPropertyStrings(features); // one copy of each repeated string (layers/stringPool.ts)
  const v = validateParcels(features, { file });
  const layer = buildLayer('cultivated', file, features, { name: `${role} ${file}`, skip: v.blocked, validated: v.parcels });
  const findings = [...v.findings];
  const missing = layer.parcels.filter((p) => attrOf(p, 'dlbm') === undefined);
  if (layer.parcels.length > 0 && missing.length === layer.parcels.length)
    findings.push({
      severity: 'error', code: 'change.dlbm-field', file, field: 'DLBM',
      message: `${file}（${role}）没有地类编码字段 DLBM（别名 land_use_code）/ ${file} (${role}) has no land-use code field DLBM (alias land_use_code)`,
    });
  else if (missing.length > 0)
    findings.push({
      severity: 'warning', code: 'change.dlbm-missing', file, field: 'DLBM', featureIndex: missing[0].index, featureId: missing[0].id,
      message: `${file}（${role}）${missing.length} 个图斑没有地类编码 DLBM（首个：要素 ${missing[0].index}，${missing[0].id}），计为 ${UNKNOWN_CODE} / ${missing.length} parcel(s) have no DLBM (first: feature ${missing[0].index}, ${missing[0].id}); counted as ${UNKNOWN_CODE}`,
    });
  return { layer, findings };
}
