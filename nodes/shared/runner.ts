import { setMaxListeners } from "node:events";
import type { CallInfo, Options } from "../../lib";
import type { HfConfigNode } from "./config";
import type { DoneFn, Node, NodeAPI, NodeMessage, SendFn } from "./red";
import { describeError } from "./errors";
import { createPreview } from "./preview";
import { translator, type Translate } from "./i18n";
import { statusText } from "./status-text";

/** What a node's handler gets for one msg. */
export interface RunContext {
  msg: NodeMessage;
  config: HfConfigNode;
  /** Options for every library call: abort on redeploy, call info and progress into msg.hf and status. */
  options: Options;
  info: CallInfo & { model?: string };
  send: SendFn;
}

/** The result of one msg: the msg to send on the last output (others get null), plus what goes into msg.hf. */
export interface RunResult {
  msg: NodeMessage;
  output: unknown;
  usage?: unknown;
}

export interface InferenceNodeSpec {
  /** Hugging Face task id for msg.hf (`conversational` for chat). */
  task: string;
  outputs?: number;
  /** The model the msg will use, for msg.hf on errors that happen before routing. */
  model(msg: NodeMessage): string | undefined;
  /** Show binary results (images, audio) under the node in the editor: the node's `preview` option. */
  preview?: boolean;
  /** Which output the result msg leaves on (0-based); default the last. */
  resultOutput?: number;
  /**
   * Handles a msg outside the request queue (msg.reset clearing memory): returns a promise when it took the msg,
   * undefined to let it through. The promise's rejection becomes done(err).
   */
  intercept?(msg: NodeMessage): Promise<void> | undefined;
  handle(ctx: RunContext): Promise<RunResult>;
}

/**
 * Wires a node's input to the shared behaviour of every inference node: the config's queue, status colours,
 * msg.hf, exactly one send or done(err) per msg, and aborting in-flight work on redeploy. Nothing thrown inside a
 * handler can escape to the runtime.
 */
export function attachInference(RED: NodeAPI, node: Node, configId: unknown, spec: InferenceNodeSpec): void {
  const config = (typeof configId === "string" && RED.nodes.getNode(configId)) as HfConfigNode | null;
  // One signal for every msg in flight, aborted on close: an AbortSignal per msg would cost more to make than the
  // rest of a small call. Every call in flight listens to it, so no listener count is "too many".
  const closing = new AbortController();
  setMaxListeners(0, closing.signal);
  let inflight = 0;
  const t = translator(RED);
  const status = new StatusReporter(node, t);
  const preview = createPreview(RED, node, spec.preview === true);
  if (!config) status.error(t("status.noConfig", "no config"));

  node.on("input", function (msg, send, done) {
    runOne(msg, send, done).catch((err) => {
      // Last line of defence: runOne handles its own errors, this only guards against a bug in that handling.
      try {
        done(err instanceof Error ? err : new Error(String(err)));
      } catch {
        /* nothing more can be done safely */
      }
    });
  });

  async function runOne(msg: NodeMessage, send: SendFn, done: DoneFn): Promise<void> {
    const intercepted = spec.intercept?.(msg);
    if (intercepted) {
      await intercepted.then(
        () => done(),
        (err) => done(err instanceof Error ? err : new Error(String(err))),
      );
      return;
    }
    const info: RunContext["info"] = { model: safe(() => spec.model(msg)) };
    if (!config) {
      fail(msg, done, new Error("No Hugging Face config node selected"), info);
      return;
    }
    inflight++;
    status.busy(inflight, config.scheduler.queued);
    const options: Options = {
      signal: closing.signal,
      onCallInfo: (i) => Object.assign(info, stripUndefined(i)),
      onProgress: (text) => status.progress(text),
    };
    try {
      const started = Date.now();
      const result = await config.scheduler.run(() => spec.handle({ msg, config, options, info, send }));
      const durationMs = Date.now() - started;
      result.msg.hf = {
        task: spec.task,
        ...usedRoute(config, info),
        durationMs,
        ...(info.requestId ? { requestId: info.requestId } : {}),
        ...(result.usage ? { usage: result.usage } : {}),
        output: result.output,
      };
      const outputs = spec.outputs ?? 1;
      const slot = spec.resultOutput ?? outputs - 1;
      send(outputs === 1 ? result.msg : Array.from({ length: outputs }, (_, i) => (i === slot ? result.msg : null)));
      preview?.show(result.msg);
      inflight = Math.max(0, inflight - 1);
      status.done(durationMs, inflight, config.scheduler.queued);
      done();
    } catch (err) {
      inflight = Math.max(0, inflight - 1);
      fail(msg, done, err, info);
    }
  }

  function fail(msg: NodeMessage, done: DoneFn, err: unknown, info: RunContext["info"]) {
    const described = describeError(err, config);
    msg.hf = {
      task: spec.task,
      ...(config ? usedRoute(config, info) : { model: info.model, provider: undefined }),
      ...(described.status ? { status: described.status } : {}),
      ...(described.requestId ?? info.requestId ? { requestId: described.requestId ?? info.requestId } : {}),
      // The model's own text when it could not be used (a JSON answer that did not parse or fit the schema).
      ...(described.raw !== undefined ? { raw: described.raw } : {}),
    };
    const kind = described.kind === "http" ? `HTTP ${described.status}` : t(`status.${described.kind}`, described.kind);
    status.error(`${kind}: ${described.detail}`);
    done(described.error);
  }

  node.on("close", (_removed, done) => {
    closing.abort();
    inflight = 0;
    status.clear();
    preview?.clear();
    done();
  });
}

/**
 * What msg.hf says was used. With an Endpoint URL the account's provider is not used: the provider is "endpoint",
 * `endpoint` the URL called (without user info, query or fragment, which may hold secrets), and `model` the model
 * sent, or null when none was (the endpoint serves its own).
 */
function usedRoute(config: HfConfigNode, info: RunContext["info"]): { model: string | null | undefined; provider: string; endpoint?: string } {
  if (config.endpointUrl) return { model: info.model ?? null, provider: "endpoint", endpoint: endpointShown(config.endpointUrl) };
  return { model: info.model, provider: info.provider ?? config.provider };
}

function endpointShown(url: string): string {
  try {
    const u = new URL(url.trim());
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Status as core nodes show it: blue ring while requesting, green dot when done, red ring on error. */
class StatusReporter {
  constructor(
    private readonly node: Node,
    private readonly t: Translate,
  ) {}

  busy(active: number, queued: number) {
    const t = this.t;
    const text =
      queued > 0
        ? t("status.requestingQueued", "requesting (__active__, __queued__ queued)", { active, queued })
        : active > 1
          ? t("status.requestingMany", "requesting (__active__)", { active })
          : t("status.requesting", "requesting");
    this.node.status({ fill: "blue", shape: "ring", text });
  }

  progress(text: string) {
    this.node.status({ fill: "blue", shape: "ring", text: statusText(text) });
  }

  done(durationMs: number, active: number, queued: number) {
    if (active > 0) return this.busy(active, queued);
    this.node.status({ fill: "green", shape: "dot", text: this.t("status.done", "__ms__ ms", { ms: durationMs }) });
  }

  error(text: string) {
    this.node.status({ fill: "red", shape: "ring", text: statusText(text) });
  }

  clear() {
    this.node.status({});
  }
}
