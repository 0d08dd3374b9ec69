/**
 * Worker side of the 变化 tab: read both vintages (or a change layer) with the core importer, overlay them with
 * core/change (progress reported per 2,000 parcels), answer the report's JSON and the changed pieces' polygons.
 * Pure: tested in-process (changeHandler.test.ts).
 */
import { piecesFromChangeLayer } from '../core/change/changeLayer';
import { changeJson } from '../core/change/changeJson';
import { level1Of } from '../core/change/classes';
import { overlayVintages } from '../core/change/overlay';
import { overlayPieceGeometry } from '../core/change/pieceGeometry';
import type { ChangePieces } from '../core/change/pieces';
import { changeReport } from '../core/change/report';
import { loadVintage } from '../core/change/vintage';
import { plainGeometry } from '../core/io/flatGeometry';
import { readImport } from '../core/io/readAny';
import type { Layer } from '../core/layers/layer';
import { toMultiCoords } from '../core/overlay/clip';
import type { AreaGeometry, Finding, MultiPolygonCoords } from '../core/types';
import type { ChangePieceView, ChangeRequests, ChangeSource, VintageView } from './changeProtocol';
import type { Progress } from './protocol';

type ChangeHandlers = {
  [T in keyof ChangeRequests]: (req: ChangeRequests[T]['req'], ctx: { progress: (p: Progress) => void }) => Promise<ChangeRequests[T]['res']>;
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Which changed pieces the map gets first when there are more than it can draw. */
const CATEGORY_ORDER: Record<string, number> = { 'lost-construction': 0, 'lost-agricultural': 1, restored: 2, gained: 3, abandoned: 4, 'lost-other': 5, 'cultivated-internal': 6, other: 7 };

export function createChangeHandlers(fetchBytes: (url: string) => Promise<ArrayBuffer>): ChangeHandlers {
  // the last overlay's pieces, for changePiece (state of this handler, not of the module)
  let last: ChangePieces | undefined;
  const read = async (s: ChangeSource, findings: Finding[]) => {
    const bytes = 'url' in s.source ? new Uint8Array(await fetchBytes(s.source.url)) : new Uint8Array(s.source.bytes);
    const r = readImport(s.file, bytes);
    const layer = r.layers.find((l) => l.features.length > 0) ?? r.layers[0];
    findings.push(...r.findings, ...(layer?.findings ?? []));
    return layer?.features ?? [];
  };
  const view = (layer: Layer | undefined, file: string, max: number): VintageView => {
    if (!layer) return { file, count: 0, features: null };
    if (layer.parcels.length > max) return { file, count: layer.parcels.length, features: null };
    return {
      file,
      count: layer.parcels.length,
      features: {
        type: 'FeatureCollection',
        features: layer.parcels.map((p, i) => ({ type: 'Feature', id: i, properties: { dlbm: p.attrs.dlbm ?? '', l1: level1Of(p.attrs.dlbm ?? '') }, geometry: plainGeometry(p.geometry) })),
      },
    };
  };

  return {
    async changePiece(req) {
      const p = last;
      if (!p || !(req.piece >= 0 && req.piece < p.count)) return { beforeProps: null, afterProps: null };
      const bi = p.b[req.piece];
      const aj = p.a[req.piece];
      return { beforeProps: bi >= 0 ? p.before[bi].props : null, afterProps: aj >= 0 ? p.after[aj].props : null };
    },

    async changeOverlay(req, ctx) {
      const t0 = now();
      const findings: Finding[] = [];
      let pieces: ChangePieces;
      let before: Layer | undefined;
      let after: Layer | undefined;
      let changeFeatures: readonly unknown[] = [];
      ctx.progress({ phase: 'parse', done: 0, total: 1 });
      if ('changes' in req) {
        changeFeatures = await read(req.changes, findings);
        pieces = piecesFromChangeLayer(req.changes.file, changeFeatures);
      } else {
        const fb = await read(req.before, findings);
        const fa = await read(req.after, findings);
        ctx.progress({ phase: 'validate', done: 0, total: 1 });
        const b = loadVintage(req.before.file, fb, '前期 before');
        const a = loadVintage(req.after.file, fa, '后期 after');
        findings.push(...b.findings, ...a.findings);
        before = b.layer;
        after = a.layer;
        pieces = overlayVintages(before, after, { onProgress: (done, total) => ctx.progress({ phase: 'compute', done, total }) });
      }
      findings.push(...pieces.findings);
      const report = changeReport(pieces, { region: req.region, level: req.level });
      last = pieces;
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
        json: changeJson(report),
        pieces: views,
        changedTotal,
        before: view(before, pieces.files.before, maxParcels),
        after: view(after, pieces.files.after, maxParcels),
        findings,
        computeMs: now() - t0,
      };
    },
  };
}
