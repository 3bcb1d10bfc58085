"use strict";
// Our chat requests match what @huggingface/inference sends for the same call (method, URL, auth, bill-to,
// content type, body), and both read the same recorded answers, streamed or not, to the same result.
const should = require("should");
const lib = require("../../../dist/lib");
const { captureRequests, referenceClient } = require("../../support/reference");
const { findTapes } = require("../../support/tapes");

const messages = [{ role: "user", content: "Complete the equation one + one =" }];
const streamTape = findTapes("/chat/completions", (b) => b.includes('"stream":true')).find((t) => t.url.includes("api.openai.com") && t.response.status === 200);
const jsonTape = findTapes("/chat/completions", (b) => !b.includes('"stream":true')).find((t) => t.url.includes("api.together.xyz") && t.response.status === 200);

function responder(stream) {
  return (req) => {
    if (req.path.startsWith("/api/models/")) {
      const model = decodeURIComponent(req.path.slice("/api/models/".length).split("?")[0]);
      return {
        json: {
          id: model,
          inferenceProviderMapping: {
            "hf-inference": { providerId: model, status: "live", task: "conversational" },
            together: { providerId: "together/served-id", status: "live", task: "conversational" },
          },
        },
      };
    }
    return stream
      ? { body: streamTape.response.body, headers: { "content-type": "text/event-stream" } }
      : { json: JSON.parse(jsonTape.response.body) };
  };
}

async function collect(iterable) {
  const out = [];
  for await (const c of iterable) out.push(c);
  return out;
}

describe("lib chat requests match @huggingface/inference", function () {
  const cases = [
    { name: "provider auto: the router's own chat route, no Hub look-up", args: { provider: "auto" } },
    { name: "no provider given: auto", args: {} },
    { name: "hf-inference", args: { provider: "hf-inference" } },
    { name: "together through the router", args: { provider: "together" } },
    { name: "bill-to and sampling parameters", args: { provider: "auto", temperature: 0.1, max_tokens: 20, seed: 3 }, options: { billTo: "my-org" } },
    { name: "endpointUrl ending in /v1", args: { endpointUrl: "https://router.huggingface.co/my-endpoint/v1" } },
    { name: "endpointUrl without /v1", args: { endpointUrl: "https://router.huggingface.co/my-endpoint" } },
  ];
  let seq = 0;
  for (const c of cases) {
    for (const stream of [false, true]) {
      it(`${c.name}${stream ? " (stream)" : ""}`, async function () {
        lib.clearMappingCache();
        const model = `test-org/chat-${++seq}`;
        const args = { model, messages, ...c.args };
        const call = (client) => (stream ? collect(client.chatCompletionStream(args, c.options)) : client.chatCompletion(args, c.options));
        const ours = await captureRequests(() => call(new lib.InferenceClient("hf_compareToken")), responder(stream));
        const ref = await captureRequests(async () => call(await referenceClient("hf_compareToken")), responder(stream));
        should(ref.error).be.undefined();
        should(ours.error).be.undefined();
        ours.requests.length.should.be.above(0);
        ours.requests.should.eql(ref.requests);
        ours.result.should.eql(ref.result);
      });
    }
  }
});

describe("lib chat as the openai client", function () {
  let OpenAI;
  before(async function () {
    OpenAI = (await import("openai")).default;
  });

  for (const baseURL of ["https://router.huggingface.co/v1", "https://api.example.com/v3/openai/"]) {
    for (const stream of [false, true]) {
      it(`posts to the same URL with baseURL ${baseURL}${stream ? " (stream)" : ""}`, async function () {
        const body = { model: "meta-llama/Llama-3.1-8B-Instruct:together", messages, stream, max_tokens: 9 };
        const answer = () =>
          stream ? { body: streamTape.response.body, headers: { "content-type": "text/event-stream" } } : { json: JSON.parse(jsonTape.response.body) };
        const run = async (client) => {
          const res = await client.chat.completions.create(body);
          return stream ? collect(res) : res;
        };
        const ours = await captureRequests(() => run(new lib.InferenceClient({ baseURL, apiKey: "hf_compareToken" })), answer, ["https://api.example.com"]);
        const ref = await captureRequests(() => run(new OpenAI({ baseURL, apiKey: "hf_compareToken", maxRetries: 0 })), answer, ["https://api.example.com"]);
        should(ref.error).be.undefined();
        should(ours.error).be.undefined();
        ours.requests.should.have.length(1);
        ours.requests.should.eql(ref.requests);
        JSON.parse(JSON.stringify(ours.result)).should.eql(JSON.parse(JSON.stringify(ref.result)));
      });
    }
  }
});
