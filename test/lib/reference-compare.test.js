"use strict";
// Our requests for the foundation tasks match what @huggingface/inference sends for the same call: same method,
// URL, auth, bill-to, content type and body, in the same order. Answers replay recorded traffic shapes.
const should = require("should");
const lib = require("../../dist/lib");
const { captureRequests, referenceClient } = require("../support/reference");
const { findTape } = require("../support/tapes");

const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(24, 1)]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
let seq = 0;

function responder(task, answer) {
  return (req) => {
    if (req.path.startsWith("/api/models/")) {
      const model = decodeURIComponent(req.path.slice("/api/models/".length).split("?")[0]);
      return { json: { id: model, inferenceProviderMapping: { "hf-inference": { providerId: model, status: "live", task } } } };
    }
    return answer;
  };
}

async function both(call, respond, clientArgs = ["hf_compareToken"]) {
  lib.clearMappingCache();
  const ours = await captureRequests(() => call(new lib.InferenceClient(...clientArgs)), respond);
  const ref = await captureRequests(async () => call(await referenceClient(...clientArgs)), respond);
  return { ours, ref };
}

describe("lib requests match @huggingface/inference", function () {
  const classifyTape = findTape("distilbert-base-uncased-finetuned-sst-2-english");
  const labels = { json: JSON.parse(classifyTape.response.body) };

  const cases = [
    {
      name: "text-classification routed with an hf_ token",
      task: "text-classification",
      answer: labels,
      call: (c, m) => c.textClassification({ model: m, inputs: JSON.parse(classifyTape.init.body).inputs, provider: "hf-inference" }),
    },
    {
      name: "text-classification with parameters and bill-to",
      task: "text-classification",
      answer: labels,
      options: { billTo: "my-org" },
      call: (c, m) => c.textClassification({ model: m, inputs: "great", parameters: { top_k: 1 }, provider: "hf-inference" }, { billTo: "my-org" }),
    },
    {
      name: "text-classification with provider auto",
      task: "text-classification",
      answer: labels,
      call: (c, m) => c.textClassification({ model: m, inputs: "auto please", provider: "auto" }),
    },
    {
      name: "text-to-image",
      task: "text-to-image",
      answer: { body: JPEG, headers: { "content-type": "image/jpeg" } },
      call: (c, m) => c.textToImage({ model: m, inputs: "a cat", parameters: { num_inference_steps: 4 }, provider: "hf-inference" }),
    },
    {
      name: "automatic-speech-recognition (raw audio body)",
      task: "automatic-speech-recognition",
      answer: { json: { text: "hello" } },
      call: (c, m) => c.automaticSpeechRecognition({ model: m, inputs: new Blob([WAV], { type: "audio/wav" }), provider: "hf-inference" }),
    },
    {
      name: "no token: unauthenticated",
      task: "text-classification",
      answer: labels,
      clientArgs: [],
      call: (c, m) => c.textClassification({ model: m, inputs: "anon", provider: "hf-inference" }),
    },
  ];

  for (const c of cases) {
    it(c.name, async function () {
      const model = `foundation-org/model-${++seq}`;
      const { ours, ref } = await both((client) => c.call(client, model), responder(c.task, c.answer), c.clientArgs);
      should(ref.error).be.undefined();
      should(ours.error).be.undefined();
      ours.requests.should.eql(ref.requests);
      ours.requests.length.should.be.above(0);
      if (ref.result instanceof Blob) {
        ours.result.should.be.instanceOf(Blob);
        Buffer.from(await ours.result.arrayBuffer()).equals(Buffer.from(await ref.result.arrayBuffer())).should.be.true();
      } else {
        ours.result.should.eql(ref.result);
      }
    });
  }

  it("endpointUrl: the same single POST, no Hub look-up", async function () {
    const respond = () => labels;
    const call = (client) => client.textClassification({ inputs: "to my endpoint" });
    const ours = await captureRequests(() => call(new lib.InferenceClient("hf_x", { endpointUrl: "https://router.huggingface.co/my-endpoint" })), respond);
    const ref = await captureRequests(async () => call(await referenceClient("hf_x", { endpointUrl: "https://router.huggingface.co/my-endpoint" })), respond);
    ours.requests.should.eql(ref.requests);
    ours.requests.length.should.equal(1);
  });
});
