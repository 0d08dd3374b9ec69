/**
 * The common shape both inputs reduce to: pieces of land, each in exactly one (before parcel, after parcel) pair,
 * with the polygon (ellipsoidal) area of the piece. Two vintages give it by overlay (overlay.ts); a DLTBGXGC-style
 * change layer gives one piece per feature (changeLayer.ts). Every report (report.ts) reads only this.
 */
import type { Finding } from '../types';

/** What the report needs of one side (one vintage's parcel) of a piece. */
export interface ChangeSide {
  /** Parcel id (BSM / TBBH / feature id) as findings and listings name it. */
  id: string;
  /** 地类编码 as given (二级, e.g. "0103"); UNKNOWN_CODE when missing. */
  dlbm: string;
  /** 扣除系数 (田坎) 0..1, when given. */
  kcxs?: number;
  /** 种植属性代码 (WG = 未耕种). */
  zzsxdm?: string;
  /** 耕地质量等级 1..10. */
  gddj?: number;
  /** 坐落单位代码 (region prefixes: county 6, township 9, village 12). */
  zldwdm?: string;
  /**
   * The parcel's own properties (for side-by-side inspection). Absent where the pieces build them when asked
   * (`ChangePieces.propsOf`: an overlay's sides, whose vintages keep them in columns); read through `sideProps`.
   */
  props?: Record<string, unknown>;
  /** Index of the parcel in its layer (overlay) or of the feature (change layer). */
  index: number;
  /** Polygon (ellipsoidal) area of the whole parcel (overlay) or of the change feature, m². */
  areaM2: number;
}

/** Parallel arrays: piece k lies in before[b[k]] and after[a[k]] (−1: outside every parcel of that vintage). */
export interface ChangePieces {
  /** How the pieces were obtained. */
  source: 'overlay' | 'change-layer';
  files: { before: string; after: string };
  before: ChangeSide[];
  after: ChangeSide[];
  count: number;
  b: Int32Array;
  a: Int32Array;
  /** Ellipsoidal (CGCS2000) area of the piece, m². */
  areaM2: Float64Array;
  /** Sum of the polygon areas of each vintage's parcels (m²) — what the rows / columns must add up to. */
  beforeTotalM2: number;
  afterTotalM2: number;
  /** Pieces smaller than sliverM2: kept in every figure (so totals reconcile) and listed here. */
  sliverM2: number;
  slivers: { piece: number; areaM2: number }[];
  findings: Finding[];
  /** A side's properties built when asked, for sides that do not hold them (an overlay: from the vintages' columns). */
  propsOf?: (side: 'before' | 'after', i: number) => Record<string, unknown>;
}

/**
 * The properties of `pieces[side][i]`: the side's own, else built by the pieces, else `{}`.
 *
 * @param pieces - an overlay's or a change layer's pieces
 * @param side - 'before' or 'after'
 * @param i - the side's index (pieces.b[k] / pieces.a[k])
 * @returns the parcel's properties
 * @example
 * sideProps(pieces, 'after', pieces.a[k]).BSM;
 */
export function sideProps(pieces: Pick<ChangePieces, 'before' | 'after' | 'propsOf'>, side: 'before' | 'after', i: number): Record<string, unknown> {
  return pieces[side][i]?.props ?? pieces.propsOf?.(side, i) ?? {};
}

/** Growable builder for ChangePieces' arrays. */
export class PieceBuilder {
  b: number[] = [];
  a: number[] = [];
  area: number[] = [];
  push(b: number, a: number, areaM2: number): number {
    this.b.push(b);
    this.a.push(a);
    this.area.push(areaM2);
    return this.area.length - 1;
  }
  get count(): number {
    return this.area.length;
  }
}
