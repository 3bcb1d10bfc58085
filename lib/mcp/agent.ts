import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { InferenceClient } from "../client";
import type { Options } from "../options";
import type {
  ChatCompletionInputMessage,
  ChatCompletionInputMessageTool,
  ChatCompletionInputTool,
  ChatCompletionStreamOutput,
  ChatStreamFn,
} from "./chat-types";
import { McpClient, type McpClientOptions } from "./client";
import type { McpCallOptions, McpServerConnection } from "./connection";
import type { McpServerConfigInput } from "./types";

export const DEFAULT_SYSTEM_PROMPT = [
  "You are an agent: keep going until the user's request is completely resolved before ending your turn.",
  "Use your tools to gather the information you need instead of guessing; plan before each tool call and reflect on",
  "its result. When the task is done, call task_complete; if you need more information from the user, ask your",
  "question and call ask_question.",
].join(" ");

/** Model calls per run, as Tiny Agents' MAX_NUM_TURNS; here a hard cap whatever the model does. */
export const DEFAULT_MAX_TURNS = 10;
/** MCP tool calls per run. */
export const DEFAULT_MAX_TOOL_CALLS = 30;

function exitTool(name: string, description: string): ChatCompletionInputTool {
  return {
    type: "function",
    function: {
      name,
      description,
      parameters: { type: "object", properties: { trigger: { type: "boolean", description: "Set to true to trigger this function" } } },
    },
  };
}

/** Tiny Agents' two loop-ending tools, offered to the model beside the servers' tools. */
export const EXIT_LOOP_TOOLS: ChatCompletionInputTool[] = [
  exitTool("task_complete", "Call this tool when the task given by the user is complete"),
  exitTool("ask_question", "Ask a question to the user to get more info required to solve or clarify their problem."),
];
const EXIT_NAMES = EXIT_LOOP_TOOLS.map((t) => t.function.name);

export type AgentStopReason = "answer" | "task_complete" | "ask_question" | "max_turns" | "max_tool_calls";

export type AgentEvent =
  /** A model call starts (1, 2, ...); its chunks follow. */
  | { type: "turn"; turn: number }
  | { type: "tool_call"; id: string; name: string; arguments: string; server?: string; tool?: string; exit: boolean }
  | {
      type: "tool_result";
      id: string;
      name: string;
      /** The text handed to the model (capped). */
      content: string;
      /** The server's full result, when the tool ran. */
      result?: CallToolResult;
      server?: string;
      isError: boolean;
      /** Answered without running: an exit tool came first, or a limit was reached. */
      skipped?: boolean;
    };

export interface AgentRunSummary {
  stopReason: AgentStopReason;
  /** Model calls made. */
  turns: number;
  /** MCP tool calls made. */
  toolCalls: number;
  /** The last non-empty assistant text of the run. */
  text: string;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export interface AgentRunOptions {
  /** Aborts the model stream and cancels the MCP call in progress; `run` then throws an AbortError. */
  signal?: AbortSignal;
  /** `@huggingface/mcp-client`'s name for `signal`. */
  abortSignal?: AbortSignal;
  /** Told of each tool call before it runs, and of each tool answer. */
  onEvent?: (event: AgentEvent) => void;
}

export interface AgentOptions extends McpClientOptions {
  /** An `InferenceClient`, anything with its `chatCompletionStream`, or such a function. */
  client?: { chatCompletionStream: (...args: never[]) => AsyncIterable<ChatCompletionStreamOutput> } | ChatStreamFn;
  model: string;
  provider?: string;
  /** Without `client`: the client is made from these, as `@huggingface/mcp-client`'s Agent does. */
  endpointUrl?: string;
  apiKey?: string;
  servers?: Array<McpServerConfigInput | McpServerConnection>;
  /** The system prompt (default: Tiny Agents' kind of prompt). */
  prompt?: string;
  maxTurns?: number;
  maxToolCalls?: number;
  /** Per tool-call timeout in ms (default each server's, else 60 s). */
  toolTimeout?: number;
  /** Extra chat-completion fields for every model call (temperature, max_tokens, ...). */
  parameters?: Record<string, unknown>;
  /** Options for every model call (timeout, billTo, ...); the run's signal is added. */
  chatOptions?: Options;
  /**
   * Tools run in-process beside the servers' (Node-RED's flow tools). Their names win: a server tool with the
   * same name is renamed as for any clash. Same caps as server tools.
   */
  localTools?: LocalTool[];
  /**
   * Asked before every tool call runs (not exit tools); a refusal answers the model with the reason instead of
   * running the tool. Undefined: every call runs.
   */
  approve?: (request: ApprovalRequest) => Promise<ApprovalDecision> | ApprovalDecision;
}

/** A tool the agent runs in-process rather than through an MCP server. */
export interface LocalTool {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  /** Labels the tool in events and approval requests, as a server name does. */
  server: string;
  call(args: Record<string, unknown>, options: { signal?: AbortSignal }): Promise<CallToolResult>;
}

export interface ApprovalRequest {
  id: string;
  tool: string;
  arguments: Record<string, unknown>;
  server?: string;
}

export interface ApprovalDecision {
  approved: boolean;
  reason?: string;
}

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * The Tiny Agents loop (`@huggingface/tiny-agents`, huggingface_hub's `Agent`): stream the model's answer, run the
 * tools it calls through MCP, hand the results back as `role: "tool"` messages, and go again, until the model
 * answers without a tool call, calls `task_complete` / `ask_question`, or a limit is reached.
 *
 * Differences from the reference, on purpose: `maxTurns` and `maxToolCalls` are hard caps; every tool call of a
 * turn gets its tool message (calls after an exit tool or over the limit are answered "not executed"); a turn
 * without tool calls ends the run (no extra probing turn); an abort cancels the MCP call and throws.
 */
export class Agent extends McpClient {
  readonly prompt: string;
  readonly model: string;
  readonly provider: string | undefined;
  readonly maxTurns: number;
  readonly maxToolCalls: number;
  /** The conversation kept when `run` is given a string. */
  readonly messages: ChatCompletionInputMessage[];
  lastRun: AgentRunSummary | undefined;
  private readonly chat: ChatStreamFn;
  private readonly serverList: Array<McpServerConfigInput | McpServerConnection>;
  private readonly toolTimeout: number | undefined;
  private readonly parameters: Record<string, unknown>;
  private readonly chatOptions: Options;
  private readonly localTools: Map<string, LocalTool>;
  private readonly approve: AgentOptions["approve"];

  constructor(options: AgentOptions) {
    const local = (options.localTools ?? []).filter((t) => !EXIT_NAMES.includes(t.name));
    super({ ...options, reservedToolNames: [...EXIT_NAMES, ...local.map((t) => t.name), ...(options.reservedToolNames ?? [])] });
    this.localTools = new Map(local.map((t) => [t.name, t]));
    this.approve = options.approve;
    this.chat = chatFunction(options);
    this.model = options.model;
    this.provider = options.provider;
    this.prompt = options.prompt ?? DEFAULT_SYSTEM_PROMPT;
    this.maxTurns = positiveInt(options.maxTurns, DEFAULT_MAX_TURNS);
    this.maxToolCalls = positiveInt(options.maxToolCalls, DEFAULT_MAX_TOOL_CALLS, 0);
    this.serverList = options.servers ?? [];
    this.toolTimeout = options.toolTimeout;
    this.parameters = options.parameters ?? {};
    this.chatOptions = options.chatOptions ?? {};
    this.messages = [{ role: "system", content: this.prompt }];
  }

  /** Connects to the servers given to the constructor and lists their tools (within `timeout`, until `signal`). */
  async loadTools(options: McpCallOptions = {}): Promise<void> {
    await this.addMcpServers(this.serverList, options);
  }

  /**
   * Runs the loop for one user input (a string, added to `messages`, or a whole message list used and extended
   * in place). Yields the model's stream chunks and each tool message; returns (and keeps in `lastRun`) a summary.
   */
  async *run(
    input: string | ChatCompletionInputMessage[],
    opts: AgentRunOptions = {},
  ): AsyncGenerator<ChatCompletionStreamOutput | ChatCompletionInputMessageTool, AgentRunSummary> {
    const signal = opts.signal ?? opts.abortSignal;
    let messages: ChatCompletionInputMessage[];
    if (typeof input === "string") {
      this.messages.push({ role: "user", content: input });
      messages = this.messages;
    } else messages = input;

    const summary: AgentRunSummary = { stopReason: "answer", turns: 0, toolCalls: 0, text: "" };
    const emit = (event: AgentEvent) => opts.onEvent?.(event);
    for (;;) {
      if (summary.turns >= this.maxTurns) {
        summary.stopReason = "max_turns";
        break;
      }
      throwIfAborted(signal);
      summary.turns++;
      emit({ type: "turn", turn: summary.turns });
      const turn = yield* this.streamTurn(messages, signal, summary);
      const assistant: ChatCompletionInputMessage = { role: "assistant", content: turn.content };
      if (turn.calls.length) assistant.tool_calls = turn.calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } }));
      messages.push(assistant);
      if (turn.content.trim()) summary.text = turn.content;
      if (!turn.calls.length) break;

      let stop: AgentStopReason | undefined;
      for (let i = 0; i < turn.calls.length; i++) {
        const call = turn.calls[i];
        const route = this.route(call.name);
        const local = this.localTools.get(call.name);
        const server = local?.server ?? route?.server.name;
        const exit = EXIT_NAMES.includes(call.name);
        emit({ type: "tool_call", ...call, server, tool: local?.name ?? route?.tool, exit });
        let answer: { content: string; result?: CallToolResult; isError: boolean; skipped?: boolean };
        if (stop) answer = notRun(`Not executed: the agent stopped (${stop}) before this call.`);
        else if (exit) {
          stop = call.name as AgentStopReason;
          answer = { content: call.name === "task_complete" ? "Task complete." : "Waiting for the user's answer.", isError: false };
        } else if (summary.toolCalls >= this.maxToolCalls) {
          stop = "max_tool_calls";
          answer = notRun(`Not executed: the limit of ${this.maxToolCalls} tool calls per run was reached.`);
        } else {
          summary.toolCalls++;
          try {
            answer = await this.execute(call, signal);
          } catch (err) {
            // Aborted: answer this call and the rest so the conversation stays well-formed, then stop.
            for (const rest of turn.calls.slice(i)) messages.push(toolMessage(rest, "Cancelled: the run was aborted."));
            throw abortError(err);
          }
        }
        const message = toolMessage(call, answer.content);
        messages.push(message);
        emit({ type: "tool_result", id: call.id, name: call.name, content: answer.content, result: answer.result, server, isError: answer.isError, ...(answer.skipped ? { skipped: true } : {}) });
        yield message;
      }
      if (stop) {
        summary.stopReason = stop;
        break;
      }
    }
    this.lastRun = summary;
    return summary;
  }

  /** One model call: yields its chunks, merges content and tool-call deltas (by index). */
  private async *streamTurn(
    messages: ChatCompletionInputMessage[],
    signal: AbortSignal | undefined,
    summary: AgentRunSummary,
  ): AsyncGenerator<ChatCompletionStreamOutput, { content: string; calls: PendingCall[] }> {
    const stream = this.chat(
      {
        ...this.parameters,
        model: this.model,
        ...(this.provider ? { provider: this.provider } : {}),
        messages: [...messages],
        tools: [...EXIT_LOOP_TOOLS, ...this.localChatTools(), ...this.availableTools],
        tool_choice: "auto",
      },
      { ...this.chatOptions, ...(signal ? { signal } : {}) },
    );
    let content = "";
    const calls = new Map<number, PendingCall>();
    for await (const chunk of stream) {
      throwIfAborted(signal);
      if (chunk.usage) addUsage(summary, chunk.usage);
      const delta = chunk.choices?.[0]?.delta;
      if (delta) {
        if (typeof delta.content === "string") content += delta.content;
        for (const piece of delta.tool_calls ?? []) {
          const index = typeof piece.index === "number" ? piece.index : calls.size ? Math.max(...calls.keys()) : 0;
          let call = calls.get(index);
          if (!call) calls.set(index, (call = { id: "", name: "", arguments: "" }));
          if (piece.id && !call.id) call.id = piece.id;
          if (piece.function?.name && !call.name) call.name = piece.function.name;
          const args = piece.function?.arguments as unknown;
          // Some OpenAI-compatible servers send the arguments as an object rather than JSON text.
          if (typeof args === "string") call.arguments += args;
          else if (args && typeof args === "object") call.arguments += JSON.stringify(args);
        }
      }
      yield chunk;
    }
    const ordered = [...calls.entries()].sort(([a], [b]) => a - b).map(([index, call]) => ({
      ...call,
      id: call.id || `call_${summary.turns}_${index}`,
      name: call.name || "unknown",
    }));
    return { content, calls: ordered };
  }

  private localChatTools(): ChatCompletionInputTool[] {
    return [...this.localTools.values()].map((t) => ({
      type: "function",
      function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.inputSchema },
    }));
  }

  private async execute(call: PendingCall, signal: AbortSignal | undefined) {
    let args: unknown;
    try {
      args = call.arguments.trim() === "" ? {} : JSON.parse(call.arguments);
    } catch (err) {
      return { content: `Invalid JSON generated by the model: ${(err as Error).message}`, isError: true };
    }
    if (!args || typeof args !== "object" || Array.isArray(args)) {
      return { content: "Invalid arguments generated by the model: expected a JSON object", isError: true };
    }
    const local = this.localTools.get(call.name);
    const route = this.route(call.name);
    if (!local && !route) return { content: `Error: No session found for tool: ${call.name}`, isError: true };
    if (this.approve) {
      const request = { id: call.id, tool: call.name, arguments: args as Record<string, unknown>, server: local?.server ?? route?.server.name };
      const decision = await this.approve(request);
      throwIfAborted(signal);
      if (!decision.approved) {
        const why = decision.reason ? `: ${decision.reason}` : "";
        return { content: this.capText(`Not executed: the call was not approved${why}`), isError: true, skipped: true };
      }
    }
    try {
      const result = local
        ? await local.call(args as Record<string, unknown>, { signal })
        : await this.callTool(call.name, args as Record<string, unknown>, { signal, timeout: this.toolTimeout });
      return { content: this.formatResult(result), result, isError: result.isError === true };
    } catch (err) {
      if (signal?.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      return { content: this.capText(`Error: MCP tool call failed with error message: ${message}`), isError: true };
    }
  }
}

function notRun(content: string) {
  return { content, isError: false, skipped: true };
}

function toolMessage(call: PendingCall, content: string): ChatCompletionInputMessageTool {
  return { role: "tool", tool_call_id: call.id, name: call.name, content };
}

function chatFunction(options: AgentOptions): ChatStreamFn {
  const client = options.client ?? new InferenceClient(options.apiKey, options.endpointUrl ? { endpointUrl: options.endpointUrl } : {});
  if (typeof client === "function") return client;
  const method = (client as { chatCompletionStream?: unknown }).chatCompletionStream;
  if (typeof method !== "function") {
    throw new TypeError("Agent: `client` must be an InferenceClient or a function shaped like chatCompletionStream");
  }
  return (args, opts) => method.call(client, args, opts) as AsyncIterable<ChatCompletionStreamOutput>;
}

function addUsage(summary: AgentRunSummary, usage: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number }) {
  const total = (summary.usage ??= { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  total.prompt_tokens += usage.prompt_tokens ?? 0;
  total.completion_tokens += usage.completion_tokens ?? 0;
  total.total_tokens += usage.total_tokens ?? 0;
}

function positiveInt(value: unknown, fallback: number, min = 1): number {
  const n = Math.floor(Number(value));
  return value !== undefined && value !== null && value !== "" && Number.isFinite(n) && n >= min ? n : fallback;
}

function throwIfAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw abortError(signal.reason);
}

function abortError(cause: unknown): Error {
  if (cause instanceof Error && cause.name === "AbortError") return cause;
  const error = new Error("The agent run was aborted", { cause });
  error.name = "AbortError";
  return error;
}
