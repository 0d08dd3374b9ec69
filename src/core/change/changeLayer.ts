/**
 * A DLTBGXGC-style change layer: each feature is a changed piece carrying paired before/after fields
 * (变更前 BGQ*, 变更后 BGH*). One piece per feature; its area is the geometry's ellipsoidal area (BGMJ, the declared
 * changed area, is checked against it). Field names are matched case-insensitively; aliases are documented in
 * docs/change.md and CHANGE_FIELDS below.
 */
import { poolPropertyStrings } from '../layers/stringPool';
import { buildLayer } from '../layers/layer';
import { attrNumber } from '../layers/fields';
import type { Finding, Parcel } from '../types';
import { validateParcels } from '../validate/validate';
import { UNKNOWN_CODE } from './classes';
import { DEFAULT_SLIVER_M2 } from './overlay';
import type { ChangePieces, ChangeSide } from './pieces';

type SideKey = 'dlbm' | 'kcxs' | 'zzsxdm' | 'gddj' | 'zldwdm' | 'id';

/** Standard names first, then aliases. `{P}` is BGQ (before) or BGH (after); `{p}` is before / after. */
export const CHANGE_FIELDS: Record<SideKey, string[]> = {
  dlbm: ['{P}DLBM', '{p}_dlbm', '{p}_land_use_code'],
  kcxs: ['{P}KCXS', '{p}_kcxs', '{p}_deduction_coef'],
  zzsxdm: ['{P}ZZSXDM', '{p}_zzsxdm', '{p}_planting_code'],
  gddj: ['{P}GDDJ', '{P}ZLDJ', '{p}_gddj', '{p}_quality_grade'],
  zldwdm: ['{P}ZLDWDM', '{p}_zldwdm', '{p}_location_code', 'ZLDWDM', 'location_code', 'XZQDM'],
  id: ['{P}TBBH', '{P}BSM', '{p}_id', 'BSM', 'TBBH'],
};
/** The declared changed area (m²). */
export const BGMJ_FIELDS = ['BGMJ', 'change_area'];

const expand = (names: string[], P: string, p: string) => names.map((n) => n.replace('{P}', P).replace('{p}', p).toUpperCase());

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Whether a feature list looks like a change layer (has BGQDLBM / BGHDLBM or their aliases). */
export function looksLikeChangeLayer(features: readonly unknown[]): boolean {
  const keys = new Set<string>();
  for (const f of features.slice(0, 100)) {
    const props = f !== null && typeof f === 'object' ? (f as { properties?: unknown }).properties : undefined;
    if (props !== null && typeof props === 'object') for (const k of Object.keys(props)) keys.add(k.toUpperCase());
  }
  return expand(CHANGE_FIELDS.dlbm, 'BGQ', 'before').some((n) => keys.has(n)) && expand(CHANGE_FIELDS.dlbm, 'BGH', 'after').some((n) => keys.has(n));
}

export function piecesFromChangeLayer(file: string, features: readonly unknown[], opts: { sliverM2?: number; bgmjTolerance?: number } = {}): ChangePieces {
  const sliverM2 = opts.sliverM2 ?? DEFAULT_SLIVER_M2;
  poolPropertyStrings(features); // one copy of each repeated string (layers/stringPool.ts)
  const v = validateParcels(features, { file });
  // (the session keeps the features, so the sides take their own properties objects: no properties columns for this
  // layer; its attributes are columns as every layer's)
  const layer = buildLayer('cultivated', file, features, { name: file, skip: v.blocked, validated: v.parcels, keepProps: false });
  const propsOf = (p: Parcel): Record<string, unknown> => {
    const own = (features[p.index] as { properties?: unknown } | null)?.properties;
    return own !== null && typeof own === 'object' && !Array.isArray(own) ? (own as Record<string, unknown>) : {};
  };
  const findings: Finding[] = [...v.findings];
  const first = layer.parcels[0];
  const keys = new Map<string, string>();
  // the union of the features' field names (a blank field may be left out of some features' properties)
  for (const p of layer.parcels) for (const k of Object.keys(propsOf(p))) if (!keys.has(k.toUpperCase())) keys.set(k.toUpperCase(), k);
  const fieldOf = (key: SideKey, P: string, p: string) => {
    for (const n of expand(CHANGE_FIELDS[key], P, p)) {
      const actual = keys.get(n);
      if (actual !== undefined) return actual;
    }
    return undefined;
  };
  const bf = Object.fromEntries((Object.keys(CHANGE_FIELDS) as SideKey[]).map((k) => [k, fieldOf(k, 'BGQ', 'before')])) as Record<SideKey, string | undefined>;
  const af = Object.fromEntries((Object.keys(CHANGE_FIELDS) as SideKey[]).map((k) => [k, fieldOf(k, 'BGH', 'after')])) as Record<SideKey, string | undefined>;
  const bgmjField = BGMJ_FIELDS.map((n) => keys.get(n.toUpperCase())).find((x) => x !== undefined);
  const empty = (): ChangePieces => ({
    source: 'change-layer', files: { before: file, after: file }, before: [], after: [], count: 0, b: new Int32Array(0), a: new Int32Array(0),
    areaM2: new Float64Array(0), beforeTotalM2: 0, afterTotalM2: 0, sliverM2, slivers: [], findings,
  });
  if (first === undefined) return empty();
  for (const [f, P, p] of [[bf, 'BGQ', 'before'], [af, 'BGH', 'after']] as const)
    if (f.dlbm === undefined) {
      findings.push({
        severity: 'error', code: 'change.field', file, field: `${P}DLBM`,
        message: `${file} 缺少字段 ${P}DLBM（${p === 'before' ? '变更前' : '变更后'}地类编码；别名 ${p}_dlbm, ${p}_land_use_code）/ ${file} has no field ${P}DLBM (${p} land-use code; aliases ${p}_dlbm, ${p}_land_use_code). Fields: ${[...keys.values()].join(', ')}`,
      });
    }
  if (bf.dlbm === undefined || af.dlbm === undefined) return empty();
  for (const [f, P] of [[bf, 'BGQ'], [af, 'BGH']] as const)
    for (const k of ['kcxs', 'zzsxdm', 'gddj'] as const)
      if (f[k] === undefined)
        findings.push({
          severity: 'warning', code: 'change.field-missing', file, field: `${P}${k.toUpperCase()}`,
          message: `${file} 没有字段 ${P}${k.toUpperCase()}：${k === 'kcxs' ? '不扣除田坎' : k === 'zzsxdm' ? '撂荒与稳定利用按“非 WG”计' : '无法计算质量'} / no field ${P}${k.toUpperCase()}: ${k === 'kcxs' ? 'no 田坎 deduction' : k === 'zzsxdm' ? 'planting status unknown (counted as cultivated)' : 'quality cannot be weighed'}`,
        });
  const before: ChangeSide[] = [];
  const after: ChangeSide[] = [];
  const area: number[] = [];
  let badBgmj = 0;
  const tol = opts.bgmjTolerance ?? 0.01;
  const side = (props: Record<string, unknown>, f: Record<SideKey, string | undefined>, index: number, pid: string, areaM2: number): ChangeSide => {
    const dlbm = f.dlbm === undefined ? undefined : str(props[f.dlbm]);
    if (dlbm === undefined)
      findings.push({ severity: 'error', code: 'change.dlbm', file, featureIndex: index, featureId: pid, field: f.dlbm, message: `${file} 要素 ${index}（${pid}）${f.dlbm} 为空 / feature ${index} (${pid}) has an empty ${f.dlbm}` });
    const s: ChangeSide = { id: (f.id === undefined ? undefined : str(props[f.id])) ?? pid, dlbm: dlbm ?? UNKNOWN_CODE, props, index, areaM2 };
    const kcxs = f.kcxs === undefined ? undefined : attrNumber(props[f.kcxs]);
    if (kcxs !== undefined) {
      if (kcxs < 0 || kcxs >= 1)
        findings.push({ severity: 'error', code: 'change.kcxs', file, featureIndex: index, featureId: pid, field: f.kcxs, message: `${file} 要素 ${index}（${pid}）${f.kcxs} = ${kcxs} 应在 0 到 1 之间 / ${f.kcxs} should be from 0 to below 1` });
      else s.kcxs = kcxs;
    }
    const z = f.zzsxdm === undefined ? undefined : str(props[f.zzsxdm]);
    if (z !== undefined) s.zzsxdm = z.toUpperCase();
    const g = f.gddj === undefined ? undefined : attrNumber(props[f.gddj]);
    if (g !== undefined) s.gddj = g;
    const r = f.zldwdm === undefined ? undefined : str(props[f.zldwdm]);
    if (r !== undefined) s.zldwdm = r;
    return s;
  };
  for (const p of layer.parcels) {
    const props = propsOf(p);
    before.push(side(props, bf, p.index, p.id, p.areaM2));
    after.push(side(props, af, p.index, p.id, p.areaM2));
    area.push(p.areaM2);
    if (bgmjField !== undefined) {
      const declared = attrNumber(props[bgmjField]);
      if (declared !== undefined && Math.abs(declared - p.areaM2) > Math.max(0.1, tol * p.areaM2)) {
        badBgmj++;
        if (badBgmj <= 20)
          findings.push({
            severity: 'warning', code: 'change.bgmj', file, featureIndex: p.index, featureId: p.id, field: bgmjField,
            message: `${file} 要素 ${p.index}（${p.id}）${bgmjField} ${declared} m² 与椭球面积 ${p.areaM2.toFixed(2)} m² 不符，按椭球面积计 / declared ${declared} m² differs from the ellipsoidal area ${p.areaM2.toFixed(2)} m²; the ellipsoidal area is used`,
          });
      }
    }
  }
  const n = area.length;
  const total = area.reduce((s, x) => s + x, 0);
  const pieces: ChangePieces = {
    source: 'change-layer', files: { before: file, after: file }, before, after, count: n,
    b: Int32Array.from({ length: n }, (_, k) => k), a: Int32Array.from({ length: n }, (_, k) => k), areaM2: Float64Array.from(area),
    beforeTotalM2: total, afterTotalM2: total, sliverM2, slivers: [], findings,
  };
  for (let k = 0; k < n; k++) if (area[k] < sliverM2) pieces.slivers.push({ piece: k, areaM2: area[k] });
  return pieces;
}
