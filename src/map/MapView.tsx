/** Hands a <div> to the MapController and nothing more. */
import { useEffect, useRef } from 'react';
import type { AppStore } from '../state/store';
import { MapController } from './MapController';

/**
 * The longest the map waits for the first layer's request (below): a start that loads no layer (a workspace with
 * imports only, server mode) gets its map at most this late.
 */
const MAP_WAITS_MS = 400;

export function MapView({ store, onReady }: { store: AppStore; onReady?: (c: MapController | null) => void }) {
  const div = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!div.current) return;
    let c: MapController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The map is made once the first layer has been asked for (or after MAP_WAITS_MS): making it holds this thread
    // ~1 s (MapLibre's WebGL context; on SwiftShader most of it waiting for the GPU process), and a layer asked for
    // first is fetched and read by the engine worker meanwhile (issue 14 item 8: ready at 500k).
    const make = () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
      if (c || !div.current) return;
      c = new MapController(div.current, store);
      onReady?.(c);
    };
    let soonAsked = false;
    const soon = () => {
      // once: a streamed layer reports progress per piece, and a timer restarted each time might never fire
      if (soonAsked) return;
      soonAsked = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(make, 0);
    };
    const off = store.subscribe((s) => {
      if (s.progress !== undefined || s.status === 'ready' || s.status === 'error') soon();
    });
    const st = store.getState();
    if (st.progress !== undefined || st.status === 'ready' || st.status === 'error') soon();
    else timer = setTimeout(make, MAP_WAITS_MS);
    return () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
      if (c) {
        onReady?.(null);
        c.destroy();
      }
    };
  }, [store, onReady]);
  return <div ref={div} className="map" data-testid="map" />;
}
