/** How a data layer is drawn: visibility, opacity, boundary line style, and the fill colour of its kind / 耕地 colouring. */
import { layerKindInfo } from '../core/layers/kinds';
import type { CultivatedStyle, LayerEntry } from '../state/store';
import type { LargeLayerHandle } from './largeLayer';
import { fillColor } from './styles';

export function paintLayer(h: LargeLayerHandle, entry: LayerEntry, cultivatedStyle: CultivatedStyle): void {
  const info = layerKindInfo(entry.info.kind);
  h.setVisible(entry.visible);
  h.setOpacity(entry.opacity);
  if (info.role === 'boundary') {
    h.setPaint('line', 'line-width', 2.5);
    if (entry.info.kind === 'urban-boundary') h.setPaint('line', 'line-dasharray', [3, 1.5]);
    return;
  }
  // the packed tiles carry the engine's grade / slope as numeric columns `gddj`, `gdpdjb`. A plain colour stays a
  // uniform (no per-vertex colour array); grade / slope colouring is an expression, whose shader variant the
  // large layers compile during load (programWarmup.ts, docs/large-layers.md)
  const fields = { gddj: entry.info.fields.gddj && 'gddj', gdpdjb: entry.info.fields.gdpdjb && 'gdpdjb' };
  h.setFillColor(fillColor(entry.info.kind, cultivatedStyle, fields));
}
