/**
 * The data slice: the manifest and its layers, imports, removal, visibility/opacity/order, and the engine's
 * figures (stats, summary, regions). Actions are thin: they ask the engine worker and put its answers here.
 */
import { isLayerPackUrl } from '../../core/io/layerPackUrl';
import { layerKindInfo } from '../../core/layers/kinds';
import { fileStem, manifestLayerIds, readProjectManifest } from '../../core/layers/projectManifest';
import { regionBoundariesOf } from '../../core/layers/regionBoundaries';
import { regionNamesOf } from '../../core/layers/regionNames';
import type { AreaGeometry, Finding } from '../../core/types';
import { Superseded } from '../../worker/client';
import type { PackedParcels } from '../../worker/tiles/packed';
import type { LayerInfo, LayerSource, Progress, StreamSource } from '../../worker/protocol';
import { downloadInOrder, streamInOrder } from './downloads';
import { defaultOpacity, placeLayer } from './layerOrder';
import type { DataActions, DataState, ImportReport, LayerEntry, Manifest, Slice, StoreDeps } from './types';

export const dataSlice =
  (deps: StoreDeps): Slice<DataState & DataActions> =>
  (set, get) => {
    const { client } = deps;
    let importSeq = 0;
    const progressFor = (label: string) => (p: Progress) => set({ progress: { label, progress: p } });

    const addLoaded = (res: { layer?: LayerInfo; packed?: PackedParcels; findings: Finding[] }, origin: LayerEntry['origin']) => {
      if (!res.layer || !res.packed) return;
      const entry: LayerEntry = { info: res.layer, visible: true, opacity: defaultOpacity(res.layer.kind, origin), findings: res.findings, packed: res.packed, origin };
      set((s) => ({ layers: placeLayer(s.layers, entry) }));
    };

    const refreshRegions = async () => {
      const { regions } = await client.request('regions', {}, { key: 'regions' });
      set({ regions });
    };

    /** Township polygons of the basemap by code: layers without region codes are clipped to the selected one. */
    const boundaries = new Map<string, AreaGeometry>();

    /** Township names for the region list, from the basemap (best effort: codes are shown instead). */
    const loadRegionNames = async (url: string) => {
      try {
        const fc = await deps.fetchJson(url);
        for (const [code, g] of regionBoundariesOf(fc)) boundaries.set(code, g);
        await client.request('setRegionNames', { names: regionNamesOf(fc) });
      } catch {
        // names are cosmetic
      }
    };

    const loadTargets = async (file: string, url: string) => {
      try {
        const res = await client.request('setTargets', { file, source: { url } });
        // the user's own table came while this one loaded (the manifest's loads beside the layers): theirs stays
        const mine = get().userTargets;
        if (mine) {
          const bytes = mine.bytes.slice(0);
          await client.request('setTargets', { file: mine.file, source: { bytes } }, { transfer: [bytes] });
          return;
        }
        set({ targetFindings: res.findings });
      } catch (err) {
        set({ targetFindings: [{ severity: 'error', code: 'worker', message: String(err), file }] });
      }
    };

    return {
      basemapUrls: {},
      status: 'idle',
      layers: [],
      stats: [],
      targetFindings: [],
      regions: [],

      async loadManifest(url) {
        const manifestUrl = new URL(url, deps.baseUrl).href;
        set({ status: 'loading', manifestUrl, statusMessage: undefined });
        let manifest: Manifest;
        try {
          manifest = readProjectManifest(await deps.fetchJson(manifestUrl));
        } catch (err) {
          set({ status: 'error', statusMessage: `${url}: ${err instanceof Error ? err.message : String(err)}` });
          return;
        }
        const rel = (f: string | undefined) => (f ? new URL(f, manifestUrl).href : undefined);
        const basemapUrls = { roads: rel(manifest.basemap?.roads), townships: rel(manifest.basemap?.townships), places: rel(manifest.basemap?.places) };
        set({ manifest, basemapUrls });
        // every layer's file starts downloading now, on this thread, while the worker works (downloads.ts)
        const urls = manifest.layers.map((l) => rel(l.file)!);
        // …but a first layer that is a layer pack (.fpk, core/io/flatPack.ts) is the worker's to fetch: read whole (no
        // scan to feed as it comes), it needs nothing of this thread, which then makes the map (map/MapView.tsx)
        // (app/boot.ts may have had the worker start downloading it before this script ran: the same URL)
        const byWorker = (i: number) => i === 0 && isLayerPackUrl(urls[i]);
        const pageUrls = urls.filter((_, i) => !byWorker(i));
        const offset = urls.length - pageUrls.length;
        const streams = deps.streamBytes ? streamInOrder(pageUrls, deps.streamBytes) : undefined;
        const downloads = !streams && deps.fetchBytes ? downloadInOrder(pageUrls, deps.fetchBytes) : undefined;
        // the township names and the targets go to the worker beside the first layer, not before it: no layer's load
        // needs them (the region tree and the figures are made after the loop). Awaited first, they held the 耕地 file's
        // bytes on the page for a download of the townships file and two worker round trips (~1 s of the load's start)
        const names = basemapUrls.townships ? loadRegionNames(basemapUrls.townships) : undefined;
        const targets = manifest.targets && !get().userTargets ? loadTargets(manifest.targets, rel(manifest.targets)!) : undefined;
        const layerSource = async (i: number, url: string): Promise<[LayerSource | StreamSource, Transferable[]]> => {
          if (byWorker(i)) return [{ url }, []];
          const started = await streams?.[i - offset].started;
          if (started && !(started instanceof Error)) {
            const ch = new MessageChannel();
            streams![i - offset].pipeTo(ch.port1);
            return [{ stream: ch.port2, ...started }, [ch.port2]];
          }
          const got = await downloads?.[i - offset];
          return got instanceof ArrayBuffer ? [{ bytes: got }, [got]] : [{ url }, []];
        };
        const ids = manifestLayerIds(manifest.layers);
        const failures: { file: string; message: string }[] = [];
        for (const [i, l] of manifest.layers.entries()) {
          const label = l.name ?? layerKindInfo(l.kind).zh;
          set({ progress: { label, progress: { phase: 'fetch' } } });
          try {
            // the bytes this thread downloaded (transferred), else the worker fetches the URL and reports what failed
            // or its pieces as they come, passed on over a port (downloads.ts streamInOrder)
            const [source, transfer] = await layerSource(i, urls[i]);
            const res = await client.request(
              'load',
              { layerId: ids[i], kind: l.kind, name: l.name, file: l.file, source, blockOnError: false },
              { onProgress: progressFor(l.name ?? l.file), transfer },
            );
            if (!res.layer || res.blocked) failures.push({ file: l.file, message: res.findings.find((f) => f.severity === 'error')?.message ?? `${l.file}: 未载入 / not loaded` });
            addLoaded(res, 'manifest');
          } catch (err) {
            failures.push({ file: l.file, message: `${l.file}: ${err instanceof Error ? err.message : String(err)}` });
          }
        }
        await Promise.all([names, targets]);
        const pending = get().pendingVisible;
        if (pending) set((s) => ({ layers: s.layers.map((l) => ({ ...l, visible: pending.includes(l.info.id) })), pendingVisible: undefined }));
        set({ status: 'ready', progress: undefined, layerFailures: failures });
        await Promise.all([refreshRegions(), get().refreshStats()]);
      },

      async importFile(file, kind, options = {}) {
        const layerId = `import-${++importSeq}-${fileStem(file.name)}`;
        set({ progress: { label: file.name } });
        try {
          const res = await client.request(
            'load',
            {
              layerId,
              kind,
              file: file.name,
              ...(kind !== 'auto' ? { name: `${layerKindInfo(kind)[get().lang]} · ${file.name}` } : {}),
              source: { bytes: file.bytes },
              blockOnError: true,
              ...options,
            },
            { transfer: [file.bytes], onProgress: progressFor(file.name) },
          );
          addLoaded(res, 'import');
          const report: ImportReport = {
            file: file.name,
            kind: res.kind,
            findings: res.findings,
            blocked: res.blocked,
            layerId: res.blocked ? undefined : layerId,
            fields: res.fields,
            needsKind: res.needsKind,
            ...(res.tables ? { tables: res.tables } : {}),
            ...(res.detected ? { detected: res.detected } : {}),
            options,
          };
          set({ importReport: report, progress: undefined });
          // the map goes to the new data (issue 16 §3)
          if (!res.blocked && res.layer) get().fitTo(res.layer.bbox);
          if (!res.blocked) await Promise.all([refreshRegions(), get().refreshStats()]);
          return report;
        } catch (err) {
          const report: ImportReport = {
            file: file.name,
            ...(kind !== 'auto' ? { kind } : {}),
            blocked: true,
            findings: [{ severity: 'error', code: 'worker', message: err instanceof Error ? err.message : String(err), file: file.name }],
          };
          set({ importReport: report, progress: undefined });
          return report;
        }
      },

      async importTargets(file) {
        if (file) {
          const keep = file.bytes.slice(0);
          let findings: Finding[];
          try {
            const bytes = file.bytes.slice(0);
            const res = await client.request('setTargets', { file: file.name, source: { bytes } }, { transfer: [bytes] });
            findings = res.findings;
          } catch (err) {
            findings = [{ severity: 'error', code: 'worker', message: String(err), file: file.name }];
          }
          set({ targetFindings: findings, userTargets: { file: file.name, bytes: keep } });
          await get().refreshStats();
          return findings;
        }
        set({ userTargets: undefined });
        const m = get().manifest;
        const url = m?.targets && get().manifestUrl ? new URL(m.targets, get().manifestUrl).href : undefined;
        if (m?.targets && url) await loadTargets(m.targets, url);
        else {
          // no table: an empty one (the national targets only)
          const bytes = new TextEncoder().encode('{"regions":[]}').buffer as ArrayBuffer;
          await client.request('setTargets', { file: '(none)', source: { bytes } }, { transfer: [bytes] }).catch(() => undefined);
          set({ targetFindings: [] });
        }
        await get().refreshStats();
        return get().targetFindings;
      },
      async setInTotals(layerId, inTotals) {
        // the box follows the click at once; the figures follow the engine
        set((s) => ({ layers: s.layers.map((l) => (l.info.id === layerId ? { ...l, inTotals } : l)) }));
        await client.request('setInTotals', { layerId, inTotals });
        await Promise.all([refreshRegions(), get().refreshStats()]);
      },
      async removeLayer(layerId) {
        const entry = get().layers.find((l) => l.info.id === layerId);
        if (!entry) return;
        await client.request('remove', { layerId });
        set((s) => ({ layers: s.layers.filter((l) => l.info.id !== layerId), selection: s.selection.filter((h) => h.layerId !== layerId) }));
        await Promise.all([refreshRegions(), get().refreshStats()]);
      },
      setVisible(layerId, visible) {
        set((s) => ({ layers: s.layers.map((l) => (l.info.id === layerId ? { ...l, visible } : l)) }));
      },
      setOpacity(layerId, opacity) {
        set((s) => ({ layers: s.layers.map((l) => (l.info.id === layerId ? { ...l, opacity: Math.min(1, Math.max(0, opacity)) } : l)) }));
      },
      moveLayer(layerId, delta) {
        const layers = [...get().layers];
        const i = layers.findIndex((l) => l.info.id === layerId);
        const j = i + delta;
        if (i < 0 || j < 0 || j >= layers.length) return;
        [layers[i], layers[j]] = [layers[j], layers[i]];
        set({ layers });
      },
      async refreshStats() {
        const region = get().region;
        const q = { region, method: get().settings.areaMethod };
        const stats = client.request('stats', q, { key: 'stats' }).then((r) => set({ stats: r.stats, statsFor: q }));
        const summary = client
          .request('summary', { region: region?.code, basis: get().settings.areaBasis, boundary: region ? boundaries.get(region.code) : undefined }, { key: 'summary' })
          .then((r) => set({ summary: r.summary, summaryFor: { region }, conflictsError: r.conflictsError }));
        void get().refreshIndicators(); // not awaited: the first overlays of a county take seconds (slices/indicators.ts)
        try {
          await Promise.all([stats, summary]);
        } catch (err) {
          if (!(err instanceof Superseded)) throw err;
        }
      },
      exportSummary(format) {
        const code = get().region?.code;
        return client.request('exportSummary', { format, region: code, now: new Date().toISOString(), basis: get().settings.areaBasis, boundary: code ? boundaries.get(code) : undefined });
      },
      exportLayer(layerId) {
        return client.request('exportLayer', { layerId });
      },
    };
  };
