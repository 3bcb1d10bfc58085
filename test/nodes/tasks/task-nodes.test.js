"use strict";
// The task nodes in a real Node-RED runtime (test helper) against a local server standing in for the Hub and
// hf-inference: every row of the node task table, then representative nodes per input kind.
const should = require("should");
const { helper, coreNode, ourNode, nextMessages, useLocalHub } = require("../../support/red");
const { mappingAnswer } = require("../../support/fake-server");
const lib = require("../../../dist/lib");
const { TASK_NODES, nodeType } = require("../../../dist/nodes/task-table");

const configNode = ourNode("hf-config");
const taskNodes = ourNode("hf-tasks");
const catchNode = coreNode("common/25-catch.js");
const joinNode = coreNode("sequence/17-split.js");

const TOKEN = "hf_nodeTaskToken_0123456789";
const { ROW_CASES, PNG, JPEG, WAV, tapeJson, binary } = require("./row-cases");
const sse = (events) => (req, res) => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.end(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("") + "data: [DONE]\n\n");
};

describe("nodes: the task nodes of the node task table", function () {
  const local = useLocalHub();
  let server;
  before(function () {
    server = local.server;
  });

  /** Scripts the Hub mapping and the hf-inference answer for `model`. */
  function script(model, task, answer, suffix = "") {
    server.on(`GET /api/models/${model}`, mappingAnswer(model, { "hf-inference": { providerId: model, status: "live", task } }));
    server.on(`POST /hf-inference/models/${model}${suffix}`, answer);
  }
  function flow(type, nodeProps = {}, wires = [["out"]]) {
    return [
      { id: "cfg", type: "hf-config", name: "hf" },
      { id: "n1", type, config: "cfg", provider: "hf-inference", wires, ...nodeProps },
      { id: "out", type: "helper" },
      { id: "out1", type: "helper" },
      { id: "catcher", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", type: "helper" },
    ];
  }
  const load = (f, extra = []) => new Promise((resolve) => helper.load([configNode, taskNodes, catchNode, ...extra], f, { cfg: { token: TOKEN } }, resolve));
  const posts = () => server.requests.filter((r) => r.method === "POST");

  /** Sends one msg; resolves with the result msg or the error a Catch node got, whichever comes first. */
  function send(msg, outId = "out") {
    const result = Promise.race([
      nextMessages(helper.getNode(outId)).then((m) => ({ msg: m })),
      nextMessages(helper.getNode("caught")).then((m) => ({ error: m })),
    ]);
    helper.getNode("n1").receive(msg);
    return result;
  }

  it("every row registers its type and turns one msg into one result", async function () {
    for (const row of TASK_NODES) {
      const c = ROW_CASES[row.task];
      should.exist(c, `no test case for the row ${row.task}`);
      const model = `org/${row.task}-model`;
      server.reset();
      lib.clearMappingCache();
      script(model, row.task, c.answer, c.path ?? "");
      await load(flow(nodeType(row), { model }, row.streaming ? [["out1"], ["out"]] : [["out"]]));
      should(helper._RED.nodes.getType(nodeType(row))).be.a.Function();
      const { msg, error } = await send({ ...c.msg, topic: "kept" });
      should(error, `${row.task}: ${error?.error?.message}`).be.undefined();
      c.payload(msg.payload, msg);
      msg.topic.should.equal("kept");
      msg.hf.should.containEql({ task: row.task, model, provider: "hf-inference" });
      should.exist(msg.hf.output);
      posts().length.should.equal(1);
      await helper.unload();
    }
  });

  describe("text inputs", function () {
    it("text-classification: an array is one request and one sorted list per text, even for one text", async function () {
      const model = "org/classifier";
      script(model, "text-classification", { json: [[{ label: "NEG", score: 0.2 }, { label: "POS", score: 0.8 }]] });
      await load(flow("hf-text-classification", { model }));
      const { msg } = await send({ payload: ["great"] });
      msg.payload.should.eql([[{ label: "POS", score: 0.8 }, { label: "NEG", score: 0.2 }]]);
      posts()[0].json().should.eql({ inputs: ["great"] });
    });

    it("translation: an array of texts gives an array of translations in order", async function () {
      const model = "org/t5";
      script(model, "translation", { json: [{ translation_text: "eins" }, { translation_text: "zwei" }] });
      await load(flow("hf-translation", { model, parameters: '{"tgt_lang": "de"}' }));
      const { msg } = await send({ payload: ["one", "two"] });
      msg.payload.should.eql(["eins", "zwei"]);
      posts()[0].json().should.eql({ inputs: ["one", "two"], parameters: { tgt_lang: "de" } });
    });

    it("zero-shot: labels from the node field (comma-separated), msg.parameters wins over it, batch of texts", async function () {
      const model = "org/mnli";
      script(model, "zero-shot-classification", { json: [{ sequence: "a", labels: ["x", "y"], scores: [0.6, 0.4] }, { sequence: "b", labels: ["y", "x"], scores: [0.9, 0.1] }] });
      await load(flow("hf-zero-shot-classification", { model, candidate_labels: "x, y" }));
      const { msg } = await send({ payload: ["a", "b"] });
      msg.payload.map((l) => l[0].label).should.eql(["x", "y"]);
      posts()[0].json().should.eql({ inputs: ["a", "b"], parameters: { candidate_labels: ["x", "y"] } });
      await send({ payload: "a", parameters: { candidate_labels: ["p", "q"] } });
      posts()[1].json().parameters.candidate_labels.should.eql(["p", "q"]);
    });

    it("question-answering: the context as payload with the question from the node's field", async function () {
      const model = "org/squad";
      script(model, "question-answering", { json: { answer: "Paris", score: 0.9, start: 0, end: 5 } });
      await load(flow("hf-question-answering", { model, question: "What is the capital?" }));
      const { msg } = await send({ payload: "Paris is the capital of France." });
      msg.payload.should.equal("Paris");
      msg.hf.output.should.eql({ answer: "Paris", score: 0.9, start: 0, end: 5 });
      posts()[0].json().should.eql({ inputs: { question: "What is the capital?", context: "Paris is the capital of France." } });
    });

    it("a missing field or a wrong type fails through done(err) with msg.hf, and nothing is sent", async function () {
      await load(flow("hf-question-answering", { model: "org/squad" }));
      const { error } = await send({ payload: "A context without a question" });
      error.error.message.should.match(/Missing "question": set msg.payload.question, msg.question or the node's field/);
      error.hf.should.containEql({ task: "question-answering", model: "org/squad" });
      const second = await send({ payload: { question: 3, context: "x" } });
      second.error.error.message.should.match(/Expected msg.payload.question to be a string, got number/);
      server.requests.length.should.equal(0);
    });
  });

  describe("binary inputs", function () {
    const model = "org/vit";
    beforeEach(function () {
      script(model, "image-classification", { json: [{ label: "b", score: 0.1 }, { label: "a", score: 0.9 }] });
    });

    it("takes a Buffer, base64 and a data URL, and sends the raw image", async function () {
      await load(flow("hf-image-classification", { model }));
      for (const payload of [PNG, PNG.toString("base64"), `data:image/png;base64,${PNG.toString("base64")}`]) {
        const { msg } = await send({ payload });
        msg.payload[0].should.eql({ label: "a", score: 0.9 });
      }
      posts().map((p) => p.body.equals(PNG)).should.eql([true, true, true]);
      posts().map((p) => p.headers["content-type"]).should.eql(["image/png", "image/png", "image/png"]);
    });

    it("refuses URLs and file paths unless allowUrlInputs is on", async function () {
      await load(flow("hf-image-classification", { model }));
      for (const payload of ["https://example.com/cat.png", "/etc/passwd"]) {
        const { error } = await send({ payload });
        error.error.message.should.match(/not base64 or a data URL; reading image from a URL or file path is off/);
      }
      server.requests.length.should.equal(0);
    });

    it("with allowUrlInputs on, downloads a URL input (without our token)", async function () {
      server.on("GET /cat.png", binary(PNG, "image/png"));
      // The test server is on 127.0.0.1, which URL inputs may reach only when settings.js allows it.
      helper.settings({ hfInference: { allowPrivateUrls: ["127.0.0.1"] } });
      await load(flow("hf-image-classification", { model, allowUrlInputs: true })).finally(() => helper.settings({}));
      const { msg, error } = await send({ payload: `${server.url}/cat.png` });
      should(error, error?.error?.message).be.undefined();
      msg.payload[0].label.should.equal("a");
      const download = server.requests.find((r) => r.path === "/cat.png");
      should(download.headers.authorization).be.undefined();
      posts()[0].body.equals(PNG).should.be.true();
    });

    it("fails fast on an empty Buffer, an unknown image format and audio given as an image", async function () {
      await load(flow("hf-image-classification", { model }));
      const cases = [
        [Buffer.alloc(0), /msg.payload is an empty Buffer/],
        [Buffer.from("just some text, not an image"), /not a known image format/],
        [WAV, /not a known image format.*got audio\/wav/],
        [42, /Expected msg.payload to be the image as a Buffer, base64 string or data URL, got number/],
      ];
      for (const [payload, message] of cases) {
        const { error } = await send({ payload });
        error.error.message.should.match(message);
        error.error.message.should.match(/^InputError: /);
      }
      server.requests.length.should.equal(0);
    });

    it("visual QA: a Buffer payload with msg.question, or {image, question}", async function () {
      const vqa = "org/vilt";
      script(vqa, "visual-question-answering", { json: [{ answer: "2", score: 0.5 }, { answer: "3", score: 0.3 }] });
      await load(flow("hf-visual-question-answering", { model: vqa, question: "from the node" }));
      const first = await send({ payload: PNG, question: "How many cats?" });
      first.msg.payload.should.equal("2");
      first.msg.hf.output.should.eql({ answer: "2", score: 0.5 });
      await send({ payload: { image: PNG.toString("base64"), question: "What colour?" } });
      await send({ payload: PNG });
      posts().map((p) => p.json().inputs.question).should.eql(["How many cats?", "What colour?", "from the node"]);
      posts()[0].json().inputs.image.should.equal(PNG.toString("base64"));
    });

    it("image-to-image: the prompt from msg.prompt goes into parameters", async function () {
      const i2i = "org/controlnet";
      script(i2i, "image-to-image", binary(JPEG, "image/jpeg"));
      await load(flow("hf-image-to-image", { model: i2i }));
      const { msg } = await send({ payload: PNG, prompt: "a watercolour" });
      msg.payload.equals(JPEG).should.be.true();
      msg.contentType.should.equal("image/jpeg");
      msg.hf.output.should.eql({ contentType: "image/jpeg", bytes: JPEG.length });
      posts()[0].json().should.eql({ inputs: PNG.toString("base64"), parameters: { prompt: "a watercolour" } });
    });
  });

  describe("outputs", function () {
    it("image-segmentation: masks as Buffers in the payload, described (not copied) in msg.hf.output", async function () {
      const model = "org/detr";
      const segments = tapeJson("/models/facebook/detr-resnet-50-panoptic");
      script(model, "image-segmentation", { json: segments });
      await load(flow("hf-image-segmentation", { model }));
      const { msg } = await send({ payload: PNG });
      msg.payload.length.should.equal(segments.length);
      msg.payload[0].label.should.equal(segments[0].label);
      msg.payload[0].mask.subarray(0, 4).toString("latin1").should.equal("\x89PNG");
      msg.hf.output[0].mask.should.eql({ contentType: "image/png", bytes: msg.payload[0].mask.length });
    });

    it("audio-to-audio: the first clip as the payload, every clip in msg.items", async function () {
      const model = "org/sepformer";
      const flac = Buffer.from("fLaC-one").toString("base64");
      const wav = WAV.toString("base64");
      script(model, "audio-to-audio", { json: [{ label: "s1", blob: flac, "content-type": "audio/flac" }, { label: "s2", blob: wav, "content-type": "audio/wav" }] });
      await load(flow("hf-audio-to-audio", { model }));
      const { msg } = await send({ payload: WAV });
      msg.payload.toString().should.equal("fLaC-one");
      msg.should.containEql({ contentType: "audio/flac", label: "s1" });
      msg.items.map((i) => i.label).should.eql(["s1", "s2"]);
      msg.items[1].blob.equals(WAV).should.be.true();
      msg.hf.output[1].blob.should.eql({ contentType: "audio/wav", bytes: WAV.length });
    });

    it("object-detection: boxes sorted by score, highest first", async function () {
      const model = "org/detr-od";
      script(model, "object-detection", { json: tapeJson("/models/facebook/detr-resnet-50") });
      await load(flow("hf-object-detection", { model }));
      const { msg } = await send({ payload: JPEG });
      msg.payload.map((o) => o.score).should.eql([...msg.payload.map((o) => o.score)].sort((a, b) => b - a));
    });

    it("tabular: rows as a csv node sends them become columns of strings", async function () {
      const model = "org/wine";
      script(model, "tabular-classification", { json: [5, 7] });
      await load(flow("hf-tabular-classification", { model }));
      const { msg } = await send({ payload: [{ acidity: 7.4, sugar: 1.9 }, { acidity: 10.3, sugar: 6.4 }] });
      msg.payload.should.eql([5, 7]);
      posts()[0].json().should.eql({ inputs: { data: { acidity: ["7.4", "10.3"], sugar: ["1.9", "6.4"] } } });
    });
  });

  describe("hf-text-generation streaming", function () {
    const model = "org/gpt";
    const chunks = [
      { choices: [{ index: 0, text: "Once", finish_reason: null }] },
      { choices: [{ index: 0, text: " upon", finish_reason: null }] },
      { choices: [{ index: 0, text: " a time", finish_reason: "length" }] },
    ];

    it("streams deltas on output 1 that a join node rebuilds, and the final msg on output 2", async function () {
      script(model, "text-generation", sse(chunks), "/v1/completions");
      const f = flow("hf-text-generation", { model, stream: true }, [["joiner", "out1"], ["out"]]);
      f.push({ id: "joiner", type: "join", mode: "auto", wires: [["joined"]] }, { id: "joined", type: "helper" });
      await load(f, [joinNode]);
      const deltas = nextMessages(helper.getNode("out1"), 3);
      const joined = nextMessages(helper.getNode("joined"));
      const { msg } = await send({ payload: "Say", topic: "story" });
      msg.payload.should.equal("Once upon a time");
      msg.hf.output.generated_text.should.equal("Once upon a time");
      msg.hf.output.details.should.containEql({ finish_reason: "length", generated_tokens: 3 });
      const parts = await deltas;
      parts.map((d) => d.payload).should.eql(["Once", " upon", " a time"]);
      parts[2].complete.should.be.true();
      parts[2].parts.count.should.equal(3);
      (await joined).payload.should.equal("Once upon a time");
      posts()[0].json().should.eql({ model, stream: true, prompt: "Say" });
    });

    it("with stream off, only output 2 sends", async function () {
      script(model, "text-generation", { json: { choices: [{ text: "Once upon a time" }] } }, "/v1/completions");
      await load(flow("hf-text-generation", { model, stream: false }, [["out1"], ["out"]]));
      let early = 0;
      helper.getNode("out1").on("input", () => early++);
      const { msg } = await send({ payload: "Say" });
      msg.payload.should.equal("Once upon a time");
      early.should.equal(0);
      posts()[0].json().should.eql({ model, prompt: "Say" });
    });
  });
});
