/**
 * The change slice (issue #17, the 变化 tab): the last overlay of two vintages — or of a change layer — as the engine
 * worker answered it, its progress, and the piece the user clicked with both parcels' attributes (asked of the
 * worker on demand). The picked files' bytes are transferred to the worker, not copied.
 */
import type { ChangeRequests } from '../../worker/changeProtocol';
import type { Progress } from '../../worker/protocol';
import type { Slice, StoreDeps } from './types';

export type ChangeResult = ChangeRequests['changeOverlay']['res'];
export type ChangeRequest = ChangeRequests['changeOverlay']['req'];

/** Both vintages' GeoJSON as bytes for the map's before/after toggle (null above the request's maxParcels). */
export type ChangeVintages = ChangeRequests['changeVintages']['res'];

export interface ChangeSliceState {
  changeResult?: ChangeResult;
  changeVintages?: ChangeVintages;
  changeBusy?: Progress;
  changeError?: string;
  /** The clicked piece and, once the worker answered, both parcels' own properties. */
  changeSelected?: { piece: number; beforeProps?: Record<string, unknown> | null; afterProps?: Record<string, unknown> | null };
  /** The region and level the shown result was reported for: what an export writes. */
  changeApplied?: { region?: string; level?: 'county' | 'township' | 'village' };
}

export interface ChangeActions {
  runChange(req: ChangeRequest): Promise<void>;
  selectChangePiece(piece: number | null): Promise<void>;
  /** Report the last overlay again for a region (code prefix, '' = all) and level, without a new overlay. */
  reportChange(opts: ChangeRequests['changeReport']['req']): Promise<void>;
  /** The shown result as a file (JSON, CSV, XLSX), as `farmland change --json | --csv | --xlsx` writes it. */
  exportChange(format: ChangeRequests['changeExport']['req']['format']): Promise<ChangeRequests['changeExport']['res']>;
}

export const changeSlice =
  (deps: StoreDeps): Slice<ChangeSliceState & ChangeActions> =>
  (set, get) => ({
    async runChange(req) {
      set({ changeBusy: { phase: 'parse' }, changeError: undefined, changeSelected: undefined });
      const transfer = [...('changes' in req ? [req.changes] : [req.before, req.after]), ...(req.highStandard ? [req.highStandard.before, req.highStandard.after] : [])].flatMap((x) => ('bytes' in x.source ? [x.source.bytes] : []));
      try {
        // the vintages' parcels come apart, as transferred bytes (not in the answer: a clone of 50k features)
        const res = await deps.client.request('changeOverlay', { ...req, maxParcels: 0 }, { key: 'changeOverlay', transfer, onProgress: (p) => set({ changeBusy: p }) });
        const vintages = await deps.client.request('changeVintages', { maxParcels: req.maxParcels }, { key: 'changeOverlay' });
        set({ changeResult: res, changeVintages: vintages, changeBusy: undefined, changeApplied: { region: req.region, level: req.level } });
      } catch (err) {
        if (err instanceof Error && err.message.includes('superseded')) return;
        set({ changeError: err instanceof Error ? err.message : String(err), changeBusy: undefined });
      }
    },
    async reportChange(opts) {
      set({ changeBusy: { phase: 'compute' }, changeError: undefined, changeSelected: undefined });
      try {
        const res = await deps.client.request('changeReport', { ...opts, maxParcels: 0 }, { key: 'changeOverlay' });
        set({ changeResult: res, changeBusy: undefined, changeApplied: { region: opts.region, level: opts.level } });
      } catch (err) {
        if (err instanceof Error && err.message.includes('superseded')) return;
        set({ changeError: err instanceof Error ? err.message : String(err), changeBusy: undefined });
      }
    },
    exportChange(format) {
      const applied = get().changeApplied ?? {};
      return deps.client.request('changeExport', { format, region: applied.region || undefined, level: applied.level, now: new Date().toISOString() });
    },
    async selectChangePiece(piece) {
      if (piece === null) {
        set({ changeSelected: undefined });
        return;
      }
      set({ changeSelected: { piece } });
      try {
        const r = await deps.client.request('changePiece', { piece }, { key: 'changePiece' });
        if (get().changeSelected?.piece === piece) set({ changeSelected: { piece, ...r } });
      } catch {
        // superseded by a later click
      }
    },
  });
