import type { InferenceClient } from "../../lib";
import type { Node, NodeDef } from "./red";
import type { Redactor } from "./scrub";
import type { Scheduler } from "./scheduler";

export interface HfConfigDef extends NodeDef {
  provider?: string;
  billTo?: string;
  fallbackProviders?: string;
  endpointUrl?: string;
  timeout?: number | string;
  maxRetries?: number | string;
  concurrency?: number | string;
  queueLimit?: number | string;
}

/** What inference nodes get from their `hf-config`: a client and a shared request queue. */
export interface HfConfigNode extends Node {
  client: InferenceClient;
  scheduler: Scheduler;
  provider: string;
  /** The account's call timeout in ms (also bounds conversation memory I/O). */
  timeoutMs: number;
  endpointUrl?: string;
  /** Where the token came from, for status and help text; never the token itself. */
  tokenSource: "credentials" | "environment" | "none";
  /** Replaces the token wherever it appears in `text`. */
  redact(text: string): string;
  /** The same for results: values and streamed text (see `scrub.ts`). */
  redactor?: Redactor;
}

export const DEFAULTS = { timeout: 300, maxRetries: 2, concurrency: 4, queueLimit: 1000 };

