import type { TaskMethods } from "../../lib";
import type { TaskId } from "../../lib/tasks/ids";

/** Icon and colour group of a node. */
export type Family = "chat" | "text" | "vision" | "audio" | "video" | "embeddings" | "tabular" | "mcp";

/** A binary input: a Buffer, base64 or data URL (URL / file path only when the node allows it). */
export interface BinarySlot {
  kind: "binary";
  what: "image" | "audio" | "document" | "video";
}

/** A text input; `batch` lets msg.payload be an array of strings sent in one request. */
export interface TextSlot {
  kind: "text";
  batch?: boolean;
}

/** Any JSON value the task takes as is (tables, tabular data). */
export interface JsonSlot {
  kind: "json";
}

/**
 * One field of a composite input (`{image, question}`): taken from msg.payload[name], else from msg[msgProp]
 * (when the payload is the binary or text itself), else from the node's own property of the same name.
 */
export interface CompositeField {
  name: string;
  slot: TextSlot | BinarySlot | JsonSlot | { kind: "texts" };
  /** msg property that may carry it when the payload is the main input. */
  msgProp?: string;
  /** Whether msg.payload itself (a Buffer or string) is this field. */
  fromPayload?: boolean;
  /** Where it goes in the call's args: `inputs.<name>` (default) or `parameters.<name>`. */
  target?: "inputs" | "parameters";
  /** A node property (editor field) may supply it. */
  nodeProperty?: boolean;
  optional?: boolean;
}

export type InputSpec = TextSlot | BinarySlot | JsonSlot | { kind: "composite"; fields: CompositeField[] };

export type OutputSpec =
  /** msg.payload: label list, highest score first. */
  | { kind: "labels" }
  /** msg.payload: one text field of the output (e.g. `text`, `generated_text`). */
  | { kind: "text"; field: string }
  /** msg.payload: a Buffer, with msg.contentType. */
  | { kind: "binary" }
  /** msg.payload: the output as is (numbers, vectors, lists of objects). */
  | { kind: "json" };

/** An extra editor field of one task node, stored as a node property of that name. */
export interface ExtraField {
  name: string;
  label: string;
  type: "text" | "number" | "textarea";
  placeholder?: string;
  help?: string;
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
  /** A model that serves the task on hf-inference, shown as the placeholder and used in examples. */
  exampleModel: string;
  help: {
    summary: string;
    input: string;
    output: string;
    details?: string;
  };
  example: {
    /** What the inject node sends (a string, or JSON text with payloadType "json"). */
    payload: string;
    payloadType: "str" | "json";
    description: string;
  };
}

/** The Node-RED type of a task's node: `hf-` and the task id. */
export function nodeType(row: Pick<TaskNodeRow, "task">): string {
  return `hf-${row.task}`;
}
