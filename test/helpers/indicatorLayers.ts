/**
 * Small layers for the indicator tests, built from closed-form cells (lonlatCells.ts): a cell of w(n) degrees of
 * longitude in the band [30°, 30.001°] is exactly n 亩, so every expected figure below is a hand sum of 亩.
 */
import { loadLayerFromFeatures } from '../../src/core/engine/loadLayer';
import type { Layer } from '../../src/core/layers/layer';
import type { LayerKind } from '../../src/core/types';
import { cellFeature, dLonForArea, MU_M2 } from './lonlatCells';

export const LAT = 30;
export const H = 0.001;
/** Degrees of longitude for a cell of `mu` 亩 in the band [LAT, LAT + H]. */
export const w = (mu: number): number => dLonForArea(mu * MU_M2, LAT, H);
/** Township codes (ZLDWDM, 19 chars). */
export const TOWN_A = '3301021010010000000';
export const TOWN_B = '3301021020010000000';

/** A parcel cell of `mu` 亩 starting `at` 亩 east of lon 120 (band cells side by side add up exactly). */
export const band = (at: number, mu: number, props: Record<string, unknown> = {}, lon0 = 120) => cellFeature(lon0 + w(at), LAT, w(mu), H, props);
/** A zone reaching beyond the band north and south: it cuts band cells only along meridians. */
export const tall = (at: number, mu: number, props: Record<string, unknown> = {}, lon0 = 120) => cellFeature(lon0 + w(at), LAT - H, w(mu), 3 * H, props);

export function layer(kind: LayerKind, features: unknown[]): Layer {
  const { layer, findings } = loadLayerFromFeatures(kind, `${kind}.geojson`, features);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(errors.map((f) => f.message).join('\n'));
  return layer;
}

export const mu = (m2: number): number => m2 / MU_M2;
