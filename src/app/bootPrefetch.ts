/**
 * What app/boot.ts decides before the app's bundle has run (issue 14 item 8: ready ≤ 8 s): which manifest the app
 * will open, and the URL of its first layer when that is a layer pack (.fpk, core/io/flatPack.ts) — the file the
 * engine worker then starts downloading at once. Both resolve URLs exactly as the app does (app/urlState.ts reads
 * `manifest` and `server`; state/slices/data.ts resolves a layer's file against the manifest's URL), so the first
 * load asks for the very URL that was prefetched.
 */
import { isLayerPackUrl } from '../core/io/layerPackUrl';

/** The manifest the app opens when the URL names none (main.tsx). */
export const DEFAULT_MANIFEST = 'data/demo/manifest.json';


/**
 * The absolute URL of the manifest the app will open from this page address; undefined in server mode (`server=`,
 * the province comes from the server).
 *
 * @param search - location.search
 * @param base - document.baseURI
 * @returns the manifest's URL, or undefined
 * @example
 * manifestToOpen('?manifest=county%2Fmanifest-pack.json', 'http://host/app/'); // 'http://host/app/county/manifest-pack.json'
 */
export function manifestToOpen(search: string, base: string): string | undefined {
  const q = new URLSearchParams(search);
  const server = q.get('server');
  if (server && /^https?:\/\//.test(server)) return undefined;
  return new URL(q.get('manifest') || DEFAULT_MANIFEST, base).href;
}

/**
 * The absolute URL of a manifest's first layer when it is a layer pack, else undefined (anything that is not a
 * manifest with a first layer naming a file, too: the app reports that, not this).
 *
 * @param manifest - the manifest's JSON, parsed
 * @param manifestUrl - its absolute URL
 * @returns the first layer's URL, or undefined
 * @example
 * firstLayerPack({ layers: [{ kind: 'cultivated', file: 'cultivated.fpk' }] }, 'http://host/c/manifest.json'); // 'http://host/c/cultivated.fpk'
 */
export function firstLayerPack(manifest: unknown, manifestUrl: string): string | undefined {
  const layers = (manifest as { layers?: unknown } | null)?.layers;
  const file = Array.isArray(layers) ? (layers[0] as { file?: unknown } | null)?.file : undefined;
  if (typeof file !== 'string' || !isLayerPackUrl(file)) return undefined;
  try {
    return new URL(file, manifestUrl).href;
  } catch {
    return undefined;
  }
}

/**
 * The manifest's file, kind and name of its first layer, as the store's load asks for it (state/slices/data.ts): what
 * the engine worker imports it as before the store asks (worker/earlyLoad.ts); undefined when these are not strings.
 *
 * @param manifest - the manifest's JSON, parsed
 * @returns the first layer's file, kind and name
 * @example
 * firstLayerOf({ layers: [{ kind: 'cultivated', file: 'c.fpk', name: '耕地' }] }); // { file: 'c.fpk', kind: 'cultivated', name: '耕地' }
 */
export function firstLayerOf(manifest: unknown): { file: string; kind: string; name?: string } | undefined {
  const layers = (manifest as { layers?: unknown } | null)?.layers;
  const l = Array.isArray(layers) ? (layers[0] as { file?: unknown; kind?: unknown; name?: unknown } | null) : undefined;
  if (!l || typeof l.file !== 'string' || typeof l.kind !== 'string' || (l.name !== undefined && typeof l.name !== 'string')) return undefined;
  return { file: l.file, kind: l.kind, ...(l.name !== undefined ? { name: l.name } : {}) };
}
