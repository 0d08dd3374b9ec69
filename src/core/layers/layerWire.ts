/**
 * A loaded layer as plain data for postMessage, and the layer again on the other side (issue 14 item 8: a county's
 * second layer pack is imported by a second engine worker while the first validates its 耕地, then handed over).
 *
 * A Layer holds class instances a structured clone would flatten (FlatGeometry keeps its store in private `#`
 * fields; AttrTable, PropsTable, Column and Flatbush lose their prototypes) and one object per parcel. The wire holds
 * the parcels as columns (ids, feature indices, areas, boxes), the geometry as the one flat store the parcels share
 * (its arrays shared or transferred, never walked), the tables as their own data (revived on arrival) and the index
 * as its buffer. `layerFromWire(structuredClone(layerToWire(l).wire))` answers the same parcels, areas, boxes,
 * attributes, properties and index as `l`.
 */
import Flatbush from 'flatbush';
import type { FlatStore } from '../io/flatGeojson';
import { flatGeometry, flatOf, plainGeometry } from '../io/flatGeometry';
import type { AreaGeometry, AttrRows, BBox, LayerKind, Parcel, ParcelAttrs } from '../types';
import { AttrTable } from './attrTable';
import type { Layer } from './layer';
import { PropsTable } from './propsTable';

export interface LayerWire {
  kind: LayerKind;
  name: string;
  file: string;
  bbox: BBox;
  grossAreaM2: number;
  /** The spatial index's buffer (flatbush). */
  index: ArrayBuffer | SharedArrayBuffer;
  /** Per parcel, in order: its feature index, and its id — null when every id is its row's in `attrs.table`. */
  features: Int32Array;
  ids: string[] | null;
  areaM2: Float64Array;
  /** NaN where the parcel has no adjustedFromM2; null when none has. */
  adjustedFromM2: Float64Array | null;
  /** 4 per parcel. */
  bboxes: Float64Array;
  /** The flat store every parcel's geometry is in, with each parcel's feature in it; else each geometry as GeoJSON. */
  geometry: { store: FlatStore; storeFeature: Int32Array } | { plain: AreaGeometry[] };
  /** The table every parcel reads its attributes from; else each parcel's own attributes. */
  attrs: { table: AttrTable } | { own: ParcelAttrs[] };
  props: PropsTable | null;
}

/** Not a buffer of shared memory (those are shared by postMessage, not transferred). */
const own = (b: ArrayBufferLike): b is ArrayBuffer => !(typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer);

/**
 * A layer as plain data, with the buffers to transfer (the layer must not be used afterwards: its arrays go).
 *
 * @param layer - a loaded layer
 * @returns the wire and the ArrayBuffers to pass as postMessage's transfer list
 * @example
 * const { wire, transfer } = layerToWire(layer);
 * port.postMessage({ wire }, transfer);
 */
export function layerToWire(layer: Layer): { wire: LayerWire; transfer: ArrayBuffer[] } {
  const ps = layer.parcels;
  const n = ps.length;
  const ids = new Array<string>(n);
  const features = new Int32Array(n);
  const areaM2 = new Float64Array(n);
  const bboxes = new Float64Array(n * 4);
  let adjusted: Float64Array | null = null;
  const store = n > 0 ? flatOf(ps[0].geometry)?.store : undefined;
  let storeFeature: Int32Array | null = store ? new Int32Array(n) : null;
  const table = n > 0 && ps[0].attrsFrom instanceof AttrTable ? ps[0].attrsFrom : undefined;
  let sameTable = true;
  // (ids are mostly the table's id column, BSM: then not sent twice)
  let idsInTable = table !== undefined;
  for (let k = 0; k < n; k++) {
    const p = ps[k];
    ids[k] = p.id;
    features[k] = p.index;
    areaM2[k] = p.areaM2;
    bboxes.set(p.bbox, k * 4);
    if (p.adjustedFromM2 !== undefined) {
      if (adjusted === null) adjusted = new Float64Array(n).fill(NaN);
      adjusted[k] = p.adjustedFromM2;
    }
    if (storeFeature !== null) {
      const g = flatOf(p.geometry);
      if (g !== undefined && g.store === store) storeFeature[k] = g.feature;
      else storeFeature = null;
    }
    if (p.attrsFrom !== table) sameTable = false;
    if (idsInTable && table?.value(p.index, 'id') !== p.id) idsInTable = false;
  }
  const geometry: LayerWire['geometry'] = store && storeFeature ? { store, storeFeature } : { plain: ps.map((p) => plainGeometry(p.geometry)) };
  const attrs: LayerWire['attrs'] = table && sameTable ? { table } : { own: ps.map((p) => (p.attrsFrom instanceof AttrTable ? p.attrsFrom.row(p.index) : ({ ...(p.attrsFrom as ParcelAttrs) } as ParcelAttrs))) };
  const wire: LayerWire = {
    kind: layer.kind,
    name: layer.name,
    file: layer.file,
    bbox: [...layer.bbox] as BBox,
    grossAreaM2: layer.grossAreaM2,
    index: layer.index.data,
    ids: table && sameTable && idsInTable ? null : ids,
    features,
    areaM2,
    adjustedFromM2: adjusted,
    bboxes,
    geometry,
    attrs,
    props: layer.props ?? null,
  };
  return { wire, transfer: wireTransferables(wire) };
}

/**
 * The buffers of a wire to transfer with it (not those in shared memory, each once): also to pass a received wire on.
 *
 * @param w - a wire
 * @returns its ArrayBuffers
 * @example
 * engine.postMessage({ prepared }, wireTransferables(prepared.wire));
 */
export function wireTransferables(w: LayerWire): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (buf: ArrayBufferLike | undefined) => {
    if (buf !== undefined && own(buf) && !out.includes(buf)) out.push(buf);
  };
  for (const a of [w.features, w.areaM2, w.bboxes, w.adjustedFromM2]) add(a?.buffer);
  add(w.index);
  if ('store' in w.geometry) {
    const s = w.geometry.store;
    for (const a of [w.geometry.storeFeature, s.xs, s.ys, s.ringStart, s.partStart, s.featurePart, s.multi, s.bbox]) add(a.buffer);
  }
  return out;
}

/**
 * The layer a wire carries, after postMessage (the tables' prototypes restored, the geometry and index rebuilt on
 * the arrays that came). Throws when the wire is not one layerToWire made (a count or a length that does not fit).
 *
 * @param w - the wire, as received
 * @returns the layer
 * @example
 * ws.add(layerId, layerFromWire(msg.wire));
 */
export function layerFromWire(w: LayerWire): Layer {
  const n = w.features.length;
  const fits = (a: { length: number } | null, len: number) => a === null || a.length === len;
  const geo = w.geometry;
  if ((w.ids === null && !('table' in w.attrs)) || !fits(w.ids, n) || !fits(w.areaM2, n) || !fits(w.bboxes, n * 4) || !fits(w.adjustedFromM2, n) || ('plain' in geo ? !fits(geo.plain, n) : !fits(geo.storeFeature, n)) || ('own' in w.attrs && !fits(w.attrs.own, n)))
    throw new Error(`layer wire of ${w.file}: its columns do not have one entry per parcel (${n})`);
  const table: AttrTable | undefined = 'table' in w.attrs ? AttrTable.revive(w.attrs.table) : undefined;
  const parcels = new Array<Parcel>(n);
  const b = w.bboxes;
  for (let k = 0; k < n; k++) {
    const geometry = 'plain' in geo ? geo.plain[k] : flatGeometry(geo.store, geo.storeFeature[k]);
    const index = w.features[k];
    const p: Parcel = { index, id: w.ids === null ? ((table as AttrTable).value(index, 'id') as string) : w.ids[k], geometry, attrsFrom: (table as AttrRows | undefined) ?? (w.attrs as { own: ParcelAttrs[] }).own[k], areaM2: w.areaM2[k], bbox: [b[k * 4], b[k * 4 + 1], b[k * 4 + 2], b[k * 4 + 3]] };
    const adj = w.adjustedFromM2?.[k];
    if (adj !== undefined && !Number.isNaN(adj)) p.adjustedFromM2 = adj;
    parcels[k] = p;
  }
  const layer: Layer = { kind: w.kind, name: w.name, file: w.file, parcels, index: Flatbush.from(w.index), bbox: w.bbox, grossAreaM2: w.grossAreaM2 };
  if (w.props !== null) layer.props = PropsTable.revive(w.props);
  return layer;
}
