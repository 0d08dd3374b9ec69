/**
 * Where the drawing tools find the map and the engine client: the app hands them in (App.tsx: the map once the
 * MapController exists; main.tsx: the worker client), the draw panel subscribes. Keeps the shared files' edits to
 * one line each.
 */
import type * as maplibregl from 'maplibre-gl';
import type { EngineClient } from '../../worker/client';

type Listener = () => void;

class DrawHub {
  map?: maplibregl.Map;
  engine?: EngineClient;
  /** A drawing or editing tool is active: map clicks place vertices, they do not inspect parcels. */
  toolActive = false;
  private listeners = new Set<Listener>();
  setMap(map: maplibregl.Map | undefined): void {
    this.map = map;
    for (const l of this.listeners) l();
  }
  setEngine(engine: EngineClient): void {
    this.engine = engine;
    for (const l of this.listeners) l();
  }
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export const drawHub = new DrawHub();
