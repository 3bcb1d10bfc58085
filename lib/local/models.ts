import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ggufModels } from "./llama";
import { InferenceClientInputError } from "../errors";

/** Model ids name a folder under the models folder: `name` or `org/name`, never a path out of it. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;

export function modelFolder(modelsDir: string, model: string | undefined): string {
  if (!model || !MODEL_ID.test(model) || model.includes("..")) {
    throw new InferenceClientInputError(`The local provider needs a model id "org/name" naming a folder under ${modelsDir} (got ${JSON.stringify(model ?? "")})`);
  }
  return path.join(modelsDir, ...model.split("/"));
}

/** transformers.js file suffix per dtype (`onnx/model<suffix>.onnx`, and the same for encoder/decoder files). */
const SUFFIX: Record<string, string> = { fp32: "", fp16: "_fp16", q8: "_quantized", int8: "_int8", uint8: "_uint8", q4: "_q4", q4f16: "_q4f16", bnb4: "_bnb4" };
export const LOCAL_DTYPES = Object.keys(SUFFIX);

function onnxFiles(folder: string): string[] {
  try {
    return readdirSync(path.join(folder, "onnx")).filter((f) => f.endsWith(".onnx"));
  } catch {
    return [];
  }
}

const hasDtype = (files: string[], dtype: string) => files.some((f) => f.replace(/\.onnx$/, "").endsWith(SUFFIX[dtype]) && (dtype !== "fp32" || !Object.values(SUFFIX).some((s) => s && f.endsWith(`${s}.onnx`))));

/**
 * The dtype to load: the one asked for (default q8), or fp32 when the default is asked for and only unquantized
 * files are there. Throws, naming the folder, when the files are not there.
 */
export function pickDtype(folder: string, model: string, dtype: string | undefined, mayDownload = false): string {
  // Found once, then remembered: the hot path of every call stays free of file-system calls.
  const key = `${folder}|${dtype ?? ""}`;
  let picked = picks.get(key);
  if (!picked) {
    try {
      picked = lookForDtype(folder, model, dtype);
    } catch (err) {
      // Files missing but downloads allowed: transformers.js fetches the weights asked for.
      if (!mayDownload || !SUFFIX.hasOwnProperty(dtype || "q8")) throw err;
      return dtype || "q8";
    }
    if (picks.size > 1000) picks.clear();
    picks.set(key, picked);
  }
  return picked;
}
const picks = new Map<string, string>();

function lookForDtype(folder: string, model: string, dtype: string | undefined): string {
  const wanted = dtype || "q8";
  if (!SUFFIX.hasOwnProperty(wanted)) throw new InferenceClientInputError(`Unknown localDtype "${wanted}" (one of ${LOCAL_DTYPES.join(", ")})`);
  const files = onnxFiles(folder);
  if (!existsSync(path.join(folder, "config.json")) || !files.length) {
    throw new InferenceClientInputError(
      `Model ${model} not found: expected config.json and onnx/model*.onnx in ${folder}. ` +
        `On a connected machine run: hf download ${model} --include "*.json" "onnx/*" --local-dir ${model}, then copy that folder there.`,
    );
  }
  if (hasDtype(files, wanted)) return wanted;
  if (wanted === "q8" && hasDtype(files, "fp32")) return "fp32";
  throw new InferenceClientInputError(`Model ${model} has no ${wanted} weights in ${path.join(folder, "onnx")} (found ${files.join(", ")})`);
}

/** One kind of model file the picker lists; the chat side adds `.gguf` files as another finder. */
export type ModelFinder = (modelsDir: string) => string[];

/** ONNX model folders (`org/name` or `name`, holding config.json and onnx/): what transformers.js loads. */
export const onnxModels: ModelFinder = (modelsDir) => {
  const found: string[] = [];
  const isModel = (dir: string) => existsSync(path.join(dir, "config.json")) && onnxFiles(dir).length > 0;
  for (const top of subfolders(modelsDir)) {
    const dir = path.join(modelsDir, top);
    if (isModel(dir)) found.push(top);
    else for (const name of subfolders(dir)) if (isModel(path.join(dir, name))) found.push(`${top}/${name}`);
  }
  return found;
};

/** ONNX model folders (transformers.js tasks) and GGUF files (chat). */
export const MODEL_FINDERS: ModelFinder[] = [onnxModels, ggufModels];

/** The model ids found under a models folder, sorted, for the editor's model picker. */
export function listLocalModels(modelsDir: string, finders: ModelFinder[] = MODEL_FINDERS): string[] {
  return [...new Set(finders.flatMap((find) => find(modelsDir)))].sort();
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith(".") && statSync(path.join(dir, name)).isDirectory());
  } catch {
    return [];
  }
}
