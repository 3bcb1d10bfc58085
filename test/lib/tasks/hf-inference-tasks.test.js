"use strict";
// Every task of the library on hf-inference, over local HTTP: the request (URL, method, headers, body) and the
// parsed output, with answers shaped as the recorded traffic (test/support/tapes.js).
const should = require("should");
const { FakeServer, mappingAnswer } = require("../../support/fake-server");
const { findTape } = require("../../support/tapes");
const lib = require("../../../dist/lib");

const TOKEN = "hf_taskTestToken_0123456789";
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]);
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(24, 1)]);
const FLAC = Buffer.concat([Buffer.from("fLaC"), Buffer.alloc(20, 7)]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.alloc(12, 3)]);

const tapeJson = (pathSuffix, filter) => JSON.parse(findTape(pathSuffix, filter).response.body);

describe("lib tasks on hf-inference", function () {
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

  const client = (opts = {}) => new lib.InferenceClient(TOKEN, { hubUrl: server.url, routerUrl: server.url, provider: "hf-inference", ...opts });
  const posts = () => server.requests.filter((r) => r.method === "POST");

  /** Scripts the Hub mapping for `model` and the answer at `path`; returns the one POST the call made. */
  function script(model, task, path, answer) {
    server.on(`GET /api/models/${model}`, mappingAnswer(model, { "hf-inference": { providerId: model, status: "live", task } }));
    server.on(`POST ${path}`, answer);
  }
  function onlyPost() {
    posts().length.should.equal(1);
    const post = posts()[0];
    post.headers.authorization.should.equal(`Bearer ${TOKEN}`);
    post.headers["user-agent"].should.match(/^@hf-nodes\/node-red-inference\//);
    return post;
  }

  describe("text inputs", function () {
    it("fillMask: JSON {inputs}, guesses highest score first", async function () {
      const model = "google-bert/bert-base-uncased";
      const answer = tapeJson("/models/google-bert/bert-base-uncased");
      script(model, "fill-mask", `/hf-inference/models/${model}`, { json: [...answer].reverse() });
      const out = await client().fillMask({ model, inputs: "[MASK] world!" });
      const post = onlyPost();
      post.headers["content-type"].should.equal("application/json");
      post.json().should.eql({ inputs: "[MASK] world!" });
      out.map((x) => x.token_str).should.eql(answer.map((x) => x.token_str));
      out[0].should.have.properties(["score", "sequence", "token", "token_str"]);
    });

    it("featureExtraction: the pipeline path, one vector for one text", async function () {
      const model = "sentence-transformers/distilbert-base-nli-mean-tokens";
      const vector = tapeJson("/models/sentence-transformers/distilbert-base-nli-mean-tokens");
      script(model, "feature-extraction", `/hf-inference/models/${model}/pipeline/feature-extraction`, { json: vector });
      const out = await client().featureExtraction({ model, inputs: "That is a happy person", parameters: { normalize: true } });
      onlyPost().json().should.eql({ inputs: "That is a happy person", parameters: { normalize: true } });
      out.should.eql(vector);
    });

    it("featureExtraction: a batch of texts in one request, nested vectors in order", async function () {
      const model = "facebook/bart-base";
      const nested = tapeJson("/models/facebook/bart-base", (b) => b.includes('["hello"'));
      script(model, "feature-extraction", `/hf-inference/models/${model}/pipeline/feature-extraction`, { json: nested });
      const out = await client().featureExtraction({ model, inputs: ["hello", "That is a happy person"] });
      onlyPost().json().should.eql({ inputs: ["hello", "That is a happy person"] });
      out.length.should.equal(2);
      out[0][0][0][0].should.be.a.Number();
      out[1][0].length.should.be.above(out[0][0].length); // the second text has more tokens
    });

    it("sentenceSimilarity: {source_sentence, sentences} on its pipeline path, scores in order", async function () {
      const model = "sentence-transformers/paraphrase-xlm-r-multilingual-v1";
      const scores = tapeJson("/sentence-similarity/sentence-transformers/paraphrase-xlm-r-multilingual-v1");
      script(model, "feature-extraction", `/hf-inference/models/${model}/pipeline/sentence-similarity`, { json: scores });
      const inputs = { source_sentence: "That is a happy person", sentences: ["That is a happy dog", "That is a very happy person", "Today is a sunny day"] };
      const out = await client().sentenceSimilarity({ model, inputs });
      onlyPost().json().should.eql({ inputs });
      out.should.eql(scores);
    });

    it("questionAnswering: {question, context}, one answer object", async function () {
      const model = "deepset/roberta-base-squad2";
      script(model, "question-answering", `/hf-inference/models/${model}`, { json: tapeJson("/models/deepset/roberta-base-squad2") });
      const inputs = { question: "What is the capital of France?", context: "The capital of France is Paris." };
      const out = await client().questionAnswering({ model, inputs });
      onlyPost().json().should.eql({ inputs });
      out.answer.should.equal("Paris");
      out.should.have.properties(["score", "start", "end"]);
    });

    it("summarization: one summary for a text, one per text for an array", async function () {
      const model = "facebook/bart-large-cnn";
      const one = tapeJson("/models/facebook/bart-large-cnn");
      script(model, "summarization", `/hf-inference/models/${model}`, { json: one });
      (await client().summarization({ model, inputs: "A long text", parameters: { max_length: 20 } })).should.eql(one[0]);
      onlyPost().json().should.eql({ inputs: "A long text", parameters: { max_length: 20 } });
      server.on(`POST /hf-inference/models/${model}`, { json: [{ summary_text: "a" }, { summary_text: "b" }] });
      (await client().summarization({ model, inputs: ["x", "y"] })).should.eql([{ summary_text: "a" }, { summary_text: "b" }]);
    });

    it("tableQuestionAnswering: {query, table}, one answer", async function () {
      const model = "google/tapas-base-finetuned-wtq";
      const tape = findTape("/models/google/tapas-base-finetuned-wtq");
      script(model, "table-question-answering", `/hf-inference/models/${model}`, { json: JSON.parse(tape.response.body) });
      const inputs = JSON.parse(tape.init.body).inputs;
      const out = await client().tableQuestionAnswering({ model, inputs });
      onlyPost().json().should.eql({ inputs });
      out.should.eql({ answer: "AVERAGE > 36542", coordinates: [[0, 1]], cells: ["36542"], aggregator: "AVERAGE" });
    });

    it("tabularClassification and tabularRegression: {data} columns, one number per row", async function () {
      const wine = findTape("/models/vvmnnnkv/wine-quality");
      script("vvmnnnkv/wine-quality", "tabular-classification", "/hf-inference/models/vvmnnnkv/wine-quality", { json: JSON.parse(wine.response.body) });
      const inputs = JSON.parse(wine.init.body).inputs;
      (await client().tabularClassification({ model: "vvmnnnkv/wine-quality", inputs })).should.eql([5, 5, 7]);
      onlyPost().json().should.eql({ inputs });

      server.reset();
      const fish = findTape("/models/scikit-learn/Fish-Weight");
      script("scikit-learn/Fish-Weight", "tabular-regression", "/hf-inference/models/scikit-learn/Fish-Weight", { json: JSON.parse(fish.response.body) });
      const out = await client().tabularRegression({ model: "scikit-learn/Fish-Weight", inputs: JSON.parse(fish.init.body).inputs });
      out.should.eql([270.5473526976245, 313.6843425638086, 328.3727133404402]);
    });

    it("textClassification: an array of texts gets one sorted list per text", async function () {
      const model = "distilbert/distilbert-base-uncased-finetuned-sst-2-english";
      script(model, "text-classification", `/hf-inference/models/${model}`, {
        json: [
          [{ label: "NEGATIVE", score: 0.1 }, { label: "POSITIVE", score: 0.9 }],
          [{ label: "NEGATIVE", score: 0.8 }, { label: "POSITIVE", score: 0.2 }],
        ],
      });
      const out = await client().textClassification({ model, inputs: ["good", "bad"] });
      onlyPost().json().should.eql({ inputs: ["good", "bad"] });
      out.map((l) => l[0].label).should.eql(["POSITIVE", "NEGATIVE"]);
    });

    it("tokenClassification: entities in text order", async function () {
      const model = "dbmdz/bert-large-cased-finetuned-conll03-english";
      const entities = tapeJson(`/models/${model}`);
      script(model, "token-classification", `/hf-inference/models/${model}`, { json: entities });
      const out = await client().tokenClassification({ model, inputs: "My name is Sarah Jessica Parker but you can call me Jessica" });
      out.should.eql(entities);
      out.map((e) => e.word).should.eql(["Sarah Jessica Parker", "Jessica"]);
    });

    it("translation: one object for a text, a list in order for an array", async function () {
      const model = "google-t5/t5-base";
      script(model, "translation", `/hf-inference/models/${model}`, { json: tapeJson("/models/t5-base", (b) => b.includes("inputs\":\"My")) });
      (await client().translation({ model, inputs: "My name is Wolfgang and I live in Berlin" })).should.eql({
        translation_text: "Mein Name ist Wolfgang und ich lebe in Berlin",
      });
      server.on(`POST /hf-inference/models/${model}`, { json: tapeJson("/models/t5-base", (b) => b.includes("I work as")) });
      const many = await client().translation({ model, inputs: ["My name is Wolfgang and I live in Berlin", "I work as programmer"] });
      many.map((t) => t.translation_text).should.eql(["Mein Name ist Wolfgang und ich lebe in Berlin", "Ich arbeite als Programmierer"]);
    });

    it("zeroShotClassification: candidate_labels in parameters, legacy answer as a sorted label list", async function () {
      const model = "facebook/bart-large-mnli";
      script(model, "zero-shot-classification", `/hf-inference/models/${model}`, { json: tapeJson(`/models/${model}`) });
      const out = await client().zeroShotClassification({ model, inputs: "I want my money back", parameters: { candidate_labels: ["legal", "faq", "refund"] } });
      onlyPost().json().should.eql({ inputs: "I want my money back", parameters: { candidate_labels: ["legal", "faq", "refund"] } });
      out.map((l) => l.label).should.eql(["refund", "faq", "legal"]);
      out[0].score.should.be.above(out[1].score);
    });

    it("zeroShotClassification: a batch gets one list per text; the {label, score} form is sorted too", async function () {
      const model = "facebook/bart-large-mnli";
      script(model, "zero-shot-classification", `/hf-inference/models/${model}`, {
        json: [
          { sequence: "a", labels: ["x", "y"], scores: [0.7, 0.3] },
          { sequence: "b", labels: ["y", "x"], scores: [0.6, 0.4] },
        ],
      });
      const out = await client().zeroShotClassification({ model, inputs: ["a", "b"], parameters: { candidate_labels: ["x", "y"] } });
      out.should.eql([
        [{ label: "x", score: 0.7 }, { label: "y", score: 0.3 }],
        [{ label: "y", score: 0.6 }, { label: "x", score: 0.4 }],
      ]);
      server.on(`POST /hf-inference/models/${model}`, { json: [{ label: "y", score: 0.2 }, { label: "x", score: 0.8 }] });
      (await client().zeroShotClassification({ model, inputs: "a", parameters: { candidate_labels: ["x", "y"] } })).should.eql([
        { label: "x", score: 0.8 },
        { label: "y", score: 0.2 },
      ]);
    });
  });

  describe("text generation", function () {
    const model = "openai-community/gpt2";

    it("textGeneration: OpenAI completions on hf-inference, TGI parameter names mapped", async function () {
      script(model, "text-generation", `/hf-inference/models/${model}/v1/completions`, {
        json: { id: "cmpl-1", object: "text_completion", choices: [{ index: 0, text: " three", finish_reason: "length" }] },
      });
      const out = await client().textGeneration({ model, inputs: "one plus two equals", parameters: { max_new_tokens: 5, temperature: 0.2 } });
      onlyPost().json().should.eql({ model, max_tokens: 5, temperature: 0.2, prompt: "one plus two equals" });
      out.should.eql({ generated_text: " three" });
    });

    it("textGeneration: a TGI endpoint's [{generated_text}] answer at endpointUrl/v1/completions", async function () {
      server.on("POST /my-tgi/v1/completions", { json: tapeJson("/models/openai-community/gpt2", (b) => b.includes("one plus two")) });
      const out = await client({ endpointUrl: `${server.url}/my-tgi` }).textGeneration({ inputs: "one plus two equals" });
      out.generated_text.should.startWith("one plus two equals");
      server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["POST /my-tgi/v1/completions"]);
    });

    function sse(events) {
      return (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(events.map((e) => `data: ${typeof e === "string" ? e : JSON.stringify(e)}\n\n`).join(""));
      };
    }

    it("textGenerationStream: completion chunks become TGI events, the last with generated_text and details", async function () {
      script(model, "text-generation", `/hf-inference/models/${model}/v1/completions`, sse([
        { choices: [{ index: 0, text: "Hello", finish_reason: null }] },
        { choices: [{ index: 0, text: " world", finish_reason: null }] },
        { choices: [{ index: 0, text: "!", finish_reason: "length" }] },
        "[DONE]",
      ]));
      const events = [];
      for await (const e of client().textGenerationStream({ model, inputs: "Say", parameters: { max_new_tokens: 3 } })) events.push(e);
      onlyPost().json().should.eql({ model, stream: true, max_tokens: 3, prompt: "Say" });
      events.map((e) => e.token.text).should.eql(["Hello", " world", "!"]);
      events[0].should.containEql({ generated_text: null, details: null });
      events[0].token.should.have.properties({ id: 0, special: false });
      events[2].generated_text.should.equal("Hello world!");
      events[2].details.should.containEql({ finish_reason: "length", generated_tokens: 3 });
    });

    it("textGenerationStream: TGI events pass as they are; an error event throws after the tokens", async function () {
      const tape = findTape("/models/meta-llama/Llama-2-7b-hf", (b) => b.includes("complete one two"));
      server.on("POST /tgi/v1/completions", (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(tape.response.body);
      });
      const texts = [];
      let last;
      for await (const e of client({ endpointUrl: `${server.url}/tgi` }).textGenerationStream({ inputs: "complete one two and" })) {
        texts.push(e.token.text);
        last = e;
      }
      texts.length.should.be.above(2);
      last.generated_text.should.startWith("Please answer the following question");
      last.token.should.containEql({ text: "</s>", special: true });

      const failing = findTape("/models/meta-llama/Llama-2-7b-hf", (b) => b.includes("10000"));
      server.on("POST /tgi/v1/completions", (req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(failing.response.body);
      });
      const err = await (async () => {
        for await (const e of client({ endpointUrl: `${server.url}/tgi` }).textGenerationStream({ inputs: "x" })) void e;
      })().then(() => null, (e) => e);
      err.should.be.instanceOf(lib.InferenceClientProviderApiError);
      err.message.should.match(/Input validation error/);
    });

    it("textGenerationStream: a stream cut off before the finish throws", async function () {
      script(model, "text-generation", `/hf-inference/models/${model}/v1/completions`, sse([{ choices: [{ index: 0, text: "Hel", finish_reason: null }] }]));
      const seen = [];
      const err = await (async () => {
        for await (const e of client().textGenerationStream({ model, inputs: "Say" })) seen.push(e.token.text);
      })().then(() => null, (e) => e);
      seen.should.eql(["Hel"]);
      err.should.be.instanceOf(lib.InferenceClientProviderOutputError);
    });
  });

  describe("binary inputs", function () {
    it("imageClassification: the raw image as the body with its type, labels sorted", async function () {
      const model = "google/vit-base-patch16-224";
      const labels = tapeJson(`/models/${model}`);
      script(model, "image-classification", `/hf-inference/models/${model}`, { json: [...labels].reverse() });
      const out = await client().imageClassification({ model, inputs: new Blob([PNG], { type: "image/png" }) });
      const post = onlyPost();
      post.headers["content-type"].should.equal("image/png");
      post.body.equals(PNG).should.be.true();
      out[0].label.should.equal("cheetah, chetah, Acinonyx jubatus");
      out.every((x, i) => i === 0 || out[i - 1].score >= x.score).should.be.true();
    });

    it("imageClassification: parameters go as JSON with the image in base64 (never dropped)", async function () {
      const model = "google/vit-base-patch16-224";
      script(model, "image-classification", `/hf-inference/models/${model}`, { json: tapeJson(`/models/${model}`) });
      await client().imageClassification({ model, inputs: `data:image/png;base64,${PNG.toString("base64")}`, parameters: { top_k: 2 } });
      const post = onlyPost();
      post.headers["content-type"].should.equal("application/json");
      post.json().should.eql({ inputs: PNG.toString("base64"), parameters: { top_k: 2 } });
    });

    it("audioClassification: raw audio body, sorted labels", async function () {
      const model = "superb/hubert-large-superb-er";
      script(model, "audio-classification", `/hf-inference/models/${model}`, { json: tapeJson(`/models/${model}`) });
      const out = await client().audioClassification({ model, inputs: new Blob([WAV], { type: "audio/wav" }) });
      const post = onlyPost();
      post.headers["content-type"].should.equal("audio/wav");
      post.body.equals(WAV).should.be.true();
      out.map((x) => x.label).should.eql(["neu", "hap", "ang", "sad"]);
    });

    it("audioToAudio: raw audio body, the clips with base64 audio and their type", async function () {
      const model = "speechbrain/sepformer-wham";
      const clips = tapeJson(`/models/${model}`);
      script(model, "audio-to-audio", `/hf-inference/models/${model}`, { json: clips });
      const out = await client().audioToAudio({ model, inputs: WAV });
      onlyPost().body.equals(WAV).should.be.true();
      out.length.should.equal(clips.length);
      out[0].should.have.properties({ label: "label_0" });
      out[0]["content-type"].should.be.a.String();
      Buffer.from(out[0].blob, "base64").subarray(0, 4).toString().should.equal("fLaC");
    });

    it("automaticSpeechRecognition: with parameters, JSON with base64 audio", async function () {
      const model = "openai/whisper-large-v3";
      script(model, "automatic-speech-recognition", `/hf-inference/models/${model}`, { json: { text: "hello", chunks: [] } });
      (await client().automaticSpeechRecognition({ model, inputs: WAV, parameters: { return_timestamps: true } })).text.should.equal("hello");
      onlyPost().json().should.eql({ inputs: WAV.toString("base64"), parameters: { return_timestamps: true } });
    });

    it("objectDetection: raw image body, the boxes in the server's order (as the reference)", async function () {
      const model = "facebook/detr-resnet-50";
      const found = tapeJson(`/models/${model}`);
      script(model, "object-detection", `/hf-inference/models/${model}`, { json: found });
      // Bytes with no declared type go without a Content-Type, as the reference sends them.
      const out = await client().objectDetection({ model, inputs: JPEG });
      should(onlyPost().headers["content-type"]).be.undefined();
      out.length.should.equal(found.length);
      out.should.eql(found);
      out[0].box.should.have.properties(["xmin", "ymin", "xmax", "ymax"]);
    });

    it("imageSegmentation: always JSON with the image in base64; masks stay base64", async function () {
      const model = "facebook/detr-resnet-50-panoptic";
      const segments = tapeJson(`/models/${model}`);
      script(model, "image-segmentation", `/hf-inference/models/${model}`, { json: segments });
      const out = await client().imageSegmentation({ model, inputs: PNG });
      onlyPost().json().should.eql({ inputs: PNG.toString("base64") });
      out.length.should.equal(segments.length);
      out[0].mask.should.startWith("iVBORw0KGgo");
    });

    it("imageToText: raw image body, {generated_text} from the list answer", async function () {
      const model = "nlpconnect/vit-gpt2-image-captioning";
      script(model, "image-to-text", `/hf-inference/models/${model}`, { json: tapeJson(`/models/${model}`) });
      (await client().imageToText({ model, inputs: PNG })).should.eql({ generated_text: "a large brown and white giraffe standing in a field " });
      onlyPost().body.equals(PNG).should.be.true();
    });

    it("imageToImage: raw image alone, JSON with parameters; a Blob with the answer's type", async function () {
      const model = "lllyasviel/sd-controlnet-depth";
      script(model, "image-to-image", `/hf-inference/models/${model}`, { body: JPEG, headers: { "content-type": "image/jpeg" } });
      const plain = await client().imageToImage({ model, inputs: PNG });
      onlyPost().body.equals(PNG).should.be.true();
      plain.should.be.instanceOf(Blob);
      plain.type.should.equal("image/jpeg");
      Buffer.from(await plain.arrayBuffer()).equals(JPEG).should.be.true();
      server.requests.length = 0;
      await client().imageToImage({ model, inputs: PNG, parameters: { prompt: "elf" } });
      posts()[0].json().should.eql({ inputs: PNG.toString("base64"), parameters: { prompt: "elf" } });
    });

    it("imageToVideo, imageTextToImage, imageTextToVideo: the image as base64 with the prompt", async function () {
      const model = "org/image-animator";
      script(model, "image-to-video", `/hf-inference/models/${model}`, { body: MP4, headers: { "content-type": "video/mp4" } });
      const video = await client().imageToVideo({ model, inputs: PNG, parameters: { prompt: "roll" } });
      onlyPost().json().should.eql({ inputs: PNG.toString("base64"), parameters: { prompt: "roll" } });
      video.type.should.equal("video/mp4");

      for (const [method, task, answer, type] of [
        ["imageTextToImage", "image-text-to-image", JPEG, "image/jpeg"],
        ["imageTextToVideo", "image-text-to-video", MP4, "video/mp4"],
      ]) {
        server.reset();
        lib.clearMappingCache();
        script(model, task, `/hf-inference/models/${model}`, { body: answer, headers: { "content-type": type } });
        const out = await client()[method]({ model, inputs: PNG, parameters: { prompt: "make it blue" } });
        onlyPost().json().should.eql({ inputs: PNG.toString("base64"), parameters: { prompt: "make it blue" } });
        out.type.should.equal(type);
      }
    });

    it("visualQuestionAnswering and documentQuestionAnswering: {image: base64, question}, the best answer", async function () {
      const vqa = "dandelin/vilt-b32-finetuned-vqa";
      script(vqa, "visual-question-answering", `/hf-inference/models/${vqa}`, { json: tapeJson(`/models/${vqa}`) });
      const a = await client().visualQuestionAnswering({ model: vqa, inputs: { image: new Blob([PNG], { type: "image/png" }), question: "How many cats?" } });
      onlyPost().json().should.eql({ inputs: { image: PNG.toString("base64"), question: "How many cats?" } });
      a.answer.should.equal("2");

      server.reset();
      const dqa = "impira/layoutlm-document-qa";
      script(dqa, "document-question-answering", `/hf-inference/models/${dqa}`, { json: tapeJson(`/models/${dqa}`) });
      const inputs = { image: PNG, question: "Invoice number?" };
      const d = await client().documentQuestionAnswering({ model: dqa, inputs });
      onlyPost().json().should.eql({ inputs: { image: PNG.toString("base64"), question: "Invoice number?" } });
      d.should.containEql({ answer: "us-001", start: 16, end: 16 });
      Buffer.isBuffer(inputs.image).should.be.true(); // the caller's object is left alone
    });

    it("zeroShotImageClassification: {inputs: {image}, parameters: {candidate_labels}}, sorted labels", async function () {
      const model = "openai/clip-vit-large-patch14-336";
      script(model, "zero-shot-image-classification", `/hf-inference/models/${model}`, { json: [...tapeJson(`/models/${model}`)].reverse() });
      const out = await client().zeroShotImageClassification({ model, inputs: PNG, parameters: { candidate_labels: ["animal", "toy", "car"] } });
      onlyPost().json().should.eql({ inputs: { image: PNG.toString("base64") }, parameters: { candidate_labels: ["animal", "toy", "car"] } });
      out.map((l) => l.label).should.eql(["animal", "car", "toy"]);
    });
  });

  describe("generated media", function () {
    for (const [method, task, answer, type] of [
      ["textToSpeech", "text-to-speech", FLAC, "audio/flac"],
      ["textToAudio", "text-to-audio", FLAC, "audio/flac"],
      ["textToVideo", "text-to-video", MP4, "video/mp4"],
    ]) {
      it(`${method}: JSON {inputs}, a Blob of the answer with its type`, async function () {
        const model = `org/${task}-model`;
        script(model, task, `/hf-inference/models/${model}`, { body: answer, headers: { "content-type": type } });
        const out = await client()[method]({ model, inputs: "hello there!" });
        onlyPost().json().should.eql({ inputs: "hello there!" });
        out.should.be.instanceOf(Blob);
        out.type.should.equal(type);
        Buffer.from(await out.arrayBuffer()).equals(answer).should.be.true();
      });
    }
  });

  describe("wrong input fails fast, before any request", function () {
    const cases = [
      ["a number as text", "fillMask", { inputs: 42 }, /Expected "inputs" to be a string, got number/],
      ["an empty text", "summarization", { inputs: "  " }, /"inputs" is empty/],
      ["an empty image", "imageClassification", { inputs: Buffer.alloc(0) }, /empty \(0 bytes\)/],
      ["audio given as an image", "imageClassification", { inputs: WAV }, /not a known image format.*expected PNG, JPEG.*got audio\/wav/],
      ["an unknown image format", "objectDetection", { inputs: Buffer.from("hello, not an image at all") }, /not a known image format/],
      ["a non-image Blob", "imageToText", { inputs: new Blob([WAV], { type: "audio/wav" }) }, /audio\/wav Blob; expected an image/],
      ["an oversize image", "imageClassification", { inputs: Buffer.concat([PNG, Buffer.alloc(26 * 1024 * 1024)]) }, /MiB; the largest accepted is 25 MiB/],
      ["a missing question", "visualQuestionAnswering", { inputs: { image: PNG } }, /Expected "inputs.question" to be a string/],
      ["a missing image", "documentQuestionAnswering", { inputs: { question: "q" } }, /Expected "inputs.image" to be the document/],
      ["inputs not an object", "questionAnswering", { inputs: "just text" }, /Expected "inputs" to be \{question, context\}, got string/],
      ["sentences not a list", "sentenceSimilarity", { inputs: { source_sentence: "a", sentences: "b" } }, /"inputs.sentences" to be a non-empty array of strings/],
      ["uneven table columns", "tabularRegression", { inputs: { data: { a: ["1", "2"], b: ["1"] } } }, /Column "inputs.data.b" has 1 values; the others have 2/],
      ["no candidate labels", "zeroShotClassification", { inputs: "text" }, /"parameters.candidate_labels" to be a non-empty array of strings/],
      ["no candidate labels (image)", "zeroShotImageClassification", { inputs: PNG, parameters: {} }, /candidate_labels/],
      ["an array item not text", "translation", { inputs: ["ok", 3] }, /"inputs\[1\]" to be a string/],
      ["a number as audio", "audioClassification", { inputs: 12 }, /to be the audio as a Blob, ArrayBuffer, Buffer, base64 string or data URL, got number/],
    ];
    for (const [what, method, args, message] of cases) {
      it(`${method}: ${what}`, async function () {
        const err = await client()[method]({ model: "org/model", ...args }).then(() => null, (e) => e);
        should(err).be.instanceOf(lib.InferenceClientInputError);
        err.message.should.match(message);
        server.requests.length.should.equal(0);
      });
    }
  });

  describe("malformed answers fail loudly", function () {
    const cases = [
      ["fillMask", "fill-mask", { inputs: "[MASK]" }, { json: [{ label: "x" }] }],
      ["sentenceSimilarity", "sentence-similarity", { inputs: { source_sentence: "a", sentences: ["b"] } }, { json: ["0.5"] }],
      ["objectDetection", "object-detection", { inputs: PNG }, { json: [{ label: "cat", score: 1 }] }],
      ["textGeneration", "text-generation", { inputs: "x" }, { json: { choices: [] } }],
      ["imageSegmentation", "image-segmentation", { inputs: PNG }, { json: [{ label: "a", mask: 3 }] }],
    ];
    for (const [method, task, args, answer] of cases) {
      it(`${method}: ProviderOutputError`, async function () {
        const model = "org/model";
        const path = task === "text-generation" ? `/hf-inference/models/${model}/v1/completions` : task === "sentence-similarity" ? `/hf-inference/models/${model}/pipeline/sentence-similarity` : `/hf-inference/models/${model}`;
        script(model, task, path, answer);
        const err = await client()[method]({ model, ...args }).then(() => null, (e) => e);
        should(err).be.instanceOf(lib.InferenceClientProviderOutputError);
        err.message.should.match(new RegExp(`malformed response from ${task}`));
      });
    }
  });
});
