/**
 * The drawing tools' use cases (live impact, the full report, 占补平衡 balance, analysis config, site files), over
 * a workspace's layers. A DrawingSession keeps what the tools reuse between requests: the analysis config and the
 * last prepared site (union + edge index), so the report and the balance right after the live updates of the same
 * polygon do not prepare it again.
 */
import { type BalanceReport, computeBalance, type SupplementInput } from '../analysis/balance';
import { type AnalysisConfig, defaultConfig, parseConfig } from '../analysis/config';
import { computeImpact, type ImpactReport, prepareSite } from '../analysis/impact';
import { plainGeometry } from '../io/flatGeometry';
import { type GdalLoader, readImportAsync } from '../io/readImportAsync';
import { readAttrs } from '../layers/fields';
import { isAreaKind } from '../layers/kinds';
import type { Layer } from '../layers/layer';
import type { PreparedRegion } from '../overlay/siteOverlay';
import type { AreaGeometry, Finding, LayerKind } from '../types';
import { sitePolygons } from './sitePolygons';
import { attrsOf } from '../layers/attrTable';

/** A polygon with its properties (site or supplement piece), as drawn or imported. */
export interface DrawnFeature {
  id: string;
  geometry: AreaGeometry;
  properties?: Record<string, unknown>;
}

/** Per-layer occupied area while drawing. */
export interface LiveLayer {
  kind: LayerKind;
  name: string;
  areaM2: number;
  areaMu: number;
  parcels: number;
}

export interface LiveImpact {
  siteAreaM2: number;
  siteAreaMu: number;
  layers: LiveLayer[];
  /** Compute time (ms), for the latency readout. */
  computeMs: number;
  /** Where it was computed when not in the worker: the province server (server mode). */
  by?: 'server';
}

/** A touched parcel, for the list and the map highlight. */
export interface TouchedParcel {
  layerKind: LayerKind;
  layerName: string;
  /** The parcel's index in its layer (from a province server: its position in its county's layer file). */
  pid: number;
  id: string;
  areaM2: number;
  whole: boolean;
  gddj?: number;
  dlbm?: string;
}

export interface FullImpact {
  report: ImpactReport;
  /** Touched parcels of the area layers (耕地, 永久基本农田, …), largest first, at most `limit`. */
  touched: TouchedParcel[];
  touchedTotal: number;
  /** Geometries of the touched 耕地 / 永久基本农田 parcels (for the highlight), at most `limit`. */
  highlight: { kind: LayerKind; geometry: AreaGeometry }[];
  computeMs: number;
}

/** The touched parcels and outlines a drawing shows at most by default. */
export const TOUCHED_LIMIT = 2000;

/** The live figures of a report: site area, and per layer its occupied area and parcels. */
export function liveOf(report: ImpactReport): Omit<LiveImpact, 'computeMs'> {
  return {
    siteAreaM2: report.siteAreaM2,
    siteAreaMu: report.siteAreaMu,
    layers: report.layers.map((l) => ({ kind: l.kind, name: l.name, areaM2: l.areaM2, areaMu: l.areaMu, parcels: l.parcels })),
  };
}

/** The layer kinds 占补平衡 reads besides the supplements (computeBalance): where supplementing is barred, and the 耕地 beneath. */
export const BALANCE_KINDS: readonly LayerKind[] = ['cultivated', 'eco-redline', 'no-supplement'];

/** Supplement pieces as the balance takes them: polygons only, attributes read from their properties. */
export function supplementInputs(supplements: readonly DrawnFeature[]): SupplementInput[] {
  return (supplements ?? [])
    .filter((s) => s?.geometry && (s.geometry.type === 'Polygon' || s.geometry.type === 'MultiPolygon'))
    .map((s) => ({ id: s.id, geometry: s.geometry, attrs: readAttrs(s.properties ?? {}) }));
}

/** A piece of a report: layer `layer` of report.layers, its k-th touched parcel. */
export interface PieceRef {
  layer: number;
  k: number;
}

/**
 * Which pieces a drawing lists and outlines: the pieces of the area layers (耕地, 永久基本农田, …) largest first (ties
 * in report order), the first `limit`, and how many there are; the outlines are the 耕地 / 永久基本农田 pieces in
 * report order, the first `limit`. The worker resolves them on its layers, the province server from its store.
 */
export function touchedPieces(report: ImpactReport, limit = TOUCHED_LIMIT): { touched: PieceRef[]; total: number; highlight: PieceRef[] } {
  const all: PieceRef[] = [];
  const highlight: PieceRef[] = [];
  report.layers.forEach((L, layer) => {
    if (!isAreaKind(L.kind)) return;
    for (let k = 0; k < L.parcels; k++) {
      all.push({ layer, k });
      if ((L.kind === 'cultivated' || L.kind === 'permanent-basic') && highlight.length < limit) highlight.push({ layer, k });
    }
  });
  const area = (r: PieceRef) => report.layers[r.layer].pieceAreaM2[r.k];
  all.sort((a, b) => area(b) - area(a));
  return { touched: all.slice(0, limit), total: all.length, highlight };
}

/** A touched piece as the list shows it, with its parcel's id and attributes. */
export function touchedParcel(report: ImpactReport, r: PieceRef, id: string, attrs: { gddj?: number; dlbm?: string }): TouchedParcel {
  const L = report.layers[r.layer];
  return { layerKind: L.kind, layerName: L.name, pid: L.pieceIndex[r.k], id, areaM2: L.pieceAreaM2[r.k], whole: L.pieceWhole[r.k] === 1, gddj: attrs.gddj, dlbm: attrs.dlbm };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Only Polygon / MultiPolygon with array coordinates reach the engine. */
function polygonsOnly(site: readonly AreaGeometry[]): AreaGeometry[] {
  return (site ?? []).filter((g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates));
}

/**
 * Read polygons from a GeoJSON or zipped Shapefile (a site or supplements), for drawing tools.
 *
 * @param file - file name, used in findings
 * @param bytes - the file's bytes
 * @returns the polygon features (geometry as plain arrays) and the reader's findings; an error when there are none
 * @example
 * const { features } = await readDrawnPolygons('site.geojson', bytes);
 */
export async function readDrawnPolygons(file: string, bytes: Uint8Array, loadGdal?: GdalLoader): Promise<{ features: DrawnFeature[]; findings: Finding[] }> {
  // every import format, GeoPackage and zipped File Geodatabase included (GDAL loaded only for those, via `loadGdal`)
  const read = await readImportAsync(file, bytes, {}, [], loadGdal);
  const findings: Finding[] = [...read.findings];
  const features: DrawnFeature[] = [];
  for (const layer of read.layers) {
    findings.push(...layer.findings);
    for (const p of sitePolygons(layer.features))
      features.push({ id: p.id, geometry: plainGeometry(p.geometry), properties: (p.properties as Record<string, unknown> | undefined) ?? {} });
  }
  if (features.length === 0) findings.push({ severity: 'error', code: 'site.empty', message: `${file}: 没有面要素 / no Polygon or MultiPolygon features`, file });
  return { features, findings };
}

/**
 * What the drawing tools keep between requests over one set of layers.
 *
 * @example
 * const s = new DrawingSession(() => workspace.layers());
 * s.live([polygon]).layers[0].areaMu;
 */
export class DrawingSession {
  private config: AnalysisConfig = defaultConfig();
  private lastKey = '';
  private lastPrepared: PreparedRegion | undefined;

  /** @param layers - the layers to measure against, asked on every request (they change as files load) */
  constructor(private readonly layers: () => Layer[]) {}

  private prepared(site: readonly AreaGeometry[]): PreparedRegion {
    const polys = polygonsOnly(site);
    const key = JSON.stringify(polys);
    if (key !== this.lastKey || !this.lastPrepared) {
      this.lastPrepared = prepareSite(polys);
      this.lastKey = key;
    }
    return this.lastPrepared;
  }

  /** The analysis parameters in use. */
  get analysisConfig(): AnalysisConfig {
    return this.config;
  }

  /**
   * Occupied area per layer for the polygon being drawn.
   *
   * @param site - the drawn polygons (overlaps count once)
   * @returns site area and per-layer occupied area and parcel count
   */
  live(site: readonly AreaGeometry[]): LiveImpact {
    const t0 = now();
    const report = computeImpact(this.prepared(site), this.layers(), this.config);
    return { ...liveOf(report), computeMs: now() - t0 };
  }

  /**
   * The full impact report of a finished site, with the touched parcels (largest first) and their outlines.
   *
   * @param site - the site polygons
   * @param opts.limit - at most this many touched parcels and outlines (default TOUCHED_LIMIT, 2000)
   * @param opts.regionCode - region for the fee rate (default: the county holding most occupied 耕地)
   */
  impact(site: readonly AreaGeometry[], opts: { limit?: number; regionCode?: string } = {}): FullImpact {
    const t0 = now();
    const layers = this.layers();
    const report = computeImpact(this.prepared(site), layers, this.config, opts.regionCode ? { regionCode: opts.regionCode } : {});
    const picked = touchedPieces(report, opts.limit);
    const parcel = (r: PieceRef) => layers[r.layer].parcels[report.layers[r.layer].pieceIndex[r.k]];
    return {
      report,
      touched: picked.touched.map((r) => touchedParcel(report, r, parcel(r).id, attrsOf(parcel(r)))),
      touchedTotal: picked.total,
      highlight: picked.highlight.map((r) => ({ kind: report.layers[r.layer].kind, geometry: plainGeometry(parcel(r).geometry) })),
      computeMs: now() - t0,
    };
  }

  /**
   * 占补平衡 of supplementary parcels against the site's compensation duty.
   *
   * @param site - the site polygons
   * @param supplements - drawn or imported supplement pieces (non-polygons are skipped)
   * @param regionCode - region for the fee rate
   */
  balance(site: readonly AreaGeometry[], supplements: readonly DrawnFeature[], regionCode?: string): { balance: BalanceReport; impact: ImpactReport } {
    const layers = this.layers();
    const impact = computeImpact(this.prepared(site), layers, this.config, regionCode ? { regionCode } : {});
    return { balance: computeBalance(impact, supplementInputs(supplements), layers, this.config), impact };
  }

  /**
   * Replace the analysis parameters from a config file's bytes (JSON, docs/domain.md §6).
   *
   * @returns the findings and the sources the config cites; on unreadable JSON the config is kept
   */
  setConfig(bytes: Uint8Array, file: string): { findings: Finding[]; sources: string[] } {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { findings: [{ severity: 'error', code: 'config.json', message: `${file}: 不是有效的 JSON（${why}） / not valid JSON`, file }], sources: this.config.sources };
    }
    const parsed = parseConfig(json, file);
    this.config = parsed.config;
    this.lastKey = '';
    return { findings: parsed.findings, sources: this.config.sources };
  }
}
