import { binaryInputKind, blobToBuffer, describeValue, typedBinary, InferenceClientInputError } from "../../lib";
import type { BinarySlot, CompositeField, InputSpec, JsonSlot, OutputSpec } from "../task-table/types";
import type { NodeMessage } from "./red";

/** A task's `inputs` and the parameters some composite fields supply (`candidate_labels`, `prompt`). */
export interface MsgArgs {
  inputs: unknown;
  parameters: Record<string, unknown>;
  /** Where each library argument came from in the flow (`inputs.image` -> `msg.payload`), for error messages. */
  sources: Record<string, string>;
}

/**
 * Turns msg.payload (and friends) into a task's `inputs` and field parameters; throws `InferenceClientInputError`
 * on a wrong shape. `parameters` are the call's parameters so far (node's, then msg.parameters'), which a
 * parameters field may already hold.
 */
export function argsFromMsg(
  spec: InputSpec,
  msg: NodeMessage,
  node: Record<string, unknown>,
  allowUrlInputs: boolean,
  parameters: Record<string, unknown> = {},
): MsgArgs {
  const payload = msg.payload;
  const sources = { inputs: "msg.payload" };
  switch (spec.kind) {
    case "text":
      return { inputs: checkTextOrBatch(spec.batch === true, payload, "msg.payload"), parameters: {}, sources };
    case "binary":
      return { inputs: checkBinary(spec, payload, "msg.payload", allowUrlInputs), parameters: {}, sources };
    case "json":
      return { inputs: checkJson(spec, payload, "msg.payload"), parameters: {}, sources };
    case "composite":
      return compositeArgs(spec.fields, msg, node, allowUrlInputs, parameters);
  }
}

function compositeArgs(
  fields: CompositeField[],
  msg: NodeMessage,
  node: Record<string, unknown>,
  allowUrl: boolean,
  parameters: Record<string, unknown>,
): MsgArgs {
  const payload = msg.payload;
  // A payload object naming at least one field is the fields object; any other payload is the main input itself.
  const asObject =
    isPlainObject(payload) && fields.some((f) => (payload as Record<string, unknown>)[f.name] !== undefined)
      ? (payload as Record<string, unknown>)
      : undefined;
  const inputs: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  let root: unknown;
  for (const field of fields) {
    let value = asObject?.[field.name];
    let where = `msg.payload.${field.name}`;
    if (value === undefined && !asObject && field.fromPayload && payload !== undefined) [value, where] = [payload, "msg.payload"];
    if (value === undefined && field.msgProp && msg[field.msgProp] !== undefined) {
      [value, where] = [msg[field.msgProp], `msg.${field.msgProp}`];
    }
    if (value === undefined && field.target === "parameters" && parameters[field.name] !== undefined) {
      [value, where] = [parameters[field.name], `parameters.${field.name}`];
    }
    if (isBlank(value) && field.nodeProperty && !isBlank(node[field.name])) {
      [value, where] = [node[field.name], `the node's ${field.name}`];
    }
    if (isBlank(value)) {
      if (field.optional) continue;
      throw new InferenceClientInputError(
        `Missing "${field.name}": set msg.payload.${field.name}` +
          (field.msgProp ? `, msg.${field.msgProp}` : "") +
          (field.target === "parameters" ? `, msg.parameters.${field.name}` : "") +
          (field.nodeProperty ? " or the node's field" : ""),
      );
    }
    const slot = field.slot;
    if (slot.kind === "text") value = checkTextOrBatch(slot.batch === true, value, where);
    else if (slot.kind === "binary") value = checkBinary(slot, value, where, allowUrl);
    else if (slot.kind === "texts") value = checkTexts(value, where);
    else value = checkJson(slot, value, where);
    if (field.target === "root") root = value;
    else if (field.target === "parameters") params[field.name] = value;
    else inputs[field.name] = value;
    sources[field.target === "root" ? "inputs" : `${field.target ?? "inputs"}.${field.name}`] = where;
  }
  return { inputs: root !== undefined ? root : inputs, parameters: params, sources };
}

/**
 * An input error in the flow's words: the library names its arguments (`The image "inputs.image" is not a known
 * image format`); the node says where that argument came from (`The image msg.payload is not ...`).
 */
export function inFlowTerms(err: unknown, sources: Record<string, string>): unknown {
  if (!(err instanceof InferenceClientInputError)) return err;
  const paths = Object.keys(sources).sort((a, b) => b.length - a.length);
  for (const path of paths) err.message = err.message.split(`"${path}"`).join(sources[path]);
  return err;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function checkTextOrBatch(batch: boolean, value: unknown, where: string): string | string[] {
  if (batch && Array.isArray(value)) {
    if (!value.length) throw new InferenceClientInputError(`${where} is an empty array`);
    value.forEach((t, i) => checkText(t, `${where}[${i}]`));
    return value as string[];
  }
  return checkText(value, where);
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

function checkJson(slot: JsonSlot, value: unknown, where: string): unknown {
  if (value === undefined || value === null) throw new InferenceClientInputError(`${where} is empty`);
  if (slot.wrap) {
    const inner = isPlainObject(value) && (value as Record<string, unknown>)[slot.wrap] !== undefined;
    const data = inner ? (value as Record<string, unknown>)[slot.wrap] : value;
    return { [slot.wrap]: slot.columns ? toColumns(data, inner ? `${where}.${slot.wrap}` : where) : data };
  }
  return slot.columns ? toColumns(value, where) : value;
}

/**
 * A table as columns of strings, from columns (`{col: [values]}`) or rows (`[{col: value}]`, as a csv node
 * sends them). Numbers and booleans become strings, as the tabular pipelines take them.
 */
function toColumns(value: unknown, where: string): Record<string, string[]> {
  const cell = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  if (Array.isArray(value)) {
    if (!value.length || !value.every(isPlainObject)) {
      throw new InferenceClientInputError(`Expected ${where} to be a table: an array of row objects, or an object of column arrays`);
    }
    const names = [...new Set(value.flatMap((row) => Object.keys(row as object)))];
    return Object.fromEntries(names.map((n) => [n, value.map((row) => cell((row as Record<string, unknown>)[n]))]));
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length && entries.every(([, v]) => Array.isArray(v))) {
      return Object.fromEntries(entries.map(([k, v]) => [k, (v as unknown[]).map(cell)]));
    }
  }
  throw new InferenceClientInputError(
    `Expected ${where} to be a table: an array of row objects, or an object of column arrays; got ${describeValue(value)}`,
  );
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
  // Buffers and base64 from a flow carry no type: declare the sniffed one, so uploads say what they are.
  if (kind === "bytes" && ArrayBuffer.isView(value)) {
    const view = value as ArrayBufferView;
    return typedBinary(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  }
  if (kind === "base64") return typedBinary(Buffer.from((value as string).trim(), "base64"));
  return value;
}

function isPlainObject(value: unknown): boolean {
  return !!value && typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Blob);
}

/**
 * Puts a task's output on the msg: payload the main result, and returns what msg.hf.output should hold.
 * `batch`: the input was an array of texts, so the payload is one result per text even for a single text.
 */
export async function applyOutput(spec: OutputSpec, msg: NodeMessage, output: unknown, batch = false): Promise<unknown> {
  switch (spec.kind) {
    case "labels": {
      const lists = Array.isArray(output) && Array.isArray(output[0]);
      const sorted = lists ? (output as Scored[][]).map(byScore) : byScore(output as Scored[]);
      msg.payload = batch && !lists ? [sorted] : sorted;
      return msg.payload;
    }
    case "json":
      msg.payload = output;
      return output;
    case "text": {
      const field = (o: unknown) => (o as Record<string, unknown>)?.[spec.field];
      const many = Array.isArray(output) ? output : batch ? [output] : undefined;
      msg.payload = many ? many.map(field) : field(output);
      return output;
    }
    case "binary": {
      const blob = output as Blob;
      const buffer = await blobToBuffer(blob);
      msg.payload = buffer;
      msg.contentType = blob.type || "application/octet-stream";
      // msg.hf.output describes the data instead of holding a second copy of it.
      return { contentType: msg.contentType, bytes: buffer.length };
    }
    case "binaryItems":
      return binaryItems(spec, msg, output as Array<Record<string, unknown>>);
  }
}

type Scored = { score?: number };

function byScore<T extends Scored>(list: T[]): T[] {
  return Array.isArray(list) && list.every((x) => typeof x?.score === "number")
    ? [...list].sort((a, b) => (b.score as number) - (a.score as number))
    : list;
}

/** Items carrying base64 data (masks, audio sources): the data as Buffers on the msg, described in msg.hf.output. */
function binaryItems(spec: Extract<OutputSpec, { kind: "binaryItems" }>, msg: NodeMessage, output: Array<Record<string, unknown>>) {
  const typeOf = (item: Record<string, unknown>) => (spec.typeField && typeof item[spec.typeField] === "string" ? (item[spec.typeField] as string) : spec.defaultType);
  const items = output.map((item) => ({ ...item, [spec.field]: Buffer.from(String(item[spec.field] ?? ""), "base64") }));
  const described = items.map((item) => ({
    ...item,
    [spec.field]: { contentType: typeOf(item), bytes: (item[spec.field] as Buffer).length },
  }));
  if (spec.first) {
    const first = items[0];
    msg.payload = first ? first[spec.field] : Buffer.alloc(0);
    msg.contentType = first ? typeOf(first) : spec.defaultType;
    if (first && typeof first.label === "string") msg.label = first.label;
    if (items.length > 1) msg.items = items;
  } else {
    msg.payload = items;
  }
  return described;
}
