/**
 * Exact area bookkeeping for summaries and breakdowns.
 *
 * A breakdown (by 地类, grade, slope, region) must add up to its layer's total *exactly*, in whatever order a
 * reader adds the rows. Floating-point sums depend on order, so every parcel's area is first snapped to a
 * multiple of 2⁻¹⁰ m² (≈ 0.001 m²; at most 0.0005 m² off, < 1e-6 of a 1-亩 parcel). Sums of such multiples are
 * exact in IEEE doubles as long as they stay below 2⁵³ · 2⁻¹⁰ m² = 2⁴³ m² ≈ 8.8 × 10¹² m² (≈ 132 亿亩, more than
 * China's land area of farmland-like layers), so bucket sums, the total and any re-addition of rows agree bit for bit.
 */
import { m2ToMu } from '../area/units';

/** The grid areas are snapped to, in m². */
export const AREA_QUANTUM_M2 = 2 ** -10;

/** Snap an area (m²) to the exact-sum grid; non-finite or negative input gives 0. */
export function snapArea(m2: number): number {
  if (!Number.isFinite(m2) || m2 <= 0) return 0;
  return Math.round(m2 * 1024) / 1024;
}

/** One row of a breakdown. */
export interface Bucket {
  /** Machine key: "paddy", "1", a region code, "unknown" … */
  key: string;
  /** Display label (zh). */
  label: string;
  /** Parcels in the bucket. */
  features: number;
  /** Area (m², snapped: buckets add up exactly to the total). */
  areaM2: number;
  areaMu: number;
  /** 地类面积 (net of 田坎, snapped like areaM2: the rows add up to the layer's net total exactly). */
  netM2: number;
  netMu: number;
  /** Share of the layer's total area, 0..1 (0 when the total is 0). */
  share: number;
}

/** Accumulates parcels into keyed buckets; fixed keys keep their order and appear even when empty. */
export class BucketAccumulator {
  private readonly rows = new Map<string, { label: string; features: number; areaM2: number; netM2: number }>();
  private readonly fixed: readonly string[];

  constructor(fixed: ReadonlyArray<{ key: string; label: string }> = []) {
    this.fixed = fixed.map((f) => f.key);
    for (const f of fixed) this.rows.set(f.key, { label: f.label, features: 0, areaM2: 0, netM2: 0 });
  }

  /** Add a parcel: its snapped polygon area and (default: the same) its snapped 地类面积. */
  add(key: string, label: string, snappedM2: number, snappedNetM2: number = snappedM2): void {
    const row = this.rows.get(key);
    if (row) {
      row.features += 1;
      row.areaM2 += snappedM2;
      row.netM2 += snappedNetM2;
      if (row.label === '' && label !== '') row.label = label;
    } else this.rows.set(key, { label, features: 1, areaM2: snappedM2, netM2: snappedNetM2 });
  }

  /** Name a bucket after the fact (e.g. a region's name found on a later parcel). */
  setLabel(key: string, label: string): void {
    const row = this.rows.get(key);
    if (row && label !== '') row.label = label;
  }

  /** Rows: fixed keys first in their order, then the others sorted by key (only those with parcels). */
  buckets(totalM2: number): Bucket[] {
    const fixedSet = new Set(this.fixed);
    const others = [...this.rows.keys()].filter((k) => !fixedSet.has(k)).sort(compareKeys);
    return [...this.fixed, ...others].map((key) => {
      const r = this.rows.get(key)!;
      return { key, label: r.label, features: r.features, areaM2: r.areaM2, areaMu: m2ToMu(r.areaM2), netM2: r.netM2, netMu: m2ToMu(r.netM2), share: totalM2 > 0 ? r.areaM2 / totalM2 : 0 };
    });
  }
}

/** "unknown" and "other" sort last; everything else by code. */
function compareKeys(a: string, b: string): number {
  const rank = (k: string) => (k === 'other' ? 1 : k === 'unknown' ? 2 : 0);
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}
