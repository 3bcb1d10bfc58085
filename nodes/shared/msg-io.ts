import { binaryInputKind, describeValue, InferenceClientInputError } from "../../lib";
import type { BinarySlot, CompositeField, InputSpec, OutputSpec } from "../task-table/types";
import type { NodeMessage } from "./red";

/** Turns msg.payload (and friends) into a task's `inputs`; throws `InferenceClientInputError` on a wrong shape. */
export function inputsFromMsg(
  spec: InputSpec,
  msg: NodeMessage,
  node: Record<string, unknown>,
  allowUrlInputs: boolean,
): unknown {
  const payload = msg.payload;
  switch (spec.kind) {
    case "text":
      if (spec.batch && Array.isArray(payload)) {
        if (!payload.length) throw new InferenceClientInputError("msg.payload is an empty array");
        payload.forEach((t, i) => checkText(t, `msg.payload[${i}]`));
        return payload;
      }
      return checkText(payload, "msg.payload");
    case "binary":
      return checkBinary(spec, payload, "msg.payload", allowUrlInputs);
    case "json":
      if (payload === undefined || payload === null) throw new InferenceClientInputError("msg.payload is empty");
      return payload;
    case "composite":
      return compositeInputs(spec.fields, msg, node, allowUrlInputs);
  }
}

function compositeInputs(fields: CompositeField[], msg: NodeMessage, node: Record<string, unknown>, allowUrl: boolean) {
  const payload = msg.payload;
  const asObject = isPlainObject(payload) ? (payload as Record<string, unknown>) : undefined;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    let value = asObject?.[field.name];
    let where = `msg.payload.${field.name}`;
    if (value === undefined && !asObject && field.fromPayload) [value, where] = [payload, "msg.payload"];
    if (value === undefined && field.msgProp && msg[field.msgProp] !== undefined) {
      [value, where] = [msg[field.msgProp], `msg.${field.msgProp}`];
    }
    if ((value === undefined || value === "") && field.nodeProperty && node[field.name] !== undefined && node[field.name] !== "") {
      [value, where] = [node[field.name], `the node's ${field.name}`];
    }
    if (value === undefined || value === "") {
      if (field.optional) continue;
      throw new InferenceClientInputError(
        `Missing "${field.name}": set msg.payload.${field.name}` +
          (field.msgProp ? `, msg.${field.msgProp}` : "") +
          (field.nodeProperty ? " or the node's field" : ""),
      );
    }
    const slot = field.slot;
    if (slot.kind === "text") value = checkText(value, where);
    else if (slot.kind === "binary") value = checkBinary(slot, value, where, allowUrl);
    else if (slot.kind === "texts") value = checkTexts(value, where);
    out[field.name] = value;
  }
  return out;
}

function checkText(value: unknown, where: string): string {
  if (typeof value !== "string") {
    throw new InferenceClientInputError(`Expected ${where} to be a string, got ${describeValue(value)}`);
  }
  if (!value.trim()) throw new InferenceClientInputError(`${where} is an empty string`);
  return value;
}

/** A list of strings, or one comma-separated string (as typed in the editor). */
function checkTexts(value: unknown, where: string): string[] {
  const list = typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(list) || !list.length || list.some((s) => typeof s !== "string" || !s.trim())) {
    throw new InferenceClientInputError(`Expected ${where} to be a non-empty list of strings (or comma-separated text)`);
  }
  return list as string[];
}

function checkBinary(slot: BinarySlot, value: unknown, where: string, allowUrl: boolean): unknown {
  const kind = binaryInputKind(value);
  if (!kind) {
    throw new InferenceClientInputError(
      `Expected ${where} to be the ${slot.what} as a Buffer, base64 string or data URL, got ${describeValue(value)}`,
    );
  }
  if ((kind === "url" || kind === "path") && !allowUrl) {
    throw new InferenceClientInputError(
      `${where} is a string that is not base64 or a data URL; reading ${slot.what} from a URL or file path is ` +
        `off (turn on "Allow URL / file inputs" in the node to allow it)`,
    );
  }
  if (kind === "bytes" && (value as { byteLength?: number; size?: number }).byteLength === 0) {
    throw new InferenceClientInputError(`${where} is an empty Buffer`);
  }
  return value;
}

function isPlainObject(value: unknown): boolean {
  return !!value && typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Blob);
}

/** Puts a task's output on the msg: payload the main result, and what msg.hf.output should hold. */
export async function applyOutput(spec: OutputSpec, msg: NodeMessage, output: unknown): Promise<unknown> {
  switch (spec.kind) {
    case "labels":
    case "json":
      msg.payload = output;
      return output;
    case "text":
      msg.payload = (output as Record<string, unknown>)?.[spec.field];
      return output;
    case "binary": {
      const blob = output as Blob;
      const buffer = Buffer.from(await blob.arrayBuffer());
      msg.payload = buffer;
      msg.contentType = blob.type || "application/octet-stream";
      // msg.hf.output describes the data instead of holding a second copy of it.
      return { contentType: msg.contentType, bytes: buffer.length };
    }
  }
}
