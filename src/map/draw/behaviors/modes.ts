/**
 * terra-draw's modes as the drawing uses them: polygon (snapping, refusal), rectangle and freehand (refusal),
 * select for editing (vertices dragged, added at midpoints, deleted; rectangles resized from the opposite corner),
 * coloured by role (site red, supplement green; the shape being drawn in the current role's colour).
 */
import {
  type GeoJSONStoreFeatures,
  type SnappableContext,
  TerraDrawFreehandMode,
  type TerraDrawMouseEvent,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import type { DrawRole } from '../../../state/draw/port';
import { roleOf } from './features';

const COLORS: Record<DrawRole, `#${string}`> = { site: '#d7301f', supplement: '#1a9850' };

export interface ModeOptions {
  validation: (feature: GeoJSONStoreFeatures, ctx?: { updateType?: string }) => { valid: boolean; reason?: string };
  /** Where the cursor snaps to (undefined: where it is). */
  snapTo: (e: TerraDrawMouseEvent, c: SnappableContext) => [number, number] | undefined;
  /** The role a shape being drawn will get. */
  currentRole: () => DrawRole;
}

export interface DrawModes {
  polygon: TerraDrawPolygonMode;
  rectangle: TerraDrawRectangleMode;
  freehand: TerraDrawFreehandMode;
  select: TerraDrawSelectMode;
}

export function drawModes({ validation, snapTo, currentRole }: ModeOptions): DrawModes {
  const fill = (f: GeoJSONStoreFeatures) => COLORS[f.properties?.role === undefined ? currentRole() : roleOf(f)];
  const styles = { fillColor: fill, outlineColor: fill, fillOpacity: 0.25, outlineWidth: 2 };
  const snapping = { toCustom: snapTo };
  const editable = {
    feature: {
      draggable: true,
      // refused by `validation` (with the message), not silently by terra-draw's own check
      selfIntersectable: true,
      validation,
      coordinates: { midpoints: true, draggable: true, deletable: true, snappable: snapping },
    },
  };
  return {
    polygon: new TerraDrawPolygonMode({ validation, snapping, styles, pointerDistance: 12 }),
    rectangle: new TerraDrawRectangleMode({ validation, styles }),
    freehand: new TerraDrawFreehandMode({ validation, styles }),
    select: new TerraDrawSelectMode({
      flags: {
        polygon: editable,
        rectangle: { feature: { draggable: true, validation, coordinates: { resizable: 'opposite', deletable: false } } },
        freehand: { feature: { draggable: true, validation } },
      },
      styles: { selectedPolygonColor: '#0b63ce', selectedPolygonOutlineColor: '#0b63ce', selectionPointColor: '#0b63ce' },
    }),
  };
}
