/**
 * The drawing's impact as JSON travels it (the province server's `POST /api/impact` answer): the engine's report
 * with its per-piece typed arrays as plain number arrays — every parcel id and piece kept, so the report read back
 * is the engine's own, figure for figure — and back.
 */
import type { ImpactLayer, ImpactReport } from '../analysis/impact';
import type { FullImpact } from './drawing';

type PieceColumns = 'pieceIndex' | 'pieceAreaM2' | 'pieceNetM2' | 'pieceWhole';

/** An ImpactLayer with its piece columns as number arrays. */
export type ImpactLayerWire = Omit<ImpactLayer, PieceColumns> & Record<PieceColumns, number[]>;

export type ImpactReportWire = Omit<ImpactReport, 'layers'> & { layers: ImpactLayerWire[] };

/** FullImpact as JSON: the report in its wire form. */
export type FullImpactWire = Omit<FullImpact, 'report'> & { report: ImpactReportWire };

export function reportToWire(r: ImpactReport): ImpactReportWire {
  return {
    ...r,
    layers: r.layers.map((l) => ({
      ...l,
      pieceIndex: Array.from(l.pieceIndex),
      pieceAreaM2: Array.from(l.pieceAreaM2),
      pieceNetM2: Array.from(l.pieceNetM2),
      pieceWhole: Array.from(l.pieceWhole),
    })),
  };
}

/** The report from its wire form (a number array that is not one, e.g. a hostile answer, becomes an empty column). */
export function reportFromWire(w: ImpactReportWire): ImpactReport {
  const nums = (a: unknown): number[] => (Array.isArray(a) ? (a as number[]) : []);
  return {
    ...w,
    layers: w.layers.map((l) => ({
      ...l,
      pieceIndex: Int32Array.from(nums(l.pieceIndex)),
      pieceAreaM2: Float64Array.from(nums(l.pieceAreaM2)),
      pieceNetM2: Float64Array.from(nums(l.pieceNetM2)),
      pieceWhole: Uint8Array.from(nums(l.pieceWhole)),
    })),
  };
}
