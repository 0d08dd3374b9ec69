/**
 * Worker requests of the drawing tools (issue 6): live impact while drawing, the full impact report, the
 * 占补平衡 balance of supplementary parcels, the 以补定占 ledger, the analysis config and site files read by the
 * core import readers. Merged into the one protocol map (`Requests extends DrawRequests` in protocol.ts).
 */
import type { BalanceReport } from '../core/analysis/balance';
import type { ImpactReport } from '../core/analysis/impact';
import type { DrawnFeature, FullImpact, LiveImpact, LiveLayer, TouchedParcel } from '../core/engine/drawing';
import type { LedgerOptions, LedgerProject, LedgerReport } from '../core/analysis/ledger';
import type { AreaGeometry, BBox, Finding } from '../core/types';

// the answer types live with the drawing use cases in core; re-exported so the app imports one protocol
export type { DrawnFeature, FullImpact, LiveImpact, LiveLayer, TouchedParcel };

/** Source edges of parcels near a box, for snapping (see core/overlay/snap.ts). */
export interface SnapAnswer {
  /** The box asked for. */
  bbox: BBox;
  /** 4 numbers per edge, x0 y0 x1 y1, the source coordinates (transferred). */
  edges: Float64Array;
  /** Too many edges in the box (zoomed far out): none sent, nothing to snap to there. */
  truncated: boolean;
}

export interface DrawRequests {
  /** Occupied area per layer for the polygon being drawn (sent with key 'drawLive': stale answers dropped). */
  drawLive: { req: { site: AreaGeometry[] }; res: LiveImpact };
  /** The full report for the finished site. */
  drawImpact: { req: { site: AreaGeometry[]; limit?: number; regionCode?: string }; res: FullImpact };
  /** 占补平衡 of supplementary parcels against the site's duty. */
  drawBalance: { req: { site: AreaGeometry[]; supplements: DrawnFeature[]; regionCode?: string }; res: { balance: BalanceReport; impact: ImpactReport } };
  /** 以补定占 ledger of the saved scenarios' projects. */
  drawLedger: { req: { projects: LedgerProject[]; options?: Partial<LedgerOptions> }; res: LedgerReport };
  /** Analysis parameters (productivity, fee rates) — the manifest's config file. */
  drawConfig: { req: { file: string; source: { url: string } | { bytes: ArrayBuffer } }; res: { findings: Finding[]; sources: string[] } };
  /**
   * Snap targets near a box: the edges of the parcel layers (only those read from `files`, when given) from the
   * engine's spatial index. Sent with key 'drawSnap' (stale answers dropped).
   */
  drawSnap: { req: { bbox: BBox; files?: string[]; maxEdges?: number }; res: SnapAnswer };
  /** Read polygons from a GeoJSON or zipped Shapefile (site or supplements). */
  drawReadPolygons: { req: { file: string; bytes: ArrayBuffer }; res: { features: DrawnFeature[]; findings: Finding[] } };
}
