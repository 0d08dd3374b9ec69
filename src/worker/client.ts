/**
 * Promise client of the engine worker: request ids, progress events, and stale answers dropped — a request sent
 * with a `key` supersedes any earlier one with the same key, whose promise then rejects with `Superseded`.
 */
import type { Progress, Req, RequestMessage, RequestType, Res, ResponseMessage } from './protocol';

export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request');
  }
}

/** The part of a Worker the client needs (a fake in tests). */
export interface WorkerPort {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', fn: (ev: MessageEvent<ResponseMessage>) => void): void;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: Progress) => void;
  key?: string;
}

export interface RequestOptions {
  /** A later request with the same key makes this one stale. */
  key?: string;
  transfer?: Transferable[];
  onProgress?: (p: Progress) => void;
}

export class EngineClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private latestByKey = new Map<string, number>();
  /** Number of requests in flight (for a busy indicator). */
  inFlight = 0;
  onBusyChange?: (inFlight: number) => void;

  constructor(private port: WorkerPort) {
    port.addEventListener('message', (ev) => this.receive(ev.data));
  }

  request<T extends RequestType>(type: T, payload: Req<T>, opts: RequestOptions = {}): Promise<Res<T>> {
    const id = this.nextId++;
    if (opts.key !== undefined) this.latestByKey.set(opts.key, id);
    const msg: RequestMessage<T> = { id, type, payload };
    return new Promise<Res<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: opts.onProgress, key: opts.key });
      this.inFlight++;
      this.onBusyChange?.(this.inFlight);
      this.port.postMessage(msg, opts.transfer ?? []);
    });
  }

  private receive(msg: ResponseMessage): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    this.inFlight--;
    this.onBusyChange?.(this.inFlight);
    if (p.key !== undefined && this.latestByKey.get(p.key) !== msg.id) {
      p.reject(new Superseded());
      return;
    }
    if (msg.kind === 'error') p.reject(new Error(msg.message));
    else p.resolve(msg.result);
  }
}

/** The engine's client: on the worker app/boot.ts started before the app's bundle ran, else on a new one. */
export function createWorkerClient(): EngineClient {
  const g = globalThis as { farmlandEngine?: Worker };
  const worker = g.farmlandEngine ?? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'farmland-engine' });
  g.farmlandEngine = undefined;
  return new EngineClient(worker as unknown as WorkerPort);
}
