/**
 * The first loaded layer of each kind. Two files of one kind may be loaded (a report lists both); the engine's
 * single-layer answers — indicators, the occupation's flags and duty — come from the first one.
 */
import type { LayerKind } from '../types';
import type { Layer } from './layer';

export function firstOfKind(layers: readonly Layer[]): Partial<Record<LayerKind, Layer>> {
  const out: Partial<Record<LayerKind, Layer>> = {};
  for (const l of layers) out[l.kind] ??= l;
  return out;
}
