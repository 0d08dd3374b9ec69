/**
 * Layers from the parcels a province server sends for a box (`GET /api/parcels?bbox=…` of `farmland serve`): one
 * layer per kind, built by the engine's own buildLayer from the stored geometry (bit for bit as loaded) and the
 * original properties, so the drawing tools work on them exactly as on the files (the dashboard snaps to them; a
 * site's impact on them equals the engine's on the files, tested). Parcels whose bbox meets the box all come, so every
 * parcel a site inside the box touches — and every overlap among them — is there.
 */
import { isLayerKind } from '../layers/kinds';
import { buildLayer, type Layer } from '../layers/layer';
import type { BBox } from '../types';

/** The JSON of `/api/parcels`: per kind, its name, file and GeoJSON features (id = the stored parcel id). */
export interface BoxParcels {
  layers: { kind: string; name: string; file: string; features: unknown[] }[];
}

/** The engine's layers of a box answer (kinds the engine does not know are left out). */
export function layersFromBox(box: BoxParcels): Layer[] {
  const out: Layer[] = [];
  for (const l of box.layers ?? []) {
    if (!isLayerKind(l.kind) || !Array.isArray(l.features)) continue;
    out.push(buildLayer(l.kind, l.file, l.features, { name: l.name }));
  }
  return out;
}

/** Whether `inner` lies within `outer` (both [west, south, east, north]). */
export function bboxWithin(inner: BBox, outer: BBox): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}
