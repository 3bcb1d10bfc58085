import { InferenceClientInputError, type Options } from "../lib";
import { applyOutput, inputsFromMsg } from "./shared/msg-io";
import { parseParameters } from "./shared/parameters";
import type { Node, NodeAPI, NodeDef, NodeMessage } from "./shared/red";
import { attachInference } from "./shared/runner";
import { TASK_NODES, nodeType, type TaskNodeRow } from "./task-table";

interface TaskNodeDef extends NodeDef {
  config?: string;
  model?: string;
  provider?: string;
  parameters?: string;
  allowUrlInputs?: boolean;
}

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
  attachInference(RED, node, def.config, {
    task: row.task,
    model,
    async handle({ msg, config, options }) {
      const parameters = { ...nodeParams.value(), ...msgParameters(msg) };
      const args: Record<string, unknown> = {
        inputs: inputsFromMsg(row.input, msg, def, def.allowUrlInputs === true),
        ...(Object.keys(parameters).length ? { parameters } : {}),
      };
      const m = model(msg);
      if (m) args.model = m;
      const provider = def.provider?.trim() || (typeof msg.provider === "string" ? msg.provider : "");
      if (provider) args.provider = provider;
      const call = (config.client as unknown as Record<string, (a: unknown, o: Options) => Promise<unknown>>)[row.method];
      const output = await call.call(config.client, args, options);
      return { msg, output: await applyOutput(row.output, msg, output) };
    },
  });
}

function msgParameters(msg: NodeMessage): Record<string, unknown> {
  const p = msg.parameters;
  if (p === undefined || p === null) return {};
  if (typeof p !== "object" || Array.isArray(p)) throw new InferenceClientInputError("msg.parameters must be an object");
  return p as Record<string, unknown>;
}

export = register;
