/**
 * The in-process `local` provider: tasks run with transformers.js on model folders on disk, in a worker thread,
 * answering in the hf-inference shapes of the same tasks.
 */
import path from "node:path";
import { Binary } from "../binary";
import { InferenceClientInputError, InferenceClientProviderOutputError } from "../errors";
import type { Deadline } from "../http/deadline";
import type { ResolvedOptions } from "../options";
import { TASKS } from "../tasks";
import type { TaskId } from "../tasks/ids";
import { modelFolder, pickDtype } from "./models";
import { inferenceWorker } from "./pool";
import { LOCAL_TASKS } from "./tasks";

export { listLocalModels, MODEL_FINDERS, onnxModels, LOCAL_DTYPES, type ModelFinder } from "./models";
export { decodeAudio } from "./audio";
export { LOCAL_TASK_IDS } from "./tasks";

export const LOCAL_PROVIDER = "local";

/** The models folder a call reads: the option, else `./models` under the working directory. */
export function localModelsDir(opts: { localModelsDir?: string }): string {
  return path.resolve(opts.localModelsDir || "models");
}

/** Stops the inference worker and frees every loaded model (a new one starts on the next call). */
export const stopLocalWorker = () => inferenceWorker.stop();

/**
 * Runs one task locally. `args` are the task's arguments with binary inputs already made `Binary` (the engine
 * did it); they cross to the worker as plain bytes.
 */
export async function runLocal(
  taskId: TaskId,
  model: string | undefined,
  args: Record<string, unknown>,
  opts: ResolvedOptions,
  deadline: Deadline,
): Promise<unknown> {
  const local = LOCAL_TASKS[taskId];
  const task = TASKS[taskId];
  if (!local || !task) throw new InferenceClientInputError(`The local provider does not run ${taskId} (it runs ${Object.keys(LOCAL_TASKS).join(", ")})`);
  const modelsDir = localModelsDir(opts);
  const folder = modelFolder(modelsDir, model);
  const dtype = pickDtype(folder, model!, opts.localDtype, opts.allowModelDownload === true);
  const { result } = await inferenceWorker.run(
    {
      task: taskId,
      pipeline: local.pipeline,
      model: model!,
      folder,
      modelsDir,
      dtype,
      allowDownload: opts.allowModelDownload === true,
      maxModels: opts.localMaxModels ?? 2,
      args: { inputs: plain(args.inputs), parameters: args.parameters as Record<string, unknown> | undefined },
    },
    opts.onProgress,
    deadline,
  ).catch((err: Error) => {
    if (deadline.aborted || err.name === "AbortError") throw err;
    throw new InferenceClientProviderOutputError(`local ${taskId} with ${model}: ${err.message}`);
  });
  opts.onCallInfo?.({ provider: LOCAL_PROVIDER, providerModel: model });
  // Through the task's own output check: the same validation and ordering as a remote answer gets.
  return task.output({ head: { status: 200, headers: {}, contentType: "application/json", requestId: "" }, json: result });
}

/** Binary inputs as bytes, at any depth (`{image, ...}` composites included). */
function plain(value: unknown): unknown {
  if (value instanceof Binary) return value.bytes;
  if (value && typeof value === "object" && !ArrayBuffer.isView(value) && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
