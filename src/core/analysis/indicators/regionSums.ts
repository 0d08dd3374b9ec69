/**
 * Per-region sums for indicators: every parcel adds its figures to its county (6), township (9) and village (12)
 * code prefix of ZLDWDM / XZQDM (docs/domain.md §4). Parcels without a region code add to the selection only.
 */
import { type REGION_PREFIX, regionPrefix } from '../../layers/fields';

export type RegionLevelName = keyof typeof REGION_PREFIX;
export const INDICATOR_LEVELS: readonly RegionLevelName[] = ['county', 'township', 'village'];

export interface RegionRow<K extends string> {
  code: string;
  level: RegionLevelName;
  values: Record<K, number>;
}

export class RegionSums<K extends string> {
  private readonly rows = new Map<string, RegionRow<K>>();
  /** The sums over every parcel added, with or without a region code (the selection's figures). */
  readonly total: Record<K, number>;

  constructor(private readonly keys: readonly K[]) {
    this.total = this.zero();
  }

  private zero(): Record<K, number> {
    const o = {} as Record<K, number>;
    for (const k of this.keys) o[k] = 0;
    return o;
  }

  /**
   * Add a parcel's figure to the total and to each of its region rows.
   *
   * @param location - the parcel's 坐落单位代码 (layers/attrTable.ts locationCode: ZLDWDM, else XZQDM), or undefined
   */
  add(location: string | undefined, key: K, value: number): void {
    if (value === 0) return;
    this.total[key] += value;
    for (const level of INDICATOR_LEVELS) {
      const code = regionPrefix(location, level);
      if (code === undefined) continue;
      let row = this.rows.get(code);
      if (!row) {
        row = { code, level, values: this.zero() };
        this.rows.set(code, row);
      }
      row.values[key] += value;
    }
  }

  /** Rows sorted by code (a county before its townships, a township before its villages). */
  list(): RegionRow<K>[] {
    return [...this.rows.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
}
