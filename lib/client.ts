import { runTask } from "./engine";
import { resolveOptions, type ClientOptions, type Options } from "./options";
import { TASKS } from "./tasks";
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

  constructor(accessToken?: string | OpenAiStyleOptions, options: OpenAiStyleOptions = {}) {
    if (accessToken && typeof accessToken === "object") {
      options = accessToken;
      accessToken = accessToken.apiKey;
    }
    this.accessToken = (accessToken as string | undefined) || options.apiKey || undefined;
    this.defaultOptions = options;
    // The token must not show up when a client is logged or inspected.
    Object.defineProperty(this, "accessToken", { enumerable: false });
    for (const task of Object.values(TASKS)) {
      if (!task) continue;
      Object.defineProperty(this, task.method, {
        enumerable: false,
        value: (args: Record<string, unknown>, callOptions?: Options) =>
          runTask(task.id, args, this.resolve(callOptions), this.accessToken),
      });
    }
  }

  /** Options for one call: the client's, then the call's. */
  resolve(callOptions?: Options) {
    const { baseURL, apiKey, ...client } = this.defaultOptions;
    void apiKey;
    return resolveOptions({ ...client, endpointUrl: client.endpointUrl ?? baseURL }, callOptions);
  }

  /** A client bound to a dedicated endpoint (as the reference's `endpoint()`). */
  endpoint(endpointUrl: string): InferenceClient {
    return new InferenceClient(this.accessToken, { ...this.defaultOptions, endpointUrl });
  }
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface InferenceClient extends TaskMethods {}
