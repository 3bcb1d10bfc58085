"use strict";
// The library's contract (../shared/CONTRACT.md): reachable through package.json exports["./lib"], with every method,
// option form and error class a TypeScript user of @huggingface/inference relies on.
const should = require("should");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const pkg = require(path.join(root, "package.json"));

const METHODS = `audioClassification, audioToAudio, automaticSpeechRecognition, chatCompletion, chatCompletionStream,
  documentQuestionAnswering, featureExtraction, fillMask, imageClassification, imageSegmentation, imageToImage,
  imageToText, imageToVideo, objectDetection, questionAnswering, sentenceSimilarity, summarization,
  tableQuestionAnswering, textClassification, textGeneration, textGenerationStream, textToImage, textToSpeech,
  textToVideo, tabularClassification, tabularRegression, tokenClassification, translation,
  visualQuestionAnswering, zeroShotClassification, zeroShotImageClassification, textToAudio, imageTextToImage,
  imageTextToVideo`.split(",").map((m) => m.trim());

const ERRORS = [
  "InferenceClientError",
  "InferenceClientInputError",
  "InferenceClientRoutingError",
  "InferenceClientProviderApiError",
  "InferenceClientHubApiError",
  "InferenceClientProviderOutputError",
  "InferenceTimeoutError",
];

describe("library contract", function () {
  const lib = require(path.join(root, pkg.exports["./lib"]));

  it('is reachable as require("<checkout>/" + exports["./lib"]), with its type declarations beside it', function () {
    pkg.exports["./lib"].should.be.a.String();
    require("node:fs").existsSync(path.join(root, pkg.exports["./lib"].replace(/\.js$/, ".d.ts"))).should.be.true();
    lib.InferenceClient.should.be.a.Function();
  });

  it("has every method of the contract", function () {
    const client = new lib.InferenceClient("hf_x");
    const missing = METHODS.filter((m) => typeof client[m] !== "function");
    missing.should.eql([]);
    client.chat.completions.create.should.be.a.Function();
  });

  it("exports every error class, all InferenceClientError", function () {
    const wrong = ERRORS.filter(
      (name) => typeof lib[name] !== "function" || !(lib[name] === lib.InferenceClientError || lib[name].prototype instanceof lib.InferenceClientError),
    );
    wrong.should.eql([]);
  });

  it("exports McpClient and Agent", function () {
    lib.McpClient.should.be.a.Function();
    lib.Agent.should.be.a.Function();
  });

  it("takes the OpenAI option names and keeps the token out of sight", function () {
    const client = new lib.InferenceClient({ baseURL: "http://127.0.0.1:1/v1", apiKey: "sk-secret-key" });
    client.accessToken.should.equal("sk-secret-key");
    require("node:util").inspect(client, { depth: 5 }).should.not.containEql("sk-secret-key");
    JSON.stringify(client).should.not.containEql("sk-secret-key");
  });

  it("has every provider of the contract in the provider table", function () {
    const contract = `black-forest-labs, cerebras, clarifai, cohere, fal-ai, featherless-ai, fireworks-ai, groq,
      hf-inference, hyperbolic, nebius, novita, nscale, publicai, replicate, sambanova, scaleway, together, wavespeed,
      zai-org, baseten, deepinfra, openai, ovhcloud`.split(",").map((p) => p.trim());
    contract.filter((p) => !lib.INFERENCE_PROVIDERS.includes(p)).should.eql([]);
  });
});
