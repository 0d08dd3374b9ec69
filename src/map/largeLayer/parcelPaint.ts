/**
 * The paint of a parcel layer's style layers — coverage cells (`-agg`), parcel fills (`-fill`) and outlines
 * (`-line`) — for both tile sources: the browser's tile worker (attachLargeLayer) and the province server
 * (map/serverLayer.ts). One place for the colours, the outline fade-in and what the layer opacity scales.
 */
import type * as maplibregl from 'maplibre-gl';
import { layerKindInfo } from '../../core/layers/kinds';
import type { LayerKind } from '../../core/types';
import { mix } from '../styles';

/**
 * Zoom from which parcel outlines exist (fading in, fully drawn one zoom level later). Below it a typical parcel
 * (~100 m) is under ~6 px and a 0.3 px outline only darkens the fill; the line layer's minzoom also keeps its
 * buckets out of the tiles below, which were ~45% of the GPU uploads when the map jumps to a township.
 */
export const OUTLINE_FROM_ZOOM = 12;

type Num = maplibregl.DataDrivenPropertyValueSpecification<number>;

export interface ParcelPaint {
  color: string;
  /** Red-line kinds: outlines always drawn, a faint fill. */
  boundary: boolean;
  lineColor: string;
  lineWidth: Num;
  aggOpacity(opacity: number): Num;
  parcelOpacity(opacity: number): number;
  lineOpacity(opacity: number): Num;
}

export function parcelPaint(kind?: LayerKind, color?: string): ParcelPaint {
  const info = kind ? layerKindInfo(kind) : undefined;
  const c = color ?? info?.color ?? '#e3c16f';
  const boundary = info?.role === 'boundary';
  return {
    color: c,
    boundary,
    // outlines darker than the fill (red lines in their own colour)
    lineColor: boundary ? c : mix(c, '#000000', 0.4),
    lineWidth: boundary ? 2 : ['interpolate', ['linear'], ['zoom'], 12, 0.3, 16, 1],
    aggOpacity: (o) => ['interpolate', ['linear'], ['get', 'share'], 0, 0.2 * o, 1, 0.9 * o],
    parcelOpacity: (o) => (boundary ? 0.08 : 0.75) * o,
    lineOpacity: (o) => (boundary ? o : ['interpolate', ['linear'], ['zoom'], OUTLINE_FROM_ZOOM, 0, OUTLINE_FROM_ZOOM + 1, o]),
  };
}

/** Apply a layer opacity to its agg, fill and line style layers. */
export function setParcelOpacity(map: maplibregl.Map, id: string, paint: ParcelPaint, opacity: number): void {
  map.setPaintProperty(`${id}-agg`, 'fill-opacity', paint.aggOpacity(opacity));
  map.setPaintProperty(`${id}-fill`, 'fill-opacity', paint.parcelOpacity(opacity));
  map.setPaintProperty(`${id}-line`, 'line-opacity', paint.lineOpacity(opacity));
}
