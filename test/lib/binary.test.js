"use strict";
// Binary input normalisation and content-type sniffing, as the ASR task sends them over real HTTP.
const should = require("should");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { FakeServer } = require("../support/fake-server");
const lib = require("../../dist/lib");

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(24, 1)]);
const FLAC = Buffer.concat([Buffer.from("fLaC"), Buffer.alloc(16, 2)]);
const MP3 = Buffer.concat([Buffer.from("ID3"), Buffer.alloc(16, 3)]);
const MP3_FRAME = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]);
const OGG = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(16, 4)]);
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 "), Buffer.alloc(8)]);
const M4A = Buffer.concat([Buffer.alloc(4), Buffer.from("ftypM4A "), Buffer.alloc(8)]);

describe("lib binary inputs", function () {
  it("sniffs the formats providers take and return", function () {
    const cases = [
      [PNG, "image/png"],
      [JPEG, "image/jpeg"],
      [WEBP, "image/webp"],
      [Buffer.from("GIF89a......"), "image/gif"],
      [WAV, "audio/wav"],
      [FLAC, "audio/flac"],
      [MP3, "audio/mpeg"],
      [MP3_FRAME, "audio/mpeg"],
      [OGG, "audio/ogg"],
      [M4A, "audio/mp4"],
      [Buffer.from("%PDF-1.7"), "application/pdf"],
    ];
    for (const [bytes, type] of cases) should(lib.sniffContentType(bytes)).equal(type, type);
    should(lib.sniffContentType(Buffer.from("plain text"))).be.undefined();
  });

  it("tells inputs apart without reading them", function () {
    lib.binaryInputKind(PNG).should.equal("bytes");
    lib.binaryInputKind(new Blob([PNG])).should.equal("bytes");
    lib.binaryInputKind(PNG.buffer).should.equal("bytes");
    lib.binaryInputKind("data:image/png;base64," + PNG.toString("base64")).should.equal("data-url");
    lib.binaryInputKind("https://example.test/cat.png").should.equal("url");
    lib.binaryInputKind("/tmp/audio.wav").should.equal("path");
    lib.binaryInputKind("file:///tmp/audio.wav").should.equal("path");
    // A JPEG's base64 starts with "/9j/": still base64, not a path.
    lib.binaryInputKind(Buffer.concat([JPEG, JPEG]).toString("base64")).should.equal("base64");
    should(lib.binaryInputKind(42)).be.undefined();
    should(lib.binaryInputKind({})).be.undefined();
  });

  it("normalises every input form to the same bytes and type", async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-bin-"));
    const file = path.join(dir, "clip.wav");
    fs.writeFileSync(file, WAV);
    const forms = [
      WAV,
      new Uint8Array(WAV),
      WAV.buffer.slice(WAV.byteOffset, WAV.byteOffset + WAV.length),
      new Blob([WAV]),
      WAV.toString("base64"),
      "data:audio/wav;base64," + WAV.toString("base64"),
      file,
      "file://" + file,
    ];
    for (const form of forms) {
      const bin = await lib.toBinary(form, { what: "audio" });
      Buffer.from(bin.bytes).equals(WAV).should.be.true();
      bin.type.should.equal("audio/wav");
    }
    // A Buffer that is a view into a larger pool keeps only its own bytes.
    const pooled = Buffer.concat([Buffer.alloc(10, 9), WAV]).subarray(10);
    Buffer.from((await lib.toBinary(pooled)).bytes).equals(WAV).should.be.true();
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses empty, unreadable and unknown inputs with a clear InputError", async function () {
    await lib.toBinary(Buffer.alloc(0), { what: "audio" }).should.be.rejectedWith(lib.InferenceClientInputError, { message: /audio is empty/ });
    await lib.toBinary("/no/such/file.wav", { what: "audio" }).should.be.rejectedWith(lib.InferenceClientInputError, { message: /Cannot read audio from file/ });
    await lib.toBinary(12, { what: "image" }).should.be.rejectedWith(lib.InferenceClientInputError, { message: /Expected image as a Blob.*got number/ });
    await lib.toBinary("https://x.test/a.png").should.be.rejectedWith(/URL inputs are not allowed/);
  });

  describe("through the client", function () {
    let server;
    before(async function () {
      server = await new FakeServer().start();
    });
    after(async function () {
      await server.stop();
    });
    beforeEach(function () {
      server.reset();
    });

    it("posts audio as raw bytes, typed only when the input declares its type (as the reference's ASR)", async function () {
      server.on("POST /asr", { json: { text: "hello world" } });
      const client = new lib.InferenceClient("hf_tok", { endpointUrl: `${server.url}/asr` });
      const out = await client.automaticSpeechRecognition({ inputs: FLAC.toString("base64") });
      out.should.eql({ text: "hello world" });
      should(server.requests[0].headers["content-type"]).be.undefined();
      server.requests[0].body.equals(FLAC).should.be.true();
      await client.automaticSpeechRecognition({ inputs: "data:audio/flac;base64," + FLAC.toString("base64") });
      server.requests[1].headers["content-type"].should.equal("audio/flac");
      await client.automaticSpeechRecognition({ inputs: lib.typedBinary(FLAC) });
      server.requests[2].headers["content-type"].should.equal("audio/flac");
      server.requests[2].body.equals(FLAC).should.be.true();
    });

    it("downloads a URL input without our credentials", async function () {
      server.on("GET /files/clip.wav", { body: WAV, headers: { "content-type": "audio/wav" } });
      server.on("POST /asr", { json: { text: "from url" } });
      // The test server is on 127.0.0.1: allowed by name (URL inputs reach public addresses only by default).
      const client = new lib.InferenceClient("hf_secret_token", { endpointUrl: `${server.url}/asr`, allowPrivateUrlInputs: ["127.0.0.1"] });
      (await client.automaticSpeechRecognition({ inputs: `${server.url}/files/clip.wav` })).text.should.equal("from url");
      const download = server.requests.find((r) => r.method === "GET");
      should(download.headers.authorization).be.undefined();
      server.requests.find((r) => r.method === "POST").body.equals(WAV).should.be.true();
    });

    it("follows redirects when downloading (CDN result and input URLs)", async function () {
      server.on("GET /files/moved.wav", { status: 302, headers: { location: "/files/real.wav" } });
      server.on("GET /files/real.wav", { body: WAV, headers: { "content-type": "audio/wav" } });
      server.on("POST /asr", { json: { text: "after redirect" } });
      const client = new lib.InferenceClient("hf_secret_token", { endpointUrl: `${server.url}/asr`, allowPrivateUrlInputs: true });
      (await client.automaticSpeechRecognition({ inputs: `${server.url}/files/moved.wav` })).text.should.equal("after redirect");
      server.requests.map((r) => `${r.method} ${r.path}`).should.eql(["GET /files/moved.wav", "GET /files/real.wav", "POST /asr"]);
    });

    it("hands a result Blob's bytes back without reading the Blob when asked to keep them (keepBlobBytes)", async function () {
      server.on("POST /img", { body: PNG, headers: { "content-type": "image/png" } });
      const unreadable = (blob) => Object.assign(blob, { arrayBuffer: () => Promise.reject(new Error("read the Blob")) });
      const keeping = new lib.InferenceClient("hf_tok", { endpointUrl: `${server.url}/img`, keepBlobBytes: true });
      const kept = unreadable(await keeping.imageToImage({ inputs: JPEG }));
      kept.type.should.equal("image/png");
      (await lib.blobToBuffer(kept)).equals(PNG).should.be.true();
      // Without the option nothing is kept: the Blob is read (here: refused).
      const plain = new lib.InferenceClient("hf_tok", { endpointUrl: `${server.url}/img` });
      await lib.blobToBuffer(unreadable(await plain.imageToImage({ inputs: JPEG }))).should.be.rejectedWith(/read the Blob/);
      (await lib.blobToBuffer(await plain.imageToImage({ inputs: JPEG }))).equals(PNG).should.be.true();
      (await lib.blobToBuffer(new Blob([WAV]))).equals(WAV).should.be.true();
    });

    it("accepts the reference's legacy `data` field", async function () {
      server.on("POST /asr", { json: { text: "legacy" } });
      const client = new lib.InferenceClient(undefined, { endpointUrl: `${server.url}/asr` });
      (await client.automaticSpeechRecognition({ data: new Blob([MP3], { type: "audio/mpeg" }) })).text.should.equal("legacy");
      server.requests[0].headers["content-type"].should.equal("audio/mpeg");
    });
  });
});
