"use strict";
// Runs our library and @huggingface/inference side by side against the same recorded answers and returns the
// requests each sent, normalised for comparison. Both reach the network through undici's global dispatcher
// (ours by default, the reference through Node's fetch), so one MockAgent sees both.
const { MockAgent, getGlobalDispatcher, setGlobalDispatcher } = require("undici");

const ORIGINS = ["https://huggingface.co", "https://router.huggingface.co"];

/**
 * `responder({origin, method, path, headers, body})` returns `{status?, json? | body?, headers?}`.
 * `extraOrigins` adds provider hosts (direct calls, downloads); `"*"` among them answers every origin.
 */
async function captureRequests(run, responder, extraOrigins = []) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen = [];
  const everyOrigin = extraOrigins.includes("*");
  const matchers = everyOrigin ? [() => true] : [...ORIGINS, ...extraOrigins];
  for (const matcher of matchers) {
    agent
      .get(matcher)
      .intercept({ path: () => true, method: () => true })
      .reply((opts) => {
        const origin = typeof matcher === "string" ? matcher : String(opts.origin).replace(/\/+$/, "");
        const req = { origin, method: opts.method, path: opts.path, headers: lowerCase(opts.headers), body: bodyBytes(opts.body) };
        seen.push(req);
        const answer = responder(req) ?? { status: 404, json: { error: "no answer scripted" } };
        const isJson = answer.json !== undefined;
        return {
          statusCode: answer.status ?? 200,
          data: isJson ? JSON.stringify(answer.json) : (answer.body ?? ""),
          responseOptions: { headers: { "content-type": isJson ? "application/json" : "application/octet-stream", ...answer.headers } },
        };
      })
      .persist();
  }
  const previous = getGlobalDispatcher();
  setGlobalDispatcher(agent);
  let result;
  let error;
  try {
    result = await run();
  } catch (err) {
    error = err;
  } finally {
    setGlobalDispatcher(previous);
    await agent.close();
  }
  return { requests: await Promise.all(seen.map(normalise)), result, error };
}

function lowerCase(headers) {
  const out = {};
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else {
    for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  }
  return out;
}

/** The body's bytes; a Blob (fetch hands those over unread) counts by its size only; a FormData is kept. */
function bodyBytes(body) {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (body instanceof FormData) return body;
  if (typeof body === "string") return Buffer.from(body);
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof Blob) return { blobSize: body.size };
  return Buffer.from(String(body));
}

/** Provider-specific headers that must match too (only recorded when sent; fetch's default `accept-language: *` is not). */
const EXTRA_HEADERS = ["prefer", "x-key", "x-source-channel", "accept-language"];

/** A multipart form as `[name, value | {file, size, type}]` pairs, whether given as FormData or encoded bytes. */
async function formEntries(body, contentType) {
  const form = body instanceof FormData ? body : await new Response(body, { headers: { "content-type": contentType } }).formData();
  const entries = [];
  for (const [name, value] of form.entries()) {
    entries.push([name, typeof value === "string" ? value : { file: value.name, size: value.size, type: value.type }]);
  }
  return { form: entries };
}

/** What must match between the two libraries: method, URL, auth, bill-to, content type and body. */
async function normalise(req) {
  let body;
  const contentType = req.headers["content-type"];
  if (req.body instanceof FormData || /^multipart\/form-data/i.test(contentType ?? "")) {
    body = await formEntries(req.body, contentType);
  } else if (!Buffer.isBuffer(req.body)) {
    body = { binaryBytes: req.body.blobSize };
  } else {
    const text = req.body.toString("utf8");
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = { binaryBytes: req.body.length };
    }
  }
  const out = {
    method: req.method,
    url: req.origin + req.path,
    authorization: req.headers.authorization,
    billTo: req.headers["x-hf-bill-to"],
    contentType: req.method === "GET" ? undefined : (contentType ?? (req.body instanceof FormData ? "multipart/form-data" : undefined))?.split(";")[0],
    body,
  };
  for (const name of EXTRA_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined && !(name === "accept-language" && value === "*")) out[name] = value;
  }
  return out;
}

let reference;
async function referenceClient(...args) {
  reference ??= await import("@huggingface/inference");
  return new reference.InferenceClient(...args);
}

module.exports = { captureRequests, referenceClient };
