import type { ChatCompletionInputMessage, ChatCompletionOutput, LocalTool } from "../../lib";
import { formatToolResult } from "../../lib";
import { flowLocalTools } from "./agent-tools";

export const DEFAULT_MAX_TOOL_ROUNDS = 5;

type Call = NonNullable<ChatCompletionInputMessage["tool_calls"]>[number];

/**
 * hf-chat's flow-tool rounds: the flow tools the `flowTools` property selects are added to the request's tools;
 * while the model calls only such tools (and rounds are left), they run and the conversation goes on. Calls of
 * other tools end the loop and come out in msg.tool_calls as without flow tools, after the flow tools of the same
 * reply ran (their results are in msg.messages).
 */
export class ChatFlowTools {
  private readonly tools: Map<string, LocalTool>;

  constructor(selection: unknown, private readonly maxRounds: number, private readonly signal?: AbortSignal) {
    this.tools = new Map(flowLocalTools(selection, "chat").map((t) => [t.name, t]));
  }

  get active(): boolean {
    return this.tools.size > 0;
  }

  /** The request's tools with the flow tools added (a tool the node already declares keeps its definition). */
  withTools(args: Record<string, unknown>): Record<string, unknown> {
    const own = Array.isArray(args.tools) ? (args.tools as Array<{ function?: { name?: string } }>) : [];
    const taken = new Set(own.map((t) => t.function?.name));
    const added = [...this.tools.values()]
      .filter((t) => !taken.has(t.name))
      .map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.inputSchema } }));
    return { ...args, tools: [...own, ...added] };
  }

  /**
   * Runs the model until it answers without flow-tool calls (or rounds run out). `ask` makes one model call with
   * the messages so far; `messages` is extended in place with each reply and tool result.
   */
  async run(
    messages: ChatCompletionInputMessage[],
    ask: () => Promise<ChatCompletionOutput>,
    toReply: (output: ChatCompletionOutput) => ChatCompletionInputMessage,
  ): Promise<{ output: ChatCompletionOutput; reply: ChatCompletionInputMessage; otherCalls: Call[] }> {
    for (let round = 0; ; round++) {
      const output = await ask();
      const reply = toReply(output);
      const calls = reply.tool_calls ?? [];
      const flowCalls = calls.filter((c) => this.tools.has(c.function.name));
      const otherCalls = calls.filter((c) => !this.tools.has(c.function.name));
      if (!flowCalls.length || round >= this.maxRounds) return { output, reply, otherCalls: round >= this.maxRounds ? calls : otherCalls };
      messages.push(reply);
      for (const call of flowCalls) messages.push({ role: "tool", tool_call_id: call.id, content: await this.runCall(call) } as ChatCompletionInputMessage);
      if (otherCalls.length) return { output, reply, otherCalls };
    }
  }

  private async runCall(call: Call): Promise<string> {
    let args: unknown;
    try {
      args = call.function.arguments.trim() ? JSON.parse(call.function.arguments) : {};
    } catch (err) {
      return `Error: invalid JSON arguments: ${(err as Error).message}`;
    }
    if (!args || typeof args !== "object" || Array.isArray(args)) return "Error: the arguments must be a JSON object";
    const result = await this.tools.get(call.function.name)!.call(args as Record<string, unknown>, { signal: this.signal });
    return formatToolResult(result);
  }
}
