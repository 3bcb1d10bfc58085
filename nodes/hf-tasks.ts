import type { Options } from "../lib";
import { DeltaStream } from "./shared/deltas";
import { applyOutput, argsFromMsg, inFlowTerms } from "./shared/msg-io";
import { msgParameters, parseParameters } from "./shared/parameters";
import type { Node, NodeAPI, NodeDef, NodeMessage, SendFn } from "./shared/red";
import { attachInference } from "./shared/runner";
import { batchSettings } from "./task-table/batching";
import { TASK_NODES, nodeType, outputCount, type TaskNodeRow } from "./task-table";

interface TaskNodeDef extends NodeDef {
  config?: string;
  model?: string;
  provider?: string;
  parameters?: string;
  allowUrlInputs?: boolean;
  preview?: boolean;
  batchSize?: number | string;
  batchWindow?: number | string;
}

type ClientMethod = (args: unknown, options: Options) => unknown;

/** Registers one Node-RED type per row of the task table; they differ only by their row. */
function register(RED: NodeAPI): void {
  for (const row of TASK_NODES) {
    RED.nodes.registerType(nodeType(row), function (this: Node, def: TaskNodeDef) {
      RED.nodes.createNode(this, def);
      setUpTaskNode(RED, this, def, row);
    } as never);
  }
}

function setUpTaskNode(RED: NodeAPI, node: Node, def: TaskNodeDef, row: TaskNodeRow): void {
  const nodeParams = parseParameters(def.parameters);
  const model = (msg: NodeMessage) => def.model?.trim() || (typeof msg.model === "string" ? msg.model : undefined);
  const streaming = row.streaming && def[row.streaming.field] === true ? row.streaming : undefined;
  /** The library call of one msg: its input, parameters, model and provider. */
  /** The call's arguments, and where each input came from on the msg (errors are told in those words). */
  function callArgs(msg: NodeMessage) {
    const callParams = { ...nodeParams.value(), ...msgParameters(msg) };
    const { inputs, parameters: fieldParams, sources } = argsFromMsg(row.input, msg, def, def.allowUrlInputs === true, callParams);
    const parameters = { ...callParams, ...fieldParams };
    const args: Record<string, unknown> = { inputs, ...(Object.keys(parameters).length ? { parameters } : {}) };
    const m = model(msg);
    if (m) args.model = m;
    const provider = def.provider?.trim() || (typeof msg.provider === "string" ? msg.provider : "");
    if (provider) args.provider = provider;
    return { args, sources };
  }
  const batching = row.batchable && !streaming ? batchSettings(def) : undefined;
  attachInference(RED, node, def.config, {
    task: row.task,
    model,
    outputs: outputCount(row),
    preview: def.preview === true,
    batch: batching && {
      ...batching,
      prepare(msg) {
        const { args } = callArgs(msg);
        // A msg that already holds a list is a batch of its own.
        if (Array.isArray(args.inputs)) return undefined;
        const { inputs: _inputs, ...rest } = args;
        return { key: JSON.stringify(rest), args };
      },
      async call(argsList, options, config) {
        const client = config.client as unknown as Record<string, ClientMethod>;
        if (argsList.length === 1) return [await client[row.method].call(client, argsList[0], options)];
        const output = await client[row.method].call(client, { ...argsList[0], inputs: argsList.map((a) => a.inputs) }, options);
        // The library answers a list of inputs with one output per input, in order (as @huggingface/inference).
        if (!Array.isArray(output)) throw new Error("The provider did not answer the batch with a list of results");
        return output;
      },
      async finish(msg, output) {
        return { msg, output: await applyOutput(row.output, msg, output) };
      },
    },
    async handle({ msg, config, options, send }) {
      const { args, sources } = callArgs(msg);
      const inputs = args.inputs;
      const client = config.client as unknown as Record<string, ClientMethod>;
      try {
        if (streaming) {
          const output = await streamText(client[streaming.method].call(client, args, options) as AsyncIterable<StreamEvent>, msg, send);
          return { msg, output: await applyOutput(row.output, msg, output) };
        }
        const output = await client[row.method].call(client, args, options);
        return { msg, output: await applyOutput(row.output, msg, output, Array.isArray(inputs)) };
      } catch (err) {
        throw inFlowTerms(err, sources);
      }
    },
  });
}

/** A TGI-style stream event, as `textGenerationStream` yields them. */
interface StreamEvent {
  token?: { text?: string; special?: boolean };
  generated_text?: string | null;
  details?: unknown;
}

/**
 * Sends each token's text on output 1 as a join-compatible delta and returns the final output (the whole text and
 * the details), which the runner sends on output 2. On failure the deltas already sent stay sent.
 */
async function streamText(events: AsyncIterable<StreamEvent>, msg: NodeMessage, send: SendFn) {
  const deltas = new DeltaStream(msg, (delta) => send([delta, null]));
  let text = "";
  let final: StreamEvent | undefined;
  try {
    for await (const event of events) {
      const piece = event.token && !event.token.special ? (event.token.text ?? "") : "";
      text += piece;
      deltas.push(piece);
      if (typeof event.generated_text === "string") final = event;
    }
  } catch (err) {
    deltas.abandon();
    throw err;
  }
  deltas.finish();
  return { generated_text: final?.generated_text ?? text, ...(final?.details ? { details: final.details } : {}) };
}

export = register;
