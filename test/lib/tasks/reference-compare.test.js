"use strict";
// Every task on hf-inference sends what @huggingface/inference sends for the same call (method, URL, auth,
// content type, body) and returns the same output, against the same recorded answers.
const should = require("should");
const lib = require("../../../dist/lib");
const { captureRequests, referenceClient } = require("../../support/reference");
const { findTape } = require("../../support/tapes");

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(24, 1)]);
const blob = (bytes, type) => new Blob([bytes], { type });
const tape = (suffix, filter) => ({ json: JSON.parse(findTape(suffix, filter).response.body) });
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

const cases = [
  ["audio-classification", { json: tape("/models/superb/hubert-large-superb-er").json }, (c, m) => c.audioClassification({ model: m, inputs: blob(WAV, "audio/wav") })],
  ["audio-to-audio", tape("/models/speechbrain/sepformer-wham"), (c, m) => c.audioToAudio({ model: m, inputs: blob(WAV, "audio/wav") })],
  [
    "document-question-answering",
    tape("/models/impira/layoutlm-document-qa"),
    (c, m) => c.documentQuestionAnswering({ model: m, inputs: { image: blob(PNG, "image/png"), question: "Invoice number?" } }),
  ],
  ["feature-extraction", tape("/models/sentence-transformers/distilbert-base-nli-mean-tokens"), (c, m) => c.featureExtraction({ model: m, inputs: "That is a happy person" })],
  ["feature-extraction (batch)", tape("/models/facebook/bart-base", (b) => b.includes('["hello"')), (c, m) => c.featureExtraction({ model: m, inputs: ["hello", "That is a happy person"] })],
  ["fill-mask", tape("/models/google-bert/bert-base-uncased"), (c, m) => c.fillMask({ model: m, inputs: "[MASK] world!", parameters: { top_k: 5 } })],
  ["image-classification", tape("/models/google/vit-base-patch16-224"), (c, m) => c.imageClassification({ model: m, inputs: blob(PNG, "image/png") })],
  ["image-segmentation", tape("/models/facebook/detr-resnet-50-panoptic"), (c, m) => c.imageSegmentation({ model: m, inputs: blob(PNG, "image/png"), parameters: { threshold: 0.5 } })],
  ["image-to-image", { body: JPEG, headers: { "content-type": "image/jpeg" } }, (c, m) => c.imageToImage({ model: m, inputs: blob(PNG, "image/png") })],
  ["image-to-image (parameters)", { body: JPEG, headers: { "content-type": "image/jpeg" } }, (c, m) => c.imageToImage({ model: m, inputs: blob(PNG, "image/png"), parameters: { prompt: "elf" } })],
  // The reference checks `generated_text` on the answer itself, so give it the object form here.
  ["image-to-text", { json: { generated_text: "a giraffe" } }, (c, m) => c.imageToText({ model: m, inputs: blob(PNG, "image/png") })],
  ["object-detection", tape("/models/facebook/detr-resnet-50"), (c, m) => c.objectDetection({ model: m, inputs: blob(JPEG, "image/jpeg") })],
  [
    "question-answering",
    tape("/models/deepset/roberta-base-squad2"),
    (c, m) => c.questionAnswering({ model: m, inputs: { question: "What is the capital of France?", context: "The capital of France is Paris." } }),
  ],
  [
    "sentence-similarity",
    tape("/sentence-similarity/sentence-transformers/paraphrase-xlm-r-multilingual-v1"),
    (c, m) => c.sentenceSimilarity({ model: m, inputs: { source_sentence: "That is a happy person", sentences: ["That is a happy dog", "That is a very happy person", "Today is a sunny day"] } }),
  ],
  ["summarization", tape("/models/facebook/bart-large-cnn"), (c, m) => c.summarization({ model: m, inputs: "A long text", parameters: { max_length: 30 } })],
  ["table-question-answering", tape("/models/google/tapas-base-finetuned-wtq"), (c, m) => c.tableQuestionAnswering({ model: m, inputs: JSON.parse(findTape("/models/google/tapas-base-finetuned-wtq").init.body).inputs })],
  ["tabular-classification", tape("/models/vvmnnnkv/wine-quality"), (c, m) => c.tabularClassification({ model: m, inputs: JSON.parse(findTape("/models/vvmnnnkv/wine-quality").init.body).inputs })],
  ["tabular-regression", tape("/models/scikit-learn/Fish-Weight"), (c, m) => c.tabularRegression({ model: m, inputs: JSON.parse(findTape("/models/scikit-learn/Fish-Weight").init.body).inputs })],
  [
    "text-generation",
    { json: { choices: [{ index: 0, text: " three", finish_reason: "length" }] } },
    (c, m) => c.textGeneration({ model: m, inputs: "one plus two equals", parameters: { max_new_tokens: 5, temperature: 0.2 }, seed: 1 }),
  ],
  ["text-to-speech", { body: Buffer.from("fLaC0123"), headers: { "content-type": "audio/flac" } }, (c, m) => c.textToSpeech({ model: m, inputs: "hello there!" })],
  ["text-to-audio", { body: Buffer.from("fLaC0123"), headers: { "content-type": "audio/flac" } }, (c, m) => c.textToAudio({ model: m, inputs: "rain on a roof" })],
  ["token-classification", tape("/models/dbmdz/bert-large-cased-finetuned-conll03-english"), (c, m) => c.tokenClassification({ model: m, inputs: "My name is Sarah Jessica Parker but you can call me Jessica" })],
  ["translation", tape("/models/t5-base", (b) => b.includes("inputs\":\"My")), (c, m) => c.translation({ model: m, inputs: "My name is Wolfgang and I live in Berlin" })],
  ["translation (batch)", tape("/models/t5-base", (b) => b.includes("I work as")), (c, m) => c.translation({ model: m, inputs: ["My name is Wolfgang and I live in Berlin", "I work as programmer"] })],
  [
    "visual-question-answering",
    tape("/models/dandelin/vilt-b32-finetuned-vqa"),
    (c, m) => c.visualQuestionAnswering({ model: m, inputs: { image: blob(PNG, "image/png"), question: "How many cats?" } }),
  ],
  [
    "zero-shot-classification",
    { json: [{ label: "refund", score: 0.8 }, { label: "faq", score: 0.15 }, { label: "legal", score: 0.05 }] },
    (c, m) => c.zeroShotClassification({ model: m, inputs: "I want my money back", parameters: { candidate_labels: ["refund", "legal", "faq"] } }),
  ],
  [
    "zero-shot-image-classification",
    tape("/models/openai/clip-vit-large-patch14-336"),
    (c, m) => c.zeroShotImageClassification({ model: m, inputs: blob(PNG, "image/png"), parameters: { candidate_labels: ["animal", "car", "toy"] } }),
  ],
];

describe("lib tasks: requests and outputs match @huggingface/inference on hf-inference", function () {
  for (const [name, answer, call] of cases) {
    it(name, async function () {
      const task = name.replace(/ \(.*\)$/, "");
      const model = `test-org/model-${++seq}`;
      lib.clearMappingCache();
      const respond = responder(task, answer);
      const ours = await captureRequests(() => call(new lib.InferenceClient("hf_compareToken"), model), respond);
      const ref = await captureRequests(async () => call(await referenceClient("hf_compareToken"), model), respond);
      should(ref.error).be.undefined();
      should(ours.error).be.undefined();
      ours.requests.length.should.be.above(0);
      ours.requests.should.eql(ref.requests);
      if (ref.result instanceof Blob) {
        ours.result.should.be.instanceOf(Blob);
        Buffer.from(await ours.result.arrayBuffer()).equals(Buffer.from(await ref.result.arrayBuffer())).should.be.true();
      } else {
        ours.result.should.eql(ref.result);
      }
    });
  }

  it("text-generation streaming: the same request as the reference's textGenerationStream", async function () {
    const model = `test-org/model-${++seq}`;
    lib.clearMappingCache();
    const sse = "data: " + JSON.stringify({ choices: [{ index: 0, text: "hi", finish_reason: "stop" }] }) + "\n\ndata: [DONE]\n\n";
    const respond = responder("text-generation", { body: sse, headers: { "content-type": "text/event-stream" } });
    const drain = async (client) => {
      const out = [];
      for await (const e of client.textGenerationStream({ model, inputs: "Say", parameters: { max_new_tokens: 3 } })) out.push(e);
      return out;
    };
    const ours = await captureRequests(() => drain(new lib.InferenceClient("hf_compareToken")), respond);
    const ref = await captureRequests(async () => drain(await referenceClient("hf_compareToken")), respond);
    should(ours.error).be.undefined();
    ours.requests.should.eql(ref.requests);
    // The reference yields the raw chunk here; ours the TGI event its type promises.
    ours.result[0].should.containEql({ generated_text: "hi" });
    ours.result[0].token.text.should.equal("hi");
  });
});
