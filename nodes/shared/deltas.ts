import { randomUUID } from "node:crypto";
import type { NodeMessage } from "./red";

/**
 * Streams text deltas as msgs a core `join` node in automatic mode rebuilds: each carries
 * `msg.parts = {id, index, type: "string", ch: ""}`; the last one also `parts.count` and `msg.complete = true`.
 */
export class DeltaStream {
  private readonly id = randomUUID();
  private index = 0;
  private held: NodeMessage | undefined;

  /** `base` is the input msg; each delta is a shallow copy of it with its own payload and parts. */
  constructor(
    private readonly base: NodeMessage,
    private readonly emit: (msg: NodeMessage) => void,
  ) {}

  /**
   * Holds back one delta so that the last can be marked complete without an empty extra msg.
   * Empty deltas are skipped.
   */
  push(text: string, extra: Record<string, unknown> = {}): void {
    if (!text) return;
    if (this.held) this.emit(this.held);
    this.held = { ...this.base, ...extra, payload: text, parts: { id: this.id, index: this.index++, type: "string", ch: "" } };
  }

  /** Sends the held delta as the last one. Returns how many deltas were sent in all. */
  finish(): number {
    if (this.held) {
      const parts = this.held.parts as Record<string, unknown>;
      parts.count = this.index;
      this.held.complete = true;
      this.emit(this.held);
      this.held = undefined;
    }
    return this.index;
  }

  /**
   * On error: the deltas already sent stay sent, and the held one closes the sequence (`parts.count`,
   * `msg.complete`) with `msg.incomplete = true`, so a join node emits the partial text instead of waiting forever.
   */
  abandon(): void {
    if (!this.held) return;
    this.held.incomplete = true;
    this.finish();
  }
}
