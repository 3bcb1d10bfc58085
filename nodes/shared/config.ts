import type { InferenceClient } from "../../lib";
import os from "node:os";
import path from "node:path";
import type { Node, NodeAPI, NodeDef } from "./red";
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
  /** provider `local`: the models folder (blank: `<user dir>/models`), weights, and whether missing files may be fetched. */
  localModelsDir?: string;
  localDtype?: string;
  allowModelDownload?: boolean | string;
  /** provider `local`, GGUF chat: generation threads (blank: cores - 1). */
  localThreads?: number | string;
}

/** What inference nodes get from their `hf-config`: a client and a shared request queue. */
export interface HfConfigNode extends Node {
  client: InferenceClient;
  scheduler: Scheduler;
  provider: string;
  /** The account's call timeout in ms (also bounds conversation memory I/O). */
  timeoutMs: number;
  endpointUrl?: string;
  /** The folder local models are read from (provider `local`), resolved. */
  localModelsDir: string;
  /** Where the token came from, for status and help text; never the token itself. */
  tokenSource: "credentials" | "environment" | "none";
  /** Replaces the token wherever it appears in `text`. */
  redact(text: string): string;
  /** The same for results: values and streamed text (see `scrub.ts`). */
  redactor?: Redactor;
}

export const DEFAULTS = { timeout: 300, maxRetries: 2, concurrency: 4, queueLimit: 1000 };


/** The local models folder: the config's, else `<Node-RED user dir>/models` (user dir default `~/.node-red`). */
export function localModelsFolder(RED: NodeAPI, configured: string | undefined): string {
  if (configured?.trim()) return path.resolve(configured.trim());
  const dir = RED.settings?.userDir;
  return path.join(typeof dir === "string" && dir ? dir : path.join(os.homedir(), ".node-red"), "models");
}
