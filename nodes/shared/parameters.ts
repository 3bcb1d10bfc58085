import { InferenceClientInputError } from "../../lib";
import type { OpenAiStyleOptions, Options } from "../../lib";
import type { NodeMessage } from "./red";

/**
 * Keys a msg never sets in a call's arguments: the ones the library reads from arguments to route a call
 * (`accessToken`, `endpointUrl`, `model`, `provider`) and every client option (where requests go, which
 * credential and bill-to they carry, how they are sent). They come from the hf-config node and the node's own
 * fields only; `msg.model` / `msg.provider` have their own rules. The compiler refuses this table when an option
 * is added to the library and not here.
 */
const RESERVED: { [K in keyof Required<Options & OpenAiStyleOptions> | "accessToken" | "model" | "fetch"]: string } = {
  accessToken: "the credential comes from the hf-config node",
  apiKey: "the credential comes from the hf-config node",
  billTo: "who is billed is set in the hf-config node",
  endpointUrl: "where requests go is set in the hf-config node",
  baseURL: "where requests go is set in the hf-config node",
  hubUrl: "where requests go is set in the hf-config node",
  routerUrl: "where requests go is set in the hf-config node",
  dispatcher: "how requests are sent is set in the hf-config node",
  fetch: "how requests are sent is set in the hf-config node",
  model: "use msg.model (it applies when the node's model is blank)",
  provider: "use msg.provider (it applies when the node's provider is blank)",
  timeout: "the timeout is set in the hf-config node",
  maxRetries: "retries are set in the hf-config node",
  retry_on_error: "retries are set in the hf-config node",
  maxResponseBytes: "size limits are set by the node",
  streamIdleTimeout: "timeouts are set by the node",
  signal: "the node owns the call's lifetime",
  logger: "the node owns the call's logging",
  onProgress: "the node owns the call's status",
  onCallInfo: "the node owns the call's status",
  keepBlobBytes: "the node decides how results are kept",
  outputType: "the node decides the output's form",
  fallbackProviders: "failover is set in the hf-config node",
  allowPrivateUrlInputs: "which addresses inputs may come from is set in Node-RED's settings",
  fileInputDirs: "which folders inputs may be read from is set in Node-RED's settings",
  localModelsDir: "the models folder is set in the hf-config node",
  localDtype: "the weights are set in the hf-config node",
  allowModelDownload: "model downloads are allowed in the hf-config node",
  localMaxModels: "loaded models are set in the hf-config node",
  localThreads: "threads are set in the hf-config node",
};

/**
 * The one gate between msg data and a library call's arguments: `what` (msg.parameters, a payload's extra keys)
 * may carry request parameters (temperature, max_tokens, ...), never a routing, credential or client option key.
 */
export function checkMsgArguments(what: string, value: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(RESERVED, key)) {
      throw new InferenceClientInputError(`${what}.${key} is not allowed from a msg: ${RESERVED[key as keyof typeof RESERVED]}`);
    }
  }
  return value;
}

/**
 * A node's `parameters` JSON text, parsed once at deploy. Invalid JSON does not stop the flow from deploying:
 * each msg then fails with the parse error, which is where a user looks.
 */
export function parseParameters(text: unknown): { value(): Record<string, unknown> } {
  if (typeof text !== "string" || !text.trim()) return { value: () => ({}) };
  let parsed: unknown;
  let error: string | undefined;
  try {
    parsed = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) error = "it must be a JSON object";
  } catch (err) {
    error = (err as Error).message;
  }
  if (error) {
    const message = `Invalid parameters JSON in the node: ${error}`;
    return {
      value: () => {
        throw new InferenceClientInputError(message);
      },
    };
  }
  return { value: () => structuredClone(parsed as Record<string, unknown>) };
}

/** `msg.parameters`, merged over a node's own parameters: an object, or nothing. */
export function msgParameters(msg: NodeMessage): Record<string, unknown> {
  const p = msg.parameters;
  if (p === undefined || p === null) return {};
  if (typeof p !== "object" || Array.isArray(p)) throw new InferenceClientInputError("msg.parameters must be an object");
  return checkMsgArguments("msg.parameters", p as Record<string, unknown>);
}
