import { randomUUID } from "node:crypto";
import type { ApprovalDecision, ApprovalRequest, LocalTool } from "../../lib";
import type { NodeMessage } from "../shared/red";
import { callFlowTool, mcpTool, parseSelection, selectTools, type ToolCaller } from "./registry";

/** The server label flow tools carry in events and approval requests. */
export const FLOW_SERVER = "flow";

/** The flow tools a `flowTools` property selects, as the Agent's local tools (the list as deployed now). */
export function flowLocalTools(selection: unknown, caller: ToolCaller): LocalTool[] {
  const chosen = parseSelection(selection);
  if (chosen !== "*" && !chosen.length) return [];
  return selectTools(chosen).map((tool) => {
    const { name, description, inputSchema } = mcpTool(tool);
    return {
      name,
      description,
      inputSchema: inputSchema as Record<string, unknown>,
      server: FLOW_SERVER,
      call: (args, { signal }) => callFlowTool(name, args, caller, signal),
    };
  });
}

interface Waiting {
  finish(decision: ApprovalDecision): void;
}

/**
 * Human approval of tool calls for one `hf-agent`: asks on output 2 (msg.event "approval_request") and waits for
 * an input msg with msg.approval = {id, approved, reason?}. Ends exactly once: answered, timed out (refused), or
 * the run aborted (redeploy), which rejects so the agent stops.
 */
export class Approvals {
  private readonly waiting = new Map<string, Waiting>();
  private readonly selection: "*" | string[];

  constructor(selection: unknown, private readonly timeoutMs: number) {
    this.selection = parseSelection(selection);
  }

  get enabled(): boolean {
    return this.selection === "*" || this.selection.length > 0;
  }

  needs(tool: string): boolean {
    return this.selection === "*" || this.selection.includes(tool);
  }

  ask(request: ApprovalRequest, send: (msg: NodeMessage) => void, base: NodeMessage, signal?: AbortSignal): Promise<ApprovalDecision> {
    if (!this.needs(request.tool)) return Promise.resolve({ approved: true });
    return new Promise((resolve, reject) => {
      // The model's call id is not ours to trust as unique across runs; the approval id is.
      const id = randomUUID();
      const timer = setTimeout(() => finish({ approved: false, reason: `no answer within ${this.timeoutMs / 1000} s` }), this.timeoutMs);
      const onAbort = () => finish(undefined);
      const finish = (decision: ApprovalDecision | undefined) => {
        if (!this.waiting.delete(id)) return;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (decision) resolve(decision);
        else reject(signal?.reason ?? new Error("aborted"));
      };
      this.waiting.set(id, { finish });
      signal?.addEventListener("abort", onAbort, { once: true });
      const approval = { id, tool: request.tool, arguments: request.arguments, ...(request.server ? { server: request.server } : {}) };
      send({ ...base, event: "approval_request", payload: approval, approval });
    });
  }

  /** Resolves the request msg.approval names; false when none waits under that id (answered already, timed out). */
  answer(approval: unknown): boolean {
    if (!approval || typeof approval !== "object") return false;
    const { id, approved, reason } = approval as { id?: unknown; approved?: unknown; reason?: unknown };
    const waiting = typeof id === "string" ? this.waiting.get(id) : undefined;
    if (!waiting) return false;
    waiting.finish({ approved: approved === true, ...(typeof reason === "string" && reason ? { reason } : {}) });
    return true;
  }
}
