/**
 * Collects msgs into batches: a batch closes when it holds `size` items, when `windowMs` has passed since its first
 * item, or when an item with another key arrives (a batch never mixes models, providers or parameters). Closed
 * batches go to `flush` in arrival order.
 */
export class Batcher<T> {
  private open?: { key: string; items: T[]; timer: ReturnType<typeof setTimeout> };

  constructor(
    readonly size: number,
    readonly windowMs: number,
    private readonly flush: (items: T[]) => void,
  ) {}

  /** Items in the open batch (for the status). */
  get pending(): number {
    return this.open?.items.length ?? 0;
  }

  add(key: string, item: T): void {
    if (this.open && this.open.key !== key) this.close();
    if (!this.open) this.open = { key, items: [], timer: setTimeout(() => this.close(), this.windowMs) };
    this.open.items.push(item);
    if (this.open.items.length >= this.size) this.close();
  }

  /** Hands over the open batch now. */
  close(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    clearTimeout(open.timer);
    this.flush(open.items);
  }

  /** Takes the open batch back without flushing it (redeploy): the caller fails its items. */
  drop(): T[] {
    const open = this.open;
    this.open = undefined;
    if (!open) return [];
    clearTimeout(open.timer);
    return open.items;
  }
}
