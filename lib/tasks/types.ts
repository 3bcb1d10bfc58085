import type { Binary, BinaryInput } from "../binary";
import type { InferenceProvider } from "../providers";
import type { ProviderAnswer } from "../providers/types";
import type { TaskId } from "./ids";

/** Routing fields every task method takes besides its own inputs, as `@huggingface/inference`'s `BaseArgs`. */
export interface BaseArgs {
  accessToken?: string;
  model?: string;
  provider?: InferenceProvider | "auto" | (string & {});
  endpointUrl?: string;
}

/** Where a task's binary inputs live in its arguments, and what they are (for messages and checks). */
export interface BinaryField {
  /** Dotted path in the args: `inputs`, `inputs.image`. */
  path: string;
  what: "image" | "audio" | "document" | "video";
  /** The task also runs without it (image + text tasks with a prompt alone). */
  optional?: boolean;
}

export interface TaskDefinition {
  id: TaskId;
  /** The `InferenceClient` method name. */
  method: string;
  binaryFields?: BinaryField[];
  /** Checks the arguments before anything is sent; throws `InferenceClientInputError`. */
  validate?(args: Record<string, unknown>): void;
  /** Checks and shapes a provider's answer into the task's output. */
  output(answer: ProviderAnswer): unknown;
}

export type { Binary, BinaryInput };
