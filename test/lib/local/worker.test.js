"use strict";
// The local provider's machinery: the worker thread (event loop kept free), the LRU of loaded models, model folders
// and their errors, no network unless allowed, and the pack without @huggingface/transformers installed.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { InferenceClient, listLocalModels, stopLocalWorker } = require("../../../dist/lib");
const { decodeAudio } = require("../../../dist/lib/local/audio");
const { MODELS_DIR, reference, wav, tone } = require("../../support/local-models");

const root = path.resolve(__dirname, "../../..");
const TEXT = "tiny/text-classification";

/** A models folder of copies of fixture models (to add, remove or rename files), removed after the test. */
function modelsCopy(models) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-local-"));
  for (const [as, from] of Object.entries(models)) fs.cpSync(path.join(MODELS_DIR, from), path.join(dir, as), { recursive: true });
  return dir;
}

/** Runs a short script in a child Node.js (its output, stdout only). */
function child(script, env = {}, preload = []) {
  return execFileSync(process.execPath, [...preload.flatMap((p) => ["-r", p]), "-e", script], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
}

describe("local provider: worker, models, errors", function () {
  this.timeout(120_000);
  const temp = [];
  afterEach(() => stopLocalWorker());
  after(() => temp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("runs in a worker thread: a timer keeps firing during a long run (it does not while the pipeline runs here)", async function () {
    const client = new InferenceClient(undefined, { provider: "local", localModelsDir: MODELS_DIR });
    const model = "tiny/automatic-speech-recognition";
    const { samples, stored } = tone(120);
    const audio = wav(samples);
    await client.automaticSpeechRecognition({ model, inputs: wav(tone(0.5).samples) }); // loaded before counting
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    try {
      const ours = await client.automaticSpeechRecognition({ model, inputs: audio });
      const inWorker = ticks;
      const pipe = await reference("automatic-speech-recognition", model);
      await pipe(stored.slice(0, 16000));
      ticks = 0;
      const ref = await pipe(stored);
      const onMainThread = ticks;
      assert.equal(ours.text, ref.text);
      assert.ok(inWorker >= 20, `the timer fired ${inWorker} times during the worker's run`);
      assert.ok(onMainThread * 4 < inWorker, `main-thread run: ${onMainThread} ticks, worker run: ${inWorker}`);
    } finally {
      clearInterval(timer);
    }
  });

  it("keeps at most localMaxModels loaded, dropping the least recently used", async function () {
    const progress = [];
    const client = new InferenceClient(undefined, { provider: "local", localModelsDir: MODELS_DIR, localMaxModels: 2 });
    const call = async (model, inputs = "good") => {
      const loads = progress.length;
      const method = model === "tiny/feature-extraction" ? "featureExtraction" : "textClassification";
      await client[method]({ model, inputs }, { onProgress: (s) => progress.push(s) });
      return progress.length > loads;
    };
    assert.equal(await call(TEXT), true, "first use loads");
    assert.equal(await call(TEXT), false, "second use reuses");
    assert.equal(await call("tiny/nli"), true);
    assert.equal(await call(TEXT), false, "two loaded: still there");
    assert.equal(await call("tiny/feature-extraction"), true, "a third: the least recently used (nli) goes");
    assert.equal(await call(TEXT), false, "recently used: kept");
    assert.equal(await call("tiny/nli"), true, "evicted: loaded again");
    assert.deepEqual([...new Set(progress)], ["loading model"]);
  });

  it("a missing model fails with an error naming the folder it looked in and how to get the model", async function () {
    const client = new InferenceClient(undefined, { provider: "local", localModelsDir: MODELS_DIR });
    await assert.rejects(client.textClassification({ model: "acme/absent", inputs: "x" }), (err) => {
      assert.match(err.message, new RegExp(`${path.join(MODELS_DIR, "acme", "absent").replace(/[/\\]/g, ".")}`));
      assert.match(err.message, /hf download acme\/absent/);
      return true;
    });
    for (const model of ["../fixtures", "/etc", "a/b/c", "a/..", ""]) {
      await assert.rejects(client.textClassification({ model, inputs: "x" }), /needs a model id "org\/name" naming a folder under/, model);
    }
  });

  it("weights: q8 when the quantized file is there, fp32 when only model.onnx is, an error for other missing dtypes", async function () {
    const dir = modelsCopy({ "t/fp32": TEXT, "t/q8": TEXT });
    temp.push(dir);
    fs.renameSync(path.join(dir, "t/q8/onnx/model.onnx"), path.join(dir, "t/q8/onnx/model_quantized.onnx"));
    const client = new InferenceClient(undefined, { provider: "local", localModelsDir: dir });
    const expected = await client.textClassification({ model: "t/fp32", inputs: "good movie" });
    assert.deepEqual(await client.textClassification({ model: "t/q8", inputs: "good movie" }), expected);
    await assert.rejects(client.textClassification({ model: "t/q8", inputs: "good" }, { localDtype: "fp16" }), /no fp16 weights in .*t.q8.onnx \(found model_quantized.onnx\)/);
    await assert.rejects(client.textClassification({ model: "t/fp32", inputs: "good" }, { localDtype: "q3" }), /Unknown localDtype "q3"/);
  });

  it("with allowModelDownload false nothing is fetched, even when files are missing; with true the Hub is asked", function () {
    const dir = modelsCopy({ "t/no-tokenizer": TEXT });
    temp.push(dir);
    fs.rmSync(path.join(dir, "t/no-tokenizer/tokenizer.json"));
    const log = path.join(dir, "fetches.log");
    const script = (allow, model) => `
      const { InferenceClient } = require(${JSON.stringify(path.join(root, "dist/lib"))});
      new InferenceClient(undefined, { provider: "local", localModelsDir: ${JSON.stringify(dir)}, allowModelDownload: ${allow} })
        .textClassification({ model: ${JSON.stringify(model)}, inputs: "good" })
        .then((r) => console.log("answered"), (e) => console.log(e.message));`;
    const env = { RECORD_FETCH_FILE: log };
    const preload = [path.join(root, "test/support/record-fetch.js")];
    const missingFile = child(script(false, "t/no-tokenizer"), env, preload);
    assert.match(missingFile, /tokenizer/i);
    const missingModel = child(script(false, "t/absent"), env, preload);
    assert.match(missingModel, /Model t\/absent not found/);
    assert.equal(fs.existsSync(log), false, "nothing fetched");
    // The control: the same recorder does see transformers.js's requests when downloads are allowed.
    // How that child ends after its downloads are refused does not matter here (once, in CI, it exited non-zero:
    // see the closing note); what matters is that the recorder saw the Hub asked.
    try {
      child(script(true, "t/absent"), env, preload);
    } catch {
      /* the log below is the assertion */
    }
    assert.match(fs.readFileSync(log, "utf8"), /t\/absent\/resolve\/main\/config\.json/);
  });

  it("without @huggingface/transformers installed the pack loads, and a local call gives one error with the install command", function () {
    // A copy of the built pack whose node_modules holds everything but @huggingface/transformers.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-nopkg-"));
    temp.push(dir);
    fs.cpSync(path.join(root, "dist"), path.join(dir, "dist"), { recursive: true });
    fs.copyFileSync(path.join(root, "package.json"), path.join(dir, "package.json"));
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(path.join(modules, "@huggingface"), { recursive: true });
    for (const name of fs.readdirSync(path.join(root, "node_modules"))) {
      if (name !== "@huggingface") fs.symlinkSync(path.join(root, "node_modules", name), path.join(modules, name));
    }
    for (const name of fs.readdirSync(path.join(root, "node_modules/@huggingface"))) {
      if (name !== "transformers") fs.symlinkSync(path.join(root, "node_modules/@huggingface", name), path.join(modules, "@huggingface", name));
    }
    const out = child(`
      require(${JSON.stringify(path.join(dir, "dist/nodes/hf-tasks.js"))});
      require(${JSON.stringify(path.join(dir, "dist/nodes/hf-config.js"))});
      const { InferenceClient } = require(${JSON.stringify(path.join(dir, "dist/lib"))});
      const client = new InferenceClient(undefined, { provider: "local", localModelsDir: ${JSON.stringify(MODELS_DIR)} });
      client.textClassification({ model: ${JSON.stringify(TEXT)}, inputs: "good" })
        .then(() => console.log("answered"), (e) => console.log("error: " + e.message));`);
    assert.match(out, /^error: .*needs @huggingface\/transformers.*npm install @huggingface\/transformers --onnxruntime-node-install=skip/);
    assert.doesNotMatch(out, /answered/);
  });

  it("lists the model folders found (org/name and name), for the model picker", function () {
    const dir = modelsCopy({ "a/one": TEXT, two: "tiny/nli", "b/not-a-model": "tiny/nli" });
    temp.push(dir);
    fs.rmSync(path.join(dir, "b/not-a-model/onnx"), { recursive: true });
    assert.deepEqual(listLocalModels(dir), ["a/one", "two"]);
    assert.ok(listLocalModels(MODELS_DIR).includes("tiny/object-detection"));
    assert.deepEqual(listLocalModels(path.join(dir, "absent")), []);
  });
});

describe("local provider: WAV decoding", function () {
  const header = (format, channels, rate, bits, dataBytes) => {
    const h = Buffer.alloc(44);
    h.write("RIFF", 0);
    h.writeUInt32LE(36 + dataBytes, 4);
    h.write("WAVEfmt ", 8);
    h.writeUInt32LE(16, 16);
    h.writeUInt16LE(format, 20);
    h.writeUInt16LE(channels, 22);
    h.writeUInt32LE(rate, 24);
    h.writeUInt32LE((rate * channels * bits) / 8, 28);
    h.writeUInt16LE((channels * bits) / 8, 32);
    h.writeUInt16LE(bits, 34);
    h.write("data", 36);
    h.writeUInt32LE(dataBytes, 40);
    return h;
  };

  it("reads 16-bit PCM at 16 kHz as is", function () {
    const out = decodeAudio(wav([0, 0.5, -0.5, 1]));
    assert.deepEqual(Array.from(out), [0, 16384 / 32768, -16383 / 32768, 32767 / 32768]); // written as round(s * 32767)
  });

  it("mixes stereo float32 down to mono and resamples 32 kHz to 16 kHz", function () {
    const frames = 64;
    const data = Buffer.alloc(frames * 2 * 4);
    for (let i = 0; i < frames; i++) {
      data.writeFloatLE(i / frames, i * 8);
      data.writeFloatLE(-i / frames / 2, i * 8 + 4);
    }
    const out = decodeAudio(Buffer.concat([header(3, 2, 32000, 32, data.length), data]));
    assert.equal(out.length, 32);
    out.forEach((v, i) => assert.ok(Math.abs(v - (2 * i) / frames / 4) < 1e-6));
  });

  it("refuses what is not WAV with a message saying so", function () {
    assert.throws(() => decodeAudio(Buffer.from("ID3\u0003fake mp3")), /WAV audio only.*FLAC \/ MP3/);
    assert.throws(() => decodeAudio(Buffer.concat([header(2, 1, 16000, 4, 0)])), /WAV format 2 is not supported/);
  });
});
