"use strict";
// Runs our library and @huggingface/inference side by side against the same recorded answers and returns the
// requests each sent, normalised for comparison. Both reach the network through undici's global dispatcher
// (ours by default, the reference through Node's fetch), so one MockAgent sees both.
const { MockAgent, getGlobalDispatcher, setGlobalDispatcher } = require("undici");

const ORIGINS = ["https://huggingface.co", "https://router.huggingface.co"];

/**
 * `responder({origin, method, path, headers, body})` returns `{status?, json? | body?, headers?}`.
 * `extraOrigins` adds provider hosts (direct calls, downloads).
 */
async function captureRequests(run, responder, extraOrigins = []) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen = [];
  for (const origin of [...ORIGINS, ...extraOrigins]) {
    agent
      .get(origin)
      .intercept({ path: () => true, method: () => true })
      .reply((opts) => {
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
  return { requests: seen.map(normalise), result, error };
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

/** The body's bytes; a Blob (fetch hands those over unread) counts by its size only. */
function bodyBytes(body) {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body);
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof Blob) return { blobSize: body.size };
  return Buffer.from(String(body));
}

/** What must match between the two libraries: method, URL, auth, bill-to, content type and body. */
function normalise(req) {
  let body;
  if (!Buffer.isBuffer(req.body)) {
    body = { binaryBytes: req.body.blobSize };
  } else {
    const text = req.body.toString("utf8");
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = { binaryBytes: req.body.length };
    }
  }
  return {
    method: req.method,
    url: req.origin + req.path,
    authorization: req.headers.authorization,
    billTo: req.headers["x-hf-bill-to"],
    contentType: req.method === "GET" ? undefined : req.headers["content-type"]?.split(";")[0],
    body,
  };
}

let reference;
async function referenceClient(...args) {
  reference ??= await import("@huggingface/inference");
  return new reference.InferenceClient(...args);
}

module.exports = { captureRequests, referenceClient };
