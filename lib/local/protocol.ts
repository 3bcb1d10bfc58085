/** What the main thread and the inference worker send each other. */
export interface WorkerRequest {
  id: number;
  task: string;
  pipeline: string;
  /** Model id (relative to modelsDir, as transformers.js resolves it) and its absolute folder. */
  model: string;
  folder: string;
  modelsDir: string;
  dtype: string;
  allowDownload: boolean;
  maxModels: number;
  args: { inputs: unknown; parameters?: Record<string, unknown> };
}

export type WorkerReply =
  | { id: number; progress: string }
  | { id: number; result: unknown; loaded: string[] }
  | { id: number; error: string };

export const PACKAGE_HINT =
  "The local provider needs @huggingface/transformers: in your Node-RED user folder run " +
  "npm install @huggingface/transformers --onnxruntime-node-install=skip";
