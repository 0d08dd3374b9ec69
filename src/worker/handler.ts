/**
 * The engine side of the worker protocol: a thin shell over src/core holding the loaded layers. Pure (no
 * `self`, no DOM): worker.ts wires it to postMessage, and tests call it in-process.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { geometryArea } from '../core/area/area';
import { plainGeometry } from '../core/io/flatGeometry';
import { regionCodeOf, resolveFields } from '../core/layers/fields';
import { isAreaKind, layerKindInfo } from '../core/layers/kinds';
import type { Layer } from '../core/layers/layer';
import { loadLayerFromFeatures } from '../core/engine/loadLayer';
import { type GdalLoader, readImportAsync } from '../core/io/readImportAsync';
import { guessKind } from '../core/io/guessKind';
import { searchIndex } from '../core/index/spatialIndex';
import { breakdownTable, conflictsTable, targetsTable, totalsTable } from '../core/report/summaryTables';
import { layerForRegion, summarizeRegion } from '../core/analysis/regionClip';
import type { AreaBasis } from '../core/area/netArea';
import { parseTargets, type TargetTable } from '../core/analysis/targets';
import { csvBytes, csvTable } from '../core/report/csv';
import { writeGeoJson } from '../core/report/geojsonWriter';
import { jsonDocument, summaryJson } from '../core/report/json';
import { buildMetadata, type InputFileMeta, metadataRows } from '../core/report/metadata';
import { writeXlsx } from '../core/report/xlsx';
import { layerOverlaps } from '../core/overlay/overlaps';
import type { AreaGeometry, BBox, Finding, Region } from '../core/types';
import type { InspectHit, LayerInfo, LayerStats, Progress, RegionEntry, Req, RequestType, Res, Summary } from './protocol';
import { createImpactHandlers } from './impactHandler';
import { detectedOf, tableInfo } from './importInfo';
import { packedTransferables, packParcels } from './tiles/packed';

export interface HandlerContext {
  progress: (p: Progress) => void;
  /** Buffers to transfer with the answer. */
  transfer: (buf: ArrayBuffer) => void;
}

type Handlers = { [T in RequestType]: (req: Req<T>, ctx: HandlerContext) => Promise<Res<T>> | Res<T> };

const LEVELS: Region['level'][] = ['county', 'township', 'village'];

/** Numeric columns carried into the map's tiles (styling only: areas never come from tiles). */
const MAP_COLUMNS = {
  gddj: (p: Layer['parcels'][number]) => p.attrs.gddj,
  gdpdjb: (p: Layer['parcels'][number]) => p.attrs.gdpdjb,
};

function inRegion(layer: Layer, i: number, region: Region | undefined): boolean {
  if (!region) return true;
  return regionCodeOf(layer.parcels[i].attrs, region.level) === region.code;
}

/** `loadGdal`: GDAL for GeoPackage / File Geodatabase (worker.ts passes gdalBrowser.ts; tests the Node one). */
export function createHandler(fetchBytes: (url: string) => Promise<ArrayBuffer> = defaultFetch, loadGdal?: GdalLoader) {
  const layers = new Map<string, Layer>();
  const order: string[] = [];
  let regionNames: Record<string, string> = {};
  let targets: TargetTable | undefined;

  const readSource = async (source: { url: string } | { bytes: ArrayBuffer }): Promise<Uint8Array> =>
    'url' in source ? new Uint8Array(await fetchBytes(source.url)) : new Uint8Array(source.bytes);
  /** Layers the user left out of "my county" (setInTotals): on the map, out of every figure. */
  const excluded = new Set<string>();
  const loadedLayers = () => order.filter((id) => !excluded.has(id)).map((id) => layers.get(id)).filter((l): l is Layer => l !== undefined);
  const inputsMeta = (): InputFileMeta[] => [
    ...loadedLayers().map((l) => ({ file: l.file, role: l.kind, features: l.parcels.length })),
    ...(targets ? [{ file: targets.file, role: 'targets' }] : []),
  ];
  const NOTES = [
    '面积为 CGCS2000 椭球面积；图层内重叠部分只计一次（按文件顺序归先出现的图斑） / ellipsoidal area, overlaps inside a layer counted once',
    '分类合计与图层合计精确相等（面积取 2⁻¹⁰ 平方米网格） / breakdowns add up exactly (areas on a 2⁻¹⁰ m² grid)',
  ];
  const encoder = new TextEncoder();

  const info = (layerId: string, layer: Layer, featureCount: number): LayerInfo => {
    const first = layer.parcels[0]?.props ?? {};
    const f = resolveFields(first);
    return {
      id: layerId,
      kind: layer.kind,
      name: layer.name,
      file: layer.file,
      count: layer.parcels.length,
      featureCount,
      grossAreaM2: layer.grossAreaM2,
      bbox: layer.bbox,
      fields: { zldwdm: f.zldwdm ?? f.xzqdm, gddj: f.gddj, gdpdjb: f.gdpdjb },
    };
  };

  /** The summary with 三区三线 conflicts; if the overlay fails on some input, the summary without them and why. */
  const summaryWithConflicts = (
    all: Layer[],
    region: string | undefined,
    basis?: AreaBasis,
    boundary?: AreaGeometry,
  ): { summary: Summary; conflictsError?: string } => {
    // layers without region codes are clipped to the selected unit's boundary (analysis/regionClip.ts)
    try {
      return { summary: summarizeRegion(all, { region, boundary, targets, conflicts: true, basis }) };
    } catch (err) {
      return { summary: summarizeRegion(all, { region, boundary, targets, basis }), conflictsError: err instanceof Error ? err.message : String(err) };
    }
  };

  const handlers: Handlers = {
    ...createImpactHandlers(loadedLayers, fetchBytes),
    async load(req, ctx) {
      let bytes: Uint8Array;
      if ('url' in req.source) {
        ctx.progress({ phase: 'fetch' });
        try {
          bytes = new Uint8Array(await fetchBytes(req.source.url));
        } catch (err) {
          const why = err instanceof Error ? err.message : String(err);
          const f: Finding = { severity: 'error', code: 'io.fetch', message: `${req.file}: 无法读取（${why}） / cannot read (${why})`, file: req.file };
          return { findings: [f], blocked: true };
        }
      } else bytes = new Uint8Array(req.source.bytes);
      ctx.progress({ phase: 'parse', done: 0, total: 1 });
      // the import readers: GeoJSON, zipped Shapefile (.prj → lon/lat, .cpg/GBK), legacy crs, GeoPackage and
      // File Geodatabase (GDAL, loaded on first use) — never throw
      const read = await readImportAsync(
        req.file,
        bytes,
        {
          onProgress: (f) => ctx.progress({ phase: 'parse', done: f, total: 1 }),
          ...(req.epsg !== undefined ? { epsg: req.epsg } : {}),
          ...(req.encoding !== undefined ? { encoding: req.encoding } : {}),
        },
        [],
        loadGdal,
      );
      const usable = read.layers.filter((l) => l.features.length > 0);
      const named = req.layerName !== undefined ? read.layers.find((l) => l.name === req.layerName) : undefined;
      const chosen = named ?? usable[0] ?? read.layers[0];
      const tables = read.layers.length > 1 || chosen?.format === 'gpkg' || chosen?.format === 'filegdb' ? read.layers.map(tableInfo) : undefined;
      const detected = chosen ? detectedOf(chosen) : undefined;
      const readFindings: Finding[] = [...read.findings, ...(chosen?.findings ?? [])];
      const extra = { ...(tables ? { tables } : {}), ...(detected ? { detected } : {}) };
      if (req.layerName !== undefined && !named) {
        const f: Finding = {
          severity: 'error',
          code: 'import.no-layer',
          message: `${req.file}: 没有名为「${req.layerName}」的图层 / no layer named "${req.layerName}" (${read.layers.map((l) => l.name).join(', ')})`,
          file: req.file,
        };
        return { findings: [...read.findings, f], blocked: true, ...extra };
      }
      if (usable.length > 1 && !named)
        readFindings.push({
          severity: 'warning',
          code: 'import.several-layers',
          message: `${req.file}: 含 ${usable.length} 个图层，已导入「${chosen.name}」 / holds ${usable.length} layers; imported "${chosen.name}"`,
          file: req.file,
        });
      const input = chosen?.features ?? [];
      const fields = (chosen?.fields ?? []).map((f) => f.name);
      const kind = req.kind === 'auto' ? (chosen?.guessedKind ?? guessKind(fields)) : req.kind;
      if (kind === undefined) {
        const f: Finding = {
          severity: 'error',
          code: 'import.kind',
          message: `${req.file}: 无法从字段判断图层类型，请选择 / cannot tell the layer kind from the fields (${fields.join(', ') || 'none'}): choose one`,
          file: req.file,
        };
        return { findings: [...readFindings, f], blocked: true, needsKind: true, fields, ...extra };
      }
      ctx.progress({ phase: 'validate', total: input.length });
      const core = loadLayerFromFeatures(kind, req.file, input, { name: req.name ?? `${layerKindInfo(kind).zh} · ${req.file}${tables && chosen ? `#${chosen.name}` : ''}`, mapping: req.mapping });
      const loaded = { layer: core.layer, findings: [...readFindings, ...core.findings] };
      const hasError = loaded.findings.some((f) => f.severity === 'error');
      const blocked = (req.blockOnError && hasError) || loaded.layer.parcels.length === 0;
      if (blocked) return { findings: loaded.findings, blocked: true, kind, fields, ...extra };
      layers.set(req.layerId, loaded.layer);
      if (!order.includes(req.layerId)) order.push(req.layerId);
      ctx.progress({ phase: 'serialize' });
      // typed arrays, transferred: the main thread never walks or clones the parcels (docs/large-layers.md)
      const packed = packParcels(loaded.layer.parcels, { area: (p) => p.areaM2, columns: MAP_COLUMNS });
      for (const buf of packedTransferables(packed)) ctx.transfer(buf);
      return { layer: info(req.layerId, loaded.layer, chosen?.featureCount ?? 0), findings: loaded.findings, blocked: false, packed, kind, fields, ...extra };
    },

    remove(req) {
      const removed = layers.delete(req.layerId);
      const i = order.indexOf(req.layerId);
      if (i >= 0) order.splice(i, 1);
      excluded.delete(req.layerId);
      return { removed };
    },

    setRegionNames(req) {
      regionNames = { ...req.names };
      return { count: Object.keys(regionNames).length };
    },

    setInTotals(req) {
      if (req.inTotals) excluded.delete(req.layerId);
      else if (layers.has(req.layerId)) excluded.add(req.layerId);
      return { excluded: [...excluded] };
    },

    regions() {
      const seen = new Map<string, RegionEntry>();
      for (const id of order) {
        if (excluded.has(id)) continue;
        const layer = layers.get(id);
        if (!layer || !isAreaKind(layer.kind)) continue;
        for (const p of layer.parcels) {
          let parent: string | undefined;
          for (const level of LEVELS) {
            const code = regionCodeOf(p.attrs, level);
            if (code === undefined) break;
            const key = `${level}:${code}`;
            const e = seen.get(key);
            if (!e) {
              const name = regionNames[code] ?? (level === 'village' ? p.attrs.zldwmc : undefined) ?? code;
              seen.set(key, { level, code, name, parent, bbox: [...p.bbox] as BBox });
            } else {
              const b = e.bbox;
              if (p.bbox[0] < b[0]) b[0] = p.bbox[0];
              if (p.bbox[1] < b[1]) b[1] = p.bbox[1];
              if (p.bbox[2] > b[2]) b[2] = p.bbox[2];
              if (p.bbox[3] > b[3]) b[3] = p.bbox[3];
            }
            parent = code;
          }
        }
      }
      const rank = (l: Region['level']) => LEVELS.indexOf(l);
      const regions = [...seen.values()].sort((a, b) => a.code.localeCompare(b.code) || rank(a.level) - rank(b.level));
      return { regions };
    },

    stats(req) {
      const stats: LayerStats[] = [];
      for (const id of order) {
        if (excluded.has(id)) continue;
        const layer = layers.get(id);
        if (!layer) continue;
        // red lines carry no region codes: they are counted whole
        const filter = isAreaKind(layer.kind) ? req.region : undefined;
        let count = 0;
        let area = 0;
        for (let i = 0; i < layer.parcels.length; i++) {
          if (!inRegion(layer, i, filter)) continue;
          count++;
          area += req.method === 'ellipsoidal' ? layer.parcels[i].areaM2 : geometryArea(layer.parcels[i].geometry, 'spherical');
        }
        stats.push({ layerId: id, kind: layer.kind, count, areaM2: area, method: req.method });
      }
      return { stats };
    },

    inspect(req) {
      const hits: InspectHit[] = [];
      const pt = [req.lon, req.lat];
      for (const id of req.layerIds) {
        if (req.first && hits.length) break;
        const layer = layers.get(id);
        if (!layer) continue;
        const candidates = searchIndex(layer.index, layer.parcels.length, [req.lon, req.lat, req.lon, req.lat]);
        for (const pid of candidates.sort((a, b) => a - b)) {
          const p = layer.parcels[pid];
          if (req.first && hits.length) break;
          if (!booleanPointInPolygon(pt, p.geometry)) continue;
          const declaredField = p.attrs.tbmj !== undefined ? 'TBMJ' : p.attrs.yjjbnttbmj !== undefined ? 'YJJBNTTBMJ' : undefined;
          hits.push({
            layerId: id,
            kind: layer.kind,
            layerName: layer.name,
            pid,
            id: p.id,
            props: p.props,
            areaEllipsoidalM2: p.areaM2,
            areaSphericalM2: geometryArea(p.geometry, 'spherical'),
            declaredM2: p.attrs.tbmj ?? p.attrs.yjjbnttbmj,
            declaredField,
            dlbm: p.attrs.dlbm,
            gddj: p.attrs.gddj,
            gdpdjb: p.attrs.gdpdjb,
            zldwdm: p.attrs.zldwdm ?? p.attrs.xzqdm,
            zldwmc: p.attrs.zldwmc,
            bbox: p.bbox,
            geometry: plainGeometry(p.geometry),
          });
        }
      }
      return { hits };
    },

    async setTargets(req) {
      let bytes: Uint8Array;
      try {
        bytes = await readSource(req.source);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return { findings: [{ severity: 'error', code: 'io.fetch', message: `${req.file}: 无法读取（${why}） / cannot read (${why})`, file: req.file }], regions: 0 };
      }
      const read = parseTargets(bytes, req.file);
      targets = read.table;
      return { findings: read.findings, regions: read.table.regions.length };
    },

    summary(req, ctx) {
      ctx.progress({ phase: 'compute' });
      return summaryWithConflicts(loadedLayers(), req.region || undefined, req.basis, req.boundary);
    },

    async exportSummary(req, ctx) {
      ctx.progress({ phase: 'compute' });
      const region = req.region || undefined;
      const all = loadedLayers();
      const { summary } = summaryWithConflicts(all, region, req.basis, req.boundary);
      const meta = buildMetadata({ inputs: inputsMeta(), now: new Date(req.now), region, notes: NOTES, basis: summary.basis });
      const base = `farmland-summary${region ? `-${region}` : ''}`;
      let out: Uint8Array;
      let file: string;
      let mime: string;
      if (req.format === 'csv') {
        out = csvBytes(csvTable(breakdownTable(summary), metadataRows(meta)));
        file = `${base}.csv`;
        mime = 'text/csv;charset=utf-8';
      } else if (req.format === 'xlsx') {
        out = await writeXlsx([totalsTable(summary), breakdownTable(summary), targetsTable(summary), conflictsTable(summary)], meta);
        file = `${base}.xlsx`;
        mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      } else if (req.format === 'json') {
        out = encoder.encode(jsonDocument(summaryJson(summary), meta));
        file = `${base}.json`;
        mime = 'application/json';
      } else {
        // the same region rule as the summary: by code, or clipped to the boundary (pieces exported)
        const text = writeGeoJson(
          all.map((l) => {
            const layer = layerForRegion(l, region, req.boundary).layer;
            return { layer, effectiveAreaM2: layerOverlaps(layer).effectiveAreaM2, positions: layer.parcels.map((_, i) => i) };
          }),
          meta,
        );
        out = encoder.encode(text);
        file = `${base}.geojson`;
        mime = 'application/geo+json';
      }
      const bytes = out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
      ctx.transfer(bytes);
      return { bytes, file, mime };
    },

    exportLayer(req, ctx) {
      const layer = layers.get(req.layerId);
      const features = (layer?.parcels ?? []).map((p) => ({ type: 'Feature', properties: p.props, geometry: p.geometry }));
      const bytes = encoder.encode(`${JSON.stringify({ type: 'FeatureCollection', name: layer?.name ?? req.layerId, features })}\n`).buffer as ArrayBuffer;
      ctx.transfer(bytes);
      const base = (layer?.file ?? req.layerId).replace(/\.[^.]+$/, '');
      return { bytes, file: `${base}.geojson` };
    },
  };

  return {
    handle<T extends RequestType>(type: T, payload: Req<T>, ctx: HandlerContext): Promise<Res<T>> {
      const fn = handlers[type] as (req: Req<T>, ctx: HandlerContext) => Promise<Res<T>> | Res<T>;
      if (!fn) return Promise.reject(new Error(`unknown request ${String(type)}`));
      return Promise.resolve(fn(payload, ctx));
    },
    /** For tests and the summary module: the engine's layers, in load order. */
    layers: loadedLayers,
  };
}

export type Handler = ReturnType<typeof createHandler>;

async function defaultFetch(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.arrayBuffer();
}
