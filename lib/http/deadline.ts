import { InferenceTimeoutError } from "../errors";

/**
 * One budget for a whole call (retries, polling and downloads included): a signal that fires on the caller's
 * abort or on the timeout, and a way to tell the two apart when it does.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly endsAt: number;
  private readonly timeoutSignal?: AbortSignal;

  constructor(
    readonly timeoutMs: number | undefined,
    callerSignal?: AbortSignal,
  ) {
    this.endsAt = timeoutMs && timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
    const signals: AbortSignal[] = [];
    if (callerSignal) signals.push(callerSignal);
    if (Number.isFinite(this.endsAt)) {
      this.timeoutSignal = AbortSignal.timeout(timeoutMs as number);
      signals.push(this.timeoutSignal);
    }
    this.signal = signals.length === 1 ? signals[0] : signals.length ? AbortSignal.any(signals) : new AbortController().signal;
  }

  remaining(): number {
    return this.endsAt - Date.now();
  }

  timedOut(): boolean {
    return this.timeoutSignal?.aborted === true || this.remaining() <= 0;
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
