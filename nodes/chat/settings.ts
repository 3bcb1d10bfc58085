import { InferenceClientInputError } from "../../lib";
import { parseParameters } from "../shared/parameters";
import type { MemoryDef } from "../memory/node-memory";
import type { NodeDef } from "../shared/red";
import type { JsonSchema } from "./json-schema";
import { isPlainObject } from "./messages";

/** The properties `hf-chat` is saved with (see the contract). */
export interface HfChatDef extends NodeDef, MemoryDef {
  config?: string;
  model?: string;
  provider?: string;
  parameters?: string;
  allowUrlInputs?: boolean;
  systemPrompt?: string;
  stream?: boolean;
  responseFormat?: "text" | "json_object" | "json_schema" | "";
  jsonSchema?: string;
  tools?: string;
  toolChoice?: string;
  memory?: boolean;
  memoryTurns?: number | string;
  contextStore?: string;
  temperature?: number | string;
  maxTokens?: number | string;
  topP?: number | string;
  stop?: string;
  seed?: number | string;
}

/**
 * The request parameters a node adds to every call, read once at deploy: its parameters JSON, then its own
 * fields (sampling, response format, tools), which win. A field with bad JSON does not stop the deploy: each
 * msg then fails with the reason.
 */
export function nodeChatParams(def: HfChatDef): () => Record<string, unknown> {
  const base = parseParameters(def.parameters);
  let fields: Record<string, unknown> = {};
  let problem: string | undefined;
  try {
    fields = fieldParams(def);
  } catch (err) {
    problem = (err as Error).message;
  }
  return () => {
    if (problem) throw new InferenceClientInputError(problem);
    return { ...base.value(), ...structuredClone(fields) };
  };
}

function fieldParams(def: HfChatDef): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const num = (value: unknown, name: string, integer = false) => {
    if (value === undefined || value === null || String(value).trim() === "") return;
    const n = Number(value);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new Error(`Invalid ${name} in the node: ${value}`);
    out[name] = n;
  };
  num(def.temperature, "temperature");
  num(def.maxTokens, "max_tokens", true);
  num(def.topP, "top_p");
  num(def.seed, "seed", true);
  const stop = def.stop?.trim();
  if (stop) out.stop = stopSequences(def.stop as string);
  const format = responseFormat(def);
  if (format) out.response_format = format;
  const tools = parseTools(def.tools);
  if (tools.length) {
    out.tools = tools;
    const choice = toolChoice(def.toolChoice);
    if (choice !== undefined) out.tool_choice = choice;
  }
  return out;
}

/** A JSON array of strings (`["\n\n", "END"]`), else the text itself as one stop sequence. */
function stopSequences(text: string): string | string[] {
  if (text.trim().startsWith("[")) {
    try {
      const list = JSON.parse(text);
      if (Array.isArray(list) && list.every((s) => typeof s === "string")) return list;
    } catch {
      /* not JSON: a literal stop sequence */
    }
  }
  return text;
}

function responseFormat(def: HfChatDef): Record<string, unknown> | undefined {
  switch (def.responseFormat) {
    case "json_object":
      return { type: "json_object" };
    case "json_schema": {
      const text = def.jsonSchema?.trim();
      if (!text) throw new Error("Response format is JSON schema but the node has no schema");
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new Error(`Invalid JSON schema in the node: ${(err as Error).message}`);
      }
      if (!isPlainObject(parsed)) throw new Error("Invalid JSON schema in the node: it must be a JSON object");
      // Either OpenAI's wrapper {name, schema, strict?} or a bare schema.
      const wrapped = isPlainObject(parsed.schema) && (typeof parsed.name === "string" || parsed.type === undefined);
      const json_schema = wrapped ? { name: "response", ...parsed } : { name: "response", schema: parsed };
      return { type: "json_schema", json_schema };
    }
    default:
      return undefined;
  }
}

/** OpenAI tools, or the short form `{name, description, parameters}` which gets wrapped. */
export function parseTools(text: unknown): Array<Record<string, unknown>> {
  if (typeof text !== "string" || !text.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`Invalid tools JSON in the node: ${(err as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((tool, i) => {
    if (!isPlainObject(tool)) throw new Error(`Invalid tools JSON in the node: tools[${i}] is not an object`);
    if (isPlainObject(tool.function)) return { type: "function", ...tool };
    if (typeof tool.name === "string") return { type: "function", function: tool };
    throw new Error(`Invalid tools JSON in the node: tools[${i}] has no function name`);
  });
}

function toolChoice(value: unknown): unknown {
  const choice = typeof value === "string" ? value.trim() : "";
  if (!choice) return undefined;
  if (choice === "auto" || choice === "none" || choice === "required") return choice;
  return { type: "function", function: { name: choice } };
}

/** Whether the answer must be JSON, and the schema it must fit, from the request's `response_format`. */
export function jsonExpectation(format: unknown): { json: boolean; schema?: JsonSchema } {
  if (!isPlainObject(format)) return { json: false };
  if (format.type === "json_object") return { json: true };
  if (format.type === "json_schema") {
    const spec = format.json_schema;
    return { json: true, schema: isPlainObject(spec) && spec.schema !== undefined ? (spec.schema as JsonSchema) : undefined };
  }
  // TGI's grammar form.
  if (format.type === "json") return { json: true, schema: format.value as JsonSchema | undefined };
  return { json: false };
}
