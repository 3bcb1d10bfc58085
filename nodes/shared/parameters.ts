import { InferenceClientInputError } from "../../lib";
import type { NodeMessage } from "./red";

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
  return p as Record<string, unknown>;
}
