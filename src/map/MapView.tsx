/** Hands a <div> to the MapController and nothing more. */
import { useEffect, useRef } from 'react';
import type { AppStore } from '../state/store';
import { MapController } from './MapController';

export function MapView({ store, onReady }: { store: AppStore; onReady?: (c: MapController | null) => void }) {
  const div = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!div.current) return;
    const c = new MapController(div.current, store);
    onReady?.(c);
    return () => {
      onReady?.(null);
      c.destroy();
    };
  }, [store, onReady]);
  return <div ref={div} className="map" data-testid="map" />;
}
