import type {
  ChatCompletionOutput,
  ChatCompletionOutputToolCall,
  ChatCompletionStreamOutput,
  ChatCompletionUsage,
} from "./types";

interface ChoiceState {
  role: string;
  content: string;
  reasoning: string;
  finishReason: string | null;
  /** Tool calls by their stream index: id and name arrive once, arguments in pieces. */
  toolCalls: Map<number, ChatCompletionOutputToolCall>;
}

/**
 * Folds the chunks of a chat stream into the completion a non-streaming call would have returned, so stream and
 * non-stream answers look the same to callers. Tool-call deltas are merged by their `index`.
 */
export class ChatStreamAccumulator {
  private id = "";
  private model = "";
  private created = 0;
  private systemFingerprint: string | null | undefined;
  private usage: ChatCompletionUsage | undefined;
  private readonly choices = new Map<number, ChoiceState>();

  /** Adds one chunk; returns the text it adds to the first choice's content (often ""). */
  add(chunk: ChatCompletionStreamOutput): string {
    if (chunk.id) this.id = chunk.id;
    if (chunk.model) this.model = chunk.model;
    if (typeof chunk.created === "number") this.created = chunk.created;
    if (chunk.system_fingerprint !== undefined) this.systemFingerprint = chunk.system_fingerprint;
    if (chunk.usage) this.usage = chunk.usage;
    let text = "";
    for (const choice of chunk.choices ?? []) {
      const index = typeof choice.index === "number" ? choice.index : 0;
      const state = this.choice(index);
      const delta = choice.delta ?? {};
      if (typeof delta.role === "string") state.role = delta.role;
      if (typeof delta.content === "string" && delta.content) {
        state.content += delta.content;
        if (index === 0) text += delta.content;
      }
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (typeof reasoning === "string") state.reasoning += reasoning;
      for (const call of delta.tool_calls ?? []) mergeToolCall(state.toolCalls, call);
      if (choice.finish_reason) state.finishReason = choice.finish_reason;
    }
    return text;
  }

  /** Whether any choice has said why it stopped (a stream can end without `[DONE]` once this is true). */
  get finished(): boolean {
    return [...this.choices.values()].some((c) => c.finishReason !== null);
  }

  result(): ChatCompletionOutput {
    const choices = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => {
        const toolCalls = [...state.toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
        return {
          index,
          message: {
            role: state.role,
            content: state.content,
            ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
            ...(state.reasoning ? { reasoning_content: state.reasoning } : {}),
          },
          finish_reason: state.finishReason,
        };
      });
    return {
      id: this.id,
      object: "chat.completion",
      created: this.created,
      model: this.model,
      ...(this.systemFingerprint !== undefined ? { system_fingerprint: this.systemFingerprint } : {}),
      choices,
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }

  private choice(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = { role: "assistant", content: "", reasoning: "", finishReason: null, toolCalls: new Map() };
      this.choices.set(index, state);
    }
    return state;
  }
}

function mergeToolCall(
  calls: Map<number, ChatCompletionOutputToolCall>,
  delta: { index?: number; id?: string; type?: string; function?: { name?: string; arguments?: string } },
): void {
  // A provider that sends whole calls without an index gets them numbered in arrival order.
  const index = typeof delta.index === "number" ? delta.index : calls.size;
  let call = calls.get(index);
  if (!call) {
    call = { id: "", type: "function", function: { name: "", arguments: "" } };
    calls.set(index, call);
  }
  if (delta.id) call.id = delta.id;
  if (delta.type) call.type = delta.type;
  // Most providers send the name once; some repeat it in every delta, a few split it.
  const name = delta.function?.name;
  if (name && name !== call.function.name) call.function.name += name;
  if (typeof delta.function?.arguments === "string") call.function.arguments += delta.function.arguments;
}
