"use strict";
// Every task method on hf-inference sends what @huggingface/inference sends for the same call (method, URL,
// auth, content type, body) and returns the same output, against the same scripted answers.
const should = require("should");
const lib = require("../../dist/lib");
const { captureRequests, referenceClient } = require("../support/reference");

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(24, 1)]);
const image = () => new Blob([PNG], { type: "image/png" });
const audio = () => new Blob([WAV], { type: "audio/wav" });
const json = (value) => ({ json: value });
// Sorted as real servers send them (our library also sorts, the reference does not).
const labels = json([{ label: "a", score: 0.8 }, { label: "b", score: 0.2 }]);

/** [method, task id as the Hub lists it, args (without model/provider), scripted answer] */
const CASES = [
  ["audioClassification", "audio-classification", { inputs: audio() }, labels],
  ["audioToAudio", "audio-to-audio", { inputs: audio() }, json([{ label: "speech", "content-type": "audio/flac", blob: WAV.toString("base64") }])],
  ["automaticSpeechRecognition", "automatic-speech-recognition", { inputs: audio() }, json({ text: "hi" })],
  ["documentQuestionAnswering", "document-question-answering", { inputs: { image: image(), question: "Total?" } }, json([{ answer: "42", score: 0.9, start: 1, end: 2 }])],
  ["featureExtraction", "feature-extraction", { inputs: "That is a happy person" }, json([0.1, 0.2, 0.3])],
  ["fillMask", "fill-mask", { inputs: "The goal of life is [MASK]." }, json([{ score: 0.1, token: 1, token_str: "life", sequence: "The goal of life is life." }])],
  ["imageClassification", "image-classification", { inputs: image() }, labels],
  ["imageSegmentation", "image-segmentation", { inputs: image() }, json([{ label: "cat", score: 0.9, mask: PNG.toString("base64") }])],
  ["imageToImage", "image-to-image", { inputs: image() }, { body: PNG, headers: { "content-type": "image/png" } }],
  ["imageToImage", "image-to-image", { inputs: image(), parameters: { prompt: "make it blue" } }, { body: PNG, headers: { "content-type": "image/png" } }],
  ["imageToText", "image-to-text", { inputs: image() }, json({ generated_text: "a cat" })],
  ["objectDetection", "object-detection", { inputs: image() }, json([{ label: "cat", score: 0.9, box: { xmin: 1, ymin: 2, xmax: 3, ymax: 4 } }])],
  ["questionAnswering", "question-answering", { inputs: { question: "Where?", context: "In Paris." } }, json({ answer: "Paris", score: 0.9, start: 3, end: 8 })],
  ["sentenceSimilarity", "sentence-similarity", { inputs: { source_sentence: "a", sentences: ["b", "c"] } }, json([0.5, 0.25])],
  ["summarization", "summarization", { inputs: "A long text.", parameters: { max_length: 10 } }, json([{ summary_text: "Short." }])],
  ["tableQuestionAnswering", "table-question-answering", { inputs: { query: "How many?", table: { a: ["1", "2"] } } }, json({ answer: "2", coordinates: [[0, 1]], cells: ["2"], aggregator: "NONE" })],
  ["tabularClassification", "tabular-classification", { inputs: { data: { a: ["1", "2"] } } }, json([1, 0])],
  ["tabularRegression", "tabular-regression", { inputs: { data: { a: ["1", "2"] } } }, json([1.5, 2.5])],
  ["textClassification", "text-classification", { inputs: "I like you" }, json([[{ label: "POSITIVE", score: 0.9 }, { label: "NEGATIVE", score: 0.1 }]])],
  ["textGeneration", "text-generation", { inputs: "Once upon", parameters: { max_new_tokens: 5 } }, json({ choices: [{ text: " a time" }] })],
  ["textToImage", "text-to-image", { inputs: "a cat" }, { body: PNG, headers: { "content-type": "image/png" } }],
  ["textToSpeech", "text-to-speech", { inputs: "hello" }, { body: WAV, headers: { "content-type": "audio/wav" } }],
  ["tokenClassification", "token-classification", { inputs: "My name is Sarah" }, json([{ entity_group: "PER", score: 0.9, word: "Sarah", start: 11, end: 16 }])],
  ["translation", "translation", { inputs: "Hello" }, json([{ translation_text: "Bonjour" }])],
  ["visualQuestionAnswering", "visual-question-answering", { inputs: { image: image(), question: "What?" } }, json([{ answer: "cat", score: 0.9 }])],
  ["zeroShotClassification", "zero-shot-classification", { inputs: "I have a problem with my iphone", parameters: { candidate_labels: ["urgent", "phone"] } }, json({ sequence: "I have...", labels: ["phone", "urgent"], scores: [0.7, 0.3] })],
  ["zeroShotImageClassification", "zero-shot-image-classification", { inputs: { image: image() }, parameters: { candidate_labels: ["cat", "dog"] } }, labels],
];

function responder(task, answer) {
  return (req) => {
    if (req.path.startsWith("/api/models/")) {
      const model = decodeURIComponent(req.path.slice("/api/models/".length).split("?")[0]);
      return json({ id: model, inferenceProviderMapping: { "hf-inference": { providerId: model, status: "live", task } } });
    }
    return answer;
  };
}

async function normaliseOutput(value) {
  if (value instanceof Blob) return { blob: Buffer.from(await value.arrayBuffer()).toString("base64") };
  return value;
}

describe("every task on hf-inference matches @huggingface/inference", function () {
  let seq = 0;
  for (const [method, task, args, answer] of CASES) {
    it(`${method}${args.parameters ? " with parameters" : ""}`, async function () {
      if (typeof new lib.InferenceClient()[method] !== "function") this.skip();
      const model = `ref-org/${task}-${++seq}`;
      const call = (client) => client[method]({ ...args, model, provider: "hf-inference" });
      lib.clearMappingCache();
      const ours = await captureRequests(() => call(new lib.InferenceClient("hf_cmp")), responder(task, answer));
      const ref = await captureRequests(async () => call(await referenceClient("hf_cmp")), responder(task, answer));
      should(ref.error).be.undefined();
      should(ours.error).be.undefined();
      ours.requests.should.eql(ref.requests);
      (await normaliseOutput(ours.result)).should.eql(await normaliseOutput(ref.result));
    });
  }
});
