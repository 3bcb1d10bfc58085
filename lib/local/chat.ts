/**
 * `provider: "local"` chat: a GGUF model run in this process by node-llama-cpp, answering in the OpenAI chunk
 * shapes remote providers stream (so `ChatStreamAccumulator` and hf-chat need nothing of their own).
 */
import path from "node:path";
import { ChatStreamAccumulator } from "../chat/accumulate";
import type { ChatCompletionInputMessage, ChatCompletionOutput, ChatCompletionStreamOutput } from "../chat/types";
import { InferenceClientInputError } from "../errors";
import { Deadline } from "../http/deadline";
import type { ResolvedOptions } from "../options";
import type { ChatCompletionArgs } from "../tasks/defs/conversational";
import { ggufFile, llamaRuntime, threadsFor, type LlamaChatLike } from "./llama";

/** Models kept loaded at once (each holds its weights and a context); the least recently used is unloaded. */
const MAX_LOADED = 2;
/** Context window allocated per model: the model's own when smaller (a 128k window would take gigabytes). */
const MAX_CONTEXT = 4096;

interface Loaded {
  chat: LlamaChatLike;
  dispose(): Promise<void>;
  /** Calls on one model take turns (one context sequence each). */
  turn: Promise<unknown>;
}
const loaded = new Map<string, Promise<Loaded>>();

function loadedModel(file: string, threads: number): Promise<Loaded> {
  const key = `${file}|${threads}`;
  let entry = loaded.get(key);
  if (entry) {
    loaded.delete(key); // re-inserted below: Map order is the recency order
  } else {
    entry = (async () => {
      const { module, llama } = await llamaRuntime();
      const model = await llama.loadModel({ modelPath: file });
      try {
        const context = await model.createContext({ contextSize: { max: MAX_CONTEXT }, threads, sequences: 1 });
        const chat = new module.LlamaChat({ contextSequence: context.getSequence() });
        return { chat, turn: Promise.resolve(), dispose: () => context.dispose().then(() => model.dispose()) };
      } catch (err) {
        await model.dispose();
        throw err;
      }
    })();
    entry.catch(() => loaded.delete(key));
  }
  loaded.set(key, entry);
  for (const [oldKey, old] of loaded) {
    if (loaded.size <= MAX_LOADED) break;
    loaded.delete(oldKey);
    void old.then(async (m) => {
      await m.turn.catch(() => undefined);
      await m.dispose();
    }, () => undefined);
  }
  return entry;
}

/** Unloads every local chat model (they load again on the next call). */
export async function unloadLocalChatModels(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  await Promise.all(all.map((p) => p.then((m) => m.turn.catch(() => undefined).then(() => m.dispose()), () => undefined)));
}

/** Whether a chat call goes to the local provider (an endpoint URL, when set, wins as for every provider). */
export function isLocalChat(args: { provider?: unknown; endpointUrl?: unknown }, opts: ResolvedOptions): boolean {
  return ((args.provider as string | undefined) ?? opts.provider) === "local" && !((args.endpointUrl as string | undefined) ?? opts.endpointUrl);
}

/** Non-streaming local chat: the stream, gathered. */
export async function localChatCompletion(args: ChatCompletionArgs, opts: ResolvedOptions): Promise<ChatCompletionOutput> {
  const acc = new ChatStreamAccumulator();
  for await (const chunk of localChatStream(args, opts)) acc.add(chunk);
  return acc.result();
}

/** Local chat as OpenAI chunks: a role chunk, one chunk per text delta, then the finish reason with usage. */
export async function* localChatStream(args: ChatCompletionArgs, opts: ResolvedOptions): AsyncGenerator<ChatCompletionStreamOutput> {
  const a = args as ChatCompletionArgs & Record<string, unknown>;
  const history = chatHistory(a.messages);
  if (Array.isArray(a.tools) && a.tools.length) throw new InferenceClientInputError("Local chat does not run tools (tool calls) yet");
  const modelsDir = path.resolve(opts.localModelsDir || "models");
  const file = ggufFile(modelsDir, a.model as string | undefined);
  const deadline = new Deadline(opts.timeout, opts.signal);
  const stop = new AbortController();
  const cancel = deadline.onAbort(() => stop.abort());
  try {
    const model = await raceDeadline(loadedModel(file, threadsFor(opts.localThreads)), deadline);
    opts.onCallInfo?.({ provider: "local", providerModel: a.model as string });
    const grammar = await grammarFor(a.response_format);
    // One call at a time per model: wait for the previous one, then hold the model until this one ends.
    const previous = model.turn;
    let release!: () => void;
    model.turn = new Promise<void>((resolve) => (release = resolve));
    try {
      await raceDeadline(previous.catch(() => undefined), deadline);
      yield* generate(model.chat, history, a, grammar, deadline, stop.signal);
    } finally {
      release();
    }
  } finally {
    cancel();
    stop.abort(); // a consumer that stopped reading stops the generation too
    deadline.dispose();
  }
}

async function* generate(
  chat: LlamaChatLike,
  history: unknown[],
  a: ChatCompletionArgs & Record<string, unknown>,
  grammar: unknown,
  deadline: Deadline,
  signal: AbortSignal,
): AsyncGenerator<ChatCompletionStreamOutput> {
  const base = { id: `chatcmpl-local-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: String(a.model) };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: ChatCompletionStreamOutput["usage"]): ChatCompletionStreamOutput => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  });
  yield chunk({ role: "assistant", content: "" });

  // node-llama-cpp calls back with text; the stream hands it on as the consumer reads.
  const pending: string[] = [];
  let wake: (() => void) | undefined;
  // Sampled tokens, as the sequence counts them (text callbacks skip tokens held back, e.g. half a character).
  const outputBefore = chat.sequence.tokenMeter.usedOutputTokens;
  const stopStrings = typeof a.stop === "string" ? [a.stop] : Array.isArray(a.stop) ? a.stop.filter((s) => typeof s === "string" && s) : [];
  const maxTokens = a.max_completion_tokens ?? a.max_tokens;
  let done = false;
  const run = chat
    .generateResponse(history, {
      maxTokens: typeof maxTokens === "number" && maxTokens > 0 ? maxTokens : undefined,
      temperature: typeof a.temperature === "number" ? a.temperature : undefined,
      topP: typeof a.top_p === "number" ? a.top_p : undefined,
      seed: typeof a.seed === "number" ? a.seed : undefined,
      customStopTriggers: stopStrings.length ? stopStrings : undefined,
      grammar: grammar ?? undefined,
      signal,
      onTextChunk: (text: string) => {
        pending.push(text);
        wake?.();
      },
    })
    .finally(() => {
      done = true;
      wake?.();
    });
  run.catch(() => undefined); // read below; a consumer that leaves early must not leave it unhandled
  for (;;) {
    while (pending.length) {
      const text = pending.shift() as string;
      if (text) yield chunk({ content: text });
    }
    if (done) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  let result: Awaited<typeof run>;
  try {
    result = await run;
  } catch (err) {
    if (deadline.aborted || signal.aborted) throw deadline.abortError("Local chat");
    throw err;
  }
  if (result.metadata.stopReason === "abort" || deadline.aborted) throw deadline.abortError("Local chat");
  const completionTokens = chat.sequence.tokenMeter.usedOutputTokens - outputBefore;
  const total = chat.sequence.contextTokens.length;
  const usage = { prompt_tokens: Math.max(0, total - completionTokens), completion_tokens: completionTokens, total_tokens: Math.max(total, completionTokens) };
  yield chunk({}, result.metadata.stopReason === "maxTokens" ? "length" : "stop", usage);
}

/** OpenAI messages as node-llama-cpp's chat history, ready for the assistant's turn. */
function chatHistory(messages: ChatCompletionInputMessage[] | undefined): unknown[] {
  if (!Array.isArray(messages) || !messages.length) throw new InferenceClientInputError("Local chat needs a non-empty messages array");
  const history: unknown[] = messages.map((m) => {
    const text = textOf(m);
    if (m.role === "system" || m.role === "developer") return { type: "system", text };
    if (m.role === "user") return { type: "user", text };
    if (m.role === "assistant") return { type: "model", response: [text] };
    throw new InferenceClientInputError(`Local chat takes system, user and assistant messages (got role ${JSON.stringify(m.role)})`);
  });
  // An assistant message last is continued; otherwise the model answers anew.
  if ((history[history.length - 1] as { type: string }).type !== "model") history.push({ type: "model", response: [] });
  return history;
}

function textOf(m: ChatCompletionInputMessage): string {
  if (typeof m.content === "string") return m.content;
  if (m.content == null) return "";
  if (!Array.isArray(m.content)) throw new InferenceClientInputError("A message's content must be a string or an array of parts");
  return m.content
    .map((part) => {
      if (part?.type !== "text") throw new InferenceClientInputError(`Local chat takes text only (got a ${JSON.stringify(part?.type)} part)`);
      return part.text ?? "";
    })
    .join("");
}

/** `response_format` as a grammar that forces it: JSON, or JSON of a schema. */
async function grammarFor(format: unknown): Promise<unknown> {
  const f = format as { type?: string; json_schema?: { schema?: unknown }; schema?: unknown } | undefined;
  if (!f || !f.type || f.type === "text") return undefined;
  const { llama } = await llamaRuntime();
  if (f.type === "json_object") return llama.getGrammarFor("json");
  if (f.type === "json_schema") {
    const schema = f.json_schema?.schema ?? f.schema;
    if (!schema || typeof schema !== "object") return llama.getGrammarFor("json");
    try {
      return await llama.createGrammarForJsonSchema(schema);
    } catch (err) {
      throw new InferenceClientInputError(`Local chat cannot follow this JSON schema: ${(err as Error).message}`);
    }
  }
  throw new InferenceClientInputError(`Local chat takes response_format text, json_object or json_schema (got ${JSON.stringify(f.type)})`);
}

/** Waits for `work`, or throws as soon as the call is aborted or times out (loading a large model takes a while). */
async function raceDeadline<T>(work: Promise<T>, deadline: Deadline): Promise<T> {
  deadline.throwIfAborted("Local chat");
  let stop = () => undefined as void;
  const ended = new Promise<never>((_, reject) => {
    stop = deadline.onAbort(() => reject(deadline.abortError("Local chat")));
  });
  try {
    return await Promise.race([work, ended]);
  } finally {
    stop();
  }
}
