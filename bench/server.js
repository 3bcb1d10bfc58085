"use strict";
// The benchmark's provider: a plain node:http server on 127.0.0.1, run in its own process so that its work does not
// count against the client being measured. Answers are built once, so the server costs the same for every client.
//   POST .../chat/completions           a small chat completion (or, with "stream":true, a long SSE stream)
//   POST .../classify                   a small text-classification answer
//   POST .../echo                       the request body back, as image/png (binary round trip)
// It tells its parent its URL over IPC.
const http = require("node:http");

const STREAM_TOKENS = Number(process.env.BENCH_STREAM_TOKENS ?? 20_000);

const chatJson = Buffer.from(
  JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 1,
    model: "bench-model",
    choices: [{ index: 0, message: { role: "assistant", content: "Hello! How can I help you today?" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 },
  }),
);

const labelsJson = Buffer.from(JSON.stringify([[{ label: "POSITIVE", score: 0.9998 }, { label: "NEGATIVE", score: 0.0002 }]]));

function sseBody(tokens) {
  const parts = [];
  for (let i = 0; i < tokens; i++) {
    const chunk = {
      id: "chatcmpl-bench",
      object: "chat.completion.chunk",
      created: 1,
      model: "bench-model",
      choices: [{ index: 0, delta: { content: i === 0 ? "tok0" : ` tok${i}` }, finish_reason: null }],
    };
    parts.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  const last = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1, model: "bench-model", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] };
  parts.push(`data: ${JSON.stringify(last)}\n\n`, "data: [DONE]\n\n");
  return Buffer.from(parts.join(""));
}
const sse = sseBody(STREAM_TOKENS);

function reply(res, type, body) {
  res.writeHead(200, { "content-type": type, "content-length": body.length });
  res.end(body);
}

let slowRequests = 0;
function slowAnswer(req, res, body) {
  if (req.url === "/slow/count") return reply(res, "application/json", Buffer.from(JSON.stringify({ requests: slowRequests })));
  slowRequests++;
  const { inputs } = JSON.parse(body.toString("utf8"));
  const one = req.url.endsWith("/features") ? () => [0.1, 0.2, 0.3, 0.4] : () => [{ label: "POSITIVE", score: 0.9 }, { label: "NEGATIVE", score: 0.1 }];
  const json = Array.isArray(inputs) ? inputs.map(one) : req.url.endsWith("/features") ? one() : [one()];
  setTimeout(() => reply(res, "application/json", Buffer.from(JSON.stringify(json))), 20);
}

const server = http.createServer((req, res) => {
  if (req.url.endsWith("/echo")) {
    const headers = { "content-type": "image/png" };
    if (req.headers["content-length"]) headers["content-length"] = req.headers["content-length"];
    res.writeHead(200, headers);
    req.pipe(res);
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (/\/chat\/completions$/.test(req.url)) {
      const streamed = Buffer.concat(chunks).includes('"stream":true');
      return streamed ? reply(res, "text/event-stream", sse) : reply(res, "application/json", chatJson);
    }
    // A provider with 20 ms per request, whatever its size: one result per input for a list (batching figures).
    if (req.url.startsWith("/slow/")) return slowAnswer(req, res, Buffer.concat(chunks));
    if (req.url.endsWith("/classify")) return reply(res, "application/json", labelsJson);
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: `no route for ${req.url}` }));
  });
});
server.keepAliveTimeout = 60_000;

server.listen(0, "127.0.0.1", () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  if (process.send) process.send({ url, streamTokens: STREAM_TOKENS });
  else console.log(url);
});
process.on("disconnect", () => process.exit(0));
