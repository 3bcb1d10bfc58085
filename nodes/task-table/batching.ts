import type { ExtraField, TaskNodeRow } from "./types";

export const BATCH_DEFAULTS = { size: 1, windowMs: 20 };

/** The editor fields of a batchable task node (node properties of the same names). */
export const BATCH_FIELDS: ExtraField[] = [
  {
    name: "batchSize",
    label: "Batch size",
    type: "number",
    placeholder: "1 (off)",
    help: "Up to this many msgs arriving within the batch window go as one request; each still gets its own result msg, with <code>msg.hf.batch = {size, index}</code>. 1 (default) sends a request per msg.",
  },
  {
    name: "batchWindow",
    label: "Batch window (ms)",
    type: "number",
    placeholder: "20",
    help: "How long a batch waits for more msgs after its first one, in milliseconds (default 20).",
  },
];

export function withBatchFields(row: TaskNodeRow): TaskNodeRow {
  return row.batchable ? { ...row, fields: [...(row.fields ?? []), ...BATCH_FIELDS] } : row;
}

/** A node's batching settings from its properties: a size of 1 (or anything invalid) is off. */
export function batchSettings(def: { batchSize?: unknown; batchWindow?: unknown }): { size: number; windowMs: number } {
  const size = Math.floor(Number(def.batchSize));
  const windowMs = Number(def.batchWindow);
  return {
    size: Number.isFinite(size) && size > 1 ? Math.min(size, 1000) : BATCH_DEFAULTS.size,
    windowMs: def.batchWindow !== "" && Number.isFinite(windowMs) && windowMs >= 0 ? Math.min(windowMs, 60_000) : BATCH_DEFAULTS.windowMs,
  };
}
