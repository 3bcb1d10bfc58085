/**
 * node-llama-cpp for `provider: "local"` chat: the package loaded on first use, GGUF files found under the models
 * folder, and one loaded model per file kept for reuse (least recently used dropped).
 */
import { readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { InferenceClientInputError } from "../errors";

// Only the parts used here: the package is an optional peer, its types are not needed to build.
export interface LlamaModule {
  getLlama(o: { gpu: false; build: "never"; logLevel?: string }): Promise<Llama>;
  LlamaChat: new (o: { contextSequence: unknown }) => LlamaChatLike;
}
interface Llama {
  loadModel(o: { modelPath: string }): Promise<{ createContext(o: object): Promise<LlamaContextLike>; dispose(): Promise<void> }>;
  createGrammarForJsonSchema(schema: unknown): Promise<unknown>;
  getGrammarFor(kind: "json"): Promise<unknown>;
}
interface LlamaContextLike {
  getSequence(): unknown;
  dispose(): Promise<void>;
}
export interface LlamaChatLike {
  generateResponse(history: unknown[], o: Record<string, unknown>): Promise<{ response: string; metadata: { stopReason: string } }>;
  readonly sequence: { readonly contextTokens: readonly number[]; readonly tokenMeter: { readonly usedOutputTokens: number } };
}

export const INSTALL_HINT = "npm install node-llama-cpp@3.21.1 (in the Node-RED user directory)";

// `import()` written so that TypeScript's CommonJS output keeps it (it would otherwise become `require()`, which
// cannot load an ES module on Node 20).
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

let loading: Promise<{ module: LlamaModule; llama: Llama }> | undefined;

/** node-llama-cpp and its CPU backend, loaded once per process (prebuilt binaries only: never a build or download). */
export function llamaRuntime(): Promise<{ module: LlamaModule; llama: Llama }> {
  loading ??= (async () => {
    let module: LlamaModule;
    try {
      module = (await importEsm("node-llama-cpp")) as LlamaModule;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw err;
      throw new InferenceClientInputError(`Local chat (GGUF models) needs the node-llama-cpp package: ${INSTALL_HINT}`);
    }
    const llama = await module.getLlama({ gpu: false, build: "never", logLevel: "error" });
    return { module, llama };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Threads for generation: the option, else all cores but one (node-llama-cpp's own default was far slower on 2 cores). */
export function threadsFor(option: number | undefined): number {
  if (option && option >= 1) return Math.floor(option);
  return Math.max(1, os.availableParallelism() - 1);
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The GGUF file a model id names under the models folder: `path/to/file.gguf`, or a folder (`org/name`) holding
 * one model (one `.gguf`, or the first part of a split one). Ids are relative paths of plain names: never `..`,
 * never absolute, so a msg can only pick among the files put in that folder.
 */
export function ggufFile(modelsDir: string, model: string | undefined): string {
  const parts = (model ?? "").split("/");
  if (!model || !parts.every((p) => SEGMENT.test(p) && !p.includes(".."))) {
    throw new InferenceClientInputError(
      `Local chat needs a model id naming a .gguf file or a folder holding one under ${modelsDir} (got ${JSON.stringify(model ?? "")})`,
    );
  }
  const target = path.join(modelsDir, ...parts);
  if (model.toLowerCase().endsWith(".gguf")) {
    if (!isFile(target)) throw new InferenceClientInputError(`Model ${model} not found: no file ${target}`);
    return target;
  }
  const files = ggufIn(target);
  if (files.length === 1) return path.join(target, files[0]);
  if (!files.length) {
    throw new InferenceClientInputError(
      `Model ${model} not found: no .gguf file in ${target}. On a connected machine run: hf download ${model} <file>.gguf --local-dir ${model}, then copy that folder there.`,
    );
  }
  throw new InferenceClientInputError(`Model ${model}: ${target} holds several .gguf files (${files.join(", ")}); name one, e.g. ${model}/${files[0]}`);
}

/** The .gguf files of a folder, a split model counted once (its first part). */
function ggufIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((f) => f.toLowerCase().endsWith(".gguf") && !/-0*([2-9]|\d{2,})-of-\d+\.gguf$/i.test(f) && isFile(path.join(folder, f)))
      .sort();
  } catch {
    return [];
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** GGUF model ids under a models folder (files directly in it, and `org/name` folders holding one), for pickers. */
export function ggufModels(modelsDir: string): string[] {
  const found: string[] = [];
  for (const file of ggufIn(modelsDir)) found.push(file);
  for (const top of subfolders(modelsDir)) {
    const dir = path.join(modelsDir, top);
    for (const file of ggufIn(dir)) found.push(`${top}/${file}`);
    for (const name of subfolders(dir)) for (const file of ggufIn(path.join(dir, name))) found.push(`${top}/${name}/${file}`);
  }
  return found;
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith(".") && statSync(path.join(dir, name)).isDirectory());
  } catch {
    return [];
  }
}
