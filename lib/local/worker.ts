/**
 * The worker thread every local inference runs in: transformers.js runs a model synchronously on the thread that
 * calls it, so on Node-RED's main thread a call would stall every other flow for as long as it takes.
 * Loaded pipelines are kept per (model, task, dtype), least recently used dropped beyond `maxModels`.
 */
import { parentPort } from "node:worker_threads";
import { LOCAL_TASKS } from "./tasks";
import { PACKAGE_HINT, type WorkerReply, type WorkerRequest } from "./protocol";

/* eslint-disable @typescript-eslint/no-explicit-any */
let lib: Promise<any> | undefined;
const loaded = new Map<string, Promise<any>>();

function transformers(): Promise<any> {
  lib ??= import("@huggingface/transformers").catch((err) => {
    lib = undefined;
    throw new Error(`${PACKAGE_HINT} (${(err as Error).message.split("\n")[0]})`);
  });
  return lib;
}

async function pipelineFor(req: WorkerRequest, t: any, progress: () => void): Promise<any> {
  const key = `${req.folder}|${req.pipeline}|${req.dtype}`;
  let pipe = loaded.get(key);
  if (pipe) loaded.delete(key);
  else {
    progress();
    // Set on every load: two clients may name different folders or download rules.
    t.env.localModelPath = req.modelsDir + "/";
    t.env.allowLocalModels = true;
    t.env.allowRemoteModels = req.allowDownload;
    t.env.cacheDir = req.modelsDir + "/.cache";
    const loading: Promise<any> = t.pipeline(req.pipeline, req.model, { dtype: req.dtype, local_files_only: !req.allowDownload });
    loading.catch(() => loaded.delete(key));
    pipe = loading;
  }
  loaded.set(key, pipe);
  while (loaded.size > Math.max(1, req.maxModels)) {
    const [oldest, evicted] = loaded.entries().next().value as [string, Promise<any>];
    loaded.delete(oldest);
    evicted.then((p) => p.dispose?.()).catch(() => undefined);
  }
  return pipe;
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    const task = LOCAL_TASKS[req.task];
    const t = await transformers();
    const pipe = await pipelineFor(req, t, () => parentPort!.postMessage({ id: req.id, progress: "loading model" } satisfies WorkerReply));
    const result = await task.run(pipe, req.args, t);
    return { id: req.id, result, loaded: [...loaded.keys()].map((k) => k.split("|")[0]) };
  } catch (err) {
    return { id: req.id, error: (err as Error).message ?? String(err) };
  }
}

parentPort!.on("message", (req: WorkerRequest) => {
  void handle(req).then((reply) => parentPort!.postMessage(reply));
});
