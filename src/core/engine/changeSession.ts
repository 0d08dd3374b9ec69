/**
 * Use case of the 变化 tab (issue #17): read both vintages (or a change layer) with the core importer, overlay them
 * with core/change (progress per 2,000 parcels), answer the report's JSON (changeJson, what `farmland change --json`
 * prints) and the changed pieces' polygons; keep the last overlay for a click on a piece (both parcels' attributes).
 * The worker's handlers are one line each (src/worker/handler.ts); fetching URLs stays in the worker.
 */
import { piecesFromChangeLayer } from '../change/changeLayer';
import { changeJson } from '../change/changeJson';
import { level1Of } from '../change/classes';
import { highStandardLossJson, highStandardLossOf } from '../change/highStandardFlag';
import { overlayVintages } from '../change/overlay';
import { overlayPieceGeometry } from '../change/pieceGeometry';
import { type ChangePieces, sideProps } from '../change/pieces';
import { changeReport, type FlowCategory } from '../change/report';
import { loadVintage } from '../change/vintage';
import { surveyYear } from '../change/surveyYear';
import { buildMetadata, type InputFileMeta } from '../report/metadata';
import { type ChangeFormat, changeDocument, changeFile } from './changeExport';
import { plainGeometry } from '../io/flatGeometry';
import { loadLayerFromFeatures } from './loadLayer';
import { readImport } from '../io/readAny';
import type { Layer } from '../layers/layer';
import { toMultiCoords } from '../overlay/clip';
import type { AreaGeometry, Finding, MultiPolygonCoords } from '../types';
import { attrOf } from '../layers/attrTable';

/** A changed piece: the map draws it by category; clicking it shows both parcels' attributes side by side. */
export interface ChangePieceView {
  piece: number;
  category: FlowCategory;
  from: string;
  to: string;
  /** Polygon area of the piece, m². */
  areaM2: number;
  beforeId: string;
  afterId: string;
  coords: MultiPolygonCoords | null;
}

/** A vintage's parcels for the before/after toggle: outer geometry and 地类 (only up to `maxParcels`). */
export interface VintageView {
  file: string;
  count: number;
  /** FeatureCollection with properties {dlbm, l1}; null when the vintage is larger than the limit. */
  features: { type: 'FeatureCollection'; features: unknown[] } | null;
}

/** A file's bytes, already fetched. */
export type ChangeFile = { file: string; bytes: Uint8Array };
export type ChangeInput = ({ before: ChangeFile; after: ChangeFile } | { changes: ChangeFile }) & {
  /** 高标准农田 layers of both vintages: any loss is flagged (high_standard_loss in the JSON, as the CLI's --hs-before/--hs-after). */
  highStandard?: { before: ChangeFile; after: ChangeFile };
  region?: string;
  level?: 'county' | 'township' | 'village';
  maxPieces?: number;
  maxParcels?: number;
};
export interface ChangeOverlayResult {
  /** changeJson(report): exactly what `farmland change --json` prints (without metadata). */
  json: Record<string, unknown>;
  pieces: ChangePieceView[];
  /** Changed pieces in all; the map gets at most maxPieces (default 2,000), 耕地 losses first, then gains, largest first. */
  changedTotal: number;
  before: VintageView;
  after: VintageView;
  findings: Finding[];
  computeMs: number;
}
export type ChangeProgress = (p: { phase: 'parse' | 'validate' | 'compute'; done?: number; total?: number }) => void;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Which changed pieces the map gets first when there are more than it can draw. */
const CATEGORY_ORDER: Record<string, number> = { 'lost-construction': 0, 'lost-agricultural': 1, restored: 2, gained: 3, abandoned: 4, 'lost-other': 5, 'cultivated-internal': 6, other: 7 };

export type ReportOptions = Pick<ChangeInput, 'region' | 'level' | 'maxPieces' | 'maxParcels'>;
type SessionState = {
  highStandard?: { before: Layer; after: Layer };
  pieces: ChangePieces;
  before?: Layer;
  after?: Layer;
  changeFeatures: readonly unknown[];
  findings: Finding[];
  /** The input files as an export's metadata lists them (the CLI's roles). */
  inputs: InputFileMeta[];
};

export class ChangeSession {
  /** The last overlay's pieces, for piece(). */
  private last: ChangePieces | undefined;
  private state: SessionState | undefined;

  /** Both parcels' own properties of a piece of the last overlay. */
  piece(k: number): { beforeProps: Record<string, unknown> | null; afterProps: Record<string, unknown> | null } {
    const p = this.last;
    if (!p || !(k >= 0 && k < p.count)) return { beforeProps: null, afterProps: null };
    const bi = p.b[k];
    const aj = p.a[k];
    return { beforeProps: bi >= 0 ? sideProps(p, 'before', bi) : null, afterProps: aj >= 0 ? sideProps(p, 'after', aj) : null };
  }

  overlay(req: ChangeInput, progress: ChangeProgress = () => {}): ChangeOverlayResult {
    const t0 = now();
    const findings: Finding[] = [];
    let pieces: ChangePieces;
    let before: Layer | undefined;
    let after: Layer | undefined;
    let changeFeatures: readonly unknown[] = [];
    const inputs: InputFileMeta[] = [];
    progress({ phase: 'parse', done: 0, total: 1 });
    if ('changes' in req) {
      changeFeatures = read(req.changes, findings);
      pieces = piecesFromChangeLayer(req.changes.file, changeFeatures);
      inputs.push({ file: req.changes.file, role: 'change layer', features: pieces.count });
    } else {
      const fb = read(req.before, findings);
      const fa = read(req.after, findings);
      progress({ phase: 'validate', done: 0, total: 1 });
      const b = loadVintage(req.before.file, fb, '前期 before');
      const a = loadVintage(req.after.file, fa, '后期 after');
      findings.push(...b.findings, ...a.findings);
      before = b.layer;
      after = a.layer;
      inputs.push({ file: req.before.file, role: 'before vintage', features: before.parcels.length }, { file: req.after.file, role: 'after vintage', features: after.parcels.length });
      pieces = overlayVintages(before, after, { onProgress: (done, total) => progress({ phase: 'compute', done, total }) });
    }
    findings.push(...pieces.findings);
    this.last = pieces;
    let highStandard: SessionState['highStandard'];
    if (req.highStandard) {
      const hb = loadLayerFromFeatures('high-standard', req.highStandard.before.file, read(req.highStandard.before, findings));
      const ha = loadLayerFromFeatures('high-standard', req.highStandard.after.file, read(req.highStandard.after, findings));
      findings.push(...hb.findings, ...ha.findings);
      highStandard = { before: hb.layer, after: ha.layer };
      inputs.push({ file: req.highStandard.before.file, role: 'high-standard before', features: hb.layer.parcels.length }, { file: req.highStandard.after.file, role: 'high-standard after', features: ha.layer.parcels.length });
    }
    this.state = { pieces, before, after, changeFeatures, findings, highStandard, inputs };
    return this.present(req, t0);
  }

  /**
   * The last overlay's vintages for the before/after toggle (as in its answer; null above `maxParcels`): the 变化 tab
   * asks for them apart from the report, so that the worker can send them as bytes instead of an object graph.
   */
  vintages(maxParcels = 50000): { before: VintageView; after: VintageView } {
    if (!this.state) throw new Error('尚未叠加两期数据 / no overlay yet: run changeOverlay first');
    const { before, after, pieces } = this.state;
    return { before: view(before, pieces.files.before, maxParcels), after: view(after, pieces.files.after, maxParcels) };
  }

  /**
   * The last overlay reported again for another region or level (the 变化 tab's region filter): the pieces are
   * kept, only the report is recomputed — the same figures as `farmland change --region CODE --level L`.
   */
  report(opts: ReportOptions): ChangeOverlayResult {
    if (!this.state) throw new Error('尚未叠加两期数据 / no overlay yet: run changeOverlay first');
    return this.present(opts, now());
  }

  /**
   * The last overlay as a file, for a region and level — what `farmland change --json | --csv | --xlsx` writes.
   *
   * @param format - json | csv | xlsx
   * @param opts - region code prefix and level, as the tab's filter
   * @param now - the export time written into the metadata
   */
  async exportReport(format: ChangeFormat, opts: Pick<ReportOptions, 'region' | 'level'>, now: Date): Promise<{ bytes: Uint8Array; file: string; mime: string }> {
    if (!this.state) throw new Error('尚未叠加两期数据 / no overlay yet: run changeOverlay first');
    const { pieces, findings, highStandard, inputs } = this.state;
    const region = opts.region || undefined;
    const report = changeReport(pieces, { region, level: opts.level });
    const hsLoss = highStandard ? highStandardLossOf(highStandard.before, highStandard.after, { region }) : null;
    const meta = buildMetadata({ inputs, now, region, notes: report.rules });
    const doc = await changeDocument(format, report, { year: surveyYear(pieces), hsLoss, findings: findings.length }, meta);
    return { bytes: typeof doc === 'string' ? new TextEncoder().encode(doc) : doc, ...changeFile(format, region) };
  }

  private present(req: ReportOptions, t0: number): ChangeOverlayResult {
    const { pieces, before, after, changeFeatures, findings, highStandard } = this.state as SessionState;
    const report = changeReport(pieces, { region: req.region || undefined, level: req.level });
    const maxPieces = req.maxPieces ?? 2000;
    const views: ChangePieceView[] = [];
    const changed: number[] = [];
    for (let k = 0; k < pieces.count; k++) if (report.categories[k] !== null) changed.push(k);
    const changedTotal = changed.length;
    if (changed.length > maxPieces) {
      const rank = (k: number) => CATEGORY_ORDER[report.categories[k] as string] ?? 9;
      changed.sort((x, y) => rank(x) - rank(y) || pieces.areaM2[y] - pieces.areaM2[x] || x - y);
      changed.length = maxPieces;
      changed.sort((x, y) => x - y);
    }
    for (const k of changed) {
      const category = report.categories[k] as NonNullable<(typeof report.categories)[number]>;
      const bi = pieces.b[k];
      const aj = pieces.a[k];
      const B = bi >= 0 ? pieces.before[bi] : undefined;
      const A = aj >= 0 ? pieces.after[aj] : undefined;
      let coords: MultiPolygonCoords | null = null;
      if (before && after) {
        const g = overlayPieceGeometry(pieces, k, before, after);
        coords = g.ok ? g.coords : null;
      } else {
        // a change layer's piece is its feature: the geometry is the feature's own
        const g = (changeFeatures[pieces.before[bi].index] as { geometry?: { type?: string } } | undefined)?.geometry;
        if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) coords = toMultiCoords(plainGeometry(g as AreaGeometry));
      }
      views.push({
        piece: k, category, from: B?.dlbm ?? '(none)', to: A?.dlbm ?? '(none)', areaM2: pieces.areaM2[k],
        beforeId: B?.id ?? '', afterId: A?.id ?? '', coords,
      });
    }
    const maxParcels = req.maxParcels ?? 50000;
    return {
      json: {
        ...changeJson(report, { year: surveyYear(pieces) }),
        high_standard_loss: highStandard ? highStandardLossJson(highStandardLossOf(highStandard.before, highStandard.after, { region: req.region || undefined })) : null,
      },
      pieces: views,
      changedTotal,
      before: view(before, pieces.files.before, maxParcels),
      after: view(after, pieces.files.after, maxParcels),
      findings,
      computeMs: now() - t0,
    };
  }
}

function read(s: ChangeFile, findings: Finding[]): readonly unknown[] {
  const r = readImport(s.file, s.bytes);
  const layer = r.layers.find((l) => l.features.length > 0) ?? r.layers[0];
  findings.push(...r.findings, ...(layer?.findings ?? []));
  return layer?.features ?? [];
}

function view(layer: Layer | undefined, file: string, max: number): VintageView {
  if (!layer) return { file, count: 0, features: null };
  if (layer.parcels.length > max) return { file, count: layer.parcels.length, features: null };
  return {
    file,
    count: layer.parcels.length,
    features: {
      type: 'FeatureCollection',
      features: layer.parcels.map((p, i) => ({ type: 'Feature', id: i, properties: { dlbm: attrOf(p, 'dlbm') ?? '', l1: level1Of(attrOf(p, 'dlbm') ?? '') }, geometry: plainGeometry(p.geometry) })),
    },
  };
}
