import { translator } from "./shared/i18n";
import { statusText } from "./shared/status-text";
import type { McpServerNode } from "./mcp/server-node";
import { contentWithBuffers, payloadOf } from "./mcp/tool-output";
import type { DoneFn, Node, NodeAPI, NodeDef, NodeMessage, SendFn } from "./shared/red";

interface McpToolDef extends NodeDef {
  server?: string;
  action?: string;
  tool?: string;
  /** Seconds; blank: the SDK's 60 s. */
  timeout?: number | string;
}

/**
 * `hf-mcp-tool`: lists an MCP server's tools, or calls one (the configured tool, else msg.topic) with msg.payload
 * as its arguments. Every msg ends in one output msg or one done(err); redeploy cancels calls in flight.
 */
function register(RED: NodeAPI): void {
  RED.nodes.registerType("hf-mcp-tool", function (this: Node, def: McpToolDef) {
    RED.nodes.createNode(this, def);
    setUp(RED, this, def);
  } as never);
}

function setUp(RED: NodeAPI, node: Node, def: McpToolDef): void {
  const server = (typeof def.server === "string" && RED.nodes.getNode(def.server)) as McpServerNode | null;
  const action = def.action === "list" ? "list" : "call";
  const timeoutS = Number(def.timeout);
  const timeout = def.timeout !== "" && def.timeout !== undefined && timeoutS > 0 ? timeoutS * 1000 : undefined;
  const inflight = new Set<AbortController>();
  const t = translator(RED);
  if (!server) node.status({ fill: "red", shape: "ring", text: t("status.noServer", "no MCP server") });
  else server.register(node);

  node.on("input", function (msg, send, done) {
    run(msg, send, done).catch((err) => fail(done, err));
  });

  async function run(msg: NodeMessage, send: SendFn, done: DoneFn) {
    if (!server) return fail(done, new Error("No MCP server selected"));
    if (!server.connection) return fail(done, new Error(`Invalid MCP server configuration: ${server.configError}`));
    const connection = server.connection;
    const controller = new AbortController();
    inflight.add(controller);
    const started = Date.now();
    try {
      if (action === "list") {
        node.status({ fill: "blue", shape: "ring", text: t("status.listing", "listing tools") });
        msg.payload = await connection.listTools({ signal: controller.signal, timeout });
      } else {
        const name = def.tool?.trim() || (typeof msg.topic === "string" ? msg.topic.trim() : "");
        if (!name) throw new Error("No tool: set the node's tool, or msg.topic");
        const args = toolArguments(msg.payload);
        node.status({ fill: "blue", shape: "ring", text: statusText(t("status.calling", "calling __name__", { name })) });
        const result = await connection.callTool(name, args, { signal: controller.signal, timeout });
        const content = contentWithBuffers(result.content as never);
        const { payload, contentType } = payloadOf(result, content);
        msg.payload = payload;
        if (contentType) msg.contentType = contentType;
        msg.mcp = {
          server: connection.name,
          tool: name,
          isError: result.isError === true,
          content,
          ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
        };
        if (result.isError) {
          inflight.delete(controller);
          node.status({ fill: "yellow", shape: "ring", text: statusText(`${t("status.toolError", "tool error")}: ${String(payload)}`) });
          send(msg);
          return done();
        }
      }
      inflight.delete(controller);
      node.status({ fill: "green", shape: "dot", text: t("status.done", "__ms__ ms", { ms: Date.now() - started }) });
      send(msg);
      done();
    } catch (err) {
      inflight.delete(controller);
      fail(done, controller.signal.aborted ? abortedError(err) : err);
    }
  }

  function fail(done: DoneFn, err: unknown) {
    const source = err instanceof Error ? err : new Error(String(err));
    const error = new Error(server ? server.redact(source.message) : source.message);
    error.name = source.name;
    const code = (source as { code?: unknown }).code;
    if (code !== undefined) (error as Error & { code?: unknown }).code = code;
    node.status({ fill: "red", shape: "ring", text: statusText(source.name === "AbortError" ? t("status.aborted", "aborted") : error.message) });
    done(error);
  }

  node.on("close", (_removed, done) => {
    for (const controller of inflight) controller.abort();
    inflight.clear();
    server?.deregister(node);
    node.status({});
    done();
  });
}

/** msg.payload as tool arguments: an object (undefined / null / "" mean none). */
function toolArguments(payload: unknown): Record<string, unknown> {
  if (payload === undefined || payload === null || payload === "") return {};
  if (typeof payload === "object" && !Array.isArray(payload) && !Buffer.isBuffer(payload)) return payload as Record<string, unknown>;
  throw new Error(`msg.payload must be an object of the tool's arguments, got ${Array.isArray(payload) ? "an array" : typeof payload}`);
}

function abortedError(cause: unknown): Error {
  const error = new Error("Aborted: the flow was redeployed or stopped", { cause });
  error.name = "AbortError";
  return error;
}

export = register;
