import { ChatStreamAccumulator, InferenceClientProviderOutputError } from "../lib";
import type { ChatCompletionInputMessage, ChatCompletionOutput, ChatCompletionOutputMessage } from "../lib";
import { parseJsonAnswer } from "./chat/json-output";
import { forMemory, turnFromMsg } from "./chat/messages";
import { jsonExpectation, nodeChatParams, type HfChatDef } from "./chat/settings";
import { nodeMemory } from "./memory/node-memory";
import { DeltaStream } from "./shared/deltas";
import { inputPolicy } from "./shared/input-policy";
import { checkMsgArguments, msgParameters } from "./shared/parameters";
import type { Node, NodeAPI, NodeMessage, SendFn } from "./shared/red";
import { translator, type Translate } from "./shared/i18n";
import { attachInference, type RunContext } from "./shared/runner";
import { ChatFlowTools, DEFAULT_MAX_TOOL_ROUNDS } from "./tools/chat-tools";

type ChatDef = HfChatDef & { flowTools?: string; maxToolRounds?: number | string };

function register(RED: NodeAPI): void {
  RED.nodes.registerType("hf-chat", function (this: Node, def: ChatDef) {
    RED.nodes.createNode(this, def);
    setUpChatNode(RED, this, def);
  } as never);
}

function setUpChatNode(RED: NodeAPI, node: Node, def: ChatDef): void {
  const t = translator(RED);
  const nodeParams = nodeChatParams(def);
  const memory = nodeMemory(RED, node, def, "chat:");
  node.on("close", (_removed, done) => {
    memory.close();
    done();
  });
  const allowUrl = def.allowUrlInputs === true ? inputPolicy(RED) : false;
  /** Raw text of answers that failed JSON checks, for msg.hf.raw beside the error. */

  const model = (msg: NodeMessage) => def.model?.trim() || routingField(msg, "model");
  const maxToolRounds = def.maxToolRounds === "" || def.maxToolRounds === undefined ? DEFAULT_MAX_TOOL_ROUNDS : Math.max(0, Math.floor(Number(def.maxToolRounds)) || 0);

  async function handle({ msg, config, options, send, slot }: RunContext) {
    const turn = await turnFromMsg(msg, allowUrl);
    // A {messages, ...} payload may name the model and provider too; they route like msg.model / msg.provider.
    const payloadParams = { ...turn.params };
    delete payloadParams.model;
    delete payloadParams.provider;
    checkMsgArguments("msg.payload", payloadParams);
    const params = { ...nodeParams(), ...msgParameters(msg), ...payloadParams };
    const chosenModel = model(msg) || routingField(turn.params, "model");
    const provider = def.provider?.trim() || routingField(msg, "provider") || routingField(turn.params, "provider");
    const store = memory.store(config);
    const session = memory.session(msg);

    // Memory is read before taking one of the account's slots and written after giving it back.
    const run = async () => {
      const history = store ? ((await store.load(session)) as ChatCompletionInputMessage[]) : [];
      const messages = withSystemPrompt([...history, ...turn.messages], systemPrompt(msg, def));
      const args: Record<string, unknown> = { ...params, messages, ...(chosenModel ? { model: chosenModel } : {}), ...(provider ? { provider } : {}) };
      const streaming = typeof params.stream === "boolean" ? params.stream : def.stream === true;
      delete args.stream;
      // With flow tools, the model is asked again after each round of them; those rounds are not streamed.
      const flow = new ChatFlowTools(def.flowTools, maxToolRounds, options.signal);
      const conversation = [...messages];
      let output: ChatCompletionOutput;
      let reply: ChatCompletionInputMessage;
      let calls = undefined as ChatCompletionInputMessage["tool_calls"];
      if (flow.active) {
        const request = flow.withTools(args);
        const ask = () => {
          const round = { ...request, messages: [...conversation] };
          // Each model call takes one of the account's slots; the flow tools run between them without one.
          return slot(() => (streaming ? collectStream(round, config.client, options) : (config.client.chatCompletion(round as never, options) as Promise<ChatCompletionOutput>)));
        };
        ({ output, reply, otherCalls: calls } = await flow.run(conversation, ask, replyOf));
      } else {
        output = await slot(async () =>
          streaming
            ? await streamAnswer(args, config.client, options, msg, send, t)
            : ((await config.client.chatCompletion(args as never, options)) as ChatCompletionOutput),
        );
        reply = replyOf(output);
        calls = reply.tool_calls;
      }
      const choice = output.choices[0];
      const text = typeof choice.message.content === "string" ? choice.message.content : "";
      const expected = jsonExpectation(params.response_format);
      let payload: unknown = text;
      // A reply that only calls tools has no JSON to parse yet.
      if (expected.json && !calls?.length) {
        payload = parseJsonAnswer(text, expected.schema);
      }
      // Memory shows in the Context sidebar: the answer is kept with the account's token scrubbed, as it is sent.
      const redact = <T>(m: T): T => config.redactor?.value(m) ?? m;
      if (store) await store.append(session, [...forMemory(turn.messages), ...conversation.slice(messages.length).map(redact), redact(reply)]);

      msg.payload = payload;
      msg.finish_reason = choice.finish_reason;
      if (calls?.length) msg.tool_calls = calls.map(parsedToolCall);
      else delete msg.tool_calls;
      msg.messages = [...conversation, reply];
      return { msg, output, usage: output.usage ?? undefined };
    };
    return store ? store.withSession(session, run) : run();
  }

  attachInference(RED, node, def.config, { task: "conversational", outputs: 2, model, handle, intercept: reset, ownSlot: true });

  /** msg.reset clears the session's memory (in whichever store) and sends nothing. */
  function reset(msg: NodeMessage): Promise<void> | undefined {
    if (!msg.reset) return undefined;
    return memory.reset(msg);
  }
}

/** Streams the answer: each text delta goes out on output 1 as a join-able part; returns the whole completion. */
async function streamAnswer(
  args: Record<string, unknown>,
  client: RunContext["config"]["client"],
  options: RunContext["options"],
  msg: NodeMessage,
  send: SendFn,
  t: Translate,
): Promise<ChatCompletionOutput> {
  // Usage in streams is opt-in on OpenAI-style servers; `stream_options: null` in the parameters turns it off.
  if (args.stream_options === undefined) args.stream_options = { include_usage: true };
  else if (args.stream_options === null) delete args.stream_options;
  // Deltas are copies of the input msg without what would mislead downstream: its images, a previous node's
  // msg.hf, and a `complete` flag that would end the join early.
  const base = { ...msg };
  delete base.images;
  delete base.hf;
  delete base.complete;
  const deltas = new DeltaStream(base, (delta) => send([delta, null]));
  const answer = new ChatStreamAccumulator();
  let pieces = 0;
  let shownAt = 0;
  try {
    for await (const chunk of client.chatCompletionStream(args as never, options)) {
      const text = answer.add(chunk);
      deltas.push(text);
      if (!text) continue;
      pieces++;
      // The status says the answer is flowing, at most once a second (each status update reaches every editor).
      if (Date.now() - shownAt >= 1000) {
        shownAt = Date.now();
        options.onProgress?.(t("status.streaming", "streaming (__n__)", { n: pieces }));
      }
    }
  } catch (err) {
    deltas.abandon();
    throw err;
  }
  deltas.finish();
  return answer.result();
}

/** A streamed answer gathered whole (flow-tool rounds: which reply is the last is only known at its end). */
async function collectStream(args: Record<string, unknown>, client: RunContext["config"]["client"], options: RunContext["options"]): Promise<ChatCompletionOutput> {
  const answer = new ChatStreamAccumulator();
  for await (const chunk of client.chatCompletionStream(args as never, options)) answer.add(chunk);
  return answer.result();
}

/** The system prompt of a msg: msg.system, else the node's (not added when the messages carry their own). */
function systemPrompt(msg: NodeMessage, def: HfChatDef): string | undefined {
  if (typeof msg.system === "string" && msg.system.trim()) return msg.system;
  return def.systemPrompt?.trim() ? def.systemPrompt : undefined;
}

function withSystemPrompt(messages: ChatCompletionInputMessage[], system: string | undefined): ChatCompletionInputMessage[] {
  if (!system || messages.some((m) => m.role === "system")) return messages;
  return [{ role: "system", content: system }, ...messages];
}

function replyOf(output: ChatCompletionOutput): ChatCompletionInputMessage {
  const choice = output.choices[0];
  if (!choice) throw new InferenceClientProviderOutputError("The model returned no choices");
  return assistantMessage(choice.message);
}

/** The reply as it goes back into a conversation (memory, msg.messages): OpenAI's shape, arguments as text. */
function assistantMessage(message: ChatCompletionOutputMessage): ChatCompletionInputMessage {
  const reply: ChatCompletionInputMessage = { role: "assistant", content: message.content ?? "" };
  if (message.tool_calls?.length) {
    reply.tool_calls = message.tool_calls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.function.name, arguments: c.function.arguments },
    }));
  }
  return reply;
}

/** A tool call for msg.tool_calls: the arguments parsed (kept as text when they are not JSON). */
function parsedToolCall(call: NonNullable<ChatCompletionInputMessage["tool_calls"]>[number]) {
  let args: unknown = call.function.arguments;
  if (typeof args === "string") {
    try {
      args = args.trim() ? JSON.parse(args) : {};
    } catch {
      /* the model wrote invalid JSON: leave the text for the flow to see */
    }
  }
  return { id: call.id, type: call.type, function: { name: call.function.name, arguments: args } };
}

function routingField(holder: Record<string, unknown>, key: "model" | "provider"): string | undefined {
  const value = holder[key];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

export = register;
