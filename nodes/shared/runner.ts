import { setMaxListeners } from "node:events";
import type { CallInfo, Options } from "../../lib";
import type { HfConfigNode } from "./config";
import type { DoneFn, Node, NodeAPI, NodeMessage, SendFn } from "./red";
import { Batcher } from "./batcher";
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
  /**
   * Runs `job` in one of the account's concurrency slots. For a node with `ownSlot` this is where the inference
   * goes; for every other node the whole handler already holds a slot and this just runs the job.
   */
  slot<T>(job: () => Promise<T>): Promise<T>;
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
  /**
   * The handler takes its slot itself (`ctx.slot` around the inference), so work before and after it (reading and
   * writing conversation memory) never holds one of the account's slots: a slow store cannot stall other nodes.
   */
  ownSlot?: boolean;
  handle(ctx: RunContext): Promise<RunResult>;
  /** Micro-batching (task nodes whose task takes a list of inputs in one request); off when absent or size <= 1. */
  batch?: BatchSpec;
}

/** How a node batches: what each msg sends, one request for many, and each msg's own result. */
export interface BatchSpec {
  size: number;
  windowMs: number;
  /**
   * The msg's call: `key` names what must be equal within a batch (model, provider, parameters), `args` its call
   * with a single input. Undefined when the msg cannot join a batch (its payload is already a list). May throw on
   * bad input: that msg alone fails.
   */
  prepare(msg: NodeMessage): { key: string; args: Record<string, unknown> } | undefined;
  /** One request for every msg's args, in order; one output per msg, in order. */
  call(argsList: Array<Record<string, unknown>>, options: Options, config: HfConfigNode): Promise<unknown[]>;
  /** One msg's result from its own output. */
  finish(msg: NodeMessage, output: unknown): Promise<RunResult>;
}

interface BatchItem {
  msg: NodeMessage;
  send: SendFn;
  done: DoneFn;
  args: Record<string, unknown>;
  arrived: number;
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
  // This node's requests running (a batch is one) and msgs waiting for a slot of the account's queue.
  let running = 0;
  let waiting = 0;
  const t = translator(RED);
  const status = new StatusReporter(node, t);
  const preview = createPreview(RED, node, spec.preview === true);
  if (!config) status.error(t("status.noConfig", "no config"));
  const batchSpec = spec.batch && spec.batch.size > 1 ? spec.batch : undefined;
  const batcher = batchSpec && new Batcher<BatchItem>(batchSpec.size, batchSpec.windowMs, (items) => void runBatch(items));
  const showBusy = () => status.busy(running, waiting, batcher?.pending ? { n: batcher.pending, size: batcher.size } : undefined);

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

  /**
   * Runs `job` in one of the account's slots, counting it as waiting until it starts and as running while it
   * runs. Returns its result with the time spent waiting (`queuedMs`) and requesting (`durationMs`).
   */
  async function inSlot<T>(job: () => Promise<T>, arrived: number, msgs = 1) {
    waiting += msgs;
    showBusy();
    let started = 0;
    try {
      const value = await config!.scheduler.run(async () => {
        started = Date.now();
        waiting = Math.max(0, waiting - msgs);
        running++;
        showBusy();
        try {
          return await job();
        } finally {
          running = Math.max(0, running - 1);
        }
      });
      return { value, queuedMs: started - arrived, durationMs: Date.now() - started };
    } finally {
      if (!started) waiting = Math.max(0, waiting - msgs);
    }
  }

  async function runOne(msg: NodeMessage, send: SendFn, done: DoneFn): Promise<void> {
    const intercepted = spec.intercept?.(msg);
    if (intercepted) {
      await intercepted.then(
        () => done(),
        (err) => done(err instanceof Error ? err : new Error(String(err))),
      );
      return;
    }
    const arrived = Date.now();
    const info: RunContext["info"] = { model: safe(() => spec.model(msg)) };
    if (!config) {
      fail(msg, done, new Error("No Hugging Face config node selected"), info);
      return;
    }
    if (batcher) {
      let prepared;
      try {
        prepared = batchSpec!.prepare(msg);
      } catch (err) {
        fail(msg, done, err, info);
        return;
      }
      if (prepared) {
        batcher.add(prepared.key, { msg, send, done, args: prepared.args, arrived });
        showBusy();
        return;
      }
    }
    const options = callOptions(info);
    try {
      const ctx = { msg, config, options, info, send: scrubbingSend(send, config) };
      let result: RunResult;
      let queuedMs = 0;
      let durationMs: number;
      if (spec.ownSlot) {
        // The handler takes slots itself (memory I/O stays outside them): queued is the wait for those slots,
        // duration everything else since the msg arrived.
        result = await spec.handle({
          ...ctx,
          slot: async (job) => {
            const timed = await inSlot(job, Date.now());
            queuedMs += timed.queuedMs;
            return timed.value;
          },
        });
        durationMs = Date.now() - arrived - queuedMs;
      } else {
        ({ value: result, queuedMs, durationMs } = await inSlot(() => spec.handle({ ...ctx, slot: (job) => job() }), arrived));
      }
      deliver(result, info, durationMs, queuedMs, send, done);
    } catch (err) {
      fail(msg, done, err, info);
    }
  }

  /** One request for a closed batch; each msg then gets its own result or its own error. */
  async function runBatch(items: BatchItem[]): Promise<void> {
    const info: RunContext["info"] = { model: safe(() => spec.model(items[0].msg)) };
    const arrived = items[0].arrived;
    let outcome;
    try {
      outcome = await inSlot(() => batchSpec!.call(items.map((i) => i.args), callOptions(info), config!), arrived, items.length);
      if (outcome.value.length !== items.length) {
        throw new Error(`The provider answered ${outcome.value.length} results for a batch of ${items.length} inputs`);
      }
    } catch (err) {
      for (const [index, item] of items.entries()) fail(item.msg, item.done, err, info, { size: items.length, index });
      return;
    }
    for (const [index, item] of items.entries()) {
      const batch = { size: items.length, index };
      try {
        const result = await batchSpec!.finish(item.msg, outcome.value[index]);
        deliver(result, info, outcome.durationMs, item.arrived === arrived ? outcome.queuedMs : outcome.queuedMs + arrived - item.arrived, item.send, item.done, batch);
      } catch (err) {
        fail(item.msg, item.done, err, info, batch);
      }
    }
  }

  function callOptions(info: RunContext["info"]): Options {
    return {
      signal: closing.signal,
      onCallInfo: (i) => Object.assign(info, stripUndefined(i)),
      onProgress: (text) => status.progress(text),
    };
  }

  function deliver(result: RunResult, info: RunContext["info"], durationMs: number, queuedMs: number, send: SendFn, done: DoneFn, batch?: { size: number; index: number }) {
    scrubResult(result, config!);
    result.msg.hf = {
      task: spec.task,
      ...usedRoute(config!, info),
      // The request's own time; the time spent waiting for a slot (and for a batch to fill) is queuedMs.
      durationMs,
      queuedMs,
      ...(info.requestId ? { requestId: info.requestId } : {}),
      ...(info.attempts?.length ? { attempts: info.attempts } : {}),
      ...(batch ? { batch } : {}),
      ...(result.usage ? { usage: result.usage } : {}),
      output: result.output,
    };
    const outputs = spec.outputs ?? 1;
    const slot = spec.resultOutput ?? outputs - 1;
    send(outputs === 1 ? result.msg : Array.from({ length: outputs }, (_, i) => (i === slot ? result.msg : null)));
    preview?.show(result.msg);
    if (running > 0 || waiting > 0 || batcher?.pending) showBusy();
    else status.done(durationMs);
    done();
  }

  function fail(msg: NodeMessage, done: DoneFn, err: unknown, info: RunContext["info"], batch?: { size: number; index: number }) {
    const described = describeError(err, config);
    msg.hf = {
      task: spec.task,
      ...(config ? usedRoute(config, info) : { model: info.model, provider: undefined }),
      ...(described.status ? { status: described.status } : {}),
      ...(described.requestId ?? info.requestId ? { requestId: described.requestId ?? info.requestId } : {}),
      ...(info.attempts?.length ? { attempts: info.attempts } : {}),
      ...(batch ? { batch } : {}),
      // The model's own text when it could not be used (a JSON answer that did not parse or fit the schema).
      ...(described.raw !== undefined ? { raw: described.raw } : {}),
    };
    const kind = described.kind === "http" ? `HTTP ${described.status}` : t(`status.${described.kind}`, described.kind);
    status.error(`${kind}: ${described.detail}`);
    done(described.error);
  }

  node.on("close", (_removed, done) => {
    closing.abort();
    // The open batch never started: each of its msgs fails with the same error as a queued msg on redeploy.
    for (const item of batcher?.drop() ?? []) {
      try {
        item.done(new Error("Aborted: the flow was redeployed"));
      } catch {
        /* the runtime may refuse a done after close; nothing more to do */
      }
    }
    running = 0;
    waiting = 0;
    status.clear();
    preview?.clear();
    done();
  });
}

/**
 * What a handler sends before its result (streamed deltas, agent events) with the account's token scrubbed. Deltas
 * of one stream (`msg.parts.id`) share a stream redactor, so a token split across two deltas is caught too; the
 * piece it holds back goes out with the next delta, or with the last one (`msg.complete`).
 */
function scrubbingSend(send: SendFn, config: HfConfigNode): SendFn {
  const redactor = config.redactor;
  if (!redactor) return send;
  let streams: Map<unknown, ReturnType<typeof redactor.stream>> | undefined;
  const scrub = (m: NodeMessage | null) => {
    if (!m) return m;
    const parts = m.parts as { id?: unknown; type?: string } | undefined;
    if (parts?.type === "string" && typeof m.payload === "string") {
      streams ??= new Map();
      let stream = streams.get(parts.id);
      if (!stream) streams.set(parts.id, (stream = redactor.stream()));
      m.payload = stream.push(m.payload);
      if (m.complete) {
        m.payload += stream.end();
        streams.delete(parts.id);
      }
    } else {
      m.payload = redactor.value(m.payload);
    }
    return m;
  };
  return (out) => send(Array.isArray(out) ? out.map(scrub) : scrub(out));
}

/** The result msg's own parts (payload, conversation, tool calls, items) and msg.hf.output, token scrubbed. */
function scrubResult(result: RunResult, config: HfConfigNode): void {
  const redactor = config.redactor;
  if (!redactor) return;
  const msg = result.msg;
  for (const key of ["payload", "messages", "tool_calls", "items"]) if (msg[key] !== undefined) msg[key] = redactor.value(msg[key]);
  result.output = redactor.value(result.output);
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

  busy(active: number, queued: number, batch?: { n: number; size: number }) {
    const t = this.t;
    const batchText = batch ? t("status.batch", "batch __n__/__size__", batch) : "";
    if (batchText && active === 0 && queued === 0) {
      this.node.status({ fill: "blue", shape: "ring", text: batchText });
      return;
    }
    const text =
      queued > 0
        ? t("status.requestingQueued", "requesting (__active__, __queued__ queued)", { active, queued })
        : active > 1
          ? t("status.requestingMany", "requesting (__active__)", { active })
          : t("status.requesting", "requesting");
    this.node.status({ fill: "blue", shape: "ring", text: batchText ? `${text} · ${batchText}` : text });
  }

  progress(text: string) {
    this.node.status({ fill: "blue", shape: "ring", text: statusText(text) });
  }

  done(durationMs: number) {
    this.node.status({ fill: "green", shape: "dot", text: this.t("status.done", "__ms__ ms", { ms: durationMs }) });
  }

  error(text: string) {
    this.node.status({ fill: "red", shape: "ring", text: statusText(text) });
  }

  clear() {
    this.node.status({});
  }
}
