/**
 * Standard 三调 / 规划 field names and their documented English aliases, and the reader that normalises a
 * feature's properties into ParcelAttrs. Field names are matched case-insensitively.
 *
 * | attr | standard names (first wins) | English aliases |
 * |---|---|---|
 * | id | BSM, TBBH, YJJBNTTBBH, HXBM, ID | id, parcel_id |
 * | dlbm | DLBM | land_use_code |
 * | dlmc | DLMC | land_use_name |
 * | tbmj | TBMJ, MJ | parcel_area, area_m2 |
 * | kcxs | KCXS | deduction_coef |
 * | kcmj | KCMJ | deduction_area |
 * | tbdlmj | TBDLMJ | land_area |
 * | gdpdjb | GDPDJB, PDJB | slope_class |
 * | gddj | GDDJ, ZLDJ | quality_grade |
 * | gddb | GDDB | quality_rank |
 * | zldwdm | ZLDWDM, QSDWDM | location_code |
 * | zldwmc | ZLDWMC | location_name |
 * | xzqdm | XZQDM | region_code |
 * | zzsxdm | ZZSXDM | planting_code |
 * | yjjbnttbmj | YJJBNTTBMJ, YJJBNTMJ | pbf_area |
 * | gdlx | GDLX | farmland_type |
 * | salinity | YJCD, YJDJ | salinity |
 * | reason | JZYY, YY, HXLX | reason |
 * | name | HXMC, GHFQMC, MC | name |
 */
import type { ParcelAttrs } from '../types';
import { landClassOf } from './codes';

type AttrKey = Exclude<keyof ParcelAttrs, 'landClass'>;
type FieldSpec = { names: string[]; aliases: string[]; type: 'string' | 'number' };

export const FIELD_SPECS: Record<AttrKey, FieldSpec> = {
  id: { names: ['BSM', 'TBBH', 'YJJBNTTBBH', 'HXBM', 'ID'], aliases: ['parcel_id'], type: 'string' },
  dlbm: { names: ['DLBM'], aliases: ['land_use_code'], type: 'string' },
  dlmc: { names: ['DLMC'], aliases: ['land_use_name'], type: 'string' },
  tbmj: { names: ['TBMJ', 'MJ'], aliases: ['parcel_area', 'area_m2'], type: 'number' },
  kcxs: { names: ['KCXS'], aliases: ['deduction_coef'], type: 'number' },
  kcmj: { names: ['KCMJ'], aliases: ['deduction_area'], type: 'number' },
  tbdlmj: { names: ['TBDLMJ'], aliases: ['land_area'], type: 'number' },
  gdpdjb: { names: ['GDPDJB', 'PDJB'], aliases: ['slope_class'], type: 'number' },
  gddj: { names: ['GDDJ', 'ZLDJ'], aliases: ['quality_grade'], type: 'number' },
  gddb: { names: ['GDDB'], aliases: ['quality_rank'], type: 'number' },
  zldwdm: { names: ['ZLDWDM', 'QSDWDM'], aliases: ['location_code'], type: 'string' },
  zldwmc: { names: ['ZLDWMC'], aliases: ['location_name'], type: 'string' },
  xzqdm: { names: ['XZQDM'], aliases: ['region_code'], type: 'string' },
  zzsxdm: { names: ['ZZSXDM'], aliases: ['planting_code'], type: 'string' },
  yjjbnttbmj: { names: ['YJJBNTTBMJ', 'YJJBNTMJ'], aliases: ['pbf_area'], type: 'number' },
  gdlx: { names: ['GDLX'], aliases: ['farmland_type'], type: 'string' },
  salinity: { names: ['YJCD', 'YJDJ'], aliases: ['salinity'], type: 'string' },
  reason: { names: ['JZYY', 'YY', 'HXLX'], aliases: ['reason'], type: 'string' },
  name: { names: ['HXMC', 'GHFQMC', 'MC'], aliases: ['name'], type: 'string' },
};

export const ATTR_KEYS = Object.keys(FIELD_SPECS) as AttrKey[];

/** An attribute's standard field name: the first of its FIELD_SPECS names (e.g. id → BSM, zldwdm → ZLDWDM). */
export const standardFieldName = (attr: AttrKey): string => FIELD_SPECS[attr].names[0];

/** A property value as a number (numbers or numeric text), else undefined. */
export function attrNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function toStr(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Map of upper-cased property name → actual property name, for case-insensitive lookup. */
function keyIndex(props: Record<string, unknown>): Map<string, string> {
  const m = new Map<string, string>();
  for (const k of Object.keys(props)) {
    const u = k.toUpperCase();
    if (!m.has(u)) m.set(u, k);
  }
  return m;
}

/** Which property name supplies each attribute (for reports: "TBMJ of feature 12"). */
export function resolveFields(props: Record<string, unknown>, mapping?: Partial<Record<AttrKey, string>>): Partial<Record<AttrKey, string>> {
  const idx = keyIndex(props);
  const out: Partial<Record<AttrKey, string>> = {};
  for (const key of ATTR_KEYS) {
    const mapped = mapping?.[key];
    if (mapped !== undefined) {
      const actual = idx.get(mapped.toUpperCase());
      if (actual !== undefined) out[key] = actual;
      continue;
    }
    const spec = FIELD_SPECS[key];
    for (const name of [...spec.names, ...spec.aliases]) {
      const actual = idx.get(name.toUpperCase());
      if (actual !== undefined) {
        out[key] = actual;
        break;
      }
    }
  }
  return out;
}

/**
 * Field resolution depends only on the set of property names (and the mapping), and a file's features nearly
 * always share one schema: resolve once per key list and reuse. Measured: attribute reading was two-thirds of
 * layer building at 5–7 µs per parcel before this cache.
 */
type Resolved = { fields: [AttrKey, string, 'string' | 'number'][]; all: Partial<Record<AttrKey, string>> };
let cacheMapping: Partial<Record<AttrKey, string>> | undefined;
const resolvedCache = new Map<string, Resolved>();
const MAX_CACHED_SCHEMAS = 256;
/** The last schema seen: its keys (as `for … in` lists them) and what they resolved to. */
let lastKeys: string[] = [];
let lastResolved: Resolved | undefined;

/**
 * Whether `o` lists exactly `keys`, in order, under `for … in` — the key list of the last object, compared
 * without building a signature string or an array (consecutive features nearly always share it).
 */
export function hasKeys(o: object, keys: readonly string[]): boolean {
  let j = 0;
  for (const k in o) {
    if (j >= keys.length || keys[j] !== k) return false;
    j++;
  }
  return j === keys.length;
}

function resolvedFor(p: Record<string, unknown>, mapping?: Partial<Record<AttrKey, string>>): Resolved {
  if (mapping !== cacheMapping) {
    resolvedCache.clear();
    cacheMapping = mapping;
    lastResolved = undefined;
  }
  if (lastResolved !== undefined && hasKeys(p, lastKeys)) return lastResolved;
  const keys: string[] = [];
  let sig = '';
  for (const k in p) {
    keys.push(k);
    sig += `${k}\u0001`;
  }
  let r = resolvedCache.get(sig);
  if (r === undefined) {
    const fields = resolveFields(p, mapping);
    r = { fields: ATTR_KEYS.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k] as string, FIELD_SPECS[k].type]), all: fields };
    if (resolvedCache.size >= MAX_CACHED_SCHEMAS) resolvedCache.clear();
    resolvedCache.set(sig, r);
  }
  lastKeys = keys;
  lastResolved = r;
  return r;
}

/**
 * Normalise a feature's properties into ParcelAttrs. `mapping` overrides the field used for an attribute
 * (user-supplied field mapping). Never throws: non-object properties give empty attrs.
 */
export function readAttrs(props: unknown, mapping?: Partial<Record<AttrKey, string>>): ParcelAttrs {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return {};
  return attrsOf(props as Record<string, unknown>, resolvedFor(props as Record<string, unknown>, mapping));
}

/**
 * readAttrs(props) without a mapping, and resolveFields(props) — which property supplies each attribute — from the
 * one schema lookup (validation needs both for every feature).
 */
export function readAttrsAndFields(props: Record<string, unknown>): { attrs: ParcelAttrs; fields: Partial<Record<AttrKey, string>> } {
  const r = resolvedFor(props, undefined);
  return { attrs: attrsOf(props, r), fields: r.all };
}

function attrsOf(p: Record<string, unknown>, resolved: Resolved): ParcelAttrs {
  const attrs: ParcelAttrs = {};
  const list = resolved.fields;
  for (let i = 0; i < list.length; i++) {
    const key = list[i][0];
    const field = list[i][1];
    const type = list[i][2];
    if (!Object.hasOwn(p, field)) continue;
    const raw = p[field];
    const v = type === 'number' ? attrNumber(raw) : toStr(raw);
    if (v !== undefined) (attrs as Record<string, unknown>)[key] = v;
  }
  const landClass = landClassOf(attrs.dlbm);
  if (landClass !== undefined) attrs.landClass = landClass;
  return attrs;
}

/** Region code prefix lengths on 坐落单位代码 (docs/domain.md §4). */
export const REGION_PREFIX = { county: 6, township: 9, village: 12 } as const;

/**
 * The fields a parcel's 坐落单位代码 comes from, first found first: ZLDWDM, else XZQDM (the code its region codes are
 * prefixes of). The one place this rule lives: `locationCodeOf` (an attribute row, or the fields supplying them) and
 * layers/attrTable.ts `locationCode` (a parcel, with no row built) read it.
 */
export const LOCATION_FIELDS = ['zldwdm', 'xzqdm'] as const;

/**
 * The first of LOCATION_FIELDS that `o` has: a parcel's 坐落单位代码 from its attributes, or the source field supplying it.
 *
 * @param o - attributes (ParcelAttrs), or which field supplies each (ResolvedFields)
 * @returns its value, or undefined when neither is there
 * @example
 * locationCodeOf({ xzqdm: '230999101' }); // '230999101'
 */
export function locationCodeOf<T>(o: { readonly zldwdm?: T; readonly xzqdm?: T }): T | undefined {
  for (const k of LOCATION_FIELDS) if (o[k] !== undefined) return o[k];
  return undefined;
}

/** The parcel's region code at a level (from its 坐落单位代码: locationCodeOf), or undefined. */
export function regionCodeOf(attrs: ParcelAttrs, level: keyof typeof REGION_PREFIX): string | undefined {
  return regionPrefix(locationCodeOf(attrs), level);
}

/** A 坐落单位代码's (or 行政区代码's) region code at a level, or undefined when it is missing or too short. */
export function regionPrefix(code: string | undefined, level: keyof typeof REGION_PREFIX): string | undefined {
  const n = REGION_PREFIX[level];
  if (code === undefined || code.length < n) return undefined;
  return code.slice(0, n);
}
