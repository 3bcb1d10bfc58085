import { Binary, binaryInputKind, resultBlob, toBinary } from "./binary";
import { InferenceClientInputError } from "./errors";
import { withFailover } from "./failover";
import { checkUrlInput, guardedDispatcher } from "./http/address-policy";
import { Deadline } from "./http/deadline";
import { parseBody, sendBuffered, sendStreaming, type BufferedResponse, type OutgoingRequest } from "./http/request";
import { parseJsonEvents } from "./http/sse";
import type { ResolvedOptions } from "./options";
import { argsBody } from "./providers/routes";
import type { CallContext, ProviderAnswer, ProviderIO, RequestPayload } from "./providers/types";
import { resolveRoute, type ResolvedRoute } from "./routing";
import { TASKS } from "./tasks";
import { MAX_INPUT_BYTES, refuseTextAsMedia, requireBinary } from "./tasks/checks";
import type { TaskId } from "./tasks/ids";
import type { BinaryField, TaskDefinition } from "./tasks/types";
import { LOCAL_PROVIDER, runLocal } from "./local";
import { PACKAGE_NAME, PACKAGE_VERSION } from "./version";
import { isLocalChat, localChatCompletion } from "./local/chat";

/** Everything a call needs once arguments, options and route are settled. */
export interface PreparedCall {
  task: TaskDefinition;
  route: ResolvedRoute;
  ctx: CallContext;
  request: OutgoingRequest;
  deadline: Deadline;
  opts: ResolvedOptions;
  accessToken?: string;
}

export async function prepareCall(
  taskId: TaskId,
  rawArgs: Record<string, unknown>,
  opts: ResolvedOptions,
  accessToken: string | undefined,
  extra: { stream?: boolean; deadline?: Deadline } = {},
): Promise<PreparedCall> {
  const task = TASKS[taskId];
  if (!task) throw new InferenceClientInputError(`Task ${taskId} is not supported yet.`);
  if (!rawArgs || typeof rawArgs !== "object") throw new InferenceClientInputError(`Expected an arguments object for ${task.method}`);
  const deadline = extra.deadline ?? new Deadline(opts.timeout, opts.signal);
  const call = {
    accessToken: (rawArgs.accessToken as string | undefined) ?? accessToken,
    model: rawArgs.model as string | undefined,
    provider: (rawArgs.provider as string | undefined) ?? opts.provider,
    endpointUrl: (rawArgs.endpointUrl as string | undefined) ?? opts.endpointUrl,
  };
  const args = taskArgs(rawArgs);
  task.validate?.(args);
  if (task.binaryFields?.length) await normaliseBinaries(args, task.binaryFields, opts, deadline);

  const routing = resolveRoute(taskId, call, opts, deadline);
  const route = routing instanceof Promise ? await routing : routing;
  opts.onCallInfo?.({ provider: route.provider.id, providerModel: route.providerModel });
  const ctx: CallContext = {
    task: taskId,
    provider: route.provider.id,
    model: route.providerModel,
    mapping: route.mapping,
    args,
    authMethod: route.authMethod,
    endpointUrl: call.endpointUrl,
    stream: extra.stream,
    baseUrl: call.endpointUrl ?? route.baseUrl,
    outputType: opts.outputType,
  };
  const url = call.endpointUrl
    ? (route.route.endpointPath?.(call.endpointUrl, ctx) ?? call.endpointUrl)
    : `${route.baseUrl}/${route.route.path(ctx).replace(/^\/+/, "")}`;
  const payload = route.route.body ? route.route.body(ctx) : argsBody(ctx);
  const headers = authHeaders(route, call.accessToken, opts);
  if (route.route.headers) Object.assign(headers, route.route.headers(ctx));
  const body = "form" in payload ? await encodeForm(payload.form, headers) : encodePayload(payload, headers);
  const request: OutgoingRequest = { url, method: "POST", headers, body, target: "provider" };
  if (extra.stream) request.idleTimeoutMs = opts.streamIdleTimeout ?? 60_000;
  return { task, route, ctx, request, deadline, opts, accessToken: call.accessToken };
}

function authHeaders(route: ResolvedRoute, accessToken: string | undefined, opts: ResolvedOptions): Record<string, string> {
  const headers: Record<string, string> = { "User-Agent": `${PACKAGE_NAME}/${PACKAGE_VERSION}` };
  if (accessToken) {
    const style = route.authMethod === "provider-key" ? (route.provider.keyStyle ?? "bearer") : "bearer";
    if (style === "bearer") headers.Authorization = `Bearer ${accessToken}`;
    else if (style === "key") headers.Authorization = `Key ${accessToken}`;
    else headers["X-Key"] = accessToken;
  }
  if (opts.billTo) headers["X-HF-Bill-To"] = opts.billTo;
  return headers;
}

/** The task's own arguments: the caller's, less the routing fields. */
function taskArgs(rawArgs: Record<string, unknown>): Record<string, unknown> {
  // The routing fields are named only to be left out of `args`.
  const { accessToken: _token, model: _model, provider: _provider, endpointUrl: _endpointUrl, ...args } = rawArgs;
  // `data` is the reference's legacy name for a binary `inputs`.
  if (args.inputs === undefined && args.data !== undefined) {
    const { data, ...rest } = args;
    return { ...rest, inputs: data };
  }
  return args;
}

function encodePayload(payload: Exclude<RequestPayload, { form: FormData }>, headers: Record<string, string>): string | Uint8Array {
  if ("binary" in payload) {
    if (payload.binary.declaredType) headers["Content-Type"] = payload.binary.declaredType;
    return payload.binary.bytes;
  }
  headers["Content-Type"] = "application/json";
  return JSON.stringify(payload.json);
}

/**
 * Encoded here (Node's own Response, same realm as the global FormData): npm undici cannot stream a global
 * FormData, and bytes can be sent again on a retry.
 */
async function encodeForm(form: FormData, headers: Record<string, string>): Promise<Uint8Array> {
  const encoded = new Response(form);
  headers["Content-Type"] = encoded.headers.get("content-type") ?? "multipart/form-data";
  return new Uint8Array(await encoded.arrayBuffer());
}

async function normaliseBinaries(args: Record<string, unknown>, fields: BinaryField[], opts: ResolvedOptions, deadline: Deadline) {
  for (const field of fields) {
    const parts = field.path.split(".");
    // Objects on the path are copied before the binary is replaced: the caller's arguments stay as they were.
    const holder = parts.slice(0, -1).reduce<Record<string, unknown> | undefined>((obj, key) => {
      const next = obj?.[key];
      if (!next || typeof next !== "object" || Array.isArray(next) || ArrayBuffer.isView(next) || next instanceof Blob) return undefined;
      const copy = { ...(next as Record<string, unknown>) };
      (obj as Record<string, unknown>)[key] = copy;
      return copy;
    }, args);
    const key = parts[parts.length - 1];
    if (!holder || holder[key] === undefined || holder[key] === null) {
      if (field.optional) continue;
      throw new InferenceClientInputError(`Missing ${field.what} input "${field.path}"`);
    }
    if (holder[key] instanceof Binary) continue;
    const kind = binaryInputKind(holder[key]);
    const maxBytes = MAX_INPUT_BYTES[field.what];
    const binary = await toBinary(holder[key], {
      what: field.what,
      download: (url) => downloadInput(url, opts, deadline, maxBytes),
      fileDirs: opts.fileInputDirs,
      maxFileBytes: maxBytes,
    });
    // Bytes read from a URL or a file get the checks in-memory inputs got before (format, size).
    if (kind === "url" || kind === "path") {
      requireBinary(binary, field.what, field.path);
      refuseTextAsMedia(binary, field.what, field.path);
    }
    holder[key] = binary;
  }
}

/**
 * Downloads a URL input under the address policy (see `address-policy.ts`), reading no more than the input's size
 * limit: checked at each redirect, and where the socket connects unless the caller gave its own dispatcher.
 */
function downloadInput(url: string, opts: ResolvedOptions, deadline: Deadline, maxBytes: number): Promise<Binary> {
  const policy = opts.allowPrivateUrlInputs ?? false;
  if (policy === true) return downloadBinary(url, opts, deadline, {}, { maxBytes });
  const ownDispatcher = opts.dispatcher !== undefined;
  const transport = ownDispatcher ? opts.transport : { ...opts.transport, dispatcher: guardedDispatcher(policy) };
  return downloadBinary(url, { ...opts, transport }, deadline, {}, { maxBytes, checkUrl: (u) => checkUrlInput(u, policy, ownDispatcher) });
}

/** Fetches a URL input or a result file, never with our credentials. */
export async function downloadBinary(
  url: string,
  opts: ResolvedOptions,
  deadline: Deadline,
  headers: Record<string, string> = {},
  limits: Pick<OutgoingRequest, "maxBytes" | "checkUrl"> = {},
): Promise<Binary> {
  const res = await sendBuffered({ url, method: "GET", headers, target: "download", followRedirects: true, ...limits }, opts.transport, deadline);
  const bytes = new Uint8Array(res.body.buffer, res.body.byteOffset, res.body.byteLength);
  const binary = await toBinary(bytes, { what: "download" }).catch(() => new Binary(bytes, ""));
  return new Binary(bytes, binary.type !== "application/octet-stream" ? binary.type : res.contentType.split(";")[0] || binary.type);
}

function providerIO(call: PreparedCall): ProviderIO {
  const { opts, deadline } = call;
  const auth = { ...call.request.headers };
  delete auth["Content-Type"];
  return {
    deadline,
    url: call.request.url,
    authHeaders: auth,
    async getJson(url, o = {}) {
      const hasBody = o.body !== undefined;
      const res = await sendBuffered(
        {
          url,
          method: o.method ?? (hasBody ? "POST" : "GET"),
          headers: { ...(o.headers ?? auth), ...(hasBody ? { "Content-Type": "application/json" } : {}) },
          body: hasBody ? JSON.stringify(o.body) : undefined,
          target: "provider",
        },
        opts.transport,
        deadline,
      );
      return parseBody(res, res.body);
    },
    async download(url, headers) {
      const file = await downloadBinary(url, opts, deadline, headers);
      return resultBlob(file.bytes, file.type, opts.keepBlobBytes);
    },
    progress: (status) => opts.onProgress?.(status),
    sleep: (ms) => deadline.sleep(ms),
  };
}

/** Runs one non-streaming call: route, send (with retries), and shape the answer. */
export async function runTask(
  taskId: TaskId,
  args: Record<string, unknown>,
  opts: ResolvedOptions,
  accessToken: string | undefined,
): Promise<unknown> {
  if (taskId === "conversational" && isLocalChat(args, opts)) return localChatCompletion(args as never, opts);
  // The budget is created here so that it is released however the call ends (see Deadline.dispose).
  const deadline = new Deadline(opts.timeout, opts.signal);
  try {
    if (isLocal(args, opts)) return await runLocalTask(taskId, args, opts, deadline);
    // One deadline across every provider tried: failover never extends the call's timeout.
    return await withFailover(args, opts, deadline, async (providerArgs, routed) => {
      const call = await prepareCall(taskId, providerArgs, opts, accessToken, { deadline });
      routed(call.route.provider.id);
      const res = await sendBuffered(call.request, opts.transport, deadline);
      opts.onCallInfo?.({ requestId: res.requestId || undefined, status: res.status });
      // Awaited here, inside the budget: an asynchronous provider's output polls and downloads with it.
      return await outputOf(call, res);
    });
  } finally {
    deadline.dispose();
  }
}

const isLocal = (args: Record<string, unknown>, opts: ResolvedOptions) =>
  ((args?.provider as string | undefined) ?? opts.provider) === LOCAL_PROVIDER && !((args?.endpointUrl as string | undefined) ?? opts.endpointUrl);

/** A `provider: "local"` call: the same argument checks and binary inputs as a remote one, then the worker. */
async function runLocalTask(taskId: TaskId, rawArgs: Record<string, unknown>, opts: ResolvedOptions, deadline: Deadline): Promise<unknown> {
  const task = TASKS[taskId];
  if (!task) throw new InferenceClientInputError(`Task ${taskId} is not supported yet.`);
  const args = taskArgs(rawArgs);
  task.validate?.(args);
  if (task.binaryFields?.length) await normaliseBinaries(args, task.binaryFields, opts, deadline);
  return runLocal(taskId, rawArgs.model as string | undefined, args, opts, deadline);
}

/** The task's result from the provider's answer: JSON or bytes, shaped by the route or the task. */
function outputOf(call: PreparedCall, res: BufferedResponse): unknown {
  const isJson = /json/i.test(res.contentType);
  const answer: ProviderAnswer = isJson
    ? { head: res, json: parseBody(res, res.body, true) }
    : { head: res, blob: resultBlob(res.body, res.contentType.split(";")[0] || "application/octet-stream", call.opts.keepBlobBytes) };
  const route = call.route.route;
  return route.output ? route.output(answer, call.ctx, providerIO(call)) : call.task.output(answer);
}

/** Runs one streaming call and yields each parsed server-sent event. */
export async function* streamTask<T>(
  taskId: TaskId,
  args: Record<string, unknown>,
  opts: ResolvedOptions,
  accessToken: string | undefined,
  sse: { requireDone?: boolean } = {},
): AsyncGenerator<T> {
  const deadline = new Deadline(opts.timeout, opts.signal);
  try {
    // Failover only until a provider's answer starts: once events flow, they cannot be taken back.
    const { call, res } = await withFailover({ ...args, stream: true }, opts, deadline, async (providerArgs, routed) => {
      const call = await prepareCall(taskId, providerArgs, opts, accessToken, { stream: true, deadline });
      routed(call.route.provider.id);
      return { call, res: await sendStreaming(call.request, opts.transport, call.deadline) };
    });
    opts.onCallInfo?.({ provider: call.route.provider.id, requestId: res.requestId || undefined, status: res.status });
    yield* parseJsonEvents<T>(res, call.request, sse);
  } finally {
    deadline.dispose();
  }
}

