/**
 * The first layer's load begun before the app asks for it (issue 14 item 8: ready ≤ 8 s). app/boot.ts, the page's
 * small entry, reads the manifest the app will open and sends `prefetch` with its first layer pack's URL and the
 * manifest's file, kind and name for it: the engine worker downloads it and — with the layer named — imports it at
 * once, while the page's bundle still loads and makes the map (~1 s earlier than the store's `load` would start it).
 *
 * The first `load` takes what was begun when it asks for exactly that (the same URL; the same file, kind and name;
 * no option the manifest's load does not use), else it is dropped — as it is after a minute unclaimed (a restored
 * workspace that loads something else). The download alone is taken by a load of the same URL with other options.
 */
import type { Progress, Req } from './protocol';

type Fetch = (url: string) => Promise<ArrayBuffer>;
type LoadReq = Req<'load'>;
/** What the import needs of a load request (no layer id: nothing is added to the workspace until the load). */
export type ImportReq = Omit<LoadReq, 'layerId'>;
/** Runs an import: the handler's own (worker/handler.ts). */
export type Importer<O> = (req: ImportReq, progress: (p: Progress) => void, fetch: Fetch) => Promise<O>;

interface Begun<O> {
  url: string;
  layer?: { file: string; kind: string; name?: string };
  bytes: Promise<ArrayBuffer>;
  outcome?: Promise<O>;
  /** The import's last progress, and where it goes once a load has taken it. */
  last?: Progress;
  to?: (p: Progress) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class EarlyLoad<O> {
  private begun: Begun<O> | undefined;

  constructor(
    private readonly fetchBytes: Fetch,
    private readonly importer: Importer<O>,
    private readonly keepMs = 60_000,
  ) {}

  /**
   * Begin the download of `url` (and its import, with `layer`): once, before the first load.
   *
   * @param req - the URL, and the manifest's file, kind and name of its layer to import it as
   * @returns whether it began (not when one has already, or the request is not one)
   * @example
   * early.start({ url: 'http://host/c/cultivated.fpk', layer: { file: 'cultivated.fpk', kind: 'cultivated' } });
   */
  start(req: Req<'prefetch'>): { started: boolean } {
    if (this.begun || typeof req.url !== 'string') return { started: false };
    const url = req.url;
    const bytes = this.fetchBytes(url);
    bytes.catch(() => undefined); // (reported, if ever, by the load that takes it)
    const timer = setTimeout(() => {
      this.begun = undefined;
    }, this.keepMs);
    (timer as { unref?: () => void }).unref?.(); // (Node: a test's or the CLI's process need not wait for it)
    const b: Begun<O> = { url, bytes, timer };
    const l = req.layer;
    if (l && typeof l.file === 'string' && typeof l.kind === 'string' && (l.name === undefined || typeof l.name === 'string')) {
      b.layer = { file: l.file, kind: l.kind, ...(l.name !== undefined ? { name: l.name } : {}) };
      const progress = (p: Progress) => {
        b.last = p;
        b.to?.(p);
      };
      const req: ImportReq = { file: l.file, kind: l.kind as LoadReq['kind'], ...(l.name !== undefined ? { name: l.name } : {}), source: { url }, blockOnError: false };
      b.outcome = this.importer(req, progress, () => bytes);
    }
    this.begun = b;
    return { started: true };
  }

  /**
   * What was begun for this load, if anything, and from then on nothing: the import's outcome when the load asks for
   * exactly it (its progress then goes to `progress`, the last one at once), else a fetch that hands over the
   * download when the URL is the same.
   *
   * @param req - the load
   * @param progress - the load's progress
   * @returns the outcome, or the fetch for the load to use
   * @example
   * const { outcome, fetch } = early.take(req, ctx.progress);
   */
  take(req: LoadReq, progress: (p: Progress) => void): { outcome?: Promise<O>; fetch: Fetch } {
    const b = this.begun;
    this.begun = undefined;
    if (!b) return { fetch: this.fetchBytes };
    clearTimeout(b.timer);
    const source = req.source;
    if (!('url' in source) || source.url !== b.url) return { fetch: this.fetchBytes };
    if (b.outcome && b.layer && sameImport(req, b.layer)) {
      b.to = progress;
      if (b.last) progress(b.last);
      return { outcome: b.outcome, fetch: this.fetchBytes };
    }
    if (b.outcome) return { fetch: this.fetchBytes }; // (the import took the bytes)
    // (a download that failed is fetched again: the load reports that attempt's failure)
    return { fetch: (url) => (url === b.url ? b.bytes.catch(() => this.fetchBytes(url)) : this.fetchBytes(url)) };
  }
}

/** Whether a load asks for the import the manifest's layer began: its file, kind and name, and nothing else. */
function sameImport(req: LoadReq, layer: { file: string; kind: string; name?: string }): boolean {
  return (
    req.file === layer.file &&
    req.kind === layer.kind &&
    req.name === layer.name &&
    req.blockOnError === false &&
    req.mapping === undefined &&
    req.layerName === undefined &&
    req.epsg === undefined &&
    req.encoding === undefined &&
    req.densifyM === undefined
  );
}
