import type { AgentEvent } from "../../lib";
import type { NodeMessage } from "../shared/red";
import { contentWithBuffers } from "./tool-output";

/**
 * The msgs of `hf-agent`'s second output, one per event, each a shallow copy of the input msg with
 * `msg.event` naming it: `text` (payload: a text delta), `tool_call` (payload: {id, name, arguments, server}),
 * `tool_result` (payload: the text handed to the model; msg.mcp: {isError, content, structuredContent}).
 */
export function textEvent(base: NodeMessage, text: string, turn: number): NodeMessage {
  return { ...base, event: "text", turn, payload: text };
}

export function toolEvent(base: NodeMessage, event: Exclude<AgentEvent, { type: "turn" }>, turn: number): NodeMessage {
  if (event.type === "tool_call") {
    let args: unknown = event.arguments;
    try {
      args = event.arguments.trim() ? JSON.parse(event.arguments) : {};
    } catch {
      /* invalid JSON from the model: the text as it came */
    }
    return {
      ...base,
      event: "tool_call",
      turn,
      payload: { id: event.id, name: event.name, arguments: args, ...(event.server ? { server: event.server } : {}), exit: event.exit },
    };
  }
  const out: NodeMessage = { ...base, event: "tool_result", turn, payload: event.content };
  out.tool = { id: event.id, name: event.name, ...(event.server ? { server: event.server } : {}), ...(event.skipped ? { skipped: true } : {}) };
  out.mcp = {
    isError: event.isError,
    content: contentWithBuffers(event.result?.content as never),
    ...(event.result?.structuredContent !== undefined ? { structuredContent: event.result.structuredContent } : {}),
  };
  return out;
}
