"use strict";
// Shared by the local provider tests: the committed tiny models, images and WAV audio to feed them, and
// transformers.js itself run on the main thread as the reference.
const path = require("node:path");
const zlib = require("node:zlib");

const MODELS_DIR = path.resolve(__dirname, "../fixtures/models");

let lib;
/** transformers.js, pointed at the fixtures only (no Hub). */
function transformers() {
  if (!lib) {
    lib = require("@huggingface/transformers");
    lib.env.allowRemoteModels = false;
    lib.env.localModelPath = MODELS_DIR + "/";
    lib.env.cacheDir = path.join(MODELS_DIR, ".cache");
  }
  return lib;
}

const pipelines = new Map();
/** The reference: transformers.js's own pipeline for a fixture model (fp32, as the files are). */
function reference(task, model) {
  const key = `${task}|${model}`;
  if (!pipelines.has(key)) pipelines.set(key, transformers().pipeline(task, model, { dtype: "fp32" }));
  return pipelines.get(key);
}

/** A PNG (RGB, 8-bit) of a gradient, encoded here so no image library is needed to make one. */
function png(width = 16, height = 12, seed = 1) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = [0];
    for (let x = 0; x < width; x++) row.push((x * 16 * seed) % 256, (y * 20 + seed * 40) % 256, ((x + y) * 8) % 256);
    rows.push(Buffer.from(row));
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** 16-bit PCM mono WAV of `samples` (numbers in [-1, 1]) at `rate`. */
function wav(samples, rate = 16000) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(s * 32767))), i * 2));
  const head = Buffer.alloc(44);
  head.write("RIFF", 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write("WAVEfmt ", 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write("data", 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** A tone as the 16-bit values a WAV of it holds, read back as floats (what the reference is given). */
function tone(seconds, rate = 16000) {
  const samples = Array.from({ length: Math.round(seconds * rate) }, (_, i) => 0.5 * Math.sin(i / 7) + 0.3 * Math.sin(i / 31));
  const stored = Float32Array.from(samples, (s) => Math.max(-32768, Math.min(32767, Math.round(s * 32767))) / 32768);
  return { samples, stored };
}

module.exports = { MODELS_DIR, transformers, reference, png, wav, tone };
