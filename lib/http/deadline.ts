import { InferenceTimeoutError } from "../errors";

/**
 * One budget for a whole call (retries, polling and downloads included): a signal that fires on the caller's
 * abort or on the timeout, and a way to tell the two apart when it does.
 */
/** For calls that nothing can abort: one shared signal that never fires, handed to no request. */
const NEVER = new AbortController().signal;

export class Deadline {
  readonly signal: AbortSignal;
  private readonly endsAt: number;
  private controller?: AbortController;
  private timer?: ReturnType<typeof setTimeout>;
  private fired = false;
  private callerSignal?: AbortSignal;
  private readonly onCallerAbort = () => this.controller?.abort(this.callerSignal?.reason);

  /*
   * A plain controller, timer and listener rather than AbortSignal.timeout / AbortSignal.any: those keep a timer and
   * their signals alive until the timeout fires (300 s by default in Node-RED), so every finished call left
   * something behind; `dispose()` frees everything the moment a call is over. Without a timeout no controller is
   * made at all: the caller's signal (or none) is the whole story.
   */
  constructor(
    readonly timeoutMs: number | undefined,
    callerSignal?: AbortSignal,
  ) {
    this.endsAt = timeoutMs && timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
    // Longer than setTimeout can wait: only remaining() enforces it.
    if (!Number.isFinite(this.endsAt) || (timeoutMs as number) > 2_147_483_647) {
      this.signal = callerSignal ?? NEVER;
      return;
    }
    const controller = (this.controller = new AbortController());
    this.signal = controller.signal;
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    else if (callerSignal) {
      this.callerSignal = callerSignal;
      callerSignal.addEventListener("abort", this.onCallerAbort, { once: true });
    }
    this.timer = setTimeout(() => {
      this.fired = true;
      controller.abort(new DOMException(`The operation timed out after ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    this.timer.unref?.();
  }

  /** The signal to give a request: none when nothing can abort the call (saves undici a listener per request). */
  get requestSignal(): AbortSignal | undefined {
    return this.signal === NEVER ? undefined : this.signal;
  }

  /** Ends the budget: clears the timer and stops listening to the caller's signal. Safe to call more than once. */
  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
    this.callerSignal = undefined;
  }

  remaining(): number {
    return this.endsAt - Date.now();
  }

  timedOut(): boolean {
    return this.fired || this.remaining() <= 0;
  }

  /** The error to raise once `signal` has fired, or for an error caused by it. */
  abortError(what = "Request"): Error {
    if (this.timedOut()) {
      return new InferenceTimeoutError(`${what} timed out after ${this.timeoutMs} ms`, this.timeoutMs as number);
    }
    const err = new Error(`${what} aborted`);
    err.name = "AbortError";
    return err;
  }

  throwIfAborted(what?: string): void {
    if (this.signal.aborted || this.remaining() <= 0) throw this.abortError(what);
  }

  /** Waits `ms`, cut short by the deadline (which then throws). */
  async sleep(ms: number): Promise<void> {
    this.throwIfAborted();
    await new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      this.signal.addEventListener("abort", onAbort, { once: true });
    });
    this.throwIfAborted();
  }
}
