"use strict";
// Local and dedicated servers through `endpointUrl`: OpenAI-compatible servers (llama.cpp, Ollama, vLLM, LiteLLM)
// for chat, completions and embeddings; TGI; Inference Endpoints for pipeline tasks. No Hub look-up, no provider.
const should = require("should");
const { FakeServer } = require("../../support/fake-server");
const { chatAnswer, lib } = require("./support");

describe("lib providers: endpoint URLs (local and dedicated servers)", function () {
  let server;
  before(async function () {
    server = await new FakeServer().start();
  });
  after(async function () {
    await server.stop();
  });
  beforeEach(function () {
    server.reset();
    lib.clearMappingCache();
  });
  // The Hub and router are unreachable on purpose: an endpoint URL must never need them.
  const client = (endpointUrl, token, opts = {}) =>
    new lib.InferenceClient(token, { endpointUrl, hubUrl: "http://127.0.0.1:9", routerUrl: "http://127.0.0.1:9", maxRetries: 0, ...opts });

  it("chat on an OpenAI-compatible server (Ollama style `.../v1`): /v1/chat/completions, the model as given", async function () {
    server.on("POST /v1/chat/completions", { json: chatAnswer("llama3.2") });
    const out = await client(`${server.url}/v1`).chatCompletion({ model: "llama3.2", provider: "groq", messages: [{ role: "user", content: "hi" }] });
    out.choices[0].message.content.should.equal("Hi there");
    server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["POST /v1/chat/completions"]);
    server.requests[0].json().model.should.equal("llama3.2");
    should(server.requests[0].headers.authorization).be.undefined();
  });

  it("text generation on a TGI / vLLM base URL: /v1/completions, with the token as Bearer", async function () {
    server.on("POST /v1/completions", { json: { choices: [{ text: " world", finish_reason: "length" }], model: "tgi" } });
    const out = await client(server.url, "hf_endpoint_token").textGeneration({ inputs: "Hello", parameters: { max_new_tokens: 3 } });
    out.generated_text.should.equal(" world");
    const post = server.requests[0];
    post.path.should.equal("/v1/completions");
    post.headers.authorization.should.equal("Bearer hf_endpoint_token");
    const body = post.json();
    body.prompt.should.equal("Hello");
    body.max_tokens.should.equal(3);
  });

  it("embeddings on an OpenAI-compatible server (llama.cpp / LiteLLM): /v1/embeddings, vectors back", async function () {
    server.on("POST /v1/embeddings", {
      json: { object: "list", data: [{ index: 1, embedding: [0.3, 0.4] }, { index: 0, embedding: [0.1, 0.2] }], model: "nomic-embed-text" },
    });
    const out = await client(`${server.url}/v1/`).featureExtraction({ model: "nomic-embed-text", inputs: ["a", "b"] });
    out.should.eql([
      [0.1, 0.2],
      [0.3, 0.4],
    ]);
    server.requests[0].path.should.equal("/v1/embeddings");
    server.requests[0].json().should.eql({ input: ["a", "b"], model: "nomic-embed-text" });
  });

  it("an embeddings URL given in full is used as is", async function () {
    server.on("POST /v1/embeddings", { json: { data: [{ embedding: [1, 2] }] } });
    await client(`${server.url}/v1/embeddings`).featureExtraction({ model: "m", inputs: "a" });
    server.requests[0].path.should.equal("/v1/embeddings");
  });

  it("feature-extraction on an Inference Endpoint / TEI URL: the Hugging Face payload to the URL itself", async function () {
    server.on("POST /endpoint", { json: [[0.5, 0.6]] });
    const out = await client(`${server.url}/endpoint`, "hf_x").featureExtraction({ inputs: "a" });
    out.should.eql([[0.5, 0.6]]);
    server.requests[0].json().should.eql({ inputs: "a" });
  });

  it("any pipeline task on an Inference Endpoint: posted to the endpoint URL", async function () {
    server.on("POST /", { json: [[{ label: "POSITIVE", score: 0.9 }, { label: "NEGATIVE", score: 0.1 }]] });
    const out = await client(server.url, "hf_x").textClassification({ inputs: "great" });
    out[0].label.should.equal("POSITIVE");
    server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["POST /"]);
  });

  it("a server error carries the server's message and status", async function () {
    server.on("POST /v1/chat/completions", { status: 404, json: { error: { message: 'model "llama9" not found, try pulling it first' } } });
    const err = await client(`${server.url}/v1`)
      .chatCompletion({ model: "llama9", messages: [{ role: "user", content: "hi" }] })
      .then(() => null, (e) => e);
    should(err).be.instanceOf(lib.InferenceClientProviderApiError);
    err.status.should.equal(404);
    err.message.should.containEql('model "llama9" not found');
  });
});
