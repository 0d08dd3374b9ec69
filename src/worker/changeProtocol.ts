/**
 * Worker requests of the 变化 tab (issue #17): overlay two vintages (or read a change layer) and answer the change
 * report as the CLI's JSON, plus the changed pieces for the map. Merged into the one protocol map (protocol.ts).
 */
import type { ChangeFormat } from '../core/engine/changeExport';
import type { ChangeOverlayResult, ReportOptions } from '../core/engine/changeSession';

export type ChangeSource = { file: string; source: { url: string } | { bytes: ArrayBuffer } };

export type { ChangePieceView, VintageView } from '../core/engine/changeSession';

export interface ChangeRequests {
  /** Both parcels' own properties of a piece of the last changeOverlay (fetched on click, not sent with every piece). */
  changePiece: { req: { piece: number }; res: { beforeProps: Record<string, unknown> | null; afterProps: Record<string, unknown> | null } };
  changeOverlay: {
    req: ({ before: ChangeSource; after: ChangeSource } | { changes: ChangeSource }) & { highStandard?: { before: ChangeSource; after: ChangeSource }; region?: string; level?: 'county' | 'township' | 'village'; maxPieces?: number; maxParcels?: number };
    res: ChangeOverlayResult;
  };
  /**
   * The last changeOverlay's vintages as GeoJSON bytes (transferred; null above `maxParcels`, default 50,000): the
   * map loads them from a blob URL in MapLibre's worker, so the main thread neither clones nor walks the parcels.
   */
  changeVintages: { req: { maxParcels?: number }; res: { before: ArrayBuffer | null; after: ArrayBuffer | null } };
  /** The last changeOverlay as a file (what `farmland change --json | --csv | --xlsx` writes), bytes transferred. */
  changeExport: { req: Pick<ReportOptions, 'region' | 'level'> & { format: ChangeFormat; now: string }; res: { bytes: ArrayBuffer; file: string; mime: string } };
  /** The last changeOverlay reported again for another region (code prefix) or level; no new overlay. */
  changeReport: { req: ReportOptions; res: ChangeOverlayResult };
}
