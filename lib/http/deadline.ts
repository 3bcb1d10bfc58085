import { InferenceTimeoutError } from "../errors";

/**
 * What a request gets as its `signal`: undici takes any object with `aborted`, `reason` and `addEventListener` /
 * `removeEventListener` for "abort". A real AbortSignal costs microseconds to make in Node (an EventTarget), more
 * than the rest of a small call; this costs next to nothing. (Not an EventEmitter either: undici probes for
 * `addEventListener` first, and that miss on EventEmitter's prototype is a slow look-up on every request.)
 */
class AbortFlag {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Array<() => void> = [];

  addEventListener(_type: "abort", listener: () => void): void {
    this.listeners.push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const at = this.listeners.indexOf(listener);
    if (at >= 0) this.listeners.splice(at, 1);
  }

  fire(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    for (const listener of this.listeners.splice(0)) listener();
  }
}

/**
 * The deadlines following each caller signal, behind one listener per signal: a Node-RED node hands the same signal
 * to every call it makes, and an AbortSignal's listeners are a list that every add and remove walks (each call in
 * flight made the next one slower). The listener stays until the signal aborts or is collected.
 */
const followers = new WeakMap<AbortSignal, Set<Deadline>>();

function follow(signal: AbortSignal, deadline: Deadline): void {
  let set = followers.get(signal);
  if (!set) {
    const following = (set = new Set());
    followers.set(signal, following);
    const abortAll = () => {
      for (const follower of [...following]) follower.abort(signal.reason);
      following.clear();
    };
    signal.addEventListener("abort", abortAll, { once: true });
  }
  set.add(deadline);
}

/**
 * One budget for a whole call (retries, polling and downloads included): it ends on the caller's abort or on the
 * timeout, and tells the two apart when it does.
 *
 * A plain timer and a place among the caller signal's followers rather than AbortSignal.timeout / AbortSignal.any:
 * those keep a timer and their signals alive until the timeout fires (300 s by default in Node-RED), so every
 * finished call would leave something behind; `dispose()` frees everything the moment a call is over. Requests get
 * the cheap flag, never an AbortSignal.
 */
export class Deadline {
  private readonly endsAt: number;
  private timer?: ReturnType<typeof setTimeout>;
  private fired = false;
  private flag?: AbortFlag;
  private callerSignal?: AbortSignal;

  constructor(
    readonly timeoutMs: number | undefined,
    callerSignal?: AbortSignal,
  ) {
    this.endsAt = timeoutMs && timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
    // Longer than setTimeout can wait: only remaining() enforces it.
    const timed = Number.isFinite(this.endsAt) && (timeoutMs as number) <= 2_147_483_647;
    if (!timed && !callerSignal) return;
    this.flag = new AbortFlag();
    if (callerSignal?.aborted) {
      this.abort(callerSignal.reason);
      return;
    }
    if (callerSignal) {
      this.callerSignal = callerSignal;
      follow(callerSignal, this);
    }
    if (timed) {
      this.timer = setTimeout(() => this.expire(), timeoutMs);
      this.timer.unref?.();
    }
  }

  /** Whether the budget has ended by an abort or the timer (not merely by the clock: see `remaining()`). */
  get aborted(): boolean {
    return this.flag?.aborted ?? false;
  }

  /** The signal to give a request: none when nothing can abort the call (saves undici a listener per request). */
  get requestSignal(): AbortFlag | undefined {
    return this.flag;
  }

  /** Calls `listener` once when the budget ends by an abort or the timer; returns how to stop listening. */
  onAbort(listener: () => void): () => void {
    const flag = this.flag;
    if (!flag) return () => undefined;
    flag.addEventListener("abort", listener);
    return () => flag.removeEventListener("abort", listener);
  }

  /** Ends the budget: clears the timer and stops listening to the caller's signal. Safe to call more than once. */
  dispose(): void {
    clearTimeout(this.timer);
    if (this.callerSignal) followers.get(this.callerSignal)?.delete(this);
    this.callerSignal = undefined;
  }

  remaining(): number {
    return this.endsAt - Date.now();
  }

  /**
   * How long one wait of a request (its head, the next chunk of its body) may last, for undici's own timers: a
   * little past the budget, so the budget's timer fires first and names the timeout; `cap` without a budget.
   */
  waitLimit(cap: number): number {
    if (!Number.isFinite(this.endsAt)) return cap;
    return Math.min(Math.max(1, Math.ceil(this.remaining())) + 1000, 2_147_483_647);
  }

  timedOut(): boolean {
    return this.fired || this.remaining() <= 0;
  }

  /** The error to raise once the budget has ended, or for an error caused by its end. */
  abortError(what = "Request"): Error {
    if (this.timedOut()) {
      return new InferenceTimeoutError(`${what} timed out after ${this.timeoutMs} ms`, this.timeoutMs as number);
    }
    const err = new Error(`${what} aborted`);
    err.name = "AbortError";
    return err;
  }

  throwIfAborted(what?: string): void {
    if (this.aborted || this.remaining() <= 0) throw this.abortError(what);
  }

  /** Waits `ms`, cut short by the deadline (which then throws). */
  async sleep(ms: number): Promise<void> {
    this.throwIfAborted();
    await new Promise<void>((resolve) => {
      const stop = this.onAbort(() => {
        clearTimeout(timer);
        resolve();
      });
      const timer = setTimeout(() => {
        stop();
        resolve();
      }, Math.max(0, ms));
    });
    this.throwIfAborted();
  }

  private expire(): void {
    this.fired = true;
    this.abort(new DOMException(`The operation timed out after ${this.timeoutMs} ms`, "TimeoutError"));
  }

  /** Ends the budget now: the caller's signal fired (see `follow`), or the timer. */
  abort(reason: unknown): void {
    if (!this.flag || this.flag.aborted) return;
    clearTimeout(this.timer);
    this.flag.fire(reason);
  }
}
