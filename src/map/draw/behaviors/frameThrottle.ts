/**
 * At most one run per animation frame: the live figures follow the cursor, and terra-draw reports a change on
 * every pointer move — many per frame on a fast mouse. Calls made before the frame fire share its one run.
 */
export class FrameThrottle {
  private pending = false;

  constructor(
    private readonly run: () => void,
    private readonly nextFrame: (cb: () => void) => unknown = (cb) => requestAnimationFrame(cb),
  ) {}

  schedule(): void {
    if (this.pending) return;
    this.pending = true;
    this.nextFrame(() => {
      this.pending = false;
      this.run();
    });
  }
}
