/**
 * The dashboard's project manifest, as fetched from a URL: the layers to load (kind, file, display name), the
 * targets table, the analysis config and the basemap files, paths relative to the manifest. This checks the shape
 * only as far as the app relies on it (an object with a `layers` list); each layer's kind and file are checked when
 * the layer loads, where a bad entry is reported against its file and the other layers still load. The CLI reads
 * the same format from disk, resolving paths (src/cli/manifest.ts).
 */
import type { LayerKind } from '../types';

export interface ProjectManifest {
  name: string;
  layers: { kind: LayerKind; file: string; name?: string }[];
  targets?: string;
  config?: string;
  basemap?: { roads?: string; townships?: string; places?: string };
}

/**
 * @param json the parsed manifest
 * @returns the manifest, typed
 * @throws Error `manifest has no "layers" list` when it is not an object with a `layers` array
 * @example
 * readProjectManifest({ name: '某县', layers: [{ kind: 'cultivated', file: 'gd.geojson' }] }).layers[0].file // 'gd.geojson'
 */
export function readProjectManifest(json: unknown): ProjectManifest {
  const m = json as Partial<ProjectManifest> | null;
  if (!m || typeof m !== 'object' || !Array.isArray(m.layers)) throw new Error('manifest has no "layers" list');
  return m as ProjectManifest;
}

/** One id per manifest layer: its file name without folder and extension, made unique by its index when repeated. */
export function manifestLayerIds(layers: readonly { file: string }[]): string[] {
  const seen = new Set<string>();
  return layers.map((l, i) => {
    let id = fileStem(l.file);
    if (seen.has(id)) id = `${id}-${i}`;
    seen.add(id);
    return id;
  });
}

/** A file name without folder and extension. */
export const fileStem = (file: string) => file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
