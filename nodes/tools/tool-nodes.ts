import type { JsonSchema } from "../chat/json-schema";
import { translator } from "../shared/i18n";
import type { Node, NodeAPI, NodeDef } from "../shared/red";
import { answerCall, registerTool, unregisterTool, type FlowTool } from "./registry";
import { resultFromMsg } from "./result";

export const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const DEFAULT_TIMEOUT_S = 60;

interface ToolInDef extends NodeDef {
  description?: string;
  schema?: string;
  timeout?: number | string;
}

/** `hf-tool-in`: declares one flow tool; each call starts the flow with msg.payload = the arguments. */
export function registerToolIn(RED: NodeAPI): void {
  RED.nodes.registerType("hf-tool-in", function (this: Node, def: ToolInDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const t = translator(RED);
    // The contract names the property `name`; Node-RED's own `name` (the label) is that same property here.
    const name = String(def.name ?? "").trim();
    if (!TOOL_NAME.test(name)) {
      node.status({ fill: "red", shape: "ring", text: t("status.badToolName", "invalid tool name") });
      node.error(t("status.badToolNameLong", "Invalid tool name \"__name__\": use 1-64 letters, digits, _ or -", { name }));
      return;
    }
    let schema: JsonSchema = { type: "object" };
    const text = typeof def.schema === "string" ? def.schema.trim() : "";
    if (text) {
      try {
        schema = JSON.parse(text) as JsonSchema;
      } catch (err) {
        node.status({ fill: "red", shape: "ring", text: t("status.badSchema", "invalid schema") });
        node.error(t("status.badSchemaLong", "The schema is not valid JSON: __message__", { message: (err as Error).message }));
        return;
      }
    }
    const timeout = Number(def.timeout);
    const tool: FlowTool = {
      name,
      description: String(def.description ?? ""),
      schema,
      timeoutMs: (timeout > 0 ? timeout : DEFAULT_TIMEOUT_S) * 1000,
      start: (msg) => {
        try {
          node.send(msg);
        } catch (err) {
          node.error(err);
        }
      },
      setDuplicate: (duplicate) => {
        if (duplicate) {
          node.status({ fill: "red", shape: "dot", text: t("status.duplicateTool", "duplicate name: __name__", { name }) });
          node.warn(t("status.duplicateToolLong", "Another hf-tool-in node declares the tool \"__name__\": neither serves it until one is renamed", { name }));
        } else node.status({ fill: "green", shape: "dot", text: name });
      },
    };
    registerTool(tool);
    node.on("close", (_removed, done) => {
      unregisterTool(tool, `The flow tool ${name} was stopped (redeployed) before it answered`);
      done();
    });
  } as never);
}

/** `hf-tool-out`: answers the call msg.toolCall names; a late answer (the call already ended) is dropped with a warning. */
export function registerToolOut(RED: NodeAPI): void {
  RED.nodes.registerType("hf-tool-out", function (this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const t = translator(RED);
    node.on("input", (msg, _send, done) => {
      const call = msg.toolCall as { id?: unknown; name?: unknown } | undefined;
      if (!call || typeof call !== "object" || typeof call.id !== "string") {
        done(new Error(t("status.noToolCall", "msg.toolCall is missing: connect this node after an hf-tool-in")));
        return;
      }
      if (!answerCall(call.id, resultFromMsg(msg))) {
        node.warn(t("status.lateAnswer", "Dropped the answer to __name__: the call already ended (timed out, cancelled or redeployed)", { name: String(call.name ?? "") }));
      }
      done();
    });
  } as never);
}
