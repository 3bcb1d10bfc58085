import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { TASK_NODES, nodeType, outputCount } from "./index";
import type { TaskNodeRow } from "./types";

/**
 * The account every example flow uses (the hand-written ones in examples/chat and examples/mcp too): one fixed id,
 * so importing several examples leaves one account, holding the one token (Node-RED's import sees the id exists
 * and, with "Import copy", keeps the existing config node for the copied nodes).
 */
export const EXAMPLE_ACCOUNT = Object.freeze({
  id: "f1a5c0de0000ac01",
  type: "hf-config",
  name: "Hugging Face",
  provider: "auto",
  billTo: "",
  endpointUrl: "",
  timeout: 300,
  maxRetries: 2,
  concurrency: 4,
  queueLimit: 1000,
});

/**
 * The example flow of every task node, produced from its row: a comment saying what it shows, an inject (or a
 * file in node for documents), the task node on hf-inference, and debug / file nodes for the result. The flows
 * use only this pack and core nodes, and an `hf-config` without a token (the user sets one).
 * Regenerate with `npm run build && node -e 'require("./dist/nodes/task-table/examples").writeExamples("examples/tasks")'`.
 */
export function exampleFlow(row: TaskNodeRow): Array<Record<string, unknown>> {
  const id = (name: string) => createHash("sha1").update(`${row.task}/${name}`).digest("hex").slice(0, 16);
  const type = nodeType(row);
  const binaryOut = row.output.kind === "binary" || (row.output.kind === "binaryItems" && row.output.first === true);
  const ex = row.example;
  const nodes: Array<Record<string, unknown>> = [];
  const at = (x: number, y: number) => ({ x, y, wires: [] as string[][] });

  nodes.push({
    id: id("comment"),
    type: "comment",
    name: `${type}: ${ex.description}`,
    info:
      `${row.help.summary.replace(/<[^>]+>/g, "")}\n\nModel: ${row.exampleModel} on hf-inference.\n` +
      "Open the Hugging Face config node and paste your access token (https://huggingface.co/settings/tokens), " +
      "or set HF_TOKEN in Node-RED's environment, then deploy and click the inject node." +
      (ex.payloadType === "bin" && ex.payload === "document" ? "\nThe inject sends a small generated image; send a scanned page (PNG or JPEG) for real answers." : "") +
      (row.family === "video" ? "\nVideos can take minutes: raise the account's timeout (300 s) if yours take longer." : ""),
    ...at(230, 40),
  });

  const props = Object.entries(ex.props ?? {}).map(([p, v]) => ({ p, v, vt: "str" }));
  const injectPayload = ex.payloadType === "bin" ? SAMPLES[ex.payload]() : ex.payload;
  const injectType = ex.payloadType === "json" ? "json" : "str";
  nodes.push({
    id: id("inject"),
    type: "inject",
    name: ex.payloadType === "bin" ? `sample ${ex.payload} (data URL)` : "",
    props: [{ p: "payload" }, ...props],
    repeat: "",
    crontab: "",
    once: false,
    onceDelay: 0.1,
    topic: "",
    payload: injectPayload,
    payloadType: injectType,
    ...at(150, 100),
    wires: [[id("task")]],
  });

  const taskWires: string[][] = [];
  const results: string[] = [id("debug")];
  if (outputCount(row) === 2) {
    taskWires.push([id("join")]);
    nodes.push({
      id: id("join"),
      type: "join",
      name: "rebuild the streamed text",
      mode: "auto",
      build: "string",
      property: "payload",
      propertyType: "msg",
      key: "topic",
      joiner: "",
      joinerType: "str",
      accumulate: false,
      timeout: "",
      count: "",
      reduceRight: false,
      ...at(780, 80),
      wires: [[id("debug-stream")]],
    });
    nodes.push(debugNode(id("debug-stream"), "streamed text", "payload", at(990, 80)));
  }
  if (binaryOut) {
    results.push(id("file"));
    nodes.push({
      id: id("file"),
      type: "file",
      name: "save the result",
      filename: `/tmp/${type}.${extensionOf(row)}`,
      filenameType: "str",
      appendNewline: false,
      createDir: false,
      overwriteFile: "true",
      encoding: "none",
      ...at(780, 180),
      wires: [[]],
    });
  }
  taskWires.push(results);
  nodes.push({
    id: id("task"),
    type,
    name: "",
    config: EXAMPLE_ACCOUNT.id,
    model: row.exampleModel,
    provider: "hf-inference",
    parameters: "",
    allowUrlInputs: false,
    ...Object.fromEntries((row.fields ?? []).map((f) => [f.name, f.type === "checkbox" ? false : ""])),
    ...(ex.node ?? {}),
    ...at(420, 140),
    wires: taskWires,
  });
  nodes.push(debugNode(id("debug"), binaryOut ? "result (msg.hf)" : "result", binaryOut ? "hf" : "payload", at(780, 140)));
  nodes.push({ ...EXAMPLE_ACCOUNT });
  return nodes;
}

function debugNode(id: string, name: string, property: string, pos: Record<string, unknown>) {
  return { id, type: "debug", name, active: true, tosidebar: true, console: false, tostatus: false, complete: property, targetType: "msg", ...pos };
}

function extensionOf(row: TaskNodeRow): string {
  if (row.family === "video") return "mp4";
  if (row.family === "audio") return "flac";
  return "jpg";
}

/** The file name of a row's example, numbered in table order. */
export function exampleFileName(row: TaskNodeRow, index: number): string {
  return `${String(index + 1).padStart(2, "0")}-${row.task}.json`;
}

export function writeExamples(dir: string, rows: TaskNodeRow[] = TASK_NODES): string[] {
  mkdirSync(dir, { recursive: true });
  return rows.map((row, i) => {
    const file = join(dir, exampleFileName(row, i));
    writeFileSync(file, JSON.stringify(exampleFlow(row), null, 2) + "\n");
    return file;
  });
}

/** Small sample inputs embedded in examples, so they run right after import. */
const SAMPLES: Record<string, () => string> = {
  image: () => `data:image/png;base64,${circlePng(64).toString("base64")}`,
  audio: () => `data:audio/wav;base64,${toneWav(0.5, 440).toString("base64")}`,
  document: () => `data:image/png;base64,${circlePng(64).toString("base64")}`,
};

/** A red disc on white, as a PNG (RGB, no filter). */
function circlePng(size: number): Buffer {
  const rows: Buffer[] = [];
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3, 255);
    row[0] = 0;
    for (let x = 0; x < size; x++) {
      if ((x - c) ** 2 + (y - c) ** 2 < (size * 0.35) ** 2) row.set([220, 30, 30], 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A sine tone as 8 kHz 16-bit mono WAV. */
function toneWav(seconds: number, hz: number): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const out = Buffer.alloc(44 + samples * 2);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write("WAVEfmt ", 8, "ascii");
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36, "ascii");
  out.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) out.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), 44 + i * 2);
  return out;
}
