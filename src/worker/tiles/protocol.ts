/** Messages between the main thread (src/map/largeLayer) and the tile worker (tileWorker.ts). One typed map. */
import type { PackedParcels } from './packed';
import type { TileIndexInfo, TileIndexOptions } from './tileIndex';

/** 'index': Flatbush + on-demand cutting with low-zoom aggregates (default). 'geojson-vt': for comparison only. */
export type Cutter = 'index' | 'geojson-vt';

export type ToTileWorker =
  | { type: 'add'; layerId: string; packed: PackedParcels; options: TileIndexOptions; cutter: Cutter }
  | { type: 'remove'; layerId: string }
  /** Show only features whose mask byte is non-zero (null: all). */
  | { type: 'mask'; layerId: string; mask: Uint8Array | null }
  | { type: 'tile'; reqId: number; layerId: string; z: number; x: number; y: number }
  | { type: 'cancel'; reqId: number };

export type FromTileWorker =
  | { type: 'ready'; layerId: string; info: TileIndexInfo }
  | { type: 'tile'; reqId: number; data: ArrayBuffer | null; ms: number }
  | { type: 'error'; layerId?: string; reqId?: number; message: string };
