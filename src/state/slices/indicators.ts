/**
 * The indicators slice: the quality indicators of the region filter (永久基本农田 in 高标准农田 and its ranked remainder,
 * 黑土地, 盐碱, 撂荒, 经济奖惩 — core/analysis/indicators via the worker) and whether the map highlights the remainder.
 * The first overlays of a county take seconds (the worker computes them in slices and caches them), so the data
 * slice asks for them after the summary without waiting on them. A long remainder comes without its parcels
 * (`listed`, worker/indicatorsHandler.ts): they are asked for when the highlight is turned on.
 */
import { Superseded } from '../../worker/client';
import type { IndicatorsActions, IndicatorsSliceState, Slice, StoreDeps } from './types';

export const indicatorsSlice =
  (deps: StoreDeps): Slice<IndicatorsSliceState & IndicatorsActions> =>
  (set, get) => {
    const { client } = deps;
    /** The config file whose reward / compensation rates the engine has (sent once per manifest config). */
    let ratesFrom: string | undefined;
    /**
     * Which indicators answer is in the store (bumped by every answer applied), which one the remainder in the store
     * belongs to, and which one a fetch in flight is for (-1: none). A remainder is applied only to the answer it was
     * asked for — same region, same layers — and one answer's remainder is fetched at most once at a time.
     */
    let answer = 0;
    let remainderOf = -1;
    let fetching = -1;
    /** The whole remainder of the answer in the store, for the highlight (a cut-short answer leaves it out). */
    const ensureRemainder = async () => {
      const g = answer;
      if (!get().indicatorsListed || remainderOf === g || fetching === g) return;
      const region = get().indicatorsFor?.region;
      const current = () => answer === g && get().indicatorsFor?.region === region;
      fetching = g;
      set({ remainderLoading: true, remainderError: undefined });
      try {
        const r = await client.request('remainder', { region: region?.code }, { key: 'remainder' });
        if (current()) {
          remainderOf = g;
          set({ remainder: r.remainder, remainderLoading: false });
        }
      } catch (err) {
        // the figures stay; the highlight goes off and says why
        if (!(err instanceof Superseded) && current()) set({ remainder: undefined, remainderLoading: false, showRemainder: false, remainderError: err instanceof Error ? err.message : String(err) });
      } finally {
        if (fetching === g) fetching = -1;
      }
    };
    return {
      showRemainder: false,

      async refreshIndicators() {
        const region = get().region;
        const { manifest, manifestUrl } = get();
        if (manifest?.config && manifestUrl) {
          const url = new URL(manifest.config, manifestUrl).href;
          if (url !== ratesFrom) {
            ratesFrom = url;
            try {
              await client.request('setRewardRates', { file: manifest.config, source: { url } });
            } catch {
              // the built-in illustrative rates stay
            }
          }
        }
        try {
          const r = await client.request('indicators', { region: region?.code }, { key: 'indicators' });
          answer++;
          // a cut-short answer's remainder is fetched while the highlight is on (the one shown stays until it comes);
          // hidden, it is let go
          const shown = get().showRemainder;
          remainderOf = r.listed ? -1 : answer;
          set({ indicators: r.indicators, ...(r.listed && shown ? {} : { remainder: r.listed ? undefined : r.remainder }), indicatorsListed: r.listed, indicatorsFor: { region }, indicatorsError: undefined, remainderLoading: false, remainderError: undefined });
          if (r.listed && shown) await ensureRemainder();
        } catch (err) {
          if (!(err instanceof Superseded)) set({ indicatorsError: err instanceof Error ? err.message : String(err) });
        }
      },

      setShowRemainder(showRemainder) {
        set({ showRemainder });
        if (showRemainder) void ensureRemainder();
      },
    };
  };
