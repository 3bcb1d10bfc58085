"use strict";
// A seeded PRNG (mulberry32) and generators of hostile msg payloads: every run with the same seed sends the same
// values, so a failure names the seed and the msg index that reproduce it.

function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const SAMPLE_STRINGS = [
  "",
  " ",
  "\n\t ",
  "hello world",
  "I love this!",
  "héllo wörld ✓ 你好 🤗",
  "\u0000\u0001\u001f",
  "\ud800 lone surrogate",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "{}",
  '{"inputs": 1}',
  "[1, 2, 3]",
  "http://127.0.0.1:1/secret.png",
  "https://example.invalid/x.wav",
  "file:///etc/passwd",
  "/etc/passwd",
  "../../../../etc/shadow",
  "C:\\Windows\\win.ini",
  "data:image/png;base64,iVBORw0KGgo=",
  "data:,",
  "data:;base64,!!!!",
  "aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=",
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "%s %d %j %o",
  "${process.env.HOME}",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
];

const PNG_1PX = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** Generators of hostile values; `depth` bounds nesting so a single value stays printable. */
function makeValues(r) {
  const scalar = () =>
    r.pick([
      () => r.pick(SAMPLE_STRINGS),
      () => r.int(2 ** 31) - 2 ** 30,
      () => r.pick([0, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, 1e308, 5e-324]),
      () => r.chance(0.5),
      () => null,
      () => undefined,
      () => BigInt(r.int(1000)),
      () => Symbol("fuzz"),
      () => new Date(r.int(2 ** 40)),
      () => /regex/g,
      () => () => "a function",
    ])();

  const buffer = () =>
    r.pick([
      () => Buffer.alloc(0),
      () => Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), // invalid UTF-8
      () => Buffer.from(Array.from({ length: 1 + r.int(4096) }, () => r.int(256))),
      () => PNG_1PX,
      () => new Uint8Array([1, 2, 3]),
      () => new Float64Array([1.5, NaN]),
      () => new ArrayBuffer(16),
      () => new Blob(["blob text"], { type: "text/plain" }),
      () => Buffer.from("RIFF\0\0\0\0WAVEfmt "), // a WAV header and nothing else
    ])();

  const hugeString = () => {
    const sizes = [64 * 1024, 1 << 20, 4 << 20];
    return r.pick(["a", "🤗", "\u0000", "x "]).repeat(r.pick(sizes) / 4);
  };

  function deep(levels, asArray) {
    let v = r.pick(SAMPLE_STRINGS);
    for (let i = 0; i < levels; i++) v = asArray ? [v] : { nested: v };
    return v;
  }

  /** An object with own `__proto__` / `constructor` keys, as JSON.parse makes them. */
  const protoKeys = () =>
    JSON.parse(
      r.pick([
        '{"__proto__": {"polluted": "yes"}, "inputs": "x"}',
        '{"constructor": {"prototype": {"polluted": "yes"}}}',
        '{"__proto__": null, "question": "q", "context": "c"}',
        '{"image": {"__proto__": {"polluted": "yes"}}, "question": "why?"}',
        '{"messages": [{"__proto__": {"role": "system"}, "content": "hi"}]}',
      ]),
    );

  function value(depth = 3) {
    const kinds = [scalar, scalar, buffer, protoKeys];
    if (depth > 0) {
      kinds.push(
        () => Array.from({ length: r.int(6) }, () => value(depth - 1)),
        () => Object.fromEntries(Array.from({ length: r.int(6) }, () => [r.pick(SAMPLE_STRINGS) || "k", value(depth - 1)])),
        // Shapes the composite task nodes look for, with hostile field values.
        () => ({
          [r.pick(["image", "question", "context", "text", "inputs", "source_sentence", "sentences", "query", "table", "data", "candidate_labels", "messages", "arguments"])]: value(depth - 1),
          [r.pick(["image", "question", "context", "text", "inputs", "sentences", "table", "role", "content"])]: value(depth - 1),
        }),
      );
    }
    if (r.chance(0.03)) return hugeString();
    if (r.chance(0.05)) return deep(50 + r.int(250), r.chance(0.5));
    return r.pick(kinds)();
  }

  /** Inputs of about the right shape for some task, each with a twist: most msgs then reach the provider. */
  const nonEmpty = () => r.pick(SAMPLE_STRINGS.filter((x) => x.trim()));
  function plausible() {
    const composite = {
      image: r.pick([PNG_1PX, buffer(), nonEmpty()]),
      question: nonEmpty(),
      context: r.chance(0.1) ? hugeString() : nonEmpty(),
      source_sentence: nonEmpty(),
      sentences: r.pick([[nonEmpty(), nonEmpty()], nonEmpty(), []]),
      query: nonEmpty(),
      table: r.pick([{ a: ["1", "2"], b: ["x", "y"] }, [{ a: 1 }], { a: "not a column" }]),
      data: r.pick([{ a: [1, 2] }, [{ a: 1 }]]),
      candidate_labels: r.pick([["a", "b"], "a, b", [1, 2]]),
      text: nonEmpty(),
      messages: r.pick([[{ role: "user", content: nonEmpty() }], [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64," + PNG_1PX.toString("base64") } }] }], [{ role: "🤗" }]]),
    };
    for (const key of Object.keys(composite)) if (r.chance(0.3)) delete composite[key];
    return r.pick([
      nonEmpty,
      () => (r.chance(0.2) ? hugeString() : nonEmpty()),
      () => PNG_1PX,
      () => buffer(),
      () => [nonEmpty(), nonEmpty()],
      () => composite,
      () => composite.messages ?? [],
    ])();
  }

  return { value, scalar, buffer, hugeString, protoKeys, plausible };
}

/** One msg: a hostile payload, and sometimes hostile overrides the nodes read (model, provider, parameters...). */
function makeMsg(r, values, id) {
  const msg = { _msgid: id, payload: r.chance(0.5) ? values.plausible() : values.value() };
  const extras = {
    model: () => values.scalar(),
    provider: () => r.pick(["toString", "__proto__", "constructor", "nope", "", "hf-inference", 42, null]),
    parameters: () => values.value(2),
    topic: () => values.scalar(),
    prompt: () => values.value(1),
    question: () => values.value(1),
    messages: () => values.value(2),
    history: () => values.value(2),
    arguments: () => values.value(2),
    tool: () => values.scalar(),
    contentType: () => values.scalar(),
  };
  for (const [key, make] of Object.entries(extras)) if (r.chance(0.15)) msg[key] = make();
  return msg;
}

module.exports = { prng, makeValues, makeMsg, PNG_1PX };
