import { ChatCompletions } from "./chat/openai";
import { chatCompletionStream } from "./chat/stream";
import { runTask } from "./engine";
import { textGenerationStream } from "./tasks/defs/text-generation-stream";
import { overlayOptions, resolveOptions, type ClientOptions, type Options, type ResolvedOptions } from "./options";
import { TASKS } from "./tasks";
import type { TaskId } from "./tasks/ids";
import type { TaskMethods } from "./client-methods";

/** The OpenAI client's constructor names, accepted as a drop-in. */
export interface OpenAiStyleOptions extends ClientOptions {
  apiKey?: string;
  /** Chat then posts to `${baseURL}/chat/completions`, with no Hub look-up. */
  baseURL?: string;
}

/**
 * Drop-in for `@huggingface/inference`'s `InferenceClient`: one method per task, named as there, each
 * `(args, options?)`. Methods come from the task table, so a new task row is a new method.
 */
export class InferenceClient {
  readonly accessToken: string | undefined;
  readonly defaultOptions: OpenAiStyleOptions;
  /** OpenAI's `client.chat.completions.create({model, messages, stream?})`. */
  readonly chat: { completions: ChatCompletions };

  constructor(accessToken?: string | OpenAiStyleOptions, options: OpenAiStyleOptions = {}) {
    if (accessToken && typeof accessToken === "object") {
      options = accessToken;
      accessToken = accessToken.apiKey;
    }
    this.accessToken = (accessToken as string | undefined) || options.apiKey || undefined;
    // The key is kept once, hidden (below); the stored options must not carry a second, visible copy.
    const { apiKey, ...rest } = options;
    void apiKey;
    this.defaultOptions = rest;
    // The token must not show up when a client is logged or inspected.
    Object.defineProperty(this, "accessToken", { enumerable: false });
    Object.defineProperty(this, "resolved", { enumerable: false, value: new Map() });
    for (const task of Object.values(TASKS)) {
      if (!task) continue;
      Object.defineProperty(this, task.method, {
        enumerable: false,
        value: (args: Record<string, unknown>, callOptions?: Options) =>
          runTask(task.id, args, this.resolve(callOptions, task.id), this.accessToken),
      });
    }
    for (const [method, { task, run }] of Object.entries(STREAM_METHODS)) {
      Object.defineProperty(this, method, {
        enumerable: false,
        value: (args: never, callOptions?: Options) => run(args, this.resolve(callOptions, task), this.accessToken),
      });
    }
    this.chat = {
      completions: new ChatCompletions({
        complete: (args, callOptions) => this.chatCompletion(args, callOptions),
        stream: (args, callOptions) => this.chatCompletionStream(args, callOptions),
      }),
    };
    Object.defineProperty(this, "chat", { enumerable: false });
  }

  /**
   * Options for one call: the client's (resolved once per client, with `HF_ENDPOINT` / `HF_ROUTER_URL` read at the
   * first call), then the call's.
   */
  resolve(callOptions?: Options, task?: TaskId): ResolvedOptions {
    const kind = task === "conversational" ? "chat" : "other";
    let base = this.resolved.get(kind);
    if (!base) {
      const { baseURL, apiKey, ...client } = this.defaultOptions;
      void apiKey;
      // As the openai client: chat posts to `${baseURL}/chat/completions` exactly (no `/v1` added).
      const root = baseURL?.trim().replace(/\/+$/, "");
      const fromBase = root && kind === "chat" ? `${root}/chat/completions` : root;
      base = resolveOptions({ ...client, endpointUrl: client.endpointUrl ?? fromBase });
      this.resolved.set(kind, base);
    }
    return overlayOptions(base, callOptions);
  }

  private declare readonly resolved: Map<"chat" | "other", ResolvedOptions>;

  /** A client bound to a dedicated endpoint (as the reference's `endpoint()`). */
  endpoint(endpointUrl: string): InferenceClient {
    return new InferenceClient(this.accessToken, { ...this.defaultOptions, endpointUrl });
  }
}

/** Streaming methods, each an async generator over one task's events. */
const STREAM_METHODS = {
  chatCompletionStream: { task: "conversational", run: chatCompletionStream },
  textGenerationStream: { task: "text-generation", run: textGenerationStream },
} satisfies Record<string, { task: TaskId; run: (args: never, opts: ReturnType<typeof resolveOptions>, token?: string) => AsyncIterable<unknown> }>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface InferenceClient extends TaskMethods {}
