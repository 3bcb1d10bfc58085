"use strict";
// Every local task against transformers.js's own pipeline on the same input (run here, on the main thread), with
// the hf-inference shape applied: the library must answer exactly what the pipeline computes.
const assert = require("node:assert/strict");
const { InferenceClient, stopLocalWorker } = require("../../../dist/lib");
const { MODELS_DIR, reference, transformers, png, wav, tone } = require("../../support/local-models");

const client = new InferenceClient(undefined, { provider: "local", localModelsDir: MODELS_DIR, localMaxModels: 4 });
const byScore = (list) => [...list].sort((a, b) => b.score - a.score);
const close = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} != ${expected}`);
const image = (bytes) => transformers().RawImage.fromBlob(new Blob([bytes]));

describe("local provider: outputs equal transformers.js's pipelines", function () {
  this.timeout(60_000);
  after(() => stopLocalWorker());

  it("text classification: every label, highest score first", async function () {
    for (const text of ["this movie is good", "the food was terrible !"]) {
      const ours = await client.textClassification({ model: "tiny/text-classification", inputs: text });
      const ref = await (await reference("text-classification", "tiny/text-classification"))(text, { top_k: null });
      assert.deepEqual(ours, byScore(ref));
      assert.equal(ours.length, 2);
    }
  });

  it("feature extraction: mean pooling and normalisation by default; cls and none on request", async function () {
    const text = "john lives in london";
    const pipe = await reference("feature-extraction", "tiny/feature-extraction");
    const mean = await client.featureExtraction({ model: "tiny/feature-extraction", inputs: text });
    assert.deepEqual(mean, (await pipe(text, { pooling: "mean", normalize: true })).tolist()[0]);
    const cls = await client.featureExtraction({ model: "tiny/feature-extraction", inputs: text, parameters: { pooling: "cls", normalize: false } });
    assert.deepEqual(cls, (await pipe(text, { pooling: "cls", normalize: false })).tolist()[0]);
    const none = await client.featureExtraction({ model: "tiny/feature-extraction", inputs: text, parameters: { pooling: "none" } });
    assert.deepEqual(none, (await pipe(text, { pooling: "none", normalize: true })).tolist()[0]);
    assert.equal(none.length, 6); // [CLS] + 4 words + [SEP]: one vector per token
    const batch = await client.featureExtraction({ model: "tiny/feature-extraction", inputs: ["good", "bad food"] });
    assert.deepEqual(batch, (await pipe(["good", "bad food"], { pooling: "mean", normalize: true })).tolist());
    await assert.rejects(client.featureExtraction({ model: "tiny/feature-extraction", inputs: text, parameters: { pooling: "max" } }), /pooling must be mean, cls or none/);
  });

  it("sentence similarity: cosine of the mean-pooled, normalised embeddings", async function () {
    const inputs = { source_sentence: "good movie", sentences: ["bad movie", "good food", "good movie"] };
    const ours = await client.sentenceSimilarity({ model: "tiny/feature-extraction", inputs });
    const vectors = (await (await reference("feature-extraction", "tiny/feature-extraction"))(["good movie", ...inputs.sentences], { pooling: "mean", normalize: true })).tolist();
    const cos = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
    ours.forEach((score, i) => close(score, cos(vectors[0], vectors[i + 1])));
    close(ours[2], 1);
  });

  it("token classification: the pipeline's entities grouped (simple) with offsets into the text", async function () {
    const text = "John lives in Paris";
    const tokens = await (await reference("token-classification", "tiny/token-classification"))(text);
    const none = await client.tokenClassification({ model: "tiny/token-classification", inputs: text, parameters: { aggregation_strategy: "none" } });
    assert.deepEqual(none.map((e) => [e.entity, e.score, e.word.toLowerCase()]), tokens.map((t) => [t.entity, t.score, t.word]));
    for (const e of none) assert.equal(text.slice(e.start, e.end), e.word);
    const grouped = await client.tokenClassification({ model: "tiny/token-classification", inputs: text });
    assert.ok(grouped.every((e) => typeof e.entity_group === "string" && text.slice(e.start, e.end) === e.word));
    assert.deepEqual(grouped.map((e) => e.word).join(" "), none.map((e) => e.word).join(" "));
  });

  it("zero-shot classification: the pipeline's labels and scores, highest first", async function () {
    const parameters = { candidate_labels: ["cooking", "sports", "politics"] };
    const ours = await client.zeroShotClassification({ model: "tiny/nli", inputs: "the food is great", parameters });
    const ref = await (await reference("zero-shot-classification", "tiny/nli"))("the food is great", parameters.candidate_labels, { multi_label: false });
    assert.deepEqual(ours, byScore(ref.labels.map((label, i) => ({ label, score: ref.scores[i] }))));
    close(ours.reduce((s, l) => s + l.score, 0), 1);
  });

  it("fill mask: the pipeline's candidates", async function () {
    const text = "the movie is [MASK] .";
    const ours = await client.fillMask({ model: "tiny/fill-mask", inputs: text, parameters: { top_k: 3 } });
    assert.deepEqual(ours, await (await reference("fill-mask", "tiny/fill-mask"))(text, { top_k: 3 }));
    assert.equal(ours.length, 3);
  });

  it("question answering: the pipeline's answer, located in the context", async function () {
    const inputs = { question: "where does john live ?", context: "John lives in Paris, a city." };
    const ours = await client.questionAnswering({ model: "tiny/question-answering", inputs });
    const ref = await (await reference("question-answering", "tiny/question-answering"))(inputs.question, inputs.context);
    assert.equal(ours.answer.toLowerCase(), ref.answer);
    assert.equal(ours.score, ref.score);
    assert.equal(inputs.context.slice(ours.start, ours.end), ours.answer);
  });

  it("image classification: the pipeline's labels (top 5 by default)", async function () {
    const bytes = png(16, 12, 3);
    const ours = await client.imageClassification({ model: "tiny/image-classification", inputs: bytes });
    const ref = await (await reference("image-classification", "tiny/image-classification"))(await image(bytes), { top_k: 5 });
    assert.deepEqual(ours, byScore(ref));
    assert.equal(ours.length, 3);
  });

  it("object detection: the pipeline's boxes {xmin, ymin, xmax, ymax} above the threshold", async function () {
    const bytes = png(20, 10, 2);
    const ours = await client.objectDetection({ model: "tiny/object-detection", inputs: bytes });
    const ref = await (await reference("object-detection", "tiny/object-detection"))(await image(bytes), { threshold: 0.5 });
    assert.deepEqual(ours, ref);
    assert.ok(ours.length >= 1);
    assert.deepEqual(Object.keys(ours[0].box).sort(), ["xmax", "xmin", "ymax", "ymin"]);
  });

  it("zero-shot image classification: the pipeline's scores, highest first", async function () {
    const bytes = png(8, 8, 5);
    const parameters = { candidate_labels: ["good food", "bad movie", "london"] };
    const ours = await client.zeroShotImageClassification({ model: "tiny/zero-shot-image-classification", inputs: bytes, parameters });
    const ref = await (await reference("zero-shot-image-classification", "tiny/zero-shot-image-classification"))(await image(bytes), parameters.candidate_labels);
    assert.deepEqual(ours, byScore(ref));
    assert.notEqual(ours[0].score, ours[2].score);
  });

  it("image segmentation (semantic): the pipeline's labels, each mask a base64 PNG of the pipeline's mask", async function () {
    const sharp = require("sharp");
    const bytes = png(12, 10, 4);
    const ours = await client.imageSegmentation({ model: "tiny/image-segmentation", inputs: bytes });
    const ref = await (await reference("image-segmentation", "tiny/image-segmentation"))(await image(bytes));
    assert.deepEqual(ours.map((s) => s.label), ref.map((s) => s.label));
    assert.ok(ours.length >= 1);
    for (const [i, segment] of ours.entries()) {
      const { data, info } = await sharp(Buffer.from(segment.mask, "base64")).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual([info.width, info.height, info.channels], [ref[i].mask.width, ref[i].mask.height, 1]);
      assert.deepEqual(new Uint8Array(data), new Uint8Array(ref[i].mask.data));
    }
  });

  it("speech recognition: a 16-bit WAV decoded in Node gives the pipeline's text for the same samples", async function () {
    const { samples, stored } = tone(1.5);
    const ours = await client.automaticSpeechRecognition({ model: "tiny/automatic-speech-recognition", inputs: wav(samples) });
    const ref = await (await reference("automatic-speech-recognition", "tiny/automatic-speech-recognition"))(stored);
    assert.deepEqual(ours, { text: ref.text });
    assert.ok(ours.text.length > 0);
  });

  it("a task the local provider does not run is refused, naming the ones it does", async function () {
    await assert.rejects(client.textToImage({ model: "tiny/text-classification", inputs: "a cat" }), /local provider does not run text-to-image.*text-classification/);
  });
});
