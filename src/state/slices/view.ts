/** The view slice: region filter, map view and fit requests, tab, selection (inspect) and hover, report page. */
import { Superseded } from '../../worker/client';
import { unionBBox } from './layerOrder';
import type { Slice, StoreDeps, ViewActions, ViewSliceState } from './types';

export const viewSlice =
  (deps: StoreDeps): Slice<ViewSliceState & ViewActions> =>
  (set, get) => {
    const { client } = deps;
    let fitSeq = 0;
    return {
      tab: 'stats',
      selection: [],
      reportOpen: false,

      setRegion(region) {
        set({ region });
        const entry = region && get().regions.find((r) => r.level === region.level && r.code === region.code);
        if (entry) get().fitTo(entry.bbox);
        else if (!region && get().layers.length) get().fitTo(unionBBox(get().layers.map((l) => l.info.bbox)));
        void get().refreshStats();
      },
      setTab(tab) {
        set({ tab });
      },
      setView(view) {
        set({ view });
      },
      setCursor(cursor) {
        set({ cursor });
      },
      async inspectAt(lon, lat) {
        const layerIds = [...get().layers].reverse().filter((l) => l.visible).map((l) => l.info.id);
        try {
          const { hits } = await client.request('inspect', { lon, lat, layerIds }, { key: 'inspect' });
          set({ selection: hits, selectionAt: [lon, lat] });
        } catch (err) {
          if (!(err instanceof Superseded)) throw err;
        }
      },
      async hoverAt(pos) {
        if (!pos) {
          if (get().hover) set({ hover: undefined });
          return;
        }
        const layerIds = [...get().layers].reverse().filter((l) => l.visible && l.opacity > 0).map((l) => l.info.id);
        try {
          const { hits } = await client.request('inspect', { lon: pos[0], lat: pos[1], layerIds, first: true }, { key: 'hover' });
          const h = hits[0];
          const cur = get().hover;
          if (!h) {
            if (cur) set({ hover: undefined });
          } else if (!cur || cur.layerId !== h.layerId || cur.pid !== h.pid) set({ hover: { layerId: h.layerId, pid: h.pid, geometry: h.geometry } });
        } catch (err) {
          if (!(err instanceof Superseded)) throw err;
        }
      },
      showHover(hover) {
        const cur = get().hover;
        if (!hover ? cur !== undefined : !cur || cur.layerId !== hover.layerId || cur.pid !== hover.pid) set({ hover });
      },
      clearSelection() {
        set({ selection: [], selectionAt: undefined });
      },
      fitTo(bbox) {
        set({ fitRequest: { bbox, seq: ++fitSeq } });
      },
      goToView(view) {
        const [lon, lat] = view.center;
        set({ view, fitRequest: { bbox: [lon, lat, lon, lat], seq: ++fitSeq, view } });
      },
      setReportOpen(reportOpen) {
        set({ reportOpen });
      },
    };
  };
