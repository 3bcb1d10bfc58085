import { InferenceClient, unloadLocalChatModels, type ClientOptions } from "../lib";
import { DEFAULTS, localModelsFolder, type HfConfigDef, type HfConfigNode } from "./shared/config";
import { inputPolicy } from "./shared/input-policy";
import { registerModelSearch } from "./shared/model-search";
import type { NodeAPI } from "./shared/red";
import { Scheduler } from "./shared/scheduler";
import { createRedactor } from "./shared/scrub";
import { fallbackToken } from "./shared/token";

function positive(value: unknown, fallback: number, min = 1): number {
  const n = Number(value);
  return Number.isFinite(n) && value !== "" && value !== null && n >= min ? n : fallback;
}

/** "together, nebius" -> ["together", "nebius"]. */
function providerList(value: unknown): string[] | undefined {
  const list = typeof value === "string" ? value.split(",").map((p) => p.trim()).filter(Boolean) : [];
  return list.length ? list : undefined;
}

function register(RED: NodeAPI): void {
  function HfConfig(this: HfConfigNode, def: HfConfigDef) {
    RED.nodes.createNode(this, def);
    const own = this.credentials?.token?.trim();
    const token = own || fallbackToken();
    this.tokenSource = own ? "credentials" : token ? "environment" : "none";
    this.endpointUrl = def.endpointUrl?.trim() || undefined;
    this.provider = def.provider?.trim() || "auto";
    const inputs = inputPolicy(RED);
    this.localModelsDir = localModelsFolder(RED, def.localModelsDir);
    const options: ClientOptions = {
      provider: this.endpointUrl ? undefined : this.provider,
      billTo: def.billTo?.trim() || undefined,
      fallbackProviders: this.endpointUrl ? undefined : providerList(def.fallbackProviders),
      endpointUrl: this.endpointUrl,
      timeout: positive(def.timeout, DEFAULTS.timeout) * 1000,
      maxRetries: positive(def.maxRetries, DEFAULTS.maxRetries, 0),
      logger: { log: () => undefined, warn: (m) => this.warn(m) },
      // Every binary result becomes a Buffer on the msg: the bytes behind the Blob spare reading it back.
      keepBlobBytes: true,
      // Where a node's URL / file inputs may reach (settings.js), for nodes that allow such inputs at all.
      allowPrivateUrlInputs: inputs.allowPrivateUrls,
      fileInputDirs: inputs.fileInputDirs,
      localModelsDir: this.localModelsDir,
      localDtype: def.localDtype?.trim() || undefined,
      allowModelDownload: def.allowModelDownload === true || def.allowModelDownload === "true",
      localThreads: positive(def.localThreads, 0) || undefined,
    };
    this.timeoutMs = options.timeout ?? DEFAULTS.timeout * 1000;
    this.redactor = createRedactor(token);
    this.redact = this.redactor.text;
    this.client = new InferenceClient(token, options);
    this.scheduler = new Scheduler(positive(def.concurrency, DEFAULTS.concurrency), positive(def.queueLimit, DEFAULTS.queueLimit));
    this.on("close", (_removed, done) => {
      this.scheduler.close();
      // Loaded GGUF models hold their weights in memory: freed with the account (they load again on first use).
      if (this.provider === "local") unloadLocalChatModels().then(() => done(), () => done());
      else done();
    });
  }
  RED.nodes.registerType("hf-config", HfConfig as never, { credentials: { token: { type: "password" } } });
  registerModelSearch(RED);
}

export = register;
