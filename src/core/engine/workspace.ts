/**
 * The engine's session: the loaded layers (in load order), region names and the targets table, and the use cases
 * over them. The worker (src/worker/handler.ts) keeps one Workspace and routes each request to one method; tests
 * and other callers can hold several side by side (nothing is module-level).
 */
import type { RewardRates } from '../analysis/indicators/rewardPenalty';
import { geometryArea } from '../area/area';
import type { AreaBasis } from '../area/netArea';
import { parseTargets, type TargetTable } from '../analysis/targets';
import type { Summary } from '../analysis/summary';
import { locationCodeOf, resolveFields } from '../layers/fields';
import { isAreaKind } from '../layers/kinds';
import type { Layer } from '../layers/layer';
import { parcelProps } from '../layers/propsTable';
import { buildMetadata, type InputFileMeta } from '../report/metadata';
import type { AreaGeometry, AreaMethod, BBox, Finding, LayerKind, Region } from '../types';
import { type InspectHit, inspectPoint } from './inspect';
import { type RegionEntry, regionTree } from './regionTree';
import { SUMMARY_NOTES, type SummaryFormat, summaryDocument, summaryFile, summaryWithConflicts } from './summaryExport';
import { parcelRegionCode } from '../layers/attrTable';

/** What the app knows of a loaded layer (the parcels stay in the engine). */
export interface LayerInfo {
  id: string;
  kind: LayerKind;
  name: string;
  file: string;
  /** Parcels loaded (features with blocking errors are left out). */
  count: number;
  /** Features in the file. */
  featureCount: number;
  /** Sum of ellipsoidal parcel areas, m² (overlaps not removed). */
  grossAreaM2: number;
  bbox: BBox;
  /** Property names that hold the region code / grade / slope, for map styling and filters (undefined if absent). */
  fields: { zldwdm?: string; gddj?: string; gdpdjb?: string };
}

/** Per-layer figures within the current region filter. */
export interface LayerStats {
  layerId: string;
  kind: LayerKind;
  count: number;
  areaM2: number;
  method: AreaMethod;
}

/**
 * The loaded layers and what goes with them.
 *
 * @example
 * const ws = new Workspace();
 * const r = importLayer('c.geojson', bytes, { kind: 'auto' });
 * if (r.layer) ws.add('c', r.layer);
 * ws.regions(); ws.summary('330102');
 */
export class Workspace {
  private readonly byId = new Map<string, Layer>();
  private readonly order: string[] = [];
  /** Layers the user left out of "my county" (setInTotals): on the map, out of every figure. */
  private readonly excluded = new Set<string>();
  private regionNames: Record<string, string> = {};
  private targets: TargetTable | undefined;

  /** Add (or replace) a layer under an id; a new id goes last in the order. */
  add(id: string, layer: Layer): void {
    this.byId.set(id, layer);
    if (!this.order.includes(id)) this.order.push(id);
  }

  /** Remove a layer; false when there was none under that id. */
  remove(id: string): boolean {
    const removed = this.byId.delete(id);
    const i = this.order.indexOf(id);
    if (i >= 0) this.order.splice(i, 1);
    this.excluded.delete(id);
    return removed;
  }

  /**
   * Whether a layer counts in "my county": one left out stays loaded (inspect, export of the layer, the map) but is
   * out of the totals, summaries, regions, exports and impact checks. Unknown ids are not recorded.
   *
   * @returns the ids left out
   */
  setInTotals(id: string, inTotals: boolean): string[] {
    if (inTotals) this.excluded.delete(id);
    else if (this.byId.has(id)) this.excluded.add(id);
    return [...this.excluded];
  }

  get(id: string): Layer | undefined {
    return this.byId.get(id);
  }

  /** The layers that count (not left out), in load order. */
  layers(): Layer[] {
    return this.entries().map(([, l]) => l);
  }

  /** [id, layer] of the layers that count, in load order. */
  entries(): [string, Layer][] {
    const out: [string, Layer][] = [];
    for (const id of this.order) {
      if (this.excluded.has(id)) continue;
      const l = this.byId.get(id);
      if (l) out.push([id, l]);
    }
    return out;
  }

  /** Region names by code (townships from the basemap), so region lists read as names; answers how many. */
  setRegionNames(names: Readonly<Record<string, string>>): number {
    this.regionNames = { ...names };
    return Object.keys(this.regionNames).length;
  }

  /** The region tree of the farmland layers (regionTree.ts). */
  regions(): RegionEntry[] {
    return regionTree(this.layers(), this.regionNames);
  }

  /**
   * Read and keep the allocated targets table (JSON or CSV, docs/targets-format.md).
   *
   * @returns the reader's findings and the number of regions in the table
   */
  setTargets(bytes: Uint8Array, file: string): { findings: Finding[]; regions: number } {
    const read = parseTargets(bytes, file);
    this.targets = read.table;
    return { findings: read.findings, regions: read.table.regions.length };
  }

  /**
   * Parcel count and area of every layer inside a region (red lines, which carry no region codes, count whole).
   *
   * @param region - the region filter, or undefined
   * @param method - 'ellipsoidal' (the parcels' computed CGCS2000 areas) or 'spherical' (for comparison)
   */
  stats(region: Region | undefined, method: AreaMethod): LayerStats[] {
    return this.entries().map(([layerId, layer]) => {
      const filter = isAreaKind(layer.kind) ? region : undefined;
      let count = 0;
      let area = 0;
      for (let i = 0; i < layer.parcels.length; i++) {
        if (filter && parcelRegionCode(layer.parcels[i], filter.level) !== filter.code) continue;
        count++;
        area += method === 'ellipsoidal' ? layer.parcels[i].areaM2 : geometryArea(layer.parcels[i].geometry, 'spherical');
      }
      return { layerId, kind: layer.kind, count, areaM2: area, method };
    });
  }

  /** The parcels under a point in the given layers, top first (inspect.ts). */
  inspect(lon: number, lat: number, layerIds: readonly string[], first = false): InspectHit[] {
    const layers = layerIds.flatMap((id): [string, Layer][] => {
      const l = this.byId.get(id);
      return l ? [[id, l]] : [];
    });
    return inspectPoint(layers, lon, lat, first);
  }

  /** The summary of a region (code prefix), with conflicts when they can be computed (summaryExport.ts). */
  summary(region: string | undefined, opts: { basis?: AreaBasis; boundary?: AreaGeometry } = {}): { summary: Summary; conflictsError?: string } {
    return summaryWithConflicts(this.layers(), { region, targets: this.targets, ...opts });
  }

  /** The input files, for export metadata. */
  inputs(): InputFileMeta[] {
    return [
      ...this.layers().map((l) => ({ file: l.file, role: l.kind, features: l.parcels.length })),
      ...(this.targets ? [{ file: this.targets.file, role: 'targets' }] : []),
    ];
  }

  /**
   * The summary as a file, written exactly as `farmland summary` writes it.
   *
   * @param format - csv | xlsx | json | geojson
   * @param region - region code prefix, or undefined
   * @param now - the export time written into the metadata
   * @param opts.rates - the 经济奖惩 rates of the indicators (illustrative defaults without)
   */
  async exportSummary(
    format: SummaryFormat,
    region: string | undefined,
    now: Date,
    opts: { rates?: RewardRates; basis?: AreaBasis; boundary?: AreaGeometry } = {},
  ): Promise<{ bytes: Uint8Array; file: string; mime: string }> {
    const all = this.layers();
    const { summary } = summaryWithConflicts(all, { region, targets: this.targets, basis: opts.basis, boundary: opts.boundary });
    const meta = buildMetadata({ inputs: this.inputs(), now, region, notes: [...SUMMARY_NOTES], basis: summary.basis });
    const doc = await summaryDocument(format, summary, all, meta, region, opts);
    return { bytes: typeof doc === 'string' ? new TextEncoder().encode(doc) : doc, ...summaryFile(format, region) };
  }

  /** A layer's parcels as GeoJSON text with their original properties (undefined id: an empty collection). */
  exportLayer(id: string): { text: string; file: string } {
    const layer = this.byId.get(id);
    const features = layer === undefined ? [] : layer.parcels.map((p) => ({ type: 'Feature', properties: parcelProps(layer, p), geometry: p.geometry }));
    const base = (layer?.file ?? id).replace(/\.[^.]+$/, '');
    return { text: `${JSON.stringify({ type: 'FeatureCollection', name: layer?.name ?? id, features })}\n`, file: `${base}.geojson` };
  }
}

/**
 * What the app is told about a loaded layer: counts, area, extent and the fields that drive styling.
 *
 * @param id - the layer's id in the workspace
 * @param layer - the loaded layer
 * @param featureCount - features in the file (parcels may be fewer)
 * @example
 * layerInfo('c', layer, 120).fields.gddj; // 'GDDJ'
 */
export function layerInfo(id: string, layer: Layer, featureCount: number): LayerInfo {
  const first = layer.parcels[0];
  const f = resolveFields(first === undefined ? {} : parcelProps(layer, first));
  return {
    id,
    kind: layer.kind,
    name: layer.name,
    file: layer.file,
    count: layer.parcels.length,
    featureCount,
    grossAreaM2: layer.grossAreaM2,
    bbox: layer.bbox,
    fields: { zldwdm: locationCodeOf(f), gddj: f.gddj, gdpdjb: f.gdpdjb },
  };
}
