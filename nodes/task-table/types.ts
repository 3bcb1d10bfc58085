import type { TaskMethods } from "../../lib";
import type { TaskId } from "../../lib/tasks/ids";

/** Icon and colour group of a node. */
export type Family = "chat" | "text" | "vision" | "audio" | "video" | "embeddings" | "tabular" | "mcp";

/** A binary input: a Buffer, base64 or data URL (URL / file path only when the node allows it). */
export interface BinarySlot {
  kind: "binary";
  what: "image" | "audio" | "document" | "video";
}

/** A text input; `batch` lets it be an array of strings sent in one request. */
export interface TextSlot {
  kind: "text";
  batch?: boolean;
}

/**
 * Any JSON value the task takes as is. `wrap`: the payload may be the value of that field itself (`{data}` or
 * just the columns). `columns`: a table, taken as columns (`{col: [values]}`) or as rows (`[{col: value}]`, what
 * a `csv` node sends), and sent as columns of strings.
 */
export interface JsonSlot {
  kind: "json";
  wrap?: string;
  columns?: boolean;
}

/**
 * One field of a composite input (`{image, question}`): taken from msg.payload[name], else from msg.payload itself
 * (`fromPayload`, when the payload is not an object of fields), else from msg[msgProp], else from the call's
 * parameters (for `parameters` targets), else from the node's own property of the same name.
 */
export interface CompositeField {
  name: string;
  slot: TextSlot | BinarySlot | JsonSlot | { kind: "texts" };
  /** msg property that may carry it when the payload is the main input. */
  msgProp?: string;
  /** Whether msg.payload itself (a Buffer or string) may be this field. */
  fromPayload?: boolean;
  /** Where it goes in the call's args: `inputs.<name>` (default), `parameters.<name>`, or `inputs` itself. */
  target?: "inputs" | "parameters" | "root";
  /** A node property (editor field) may supply it. */
  nodeProperty?: boolean;
  optional?: boolean;
}

export type InputSpec = TextSlot | BinarySlot | JsonSlot | { kind: "composite"; fields: CompositeField[] };

export type OutputSpec =
  /** msg.payload: label list, highest score first (one list per text for a batch). */
  | { kind: "labels" }
  /** msg.payload: one text field of the output (e.g. `text`, `generated_text`); an array for a batch. */
  | { kind: "text"; field: string }
  /** msg.payload: a Buffer, with msg.contentType. */
  | { kind: "binary" }
  /**
   * A list of items each holding base64 data in `field` (segmentation masks, separated audio sources).
   * msg.payload: the list with each `field` as a Buffer, or with `first`, the first item's Buffer (msg.contentType
   * from `typeField`, and every item in msg.items when there are several).
   */
  | { kind: "binaryItems"; field: string; typeField?: string; defaultType: string; first?: boolean }
  /** msg.payload: the output as is (numbers, vectors, lists of objects). */
  | { kind: "json" };

/** An extra editor field of one task node, stored as a node property of that name. */
export interface ExtraField {
  name: string;
  label: string;
  type: "text" | "number" | "textarea" | "checkbox";
  placeholder?: string;
  help?: string;
}

/** A task node that can stream: a checkbox property turns it on; the node then has two outputs, as hf-chat. */
export interface StreamingSpec {
  /** The library's streaming method. */
  method: keyof TaskMethods;
  /** The checkbox property (listed in `fields`) that turns streaming on. */
  field: string;
}

/** One row of the node task table: the library task it runs and how msgs map to it. */
export interface TaskNodeRow {
  task: TaskId;
  method: keyof TaskMethods;
  family: Family;
  paletteLabel: string;
  input: InputSpec;
  output: OutputSpec;
  fields?: ExtraField[];
  /**
   * The task takes a list of inputs in one request and answers one output per input, in order: the node can
   * micro-batch msgs (`batchSize`, `batchWindow`).
   */
  batchable?: boolean;
  /** Output 1 streams deltas (join-compatible), output 2 the final msg. */
  streaming?: StreamingSpec;
  /** A model that serves the task on hf-inference, shown as the placeholder and used in examples. */
  exampleModel: string;
  help: {
    summary: string;
    input: string;
    output: string;
    details?: string;
  };
  example: {
    /** What the inject node sends: a string, JSON text (`json`), or a base64 data URL of a sample file (`bin`). */
    payload: string;
    payloadType: "str" | "json" | "bin";
    /** Other msg properties the inject node sets (string values). */
    props?: Record<string, string>;
    /** Node properties of the task node in the example. */
    node?: Record<string, unknown>;
    description: string;
  };
}

/** The Node-RED type of a task's node: `hf-` and the task id. */
export function nodeType(row: Pick<TaskNodeRow, "task">): string {
  return `hf-${row.task}`;
}

/** How many outputs a row's node has: two (deltas, final) when it can stream. */
export function outputCount(row: Pick<TaskNodeRow, "streaming">): number {
  return row.streaming ? 2 : 1;
}
