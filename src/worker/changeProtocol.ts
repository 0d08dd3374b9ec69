/**
 * Worker requests of the 变化 tab (issue #17): overlay two vintages (or read a change layer) and answer the change
 * report as the CLI's JSON, plus the changed pieces for the map. Merged into the one protocol map (protocol.ts).
 */
import type { FlowCategory } from '../core/change/report';
import type { Finding, MultiPolygonCoords } from '../core/types';

export type ChangeSource = { file: string; source: { url: string } | { bytes: ArrayBuffer } };

/** A changed piece: the map draws it by category; clicking it shows both parcels' attributes side by side. */
export interface ChangePieceView {
  piece: number;
  category: FlowCategory;
  from: string;
  to: string;
  /** Polygon area of the piece, m². */
  areaM2: number;
  beforeId: string;
  afterId: string;
  coords: MultiPolygonCoords | null;
}

/** A vintage's parcels for the before/after toggle: outer geometry and 地类 (only up to `maxParcels`). */
export interface VintageView {
  file: string;
  count: number;
  /** FeatureCollection with properties {dlbm, l1}; null when the vintage is larger than the limit. */
  features: { type: 'FeatureCollection'; features: unknown[] } | null;
}

export interface ChangeRequests {
  /** Both parcels' own properties of a piece of the last changeOverlay (fetched on click, not sent with every piece). */
  changePiece: { req: { piece: number }; res: { beforeProps: Record<string, unknown> | null; afterProps: Record<string, unknown> | null } };
  changeOverlay: {
    req: ({ before: ChangeSource; after: ChangeSource } | { changes: ChangeSource }) & { region?: string; level?: 'county' | 'township' | 'village'; maxPieces?: number; maxParcels?: number };
    res: {
      /** changeJson(report): exactly what `farmland change --json` prints (without metadata). */
      json: Record<string, unknown>;
      pieces: ChangePieceView[];
      /** Changed pieces in all; the map gets at most maxPieces (default 2,000), 耕地 losses first, then gains, largest first. */
      changedTotal: number;
      before: VintageView;
      after: VintageView;
      findings: Finding[];
      computeMs: number;
    };
  };
}
