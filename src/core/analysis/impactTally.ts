/**
 * One layer's share of an occupation impact, as sums: the pieces in layer order (ids, areas, 地类面积, whole or
 * clipped), the breakdown slots by 地类 / grade / slope, and the compensation duty's entries. computeImpact
 * (impact.ts) tallies the engine's overlay of each layer this way and assembles the report from the tallies; the
 * province server (src/server/impactDb.ts) tallies the parcels its site edge crosses the same way and adds the
 * parcels wholly inside the site as groups summed by SQL over the engine's stored areas (addWholeGroup) and their
 * pieces (mergeWholePieces) — the same keys, so the same report.
 */
import { parcelNetFactor } from '../area/netArea';
import { regionCodeOf } from '../layers/fields';
import type { Layer } from '../layers/layer';
import type { RegionOverlay } from '../overlay/siteOverlay';
import type { LayerKind, ParcelAttrs } from '../types';
import { attrsOf } from '../layers/attrTable';

/** Per slot: area (m²), 地类面积 (m²), parcels. */
export interface Slots {
  m2: Float64Array;
  net: Float64Array;
  n: Int32Array;
}

/**
 * What the compensation duty reads of each occupied piece (or pre-summed group) of a 耕地 layer: polygon area,
 * 地类面积, GDDJ as read (NaN when absent; not necessarily an integer) and the county code (undefined when none).
 */
export interface DutyEntries {
  poly: number[];
  net: number[];
  grade: number[];
  county: (string | undefined)[];
}

export interface LayerTally {
  kind: LayerKind;
  name: string;
  file: string;
  totalM2: number;
  netM2: number;
  parcelIds: string[];
  pieceIndex: Int32Array;
  pieceAreaM2: Float64Array;
  pieceNetM2: Float64Array;
  pieceWhole: Uint8Array;
  /** Land class slots 0..4 (paddy, irrigated, dry, other = non-耕地 DLBM, unknown = no DLBM). */
  land: Slots;
  /** GDDJ slots 0..10 (0 = unknown or not an integer 1..10). */
  grade: Slots;
  /** GDPDJB slots 0..5 (0 = unknown or not an integer 1..5). */
  slope: Slots;
  /** Only for the kinds that can be the duty's basis (耕地: cultivated, permanent-basic). */
  duty?: DutyEntries;
}

export const LAND_SLOT_KEYS = ['paddy', 'irrigated', 'dry', 'other', 'unknown'] as const;
export const GRADE_SLOT_KEYS = ['unknown', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
export const SLOPE_SLOT_KEYS = ['unknown', '1', '2', '3', '4', '5'] as const;

const slots = (n: number): Slots => ({ m2: new Float64Array(n), net: new Float64Array(n), n: new Int32Array(n) });
const intIn = (v: number | undefined, max: number): number => (v !== undefined && Number.isInteger(v) && v >= 1 && v <= max ? v : 0);

export const landSlot = (a: ParcelAttrs): number => {
  const cls = a.landClass;
  return cls === 'paddy' ? 0 : cls === 'irrigated' ? 1 : cls === 'dry' ? 2 : a.dlbm === undefined ? 4 : 3;
};
export const gradeSlot = (a: ParcelAttrs): number => intIn(a.gddj, 10);
export const slopeSlot = (a: ParcelAttrs): number => intIn(a.gdpdjb, 5);

/** The three breakdowns' slots, empty. */
export const emptyBreakdownSlots = (): Pick<LayerTally, 'land' | 'grade' | 'slope'> => ({ land: slots(5), grade: slots(11), slope: slots(6) });

/** Add one piece (area and 地类面积, m²) of a parcel with these attributes to the 地类 / grade / slope slots. */
export function addPiece(t: Pick<LayerTally, 'land' | 'grade' | 'slope'>, attrs: ParcelAttrs, m2: number, net: number): void {
  bump(t.land, landSlot(attrs), m2, net, 1);
  bump(t.grade, gradeSlot(attrs), m2, net, 1);
  bump(t.slope, slopeSlot(attrs), m2, net, 1);
}

/** Add `parcels` parcels of `m2` area and `net` 地类面积 to slot i (a function call, not a tuple per piece: the hot path). */
function bump(s: Slots, i: number, m2: number, net: number, parcels: number): void {
  s.m2[i] += m2;
  s.net[i] += net;
  s.n[i] += parcels;
}

/** Kinds whose tally carries duty entries. */
export const isDutyKind = (k: LayerKind): boolean => k === 'cultivated' || k === 'permanent-basic';

/** The tally of the engine's overlay of a layer (pieces in the overlay's order, sums accumulated in that order). */
export function tallyOverlay(layer: Layer, ov: RegionOverlay): LayerTally {
  const parcelIds: string[] = new Array(ov.count);
  const b = emptyBreakdownSlots();
  const pieceNet = new Float64Array(ov.count);
  const duty: DutyEntries | undefined = isDutyKind(layer.kind) ? { poly: [], net: [], grade: [], county: [] } : undefined;
  let netTotal = 0;
  for (let k = 0; k < ov.count; k++) {
    const p = layer.parcels[ov.index[k]];
    const a = ov.areaM2[k];
    const at = attrsOf(p);
    const n = a * parcelNetFactor(at);
    pieceNet[k] = n;
    netTotal += n;
    parcelIds[k] = p.id;
    addPiece(b, at, a, n);
    if (duty) {
      duty.poly.push(a);
      duty.net.push(n);
      duty.grade.push(at.gddj ?? Number.NaN);
      duty.county.push(regionCodeOf(at, 'county'));
    }
  }
  return {
    kind: layer.kind, name: layer.name, file: layer.file, totalM2: ov.totalM2, netM2: netTotal,
    parcelIds, pieceIndex: ov.index, pieceAreaM2: ov.areaM2, pieceNetM2: pieceNet, pieceWhole: ov.whole, ...b, ...(duty ? { duty } : {}),
  };
}

/** Parcels wholly inside the site that share every key, summed (their stored engine areas: 图斑面积 and 地类面积). */
export interface WholeGroup {
  land: number;
  grade: number;
  slope: number;
  /** GDDJ as read (NaN when absent), for the duty's quality and capacity. */
  dutyGrade: number;
  county: string | undefined;
  parcels: number;
  areaM2: number;
  netM2: number;
}

/** Add a group of wholly-inside parcels to a tally's sums (its pieces come with mergeWholePieces). */
export function addWholeGroup(t: LayerTally, g: WholeGroup): void {
  t.totalM2 += g.areaM2;
  t.netM2 += g.netM2;
  bump(t.land, g.land, g.areaM2, g.netM2, g.parcels);
  bump(t.grade, g.grade, g.areaM2, g.netM2, g.parcels);
  bump(t.slope, g.slope, g.areaM2, g.netM2, g.parcels);
  if (t.duty) {
    t.duty.poly.push(g.areaM2);
    t.duty.net.push(g.netM2);
    t.duty.grade.push(g.dutyGrade);
    t.duty.county.push(g.county);
  }
}

/**
 * Wholly-inside pieces merged into a tally's pieces in layer order: `before[j]` is how many of the tally's own
 * pieces come before whole piece j (non-decreasing). Whole pieces carry their own index. The layer's totals are
 * then summed again over the merged pieces in that order — the engine's order — so they equal its totals bit for bit.
 */
export function mergeWholePieces(t: LayerTally, w: { ids: readonly string[]; index: ArrayLike<number>; areaM2: ArrayLike<number>; netM2: ArrayLike<number>; before: ArrayLike<number> }): void {
  const n0 = t.parcelIds.length;
  const m = w.ids.length;
  const ids: string[] = new Array(n0 + m);
  const index = new Int32Array(n0 + m);
  const area = new Float64Array(n0 + m);
  const net = new Float64Array(n0 + m);
  const whole = new Uint8Array(n0 + m);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n0 + m; k++) {
    if (j < m && (i >= n0 || w.before[j] <= i)) {
      ids[k] = w.ids[j];
      index[k] = w.index[j];
      area[k] = w.areaM2[j];
      net[k] = w.netM2[j];
      whole[k] = 1;
      j++;
    } else {
      ids[k] = t.parcelIds[i];
      index[k] = t.pieceIndex[i];
      area[k] = t.pieceAreaM2[i];
      net[k] = t.pieceNetM2[i];
      whole[k] = t.pieceWhole[i];
      i++;
    }
  }
  let total = 0;
  let netTotal = 0;
  for (let k = 0; k < n0 + m; k++) {
    total += area[k];
    netTotal += net[k];
  }
  t.totalM2 = total;
  t.netM2 = netTotal;
  t.parcelIds = ids;
  t.pieceIndex = index;
  t.pieceAreaM2 = area;
  t.pieceNetM2 = net;
  t.pieceWhole = whole;
}
