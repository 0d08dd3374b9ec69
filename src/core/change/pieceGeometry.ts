/**
 * The polygon of one change piece, for the map and exports (clipping: the slow path, used only for the pieces a
 * user sees — changed ones — never for the figures, which come from overlay.ts's exact areas).
 */
import { searchIndex } from '../index/spatialIndex';
import type { Layer } from '../layers/layer';
import { tryDifference, tryIntersect } from '../overlay/clip';
import type { MultiPolygonCoords } from '../types';
import type { ChangePieces } from './pieces';

export type PieceGeometry = { ok: true; coords: MultiPolygonCoords } | { ok: false; message: string };

/** Geometry of piece k of an overlay of `before` and `after` (the layers overlayVintages was given). */
export function overlayPieceGeometry(pieces: ChangePieces, k: number, before: Layer, after: Layer): PieceGeometry {
  const bi = pieces.b[k];
  const aj = pieces.a[k];
  if (bi >= 0 && aj >= 0) return tryIntersect(before.parcels[bi].geometry, after.parcels[aj].geometry);
  const [own, other] = bi >= 0 ? [before.parcels[bi], after] : [after.parcels[aj], before];
  const near = searchIndex(other.index, other.parcels.length, own.bbox).map((j) => other.parcels[j].geometry);
  return tryDifference(own.geometry, near);
}
