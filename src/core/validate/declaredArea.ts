/**
 * Declared area (TBMJ; YJJBNTTBMJ for permanent basic farmland) against the computed ellipsoidal area. Both are
 * ellipsoidal in a 三调 database, so they should agree closely; a difference beyond the tolerance — relative
 * (default 1 %) AND absolute (1 m², so tiny parcels are not flagged for rounding) — is a warning, and the
 * message states the tolerance. Fields not checked: MJ (red-line files often hold 公顷 there) and YJJBNTMJ
 * (a net area after deductions).
 */
import type { LayerKind, ParcelAttrs } from '../types';
import { attrNumber, type ResolvedFields } from './attributes';
import type { FeatureLoc, FindingSink } from './messages';

export const DEFAULT_AREA_TOLERANCE = 0.01;
export const ABSOLUTE_AREA_TOLERANCE_M2 = 1;

const SKIPPED_FIELDS = new Set(['MJ', 'YJJBNTMJ']);
/** Whether a field is one of SKIPPED_FIELDS (case-insensitive), upper-casing only names of their lengths. */
const skipped = (field: string): boolean => (field.length === 2 || field.length === 8) && SKIPPED_FIELDS.has(field.toUpperCase());
const KEYS_ALL: readonly ('tbmj' | 'yjjbnttbmj')[] = ['tbmj', 'yjjbnttbmj'];
const KEYS_TBMJ: readonly ('tbmj' | 'yjjbnttbmj')[] = ['tbmj'];

function pct(x: number): string {
  return `${Number((x * 100).toPrecision(3))}%`;
}

export function checkDeclaredArea(
  props: Record<string, unknown>,
  fields: ResolvedFields,
  kind: LayerKind | undefined,
  computedM2: number,
  loc: FeatureLoc,
  sink: FindingSink,
  tolerance = DEFAULT_AREA_TOLERANCE,
  /** readAttrs(props) without a mapping, when the caller has it: its tbmj / yjjbnttbmj are the declared values. */
  attrs?: ParcelAttrs,
): void {
  const keys = kind === undefined || kind === 'permanent-basic' ? KEYS_ALL : KEYS_TBMJ;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const field = fields[key];
    if (field === undefined || skipped(field)) continue;
    const declared = attrs !== undefined ? attrs[key] : attrNumber(props[field]);
    if (declared === undefined || declared < 0) continue; // attributes.ts reports it
    const diff = Math.abs(declared - computedM2);
    if (diff <= tolerance * computedM2 || diff <= ABSOLUTE_AREA_TOLERANCE_M2) continue;
    sink.addLazy(
      'warning',
      'area.declared',
      () => {
        const rel = computedM2 > 0 ? diff / computedM2 : Number.POSITIVE_INFINITY;
        const relText = Number.isFinite(rel) ? pct(rel) : '∞';
        return {
          zh: `声明面积 ${declared} m² 与计算的椭球面积 ${computedM2.toFixed(2)} m² 相差 ${diff.toFixed(2)} m²（${relText}），超出容差（${pct(tolerance)} 且 ${ABSOLUTE_AREA_TOLERANCE_M2} m²）`,
          en: `declared area ${declared} m² differs from the computed ellipsoidal area ${computedM2.toFixed(2)} m² by ${diff.toFixed(2)} m² (${relText}), beyond the tolerance (${pct(tolerance)} and ${ABSOLUTE_AREA_TOLERANCE_M2} m²)`,
        };
      },
      { ...loc, field },
    );
  }
}
