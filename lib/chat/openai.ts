import type { Options } from "../options";
import type { ChatCompletionArgs } from "../tasks/defs/conversational";
import type { ChatCompletionInput, ChatCompletionOutput, ChatCompletionStreamOutput } from "./types";

/** What `client.chat.completions` needs from the client. */
export interface ChatCalls {
  complete(args: ChatCompletionArgs, options?: Options): Promise<ChatCompletionOutput>;
  stream(args: ChatCompletionArgs, options?: Options): AsyncIterable<ChatCompletionStreamOutput>;
}

/** A chat stream as the openai client hands it back: async iterable, with a `controller` to stop it. */
export class ChatCompletionStream implements AsyncIterable<ChatCompletionStreamOutput> {
  constructor(
    private readonly first: IteratorResult<ChatCompletionStreamOutput>,
    private readonly rest: AsyncIterator<ChatCompletionStreamOutput>,
    readonly controller: AbortController,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<ChatCompletionStreamOutput> {
    try {
      if (this.first.done) return;
      yield this.first.value;
      for (;;) {
        const next = await this.rest.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // A consumer that breaks early frees the connection.
      await this.rest.return?.();
    }
  }
}

export type ChatCreateBody = ChatCompletionInput & { provider?: string; endpointUrl?: string };

/** `client.chat.completions.create(...)`, as in the openai client. */
export class ChatCompletions {
  constructor(private readonly calls: ChatCalls) {}

  create(body: ChatCreateBody & { stream: true }, options?: Options): Promise<ChatCompletionStream>;
  create(body: ChatCreateBody & { stream?: false | null }, options?: Options): Promise<ChatCompletionOutput>;
  create(body: ChatCreateBody, options?: Options): Promise<ChatCompletionOutput | ChatCompletionStream>;
  async create(body: ChatCreateBody, options: Options = {}): Promise<ChatCompletionOutput | ChatCompletionStream> {
    // As the openai client, the body goes as given (an explicit `stream: false` included).
    if (!body.stream) return this.calls.complete(body, options);
    const args: ChatCreateBody = { ...body };
    delete args.stream;
    const controller = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    const iterator = this.calls.stream(args, { ...options, signal })[Symbol.asyncIterator]();
    // As the openai client: an HTTP error rejects create() itself, not the first iteration.
    const first = await iterator.next();
    return new ChatCompletionStream(first, iterator, controller);
  }
}
