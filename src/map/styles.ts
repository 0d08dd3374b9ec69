/**
 * MapLibre styles: the offline base style (no tile URLs, no glyphs — place labels are HTML text, see
 * placeLabels.ts) and the paint of each layer kind, including the 耕地 colouring by quality grade or slope class.
 */
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { layerKindInfo } from '../core/layers/kinds';
import type { LayerKind } from '../core/types';
import type { BasemapChoice, CultivatedStyle } from '../state/store';

export const BACKGROUND = '#eef0ea';
const HEX = /^#[0-9a-f]{6}$/i;
/**
 * The townships' fill: white at 55 % over the background, mixed here into one opaque colour. MapLibre draws opaque
 * fills in its opaque pass, front to back without blending, and the background only where nothing opaque lies
 * above it; a translucent fill was one more blended full-screen pass per frame over the county, which software
 * WebGL (SwiftShader) pays per pixel.
 */
export const TOWNSHIP_FILL = mix(BACKGROUND, '#ffffff', 0.55);

/** `a` and `b` (#rrggbb) mixed: (1 − t)·a + t·b per channel, rounded; `a` unchanged if either is not #rrggbb. */
export function mix(a: string, b: string, t: number): string {
  if (!HEX.test(a) || !HEX.test(b)) return a;
  const ch = (c: string, i: number) => Number.parseInt(c.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2].map((i) => Math.round(ch(a, i) * (1 - t) + ch(b, i) * t).toString(16).padStart(2, '0')).join('')}`;
}

/** 耕地质量等级 1 (best) … 10: green → yellow → red. */
export const GRADE_COLORS = ['#1a9850', '#4eb15d', '#86cb66', '#b7e075', '#e3f399', '#fee999', '#fdc574', '#f99153', '#e85b3a', '#c62a2a'];
/** 坡度级别 1 (≤2°) … 5 (>25°). */
export const SLOPE_COLORS = ['#ffffcc', '#c2e699', '#78c679', '#31a354', '#006837'];

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'farmland-offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
  };
}

/** Raster tile URLs of an online basemap, or [] for the offline one. */
export function onlineTiles(choice: BasemapChoice, tiandituKey: string, xyzUrl: string): { id: string; tiles: string[]; attribution: string }[] {
  if (choice === 'tianditu' && tiandituKey.trim()) {
    const key = encodeURIComponent(tiandituKey.trim());
    const wmts = (layer: string) =>
      [0, 1, 2, 3, 4, 5, 6, 7].map(
        (s) =>
          `https://t${s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`,
      );
    return [
      { id: 'tdt-vec', tiles: wmts('vec'), attribution: '天地图' },
      { id: 'tdt-cva', tiles: wmts('cva'), attribution: '天地图' },
    ];
  }
  if (choice === 'xyz' && /^https?:\/\/.+\{z\}.*/.test(xyzUrl.trim())) {
    const url = xyzUrl.trim();
    const tiles = url.includes('{s}') ? ['a', 'b', 'c'].map((s) => url.replace('{s}', s)) : [url];
    return [{ id: 'xyz', tiles, attribution: new URL(url.replace(/\{[^}]+\}/g, '0')).host }];
  }
  return [];
}

export function fillColor(kind: LayerKind, style: CultivatedStyle, fields: { gddj?: string; gdpdjb?: string }): ExpressionSpecification | string {
  const base = layerKindInfo(kind).color;
  if (kind !== 'cultivated' && kind !== 'permanent-basic') return base;
  const ramp = (field: string | undefined, colors: string[]): ExpressionSpecification | string => {
    if (!field) return base;
    const stops: (number | string)[] = [];
    for (const [i, c] of colors.entries()) stops.push(i + 1, c);
    return ['match', ['to-number', ['get', field], 0], ...stops, '#bdbdbd'] as unknown as ExpressionSpecification;
  };
  // 永久基本农田 is 耕地 too and usually drawn above it: it takes the same ramp when it carries the field
  if (style === 'grade' && fields.gddj) return ramp(fields.gddj, GRADE_COLORS);
  if (style === 'slope' && fields.gdpdjb) return ramp(fields.gdpdjb, SLOPE_COLORS);
  return base;
}
