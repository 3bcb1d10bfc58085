import { Agent, DEFAULT_SYSTEM_PROMPT, InferenceClientInputError, type ChatCompletionInputMessage, type McpServerConnection } from "../lib";
import type { StoredMessage } from "./memory/store";
import { nodeMemory, type MemoryDef } from "./memory/node-memory";
import { forMemory, turnFromMsg } from "./chat/messages";
import { textEvent, toolEvent } from "./mcp/agent-events";
import type { McpServerNode } from "./mcp/server-node";
import { msgParameters, parseParameters } from "./shared/parameters";
import type { Node, NodeAPI, NodeDef, NodeMessage } from "./shared/red";
import { attachInference, type RunContext } from "./shared/runner";
import { Approvals, flowLocalTools } from "./tools/agent-tools";
import { translator } from "./shared/i18n";

interface HfAgentDef extends NodeDef, MemoryDef {
  config?: string;
  model?: string;
  provider?: string;
  servers?: unknown;
  systemPrompt?: string;
  maxTurns?: number | string;
  maxToolCalls?: number | string;
  parameters?: string;
  flowTools?: string;
  approval?: string;
  approvalTimeout?: number | string;
}

/**
 * `hf-agent`: a model and the tools of its MCP servers in the Tiny Agents loop. Output 1: the final answer
 * (msg.hf.task "conversational"); output 2: one msg per event (text delta, tool call, tool result).
 */
function register(RED: NodeAPI): void {
  RED.nodes.registerType("hf-agent", function (this: Node, def: HfAgentDef) {
    RED.nodes.createNode(this, def);
    setUp(RED, this, def);
  } as never);
}

function setUp(RED: NodeAPI, node: Node, def: HfAgentDef): void {
  const serverIds = Array.isArray(def.servers) ? def.servers.filter((s): s is string => typeof s === "string") : [];
  /**
   * Looked up for each msg, not once: Node-RED does not restart this node when one of several servers in an array
   * property is redeployed, and the old server node is closed by then.
   */
  const registered = new Set<McpServerNode>();
  const currentServers = () =>
    serverIds.map((id) => {
      const server = RED.nodes.getNode(id) as McpServerNode | null;
      if (server && !registered.has(server)) {
        registered.add(server);
        server.register(node);
      }
      return server;
    });
  currentServers();
  const memory = nodeMemory(RED, node, { ...def, memoryTurns: undefined, contextStore: undefined }, "agent:");
  const nodeParams = parseParameters(def.parameters);
  const approvals = new Approvals(def.approval, (Number(def.approvalTimeout) > 0 ? Number(def.approvalTimeout) : 300) * 1000);
  const model = (msg: NodeMessage) => def.model?.trim() || (typeof msg.model === "string" && msg.model.trim() ? msg.model.trim() : undefined);

  async function handle({ msg, config, options, send, slot }: RunContext) {
    const connections = currentServers().map((s, i) => {
      if (!s) throw new InferenceClientInputError(`MCP server ${serverIds[i]} was not found (deleted?)`);
      if (!s.connection) throw new InferenceClientInputError(`Invalid MCP server configuration: ${s.configError}`);
      return s.connection;
    });
    const m = model(msg);
    if (!m) throw new InferenceClientInputError("No model: set the node's model or msg.model");
    const turn = await turnFromMsg(msg, false);
    const provider = def.provider?.trim() || (typeof msg.provider === "string" ? msg.provider.trim() : "") || undefined;
    const store = memory.store(config);
    const session = memory.session(msg);
    // The run gets a signal of its own, following the node's: the MCP SDK never removes the abort listener it adds
    // for a tool call, and the node's signal lives as long as the node.
    const ownAbort = new AbortController();
    const follow = () => ownAbort.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", follow, { once: true });
    const stopFollowing = () => options.signal?.removeEventListener("abort", follow);
    options = { ...options, signal: ownAbort.signal };

    const approvalBase = { ...msg };
    delete approvalBase.images;
    const run = async () => {
      // Memory is read before taking one of the account's slots and written after giving it back.
      const history = store ? ((await store.load(session)) as ChatCompletionInputMessage[]) : [];
      const system = (typeof msg.system === "string" && msg.system.trim()) || def.systemPrompt?.trim() || DEFAULT_SYSTEM_PROMPT;
      const messages: ChatCompletionInputMessage[] = [...history, ...turn.messages];
      if (!messages.some((x) => x.role === "system")) messages.unshift({ role: "system", content: system });
      const before = messages.length;
      const agent = new Agent({
        client: config.client,
        model: m,
        provider,
        servers: connections as McpServerConnection[],
        maxTurns: Number(def.maxTurns) || undefined,
        maxToolCalls: def.maxToolCalls === "" || def.maxToolCalls === undefined ? undefined : Number(def.maxToolCalls),
        parameters: chatParameters({ ...nodeParams.value(), ...msgParameters(msg) }),
        chatOptions: options,
        localTools: flowLocalTools(def.flowTools, "agent"),
        ...(approvals.enabled ? { approve: (request) => approvals.ask(request, (event) => send([null, event]), approvalBase, options.signal) } : {}),
      });
      const result = await slot(async () => {
      try {
        // Connecting is bounded by each server's timeout (60 s by default) and ends on redeploy.
        await agent.loadTools({ signal: options.signal });
        const base = { ...msg };
        delete base.images;
        const emit = (event: NodeMessage) => send([null, event]);
        let turnNo = 0;
        const gen = agent.run(messages, {
          signal: options.signal,
          onEvent: (event) => {
            if (event.type === "turn") turnNo = event.turn;
            else emit(toolEvent(base, event, turnNo));
          },
        });
        for (;;) {
          const step = await gen.next();
          if (step.done) {
            const summary = step.value;
            msg.payload = summary.text;
            msg.messages = messages;
            return {
              msg,
              output: { stopReason: summary.stopReason, turns: summary.turns, toolCalls: summary.toolCalls, text: summary.text },
              usage: summary.usage,
            };
          }
          const item = step.value as { choices?: Array<{ delta?: { content?: unknown } }>; role?: string };
          if (item.role === "tool") continue; // reported through onEvent, with the MCP result
          const text = item.choices?.[0]?.delta?.content;
          if (typeof text === "string" && text) emit(textEvent(base, text, turnNo));
        }
      } finally {
        await agent.cleanup();
      }
      });
      if (store) await store.append(session, [...forMemory(turn.messages), ...(messages.slice(before) as StoredMessage[])]);
      return result;
    };
    try {
      return await (store ? store.withSession(session, run) : run());
    } catch (err) {
      // The servers' env and header values never reach msg.error, whatever a server echoed.
      if (err instanceof Error) err.message = currentServers().reduce((text, s) => (s ? s.redact(text) : text), err.message);
      throw err;
    } finally {
      stopFollowing();
    }
  }

  // The runner sends the result as a single msg, so it leaves on output 1; events go to output 2 through send.
  attachInference(RED, node, def.config, {
    task: "conversational",
    outputs: 2,
    resultOutput: 0,
    model,
    handle,
    ownSlot: true,
    intercept: (msg) => {
      // An approval answer resolves a waiting tool call and starts no turn.
      if (msg.approval !== undefined) {
        if (!approvals.answer(msg.approval)) node.warn(translator(RED)("status.unknownApproval", "No approval request waits under that id (answered already or timed out)"));
        return Promise.resolve();
      }
      // msg.reset clears the conversation of the msg's session and sends nothing (as hf-chat).
      return msg.reset ? memory.reset(msg) : undefined;
    },
  });

  node.on("close", (_removed, done) => {
    for (const s of registered) s.deregister(node);
    memory.close();
    registered.clear();
    done();
  });
}

/** Usage in streams is opt-in on OpenAI-style servers: asked for unless `stream_options` says otherwise (null: off). */
function chatParameters(params: Record<string, unknown>): Record<string, unknown> {
  if (params.stream_options === undefined) return { ...params, stream_options: { include_usage: true } };
  if (params.stream_options === null) {
    const { stream_options: _off, ...rest } = params;
    void _off;
    return rest;
  }
  return params;
}

export = register;
