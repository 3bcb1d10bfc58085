import { Worker } from "node:worker_threads";
import path from "node:path";
import type { Deadline } from "../http/deadline";
import type { WorkerReply, WorkerRequest } from "./protocol";

interface Pending {
  resolve(value: { result: unknown; loaded: string[] }): void;
  reject(err: Error): void;
  onProgress?: (status: string) => void;
}

/**
 * The one inference worker of this process, started on the first local call. Unreferenced while idle, so it never
 * keeps Node.js (or a Node-RED being stopped) alive on its own.
 */
class InferenceWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  run(req: Omit<WorkerRequest, "id">, onProgress: ((status: string) => void) | undefined, deadline: Deadline) {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<{ result: unknown; loaded: string[] }>((resolve, reject) => {
      // An aborted call is answered at once; the worker finishes the run (ONNX runs cannot be interrupted).
      const settle = (fn: () => void) => {
        if (!this.pending.delete(id)) return;
        stopListening();
        if (!this.pending.size) worker.unref();
        fn();
      };
      this.pending.set(id, { resolve: (v) => settle(() => resolve(v)), reject: (e) => settle(() => reject(e)), onProgress });
      const stopListening = deadline.onAbort(() => settle(() => reject(deadline.abortError("Local inference"))));
      if (deadline.aborted) return settle(() => reject(deadline.abortError("Local inference")));
      worker.ref();
      worker.postMessage({ ...req, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(__dirname, "worker.js"));
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      const call = this.pending.get(reply.id);
      if (!call) return;
      if ("progress" in reply) call.onProgress?.(reply.progress);
      else if ("error" in reply) call.reject(new Error(reply.error));
      else call.resolve(reply);
    });
    const fail = (err: Error) => {
      this.worker = undefined;
      for (const call of [...this.pending.values()]) call.reject(new Error(`The local inference worker stopped: ${err.message}`));
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  /** Stops the worker (loaded models are freed); the next call starts a new one. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}

export const inferenceWorker = new InferenceWorker();
