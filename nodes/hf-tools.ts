import type { NodeAPI } from "./shared/red";
import { registerEndpoint } from "./tools/endpoint-node";
import { registerToolIn, registerToolOut } from "./tools/tool-nodes";

/** Flows as tools: `hf-tool-in` / `hf-tool-out` declare and answer them, `hf-mcp-endpoint` serves them over MCP. */
function register(RED: NodeAPI): void {
  registerToolIn(RED);
  registerToolOut(RED);
  registerEndpoint(RED);
}

export = register;
