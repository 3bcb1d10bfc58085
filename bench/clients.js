"use strict";
// The clients compared, each as a function making one small chat completion (non-streaming) against the bench
// server, plus the two streaming readers. Every caller builds its JSON body per call, as real code does.
const path = require("node:path");
const { request } = require("undici");

const MODEL = "bench-model";
const MESSAGES = [{ role: "user", content: "Hello, who are you?" }];
const TOKEN = "hf_benchToken0000000000000000000";

function ourLibrary() {
  return require(path.join(__dirname, "..", "dist", "lib"));
}

const callers = {
  "raw undici"(url) {
    return async () => {
      const res = await request(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ model: MODEL, messages: MESSAGES }),
      });
      const json = await res.body.json();
      return json.choices[0].message.content;
    };
  },
  ours(url) {
    const { InferenceClient } = ourLibrary();
    const client = new InferenceClient(TOKEN, { endpointUrl: url });
    return async () => (await client.chatCompletion({ model: MODEL, messages: MESSAGES })).choices[0].message.content;
  },
  "ours (node options)"(url) {
    const { InferenceClient } = ourLibrary();
    const client = new InferenceClient(TOKEN, { endpointUrl: url, timeout: 300_000, keepBlobBytes: true });
    // As the node runner: one signal (aborted on redeploy) for every call, and per-call options.
    const signal = new AbortController().signal;
    require("node:events").setMaxListeners(0, signal);
    return async () => {
      const options = { signal, onCallInfo: () => undefined, onProgress: () => undefined };
      return (await client.chatCompletion({ model: MODEL, messages: MESSAGES }, options)).choices[0].message.content;
    };
  },
  "@huggingface/inference"(url) {
    const { InferenceClient } = require("@huggingface/inference");
    const client = new InferenceClient(TOKEN);
    return async () =>
      (await client.chatCompletion({ endpointUrl: url, model: MODEL, messages: MESSAGES })).choices[0].message.content;
  },
  openai(url) {
    const OpenAI = require("openai");
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: TOKEN, maxRetries: 0 });
    return async () => (await client.chat.completions.create({ model: MODEL, messages: MESSAGES })).choices[0].message.content;
  },
};

/** Stream readers: each returns the number of content deltas it read. */
const streamers = {
  "eventsource-parser loop"(url) {
    const { createParser } = require("eventsource-parser");
    return async () => {
      const res = await request(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ model: MODEL, messages: MESSAGES, stream: true }),
      });
      let tokens = 0;
      let done = false;
      const parser = createParser({
        onEvent(event) {
          if (event.data === "[DONE]") return void (done = true);
          const chunk = JSON.parse(event.data);
          if (chunk.choices[0]?.delta?.content) tokens++;
        },
      });
      const decoder = new TextDecoder();
      for await (const bytes of res.body) parser.feed(decoder.decode(bytes, { stream: true }));
      if (!done) throw new Error("stream ended without [DONE]");
      return tokens;
    };
  },
  ours(url) {
    const { InferenceClient } = ourLibrary();
    const client = new InferenceClient(TOKEN, { endpointUrl: url });
    if (typeof client.chatCompletionStream !== "function") throw new Error("chatCompletionStream is not in the library yet");
    return async () => {
      let tokens = 0;
      for await (const chunk of client.chatCompletionStream({ model: MODEL, messages: MESSAGES })) {
        if (chunk.choices[0]?.delta?.content) tokens++;
      }
      return tokens;
    };
  },
};

module.exports = { callers, streamers, ourLibrary, TOKEN, MODEL, MESSAGES };
