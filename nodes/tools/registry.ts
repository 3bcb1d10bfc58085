import { randomUUID } from "node:crypto";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { validateJson, type JsonSchema } from "../chat/json-schema";
import type { NodeMessage } from "../shared/red";

export type ToolCaller = "agent" | "chat" | "mcp";

/** One `hf-tool-in` node as the registry sees it. */
export interface FlowTool {
  name: string;
  description: string;
  schema: JsonSchema;
  timeoutMs: number;
  /** Starts the flow for one call (sends the msg); must not throw. */
  start(msg: NodeMessage): void;
  /** Told whether its name is shared with another tool (both are then refused). */
  setDuplicate(duplicate: boolean): void;
}

interface PendingCall {
  tool: FlowTool;
  finish(result: CallToolResult): void;
}

/**
 * The flow tools of the runtime, by name, and the calls waiting for an `hf-tool-out`. Runtime-wide on purpose:
 * a tool declared in one tab is callable from an agent or the MCP endpoint in another, as `link` nodes are.
 * A name held by two nodes serves neither, so a copy-pasted flow never silently takes over another's calls.
 */
const byName = new Map<string, Set<FlowTool>>();
const pending = new Map<string, PendingCall>();

export function registerTool(tool: FlowTool): void {
  const holders = byName.get(tool.name) ?? new Set<FlowTool>();
  holders.add(tool);
  byName.set(tool.name, holders);
  for (const t of holders) t.setDuplicate(holders.size > 1);
}

/** Removes a tool (its node closes): the calls it still owes end with an error, the other holder of its name (if any) is valid again. */
export function unregisterTool(tool: FlowTool, reason: string): void {
  const holders = byName.get(tool.name);
  holders?.delete(tool);
  if (holders && !holders.size) byName.delete(tool.name);
  for (const t of holders ?? []) t.setDuplicate(holders!.size > 1);
  for (const call of [...pending.values()]) if (call.tool === tool) call.finish(errorResult(reason));
}

/** A tool selection as the nodes write it: blank none, `*` all, else comma-separated names. */
export function parseSelection(text: unknown): "*" | string[] {
  const s = typeof text === "string" ? text.trim() : "";
  if (s === "*") return "*";
  return s ? s.split(",").map((n) => n.trim()).filter(Boolean) : [];
}

/** The usable (uniquely named) tools a selection names, in name order. Read at each use: the list follows deploys. */
export function selectTools(selection: "*" | string[]): FlowTool[] {
  const names = selection === "*" ? [...byName.keys()].sort() : selection;
  return names.flatMap((n) => {
    const holders = byName.get(n);
    return holders && holders.size === 1 ? [...holders] : [];
  });
}

/** A tool in MCP's `tools/list` shape. */
export function mcpTool(tool: FlowTool): Tool {
  return { name: tool.name, description: tool.description, inputSchema: tool.schema as Tool["inputSchema"] };
}

export function errorResult(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

/**
 * Calls a flow tool and resolves with its result; never rejects. Ends exactly once: answered by an `hf-tool-out`,
 * refused (unknown tool, invalid arguments), timed out, aborted by `signal`, or failed by a redeploy.
 */
export function callFlowTool(name: string, args: unknown, caller: ToolCaller, signal?: AbortSignal): Promise<CallToolResult> {
  const holders = byName.get(name);
  if (!holders?.size) return Promise.resolve(errorResult(`No flow tool named "${name}" is deployed`));
  if (holders.size > 1) return Promise.resolve(errorResult(`The flow tool name "${name}" is used by ${holders.size} nodes, so none of them serves it`));
  const [tool] = holders;
  const problems = validateJson(args, tool.schema);
  if (problems.length) return Promise.resolve(errorResult(`Invalid arguments for ${name}: ${problems.slice(0, 5).join("; ")}`));
  if (signal?.aborted) return Promise.resolve(errorResult("Cancelled before the flow started"));

  return new Promise((resolve) => {
    const id = randomUUID();
    let ended = false;
    const finish = (result: CallToolResult) => {
      if (ended) return;
      ended = true;
      pending.delete(id);
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const timer = setTimeout(() => finish(errorResult(`The flow tool ${name} did not answer within ${tool.timeoutMs / 1000} s`)), tool.timeoutMs);
    const onAbort = () => finish(errorResult("Cancelled by the caller"));
    signal?.addEventListener("abort", onAbort, { once: true });
    pending.set(id, { tool, finish });
    tool.start({ payload: args, toolCall: { id, name, arguments: args, caller } });
  });
}

/** Answers a call; false when it already ended (timed out, cancelled, redeployed) or never existed. */
export function answerCall(id: unknown, result: CallToolResult): boolean {
  if (typeof id !== "string") return false;
  const call = pending.get(id);
  if (!call) return false;
  call.finish(result);
  return true;
}
