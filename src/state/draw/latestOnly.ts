/**
 * One request in flight at a time, only the newest waiting behind it: the live impact path. A drawing reports its
 * site every frame; the worker takes longer than a frame on a big county, so requests made meanwhile replace each
 * other and only the last one is sent when the answer comes back — older geometries never reach the worker.
 */
export class LatestOnly<T> {
  private inFlight = false;
  private pending: { value: T } | undefined;

  /** `run` sends one value and settles when its answer is handled (a rejection is the caller's to report). */
  constructor(private readonly run: (value: T) => Promise<unknown>) {}

  /** Send now, or keep as the one waiting (replacing any older one). */
  send(value: T): void {
    if (this.inFlight) {
      this.pending = { value };
      return;
    }
    this.inFlight = true;
    let done: Promise<unknown>;
    try {
      done = this.run(value);
    } catch (err) {
      done = Promise.reject(err);
    }
    void done
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        const next = this.pending;
        this.pending = undefined;
        if (next) this.send(next.value);
      });
  }

  get busy(): boolean {
    return this.inFlight;
  }
}
