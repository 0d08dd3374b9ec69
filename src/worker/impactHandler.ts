/**
 * Worker side of the drawing tools: thin functions over core/analysis (impact, balance, ledger) on the worker's
 * loaded layers. The site is prepared once per edit (union + edge index) and reused by the report and the balance
 * that follow for the same geometry. Pure: tested in-process (impactHandler.test.ts).
 */
import { type SupplementInput, computeBalance } from '../core/analysis/balance';
import { type AnalysisConfig, defaultConfig, parseConfig } from '../core/analysis/config';
import { computeImpact } from '../core/analysis/impact';
import { ledger } from '../core/analysis/ledger';
import { plainGeometry } from '../core/io/flatGeometry';
import { type GdalLoader, readImportAsync } from '../core/io/readImportAsync';
import { readAttrs } from '../core/layers/fields';
import { isAreaKind } from '../core/layers/kinds';
import type { Layer } from '../core/layers/layer';
import { parcelId } from '../core/layers/layer';
import type { PreparedRegion } from '../core/overlay/siteOverlay';
import { prepareSite } from '../core/analysis/impact';
import { snapEdges } from '../core/overlay/snap';
import type { AreaGeometry, Finding } from '../core/types';
import type { DrawnFeature, DrawRequests, FullImpact, TouchedParcel } from './impactProtocol';

type DrawHandlers = { [T in keyof DrawRequests]: (req: DrawRequests[T]['req'], ctx: { transfer: (b: ArrayBuffer) => void }) => Promise<DrawRequests[T]['res']> | DrawRequests[T]['res'] };

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Only Polygon / MultiPolygon with array coordinates reach the engine. */
function polygonsOnly(site: readonly AreaGeometry[]): AreaGeometry[] {
  return (site ?? []).filter((g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates));
}

/** `loadGdal`: GDAL for a site or supplement given as a GeoPackage / File Geodatabase (the engine's loader, loaded only then). */
export function createImpactHandlers(getLayers: () => Layer[], fetchBytes: (url: string) => Promise<ArrayBuffer> = defaultFetch, loadGdal?: GdalLoader): DrawHandlers {
  let config: AnalysisConfig = defaultConfig();
  // the last prepared site: a report or balance right after the live updates of the same polygon reuses it
  let lastKey = '';
  let lastPrepared: PreparedRegion | undefined;
  const prepared = (site: readonly AreaGeometry[]): PreparedRegion => {
    const polys = polygonsOnly(site);
    const key = JSON.stringify(polys);
    if (key !== lastKey || !lastPrepared) {
      lastPrepared = prepareSite(polys);
      lastKey = key;
    }
    return lastPrepared;
  };

  return {
    drawLive(req) {
      const t0 = now();
      const report = computeImpact(prepared(req.site), getLayers(), config);
      return {
        siteAreaM2: report.siteAreaM2,
        siteAreaMu: report.siteAreaMu,
        layers: report.layers.map((l) => ({ kind: l.kind, name: l.name, areaM2: l.areaM2, areaMu: l.areaMu, parcels: l.parcels })),
        computeMs: now() - t0,
      };
    },

    drawImpact(req) {
      const t0 = now();
      const layers = getLayers();
      const report = computeImpact(prepared(req.site), layers, config, req.regionCode ? { regionCode: req.regionCode } : {});
      const limit = req.limit ?? 2000;
      const touched: TouchedParcel[] = [];
      const highlight: FullImpact['highlight'] = [];
      report.layers.forEach((L, li) => {
        const layer = layers[li];
        if (!layer || !isAreaKind(L.kind)) return;
        for (let k = 0; k < L.parcels; k++) {
          const p = layer.parcels[L.pieceIndex[k]];
          touched.push({
            layerKind: L.kind, layerName: L.name, pid: L.pieceIndex[k], id: p.id, areaM2: L.pieceAreaM2[k], whole: L.pieceWhole[k] === 1,
            gddj: p.attrs.gddj, dlbm: p.attrs.dlbm,
          });
          if ((L.kind === 'cultivated' || L.kind === 'permanent-basic') && highlight.length < limit) highlight.push({ kind: L.kind, geometry: plainGeometry(p.geometry) });
        }
      });
      const touchedTotal = touched.length;
      touched.sort((a, b) => b.areaM2 - a.areaM2);
      return { report, touched: touched.slice(0, limit), touchedTotal, highlight, computeMs: now() - t0 };
    },

    drawBalance(req) {
      const layers = getLayers();
      const impact = computeImpact(prepared(req.site), layers, config, req.regionCode ? { regionCode: req.regionCode } : {});
      const supplements: SupplementInput[] = (req.supplements ?? [])
        .filter((s) => s?.geometry && (s.geometry.type === 'Polygon' || s.geometry.type === 'MultiPolygon'))
        .map((s) => ({ id: s.id, geometry: s.geometry, attrs: readAttrs(s.properties ?? {}) }));
      return { balance: computeBalance(impact, supplements, layers, config), impact };
    },

    drawLedger(req) {
      return ledger(req.projects ?? [], req.options ?? {});
    },

    async drawConfig(req) {
      let bytes: Uint8Array;
      try {
        bytes = 'url' in req.source ? new Uint8Array(await fetchBytes(req.source.url)) : new Uint8Array(req.source.bytes);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return { findings: [{ severity: 'error', code: 'io.fetch', message: `${req.file}: 无法读取（${why}） / cannot read (${why})`, file: req.file }], sources: config.sources };
      }
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(bytes));
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return { findings: [{ severity: 'error', code: 'config.json', message: `${req.file}: 不是有效的 JSON（${why}） / not valid JSON`, file: req.file }], sources: config.sources };
      }
      const parsed = parseConfig(json, req.file);
      config = parsed.config;
      lastKey = '';
      return { findings: parsed.findings, sources: config.sources };
    },

    drawSnap(req, ctx) {
      const b = req.bbox;
      if (!Array.isArray(b) || b.length !== 4 || !b.every(Number.isFinite)) return { bbox: b, edges: new Float64Array(0), truncated: false };
      const r = snapEdges(getLayers(), b, { files: req.files, maxEdges: req.maxEdges });
      ctx.transfer(r.edges.buffer as ArrayBuffer);
      return { bbox: b, ...r };
    },

    async drawReadPolygons(req) {
      // every import format, GeoPackage and zipped File Geodatabase included (GDAL loaded only for those)
      const read = await readImportAsync(req.file, new Uint8Array(req.bytes), {}, [], loadGdal);
      const findings: Finding[] = [...read.findings];
      const features: DrawnFeature[] = [];
      for (const layer of read.layers) {
        findings.push(...layer.findings);
        layer.features.forEach((f, i) => {
          const feat = f as { id?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: Record<string, unknown> | null } | null;
          const g = feat?.geometry;
          if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) return;
          const props = feat?.properties ?? {};
          features.push({ id: parcelId(readAttrs(props).id, feat?.id, i), geometry: plainGeometry(g as AreaGeometry), properties: props });
        });
      }
      if (features.length === 0)
        findings.push({ severity: 'error', code: 'site.empty', message: `${req.file}: 没有面要素 / no Polygon or MultiPolygon features`, file: req.file });
      return { features, findings };
    },
  };
}

async function defaultFetch(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.arrayBuffer();
}
