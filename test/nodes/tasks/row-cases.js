"use strict";
// One msg, one scripted hf-inference answer and the expected msg.payload per row of the node task table, shared
// by the node tests and the example-flow tests. A new row without an entry here fails the "every row" test.
const { findTape } = require("../../support/tapes");

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(24, 1)]);
const FLAC = Buffer.concat([Buffer.from("fLaC"), Buffer.alloc(12, 5)]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.alloc(12, 3)]);
const tapeJson = (suffix, filter) => JSON.parse(findTape(suffix, filter).response.body);
const binary = (body, type) => ({ body, headers: { "content-type": type } });

/**
 * One msg and one scripted answer per row, and what msg.payload must then be. Every row of the table must have
 * an entry (a new row without one fails the "every row" test).
 */
const ROW_CASES = {
  "audio-classification": { msg: { payload: WAV }, answer: { json: tapeJson("/models/superb/hubert-large-superb-er") }, payload: (p) => p[0].label.should.equal("neu") },
  "audio-to-audio": { msg: { payload: WAV }, answer: { json: tapeJson("/models/speechbrain/sepformer-wham") }, payload: (p, m) => (p.subarray(0, 4).toString() + m.contentType).should.equal("fLaCaudio/flac") },
  "automatic-speech-recognition": { msg: { payload: WAV }, answer: { json: { text: "hello world" } }, payload: (p) => p.should.equal("hello world") },
  "document-question-answering": { msg: { payload: PNG, question: "Invoice number?" }, answer: { json: tapeJson("/models/impira/layoutlm-document-qa") }, payload: (p) => p.should.equal("us-001") },
  "feature-extraction": { msg: { payload: "hi" }, path: "/pipeline/feature-extraction", answer: { json: [0.1, 0.2, 0.3] }, payload: (p) => p.should.eql([0.1, 0.2, 0.3]) },
  "fill-mask": { msg: { payload: "[MASK] world!" }, answer: { json: tapeJson("/models/google-bert/bert-base-uncased") }, payload: (p) => p[0].token_str.should.equal("the") },
  "image-classification": { msg: { payload: PNG }, answer: { json: tapeJson("/models/google/vit-base-patch16-224") }, payload: (p) => p[0].label.should.startWith("cheetah") },
  "image-segmentation": { msg: { payload: PNG }, answer: { json: tapeJson("/models/facebook/detr-resnet-50-panoptic") }, payload: (p) => Buffer.isBuffer(p[0].mask).should.be.true() },
  "image-to-image": { msg: { payload: PNG, prompt: "elf" }, answer: binary(JPEG, "image/jpeg"), payload: (p, m) => m.contentType.should.equal("image/jpeg") },
  "image-to-text": { msg: { payload: PNG }, answer: { json: [{ generated_text: "a giraffe" }] }, payload: (p) => p.should.equal("a giraffe") },
  "image-to-video": { msg: { payload: PNG }, answer: binary(MP4, "video/mp4"), payload: (p, m) => m.contentType.should.equal("video/mp4") },
  "object-detection": { msg: { payload: JPEG }, answer: { json: tapeJson("/models/facebook/detr-resnet-50") }, payload: (p) => p[0].score.should.equal(0.9994388222694397) },
  "question-answering": { msg: { payload: { question: "Capital?", context: "The capital of France is Paris." } }, answer: { json: { answer: "Paris", score: 0.9, start: 25, end: 30 } }, payload: (p) => p.should.equal("Paris") },
  "sentence-similarity": { msg: { payload: ["a dog", "a cat"], source_sentence: "a puppy" }, path: "/pipeline/sentence-similarity", answer: { json: [0.8, 0.3] }, payload: (p) => p.should.eql([0.8, 0.3]) },
  summarization: { msg: { payload: "A long text." }, answer: { json: [{ summary_text: "Short." }] }, payload: (p) => p.should.equal("Short.") },
  "table-question-answering": { msg: { payload: [{ Repo: "Transformers", Stars: 36542 }], query: "Stars?" }, answer: { json: tapeJson("/models/google/tapas-base-finetuned-wtq") }, payload: (p) => p.should.equal("AVERAGE > 36542") },
  "tabular-classification": { msg: { payload: { data: { a: ["1", "2", "3"] } } }, answer: { json: [5, 5, 7] }, payload: (p) => p.should.eql([5, 5, 7]) },
  "tabular-regression": { msg: { payload: [{ a: 1.5 }, { a: 2 }] }, answer: { json: [270.5, 313.6] }, payload: (p) => p.should.eql([270.5, 313.6]) },
  "text-classification": { msg: { payload: "I love it" }, answer: { json: [[{ label: "NEGATIVE", score: 0.1 }, { label: "POSITIVE", score: 0.9 }]] }, payload: (p) => p[0].label.should.equal("POSITIVE") },
  "text-generation": { msg: { payload: "Once" }, path: "/v1/completions", answer: { json: { choices: [{ text: " upon a time" }] } }, payload: (p) => p.should.equal(" upon a time") },
  "text-to-image": { msg: { payload: "a cat" }, answer: binary(JPEG, "image/jpeg"), payload: (p) => p.equals(JPEG).should.be.true() },
  "text-to-speech": { msg: { payload: "hello" }, answer: binary(FLAC, "audio/flac"), payload: (p, m) => m.contentType.should.equal("audio/flac") },
  "text-to-video": { msg: { payload: "a walk" }, answer: binary(MP4, "video/mp4"), payload: (p) => p.equals(MP4).should.be.true() },
  "token-classification": { msg: { payload: "My name is Sarah" }, answer: { json: [{ entity_group: "PER", score: 0.99, word: "Sarah", start: 11, end: 16 }] }, payload: (p) => p[0].word.should.equal("Sarah") },
  translation: { msg: { payload: "My name is Wolfgang" }, answer: { json: [{ translation_text: "Mein Name ist Wolfgang" }] }, payload: (p) => p.should.equal("Mein Name ist Wolfgang") },
  "visual-question-answering": { msg: { payload: { image: PNG, question: "How many?" } }, answer: { json: tapeJson("/models/dandelin/vilt-b32-finetuned-vqa") }, payload: (p) => p.should.equal("2") },
  "zero-shot-classification": { msg: { payload: "refund please", candidate_labels: ["refund", "faq"] }, answer: { json: [{ label: "faq", score: 0.1 }, { label: "refund", score: 0.9 }] }, payload: (p) => p[0].label.should.equal("refund") },
  "zero-shot-image-classification": { msg: { payload: PNG, candidate_labels: "cat, dog" }, answer: { json: [{ label: "dog", score: 0.3 }, { label: "cat", score: 0.7 }] }, payload: (p) => p.map((l) => l.label).should.eql(["cat", "dog"]) },
};


module.exports = { ROW_CASES, PNG, JPEG, WAV, FLAC, MP4, tapeJson, binary };
