import type { InferenceClient } from "../../lib";
import type { Node, NodeDef } from "./red";
import type { Scheduler } from "./scheduler";

export interface HfConfigDef extends NodeDef {
  provider?: string;
  billTo?: string;
  endpointUrl?: string;
  timeout?: number | string;
  maxRetries?: number | string;
  concurrency?: number | string;
  queueLimit?: number | string;
  /** provider `local`, GGUF chat: generation threads (blank: cores - 1). */
  localThreads?: number | string;
  localModelsDir?: string;
}

/** What inference nodes get from their `hf-config`: a client and a shared request queue. */
export interface HfConfigNode extends Node {
  client: InferenceClient;
  scheduler: Scheduler;
  provider: string;
  endpointUrl?: string;
  /** Where the token came from, for status and help text; never the token itself. */
  tokenSource: "credentials" | "environment" | "none";
  /** Replaces the token wherever it appears in `text`. */
  redact(text: string): string;
}

export const DEFAULTS = { timeout: 300, maxRetries: 2, concurrency: 4, queueLimit: 1000 };

