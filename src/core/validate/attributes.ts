/**
 * Attribute checks, reading fields under their standard 三调/规划 names or aliases (layers/fields.ts), and naming
 * each field as it is written in the file:
 * - DLBM must be a 耕地 code (0101/0102/0103, or 二调 011/012/013) — only when the layer is `cultivated`;
 * - GDPDJB 1–5, GDDJ/ZLDJ 1–10, GDDB 1–15: integers; out of range or not a number is an error;
 * - TBMJ / YJJBNTTBMJ must be non-negative numbers; KCXS must lie in 0..1.
 * Empty values (null, "") count as absent. Attribute errors do not block loading.
 */
import { isCultivatedCode } from '../layers/codes';
import { attrNumber, resolveFields } from '../layers/fields';

export { attrNumber };
import { GRADE_RANGE } from '../layers/codes';
import type { LayerKind, ParcelAttrs } from '../types';
import type { FeatureLoc, FindingSink } from './messages';
import { showValue } from './messages';

export type ResolvedFields = ReturnType<typeof resolveFields>;

/**
 * resolveFields once per distinct set of property names: features of one file nearly always share them, so
 * a 100k-feature file resolves a handful of times instead of 100k.
 */
export class FieldResolver {
  private readonly cache = new Map<string, ResolvedFields>();
  /** The previous object's own keys and their resolution: compared in place, no signature string. */
  private lastKeys: string[] = [];
  private last: ResolvedFields | undefined;
  resolve(props: Record<string, unknown>): ResolvedFields {
    if (this.last !== undefined && sameOwnKeys(props, this.lastKeys)) return this.last;
    const keys = Object.keys(props);
    if (keys.length > 200) return resolveFields(props);
    const sig = keys.join('\u0000');
    let hit = this.cache.get(sig);
    if (!hit) {
      hit = resolveFields(props);
      if (this.cache.size < 1000) this.cache.set(sig, hit);
    }
    this.lastKeys = keys;
    this.last = hit;
    return hit;
  }
}

/** Whether the own enumerable keys of `o` (as Object.keys lists them) are exactly `keys`, in order. */
function sameOwnKeys(o: object, keys: readonly string[]): boolean {
  let j = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    if (j >= keys.length || keys[j] !== k) return false;
    j++;
  }
  return j === keys.length;
}

/** A property value as text, as layers/fields.ts reads string attributes (trimmed; finite numbers as text). */
export function attrString(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Absent for validation purposes: missing, null or blank. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}


const GRADES = [
  { key: 'gdpdjb', zh: '耕地坡度级别', en: 'slope class', range: GRADE_RANGE.gdpdjb },
  { key: 'gddj', zh: '耕地质量等级', en: 'quality grade', range: GRADE_RANGE.gddj },
  { key: 'gddb', zh: '耕地等别', en: 'quality rank', range: GRADE_RANGE.gddb },
] as const;

const AREAS = [
  { key: 'tbmj', zh: '图斑面积', en: 'parcel area' },
  { key: 'yjjbnttbmj', zh: '永久基本农田图斑面积', en: 'permanent basic farmland area' },
] as const;

/** Features of a cultivated layer without any DLBM: one warning per file, not one per feature. */
export class MissingDlbm {
  count = 0;
  first: FeatureLoc | undefined;
  note(loc: FeatureLoc): void {
    if (this.count++ === 0) this.first = loc;
  }
  report(sink: FindingSink): void {
    if (this.count === 0 || !this.first) return;
    sink.add(
      'warning',
      'attr.dlbm-missing',
      `耕地图层中 ${this.count} 个要素没有地类编码 DLBM（首个：要素 ${this.first.index}），无法区分水田/水浇地/旱地`,
      `${this.count} feature(s) of a cultivated layer have no DLBM (first: feature ${this.first.index}); paddy/irrigated/dry cannot be told apart`,
    );
  }
}

/**
 * `attrs`: readAttrs(props) without a mapping, when the caller has it (validate.ts): a value it holds is the value
 * these checks would read (same resolution, same conversion), so only fields it lacks — blank or unreadable —
 * are read again. Without it every field is read from `props`.
 */
export function checkAttributes(
  props: Record<string, unknown>,
  fields: ResolvedFields,
  kind: LayerKind | undefined,
  loc: FeatureLoc,
  sink: FindingSink,
  missingDlbm: MissingDlbm,
  attrs?: ParcelAttrs,
): void {
  if (kind === 'cultivated') {
    const field = fields.dlbm;
    if (field !== undefined && attrs !== undefined && attrs.dlbm !== undefined) {
      // a non-blank code: cultivated exactly when readAttrs found its land class
      if (attrs.landClass === undefined) dlbmError(props[field], field, loc, sink);
    } else {
      const raw = field === undefined ? undefined : props[field];
      if (field === undefined || isBlank(raw)) missingDlbm.note(loc);
      else {
        const code = attrString(raw);
        if (code === undefined || !isCultivatedCode(code)) dlbmError(raw, field, loc, sink);
      }
    }
  }
  for (let k = 0; k < GRADES.length; k++) {
    const g = GRADES[k];
    const field = fields[g.key];
    if (field === undefined) continue;
    const known = attrs?.[g.key];
    if (known === undefined && isBlank(props[field])) continue;
    const n = known ?? attrNumber(props[field]);
    const lo = g.range[0];
    const hi = g.range[1];
    if (n === undefined || !Number.isInteger(n) || n < lo || n > hi) gradeError(g, n === undefined, props[field], field, loc, sink);
  }
  for (let k = 0; k < AREAS.length; k++) {
    const a = AREAS[k];
    const field = fields[a.key];
    if (field === undefined) continue;
    const known = attrs?.[a.key];
    if (known !== undefined && known >= 0) continue;
    const raw = props[field];
    if (isBlank(raw)) continue;
    const n = attrNumber(raw);
    if (n === undefined || n < 0)
      sink.add(
        'error',
        `attr.${a.key}`,
        `${a.zh} ${showValue(raw)} 不是非负数（平方米）`,
        `${a.en} ${showValue(raw)} is not a non-negative number (m²)`,
        { ...loc, field },
      );
  }
  const kf = fields.kcxs;
  const kcxs = attrs?.kcxs;
  if (kf !== undefined && !(kcxs !== undefined && kcxs >= 0 && kcxs < 1) && !isBlank(props[kf])) {
    const n = attrNumber(props[kf]);
    if (n === undefined || n < 0 || n >= 1)
      sink.add('error', 'attr.kcxs', `扣除系数 ${showValue(props[kf])} 应为 0 到 1 之间的数`, `deduction coefficient ${showValue(props[kf])} should be a number from 0 to below 1`, {
        ...loc,
        field: kf,
      });
  }
}

function dlbmError(raw: unknown, field: string, loc: FeatureLoc, sink: FindingSink): void {
  sink.addLazy(
    'error',
    'attr.dlbm',
    () => ({
      zh: `地类编码 ${showValue(raw)} 不是耕地（应为 0101/0102/0103，或二调 011/012/013）`,
      en: `land-use code ${showValue(raw)} is not cultivated land (expected 0101/0102/0103, or 011/012/013 from the second survey)`,
    }),
    { ...loc, field },
  );
}

function gradeError(g: (typeof GRADES)[number], notANumber: boolean, raw: unknown, field: string, loc: FeatureLoc, sink: FindingSink): void {
  const lo = g.range[0];
  const hi = g.range[1];
  sink.addLazy(
    'error',
    `attr.${g.key}`,
    notANumber
      ? () => ({ zh: `${g.zh} ${showValue(raw)} 不是数字（应为 ${lo}–${hi} 的整数）`, en: `${g.en} ${showValue(raw)} is not a number (expected an integer ${lo}–${hi})` })
      : () => ({ zh: `${g.zh} ${showValue(raw)} 超出范围（应为 ${lo}–${hi} 的整数）`, en: `${g.en} ${showValue(raw)} is out of range (expected an integer ${lo}–${hi})` }),
    { ...loc, field },
  );
}
