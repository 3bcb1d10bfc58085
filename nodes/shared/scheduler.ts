/**
 * Runs at most `concurrency` jobs at once and queues up to `queueLimit` more. A job that finds the queue full is
 * refused at once with an error (never dropped silently); `close()` refuses everything still queued.
 */
export class Scheduler {
  private running = 0;
  private readonly waiting: Array<{ start: () => void; refuse: (err: Error) => void }> = [];
  private closed = false;

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {}

  get queued(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("The Hugging Face config node is closed"));
    if (this.running < this.concurrency) return this.start(job);
    if (this.waiting.length >= this.queueLimit) {
      return Promise.reject(new Error(`Queue full (${this.queueLimit} requests waiting, ${this.concurrency} running)`));
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ start: () => this.start(job).then(resolve, reject), refuse: reject });
    });
  }

  /** Removes a job that has not started yet (its msg's node was closed). */
  close(): void {
    this.closed = true;
    for (const item of this.waiting.splice(0)) item.refuse(new Error("Aborted: the flow was redeployed"));
  }

  private async start<T>(job: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.start();
    }
  }
}
