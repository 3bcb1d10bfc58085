"use strict";
// For every provider x task in @huggingface/inference's PROVIDERS table, in both modes (routed: an hf_ token through
// router.huggingface.co/<provider>; direct: the provider's own key to its own host), our InferenceClient sends the
// same request sequence as the reference (Hub look-up, submission, status polls, result fetches, downloads: method,
// URL, auth, bill-to, content type, provider headers and body) and returns the same output, against one scripted
// "world" per provider that answers as that provider does.
const should = require("should");
const lib = require("../../dist/lib");
const { captureRequests, referenceClient } = require("../support/reference");

const HUB = "https://huggingface.co";
const ROUTER = "https://router.huggingface.co";

// Real file headers, so content sniffing (ours) and content-type headers (theirs) agree.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from("JFIF"), Buffer.alloc(10, 7)]);
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.from([36, 0, 0, 0]), Buffer.from("WAVEfmt "), Buffer.alloc(24, 1)]);
const MP3 = Buffer.concat([Buffer.from("ID3"), Buffer.from([3, 0, 0, 0, 0, 0, 0]), Buffer.alloc(20, 9)]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypisom"), Buffer.alloc(12, 3)]);
const image = () => new Blob([PNG], { type: "image/png" });
const audio = () => new Blob([WAV], { type: "audio/wav" });

/** Result files the worlds point at; served by the same MockAgent (downloads carry no credentials). */
const FILES = {
  "https://v3.fal.media/files/out.png": [PNG, "image/png"],
  "https://v3.fal.media/files/out.mp4": [MP4, "video/mp4"],
  "https://v3.fal.media/files/out.wav": [WAV, "audio/wav"],
  "https://v3.fal.media/files/mask.png": [PNG, "image/png"],
  "https://replicate.delivery/xezq/out.webp": [PNG, "image/png"],
  "https://replicate.delivery/xezq/out.mp4": [MP4, "video/mp4"],
  "https://replicate.delivery/xezq/out.wav": [WAV, "audio/wav"],
  "https://replicate.delivery/xezq/out.txt": [Buffer.from("transcribed from a file"), "text/plain"],
  "https://api.together.ai/shrt/video.mp4": [MP4, "video/mp4"],
  "https://faas-output-video.s3.ap-southeast-1.amazonaws.com/prod/v.mp4": [MP4, "video/mp4"],
  "https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.png": [PNG, "image/png"],
  "https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.mp4": [MP4, "video/mp4"],
  "https://aigc-files.bigmodel.cn/api/cogview/out.png": [PNG, "image/png"],
};

const json = (value) => ({ json: value });
const bytes = ([body, type]) => ({ body, headers: { "content-type": type } });
const bodyOf = (req) => {
  try {
    return JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");
  } catch {
    return {};
  }
};

const chatAnswer = (model) => ({
  id: "chatcmpl-7",
  object: "chat.completion",
  created: 1700000000,
  model,
  system_fingerprint: "fp_1",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello there" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
});
const chunk = (model, delta, finish = null) => ({
  id: "chatcmpl-7",
  object: "chat.completion.chunk",
  created: 1700000000,
  model,
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const sse = (events) => ({
  body: events.map((e) => `data: ${typeof e === "string" ? e : JSON.stringify(e)}\n\n`).join(""),
  headers: { "content-type": "text/event-stream" },
});
/** OpenAI chat: a completion, or an SSE stream when the body asks for one. */
const chatWorld = (p, req) => {
  const body = bodyOf(req);
  if (!/chat\/completions$/.test(p.split("?")[0])) return undefined;
  if (body.stream) {
    return sse([
      chunk(body.model, { role: "assistant", content: "" }),
      chunk(body.model, { content: "Hel" }),
      chunk(body.model, { content: "lo" }, "stop"),
      "[DONE]",
    ]);
  }
  return json(chatAnswer(body.model));
};
const completionsWorld = (p, req) =>
  json({
    id: "cmpl-1",
    object: "text_completion",
    created: 1700000000,
    model: bodyOf(req).model,
    choices: [{ index: 0, text: " a time", finish_reason: "length", logprobs: null }],
    usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
  });
const embeddingsWorld = () =>
  json({ object: "list", data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2, 0.3] }], model: "m", usage: { prompt_tokens: 3, total_tokens: 3 } });
const b64ImageWorld = (p, req) => {
  const body = bodyOf(req);
  if (body.response_format === "url") return json({ data: [{ url: "https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.png" }] });
  return json({ created: 1700000000, data: [{ b64_json: JPEG.toString("base64") }] });
};
const transcriptionWorld = () => json({ text: "hello world", segments: [{ id: 0, start: 0, end: 1.5, text: "hello world" }] });
const speechWorld = () => bytes([MP3, "audio/mpeg"]);

/** fal's queue: submit (IN_QUEUE), one status poll (COMPLETED), the result JSON. `app` is the id fal reports. */
const falQueue = (app, result) => (p, req) => {
  const path = p.split("?")[0];
  if (req.method === "POST") {
    return json({
      request_id: "req-42",
      status: "IN_QUEUE",
      queue_position: 0,
      response_url: `https://queue.fal.run/${app}/requests/req-42`,
      status_url: `https://queue.fal.run/${app}/requests/req-42/status`,
    });
  }
  if (path === `/${app}/requests/req-42/status`) return json({ status: "COMPLETED", request_id: "req-42" });
  if (path === `/${app}/requests/req-42`) return json(result);
  return undefined;
};
/** Replicate: `Prefer: wait` answers a finished prediction. */
const replicateWorld = (output) => (p, req) =>
  req.method === "POST"
    ? json({ id: "pred-1", model: "m", version: "v", status: "succeeded", input: bodyOf(req).input, output, error: null, logs: "" })
    : undefined;
/** WaveSpeed: submit answers a result URL; the first poll says completed. */
const wavespeedWorld = (outputUrl) => (p, req) => {
  if (req.method === "POST") {
    return json({ code: 200, message: "success", data: { id: "ws-9", status: "created", urls: { get: "https://api.wavespeed.ai/api/v3/predictions/ws-9/result" } } });
  }
  if (p === "/api/v3/predictions/ws-9/result") return json({ code: 200, data: { id: "ws-9", status: "completed", outputs: [outputUrl] } });
  return undefined;
};
/** Together's video jobs: queued, then completed at the first poll. */
const togetherVideoWorld = (p, req) => {
  if (req.method === "POST") return json({ id: "vid-3", object: "video", status: "queued" });
  if (p === "/v2/videos/vid-3") {
    return json({ id: "vid-3", object: "video", status: "completed", outputs: { video_url: "https://api.together.ai/shrt/video.mp4", cost: 1 } });
  }
  return undefined;
};
const togetherWorld = (p, req) => {
  const path = p.split("?")[0];
  if (path.endsWith("/chat/completions")) return chatWorld(p, req);
  if (path === "/v1/completions") {
    return json({ id: "c", object: "text.completion", created: 1, model: bodyOf(req).model, choices: [{ index: 0, text: " a time", finish_reason: "length", seed: 42 }] });
  }
  if (path === "/v1/embeddings") return embeddingsWorld();
  if (path === "/v1/images/generations") return b64ImageWorld(p, req);
  if (path === "/v1/audio/speech") return speechWorld();
  if (path === "/v1/audio/transcriptions") return transcriptionWorld();
  if (path.startsWith("/v2/videos")) return togetherVideoWorld(p, req);
  return undefined;
};
const novitaWorld = (p, req) => {
  if (p.endsWith("/chat/completions")) return chatWorld(p, req);
  if (req.method === "POST") return json({ task_id: "nov-5" });
  if (p === "/v3/async/task-result?task_id=nov-5") {
    return json({ task: { task_id: "nov-5", status: "TASK_STATUS_SUCCEED", progress_percent: 100 }, videos: [{ video_url: "https://faas-output-video.s3.ap-southeast-1.amazonaws.com/prod/v.mp4", video_type: "mp4" }] });
  }
  if (p === "/v3/minimax/v2/query/video_generation/nov-5") {
    return json({ task: { id: "nov-5", status: "succeeded", content: { url: "https://faas-output-video.s3.ap-southeast-1.amazonaws.com/prod/v.mp4" } } });
  }
  return undefined;
};
const zaiWorld = (p, req) => {
  if (p.endsWith("/chat/completions")) return chatWorld(p, req);
  if (p === "/api/paas/v4/async/images/generations") return json({ id: "zai-1", model: "glm-image", request_id: "r", task_status: "PROCESSING" });
  if (p === "/api/paas/v4/async-result/zai-1") {
    return json({ id: "zai-1", model: "glm-image", task_status: "SUCCESS", image_result: [{ url: "https://aigc-files.bigmodel.cn/api/cogview/out.png" }] });
  }
  if (p === "/api/paas/v4/layout_parsing") return json({ id: "lp", model: "glm-ocr", md_results: "# Title\n\nSome text" });
  return undefined;
};

const CHAT_ARGS = { messages: [{ role: "user", content: "Hi" }], max_tokens: 20, temperature: 0.2 };
const TEXTGEN_ARGS = { inputs: "Once upon", parameters: { max_new_tokens: 8, temperature: 0.5 } };

/** The two chat methods for an OpenAI-compatible provider (`world` answers both). */
function chatCases(provider, providerId, world = chatWorld) {
  return [
    { provider, task: "conversational", method: "chatCompletion", providerId, args: CHAT_ARGS, world },
    { provider, task: "conversational", method: "chatCompletionStream", providerId, args: CHAT_ARGS, world },
  ];
}

// hf-inference serves Hub ids as they are, per pipeline.
const HF = "hf-inference";
const hfCase = (task, method, args, answer, extra = {}) => ({ provider: HF, task, method, args, world: () => answer, ...extra });
const labels = json([{ label: "a", score: 0.8 }, { label: "b", score: 0.2 }]);

/**
 * Every provider x task of the reference's table. Tasks it has a helper for but which are not meant to be called
 * (and cannot work against the real provider) are listed in NOT_CALLABLE with the reason, and checked apart.
 */
const CASES = [
  ...chatCases("baseten", "deepseek-ai/DeepSeek-V3.1"),
  ...chatCases("cerebras", "llama-3.3-70b"),
  // Cerebras refuses OpenAI's `store`: both drop it.
  { provider: "cerebras", task: "conversational", method: "chatCompletion", providerId: "llama-3.3-70b", args: { ...CHAT_ARGS, store: true }, world: chatWorld, label: "without `store`" },
  ...chatCases("cohere", "command-a-03-2025"),
  ...chatCases("deepinfra", "meta-llama/Llama-3.3-70B-Instruct"),
  { provider: "deepinfra", task: "text-generation", method: "textGeneration", providerId: "meta-llama/Llama-3.3-70B-Instruct", args: TEXTGEN_ARGS, world: completionsWorld },
  { provider: "deepinfra", task: "feature-extraction", method: "featureExtraction", providerId: "BAAI/bge-m3", args: { inputs: "That is a happy person" }, world: embeddingsWorld },
  { provider: "deepinfra", task: "text-to-image", method: "textToImage", providerId: "black-forest-labs/FLUX-1-schnell", args: { inputs: "a red fox", parameters: { num_inference_steps: 4, width: 512 } }, world: b64ImageWorld },
  { provider: "deepinfra", task: "text-to-speech", method: "textToSpeech", providerId: "hexgrad/Kokoro-82M", args: { inputs: "Hello", parameters: { voice: "af_bella" } }, world: speechWorld },
  { provider: "deepinfra", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", providerId: "openai/whisper-large-v3", args: { inputs: audio(), parameters: { language: "en" } }, world: transcriptionWorld },

  { provider: "fal-ai", task: "text-to-image", method: "textToImage", providerId: "fal-ai/flux/dev", args: { inputs: "a red fox", parameters: { num_inference_steps: 20, guidance_scale: 3.5 } }, world: falQueue("fal-ai/flux", { images: [{ url: "https://v3.fal.media/files/out.png", width: 1, height: 1, content_type: "image/png" }], seed: 1 }) },
  {
    provider: "fal-ai", task: "text-to-image", method: "textToImage", label: "LoRA adapter", providerId: "fal-ai/lora",
    mapping: { adapter: "lora", adapterWeightsPath: "pytorch_lora_weights.safetensors" },
    args: { inputs: "a red fox" }, world: falQueue("fal-ai/lora", { images: [{ url: "https://v3.fal.media/files/out.png" }] }),
  },
  { provider: "fal-ai", task: "image-to-image", method: "imageToImage", providerId: "fal-ai/flux-kontext/dev", args: { inputs: image(), parameters: { prompt: "make it blue", guidance_scale: 2.5 } }, world: falQueue("fal-ai/flux-kontext", { images: [{ url: "https://v3.fal.media/files/out.png" }] }) },
  { provider: "fal-ai", task: "image-text-to-image", method: "imageTextToImage", providerId: "fal-ai/flux-2/edit", args: { inputs: image(), parameters: { prompt: "add a hat" } }, world: falQueue("fal-ai/flux-2", { images: [{ url: "https://v3.fal.media/files/out.png" }] }) },
  { provider: "fal-ai", task: "image-text-to-image", method: "imageTextToImage", label: "without an image", providerId: "fal-ai/flux-2/edit", args: { parameters: { prompt: "a hat" } }, world: falQueue("fal-ai/flux-2", { images: [{ url: "https://v3.fal.media/files/out.png" }] }) },
  { provider: "fal-ai", task: "text-to-video", method: "textToVideo", providerId: "fal-ai/wan/v2.2-a14b/text-to-video", args: { inputs: "a fox running", parameters: { num_frames: 81 } }, world: falQueue("fal-ai/wan", { video: { url: "https://v3.fal.media/files/out.mp4" } }) },
  { provider: "fal-ai", task: "image-to-video", method: "imageToVideo", providerId: "fal-ai/wan/v2.2-a14b/image-to-video", args: { inputs: image(), parameters: { prompt: "it moves" } }, world: falQueue("fal-ai/wan", { video: { url: "https://v3.fal.media/files/out.mp4" } }) },
  { provider: "fal-ai", task: "image-text-to-video", method: "imageTextToVideo", providerId: "fal-ai/ltx-2/image-to-video", args: { inputs: image(), parameters: { prompt: "it moves" } }, world: falQueue("fal-ai/ltx-2", { video: { url: "https://v3.fal.media/files/out.mp4" } }) },
  { provider: "fal-ai", task: "image-text-to-video", method: "imageTextToVideo", label: "without an image", providerId: "fal-ai/ltx-2/image-to-video", args: { parameters: { prompt: "a fox" } }, world: falQueue("fal-ai/ltx-2", { video: { url: "https://v3.fal.media/files/out.mp4" } }) },
  { provider: "fal-ai", task: "text-to-audio", method: "textToAudio", providerId: "fal-ai/stable-audio", args: { inputs: "rain on a roof", parameters: { seconds_total: 5 } }, world: falQueue("fal-ai/stable-audio", { audio_file: { url: "https://v3.fal.media/files/out.wav" } }) },
  { provider: "fal-ai", task: "audio-to-audio", method: "audioToAudio", providerId: "fal-ai/deepfilternet3", args: { inputs: audio() }, world: falQueue("fal-ai/deepfilternet3", { audio: { url: "https://v3.fal.media/files/out.wav", content_type: "audio/wav" }, text: "" }) },
  { provider: "fal-ai", task: "image-segmentation", method: "imageSegmentation", providerId: "fal-ai/birefnet/v2", args: { inputs: image() }, world: falQueue("fal-ai/birefnet", { image: { url: "https://v3.fal.media/files/mask.png" } }) },
  { provider: "fal-ai", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", providerId: "fal-ai/whisper", args: { inputs: audio() }, world: () => json({ text: "hello world", chunks: [{ text: "hello world", timestamp: [0, 1.5] }] }) },
  { provider: "fal-ai", task: "text-to-speech", method: "textToSpeech", providerId: "fal-ai/kokoro/american-english", args: { inputs: "Hello", parameters: { voice: "af_heart" } }, world: () => json({ audio: { url: "https://v3.fal.media/files/out.wav" } }) },

  ...chatCases("featherless-ai", "meta-llama/Llama-3.1-8B-Instruct"),
  { provider: "featherless-ai", task: "text-generation", method: "textGeneration", providerId: "meta-llama/Llama-3.1-8B-Instruct", args: TEXTGEN_ARGS, world: completionsWorld },
  ...chatCases("fireworks-ai", "accounts/fireworks/models/llama-v3p3-70b-instruct"),
  ...chatCases("groq", "llama-3.3-70b-versatile"),

  hfCase("audio-classification", "audioClassification", { inputs: audio() }, labels),
  hfCase("audio-to-audio", "audioToAudio", { inputs: audio() }, json([{ label: "speech", "content-type": "audio/flac", blob: WAV.toString("base64") }])),
  hfCase("automatic-speech-recognition", "automaticSpeechRecognition", { inputs: audio() }, json({ text: "hi" })),
  ...chatCases(HF, undefined, chatWorld),
  hfCase("document-question-answering", "documentQuestionAnswering", { inputs: { image: image(), question: "Total?" } }, json([{ answer: "42", score: 0.9, start: 1, end: 2 }])),
  hfCase("feature-extraction", "featureExtraction", { inputs: "That is a happy person" }, json([0.1, 0.2, 0.3])),
  hfCase("fill-mask", "fillMask", { inputs: "The goal of life is [MASK]." }, json([{ score: 0.1, token: 1, token_str: "life", sequence: "The goal of life is life." }])),
  hfCase("image-classification", "imageClassification", { inputs: image() }, labels),
  hfCase("image-segmentation", "imageSegmentation", { inputs: image() }, json([{ label: "cat", score: 0.9, mask: PNG.toString("base64") }])),
  hfCase("image-to-image", "imageToImage", { inputs: image(), parameters: { prompt: "blue" } }, bytes([PNG, "image/png"])),
  hfCase("image-to-text", "imageToText", { inputs: image() }, json({ generated_text: "a cat" })),
  hfCase("object-detection", "objectDetection", { inputs: image() }, json([{ label: "cat", score: 0.9, box: { xmin: 1, ymin: 2, xmax: 3, ymax: 4 } }])),
  hfCase("question-answering", "questionAnswering", { inputs: { question: "Where?", context: "In Paris." } }, json({ answer: "Paris", score: 0.9, start: 3, end: 8 })),
  hfCase("sentence-similarity", "sentenceSimilarity", { inputs: { source_sentence: "a", sentences: ["b", "c"] } }, json([0.5, 0.25])),
  hfCase("summarization", "summarization", { inputs: "A long text.", parameters: { max_length: 10 } }, json([{ summary_text: "Short." }])),
  hfCase("table-question-answering", "tableQuestionAnswering", { inputs: { query: "How many?", table: { a: ["1", "2"] } } }, json({ answer: "2", coordinates: [[0, 1]], cells: ["2"], aggregator: "NONE" })),
  hfCase("tabular-classification", "tabularClassification", { inputs: { data: { a: ["1", "2"] } } }, json([1, 0])),
  hfCase("tabular-regression", "tabularRegression", { inputs: { data: { a: ["1", "2"] } } }, json([1.5, 2.5])),
  hfCase("text-classification", "textClassification", { inputs: "I like you" }, json([[{ label: "POSITIVE", score: 0.9 }, { label: "NEGATIVE", score: 0.1 }]])),
  hfCase("text-generation", "textGeneration", TEXTGEN_ARGS, json({ id: "c", object: "text_completion", created: 1, model: "m", choices: [{ index: 0, text: " a time", finish_reason: "length" }] })),
  hfCase("text-to-audio", "textToAudio", { inputs: "rain" }, bytes([WAV, "audio/wav"])),
  hfCase("text-to-image", "textToImage", { inputs: "a cat", parameters: { num_inference_steps: 4 } }, bytes([PNG, "image/png"])),
  hfCase("text-to-speech", "textToSpeech", { inputs: "hello" }, bytes([WAV, "audio/wav"])),
  hfCase("token-classification", "tokenClassification", { inputs: "My name is Sarah" }, json([{ entity_group: "PER", score: 0.9, word: "Sarah", start: 11, end: 16 }])),
  hfCase("translation", "translation", { inputs: "Hello" }, json([{ translation_text: "Bonjour" }])),
  hfCase("visual-question-answering", "visualQuestionAnswering", { inputs: { image: image(), question: "What?" } }, json([{ answer: "cat", score: 0.9 }])),
  hfCase("zero-shot-classification", "zeroShotClassification", { inputs: "my phone broke", parameters: { candidate_labels: ["urgent", "phone"] } }, json({ sequence: "my phone broke", labels: ["phone", "urgent"], scores: [0.7, 0.3] })),
  hfCase("zero-shot-image-classification", "zeroShotImageClassification", { inputs: { image: image() }, parameters: { candidate_labels: ["cat", "dog"] } }, labels),

  ...chatCases("novita", "deepseek/deepseek-v3-0324", novitaWorld),
  { provider: "novita", task: "text-to-video", method: "textToVideo", providerId: "wan-t2v", args: { inputs: "a fox running", parameters: { num_inference_steps: 30, seed: 1 } }, world: novitaWorld },
  { provider: "novita", task: "image-text-to-video", method: "imageTextToVideo", providerId: "MiniMax-H3", args: { inputs: image(), parameters: { prompt: "it moves", num_frames: 120 } }, world: novitaWorld },
  { provider: "novita", task: "image-text-to-video", method: "imageTextToVideo", label: "without an image", providerId: "MiniMax-H3", args: { parameters: { prompt: "a fox", target_size: { width: 1920, height: 1080 }, seed: 3 } }, world: novitaWorld },

  ...chatCases("nscale", "meta-llama/Llama-3.1-8B-Instruct"),
  { provider: "nscale", task: "text-to-image", method: "textToImage", providerId: "stabilityai/stable-diffusion-xl-base-1.0", args: { inputs: "a red fox", parameters: { width: 512 } }, world: b64ImageWorld },

  ...chatCases("ovhcloud", "Meta-Llama-3_3-70B-Instruct"),
  { provider: "ovhcloud", task: "text-generation", method: "textGeneration", providerId: "Meta-Llama-3_3-70B-Instruct", args: TEXTGEN_ARGS, world: completionsWorld },
  ...chatCases("publicai", "swiss-ai/apertus-8b-instruct"),

  { provider: "replicate", task: "text-to-image", method: "textToImage", providerId: "black-forest-labs/flux-schnell", args: { inputs: "a red fox", parameters: { num_inference_steps: 4 } }, world: replicateWorld(["https://replicate.delivery/xezq/out.webp"]) },
  { provider: "replicate", task: "text-to-image", method: "textToImage", label: "versioned model", providerId: "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc", args: { inputs: "a red fox" }, world: replicateWorld("https://replicate.delivery/xezq/out.webp") },
  {
    provider: "replicate", task: "text-to-image", method: "textToImage", label: "LoRA adapter", providerId: "black-forest-labs/flux-dev-lora",
    mapping: { adapter: "lora", adapterWeightsPath: "lora.safetensors" }, args: { inputs: "a red fox" }, world: replicateWorld(["https://replicate.delivery/xezq/out.webp"]),
  },
  { provider: "replicate", task: "text-to-speech", method: "textToSpeech", providerId: "jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13", args: { inputs: "Hello", parameters: { voice: "af_bella" } }, world: replicateWorld("https://replicate.delivery/xezq/out.wav") },
  { provider: "replicate", task: "text-to-video", method: "textToVideo", providerId: "wan-video/wan-2.2-t2v-fast", args: { inputs: "a fox running" }, world: replicateWorld("https://replicate.delivery/xezq/out.mp4") },
  { provider: "replicate", task: "image-to-image", method: "imageToImage", providerId: "black-forest-labs/flux-kontext-dev", args: { inputs: image(), parameters: { prompt: "make it blue" } }, world: replicateWorld(["https://replicate.delivery/xezq/out.webp"]) },
  { provider: "replicate", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", providerId: "openai/whisper:8099696689d249cf8b122d833c36ac3f75505c666a395ca40ef26f68e7d3d16e", args: { inputs: audio() }, world: replicateWorld({ transcription: "hello world", segments: [] }) },
  { provider: "replicate", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", label: "text file output", providerId: "vaibhavs10/incredibly-fast-whisper", args: { inputs: audio() }, world: replicateWorld({ txt_file: "https://replicate.delivery/xezq/out.txt" }) },

  ...chatCases("scaleway", "llama-3.3-70b-instruct"),
  { provider: "scaleway", task: "text-generation", method: "textGeneration", providerId: "llama-3.3-70b-instruct", args: { inputs: "Once upon" }, world: completionsWorld },
  { provider: "scaleway", task: "feature-extraction", method: "featureExtraction", providerId: "bge-multilingual-gemma2", args: { inputs: "That is a happy person" }, world: embeddingsWorld },

  ...chatCases("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", togetherWorld),
  {
    provider: "together", task: "conversational", method: "chatCompletion", label: "json_schema response format", providerId: "meta-llama/Llama-3.3-70B-Instruct-Turbo", world: togetherWorld,
    args: { ...CHAT_ARGS, response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object", properties: { a: { type: "string" } } } } } },
  },
  { provider: "together", task: "text-generation", method: "textGeneration", providerId: "meta-llama/Llama-3.3-70B-Instruct-Turbo", args: { inputs: "Once upon" }, world: togetherWorld },
  { provider: "together", task: "feature-extraction", method: "featureExtraction", providerId: "BAAI/bge-base-en-v1.5", args: { inputs: "That is a happy person" }, world: togetherWorld },
  { provider: "together", task: "text-to-image", method: "textToImage", providerId: "black-forest-labs/FLUX.1-schnell", args: { inputs: "a red fox", parameters: { num_inference_steps: 4, width: 512 } }, world: togetherWorld },
  { provider: "together", task: "image-to-image", method: "imageToImage", providerId: "black-forest-labs/FLUX.1-kontext-dev", args: { inputs: image(), parameters: { prompt: "make it blue", num_inference_steps: 28 } }, world: togetherWorld },
  { provider: "together", task: "image-to-image", method: "imageToImage", label: "reference_images model", providerId: "black-forest-labs/FLUX.2-dev", args: { inputs: image() }, world: togetherWorld },
  { provider: "together", task: "text-to-video", method: "textToVideo", providerId: "Wan-AI/Wan2.2-T2V-A14B", args: { inputs: "a fox running", parameters: { num_inference_steps: 20, target_size: { width: 832, height: 480 } } }, world: togetherWorld },
  { provider: "together", task: "image-to-video", method: "imageToVideo", providerId: "Wan-AI/Wan2.2-I2V-A14B", args: { inputs: image(), parameters: { prompt: "it moves", seed: 2 } }, world: togetherWorld },
  { provider: "together", task: "text-to-speech", method: "textToSpeech", providerId: "hexgrad/Kokoro-82M", args: { inputs: "Hello" }, world: togetherWorld },
  { provider: "together", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", providerId: "openai/whisper-large-v3", args: { inputs: audio(), parameters: { language: "en" } }, world: togetherWorld },

  { provider: "wavespeed", task: "text-to-image", method: "textToImage", providerId: "wavespeed-ai/flux-dev", args: { inputs: "a red fox", parameters: { seed: 7 } }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.png") },
  {
    provider: "wavespeed", task: "text-to-image", method: "textToImage", label: "LoRA adapter", providerId: "wavespeed-ai/flux-dev-lora",
    mapping: { adapter: "lora", adapterWeightsPath: "lora.safetensors" }, args: { inputs: "a red fox" }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.png"),
  },
  { provider: "wavespeed", task: "text-to-video", method: "textToVideo", providerId: "wavespeed-ai/wan-2.1/t2v-480p", args: { inputs: "a fox running" }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.mp4") },
  { provider: "wavespeed", task: "image-to-image", method: "imageToImage", providerId: "wavespeed-ai/flux-kontext-dev", args: { inputs: image(), parameters: { prompt: "make it blue", guidance_scale: 2 } }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.png") },
  { provider: "wavespeed", task: "image-to-video", method: "imageToVideo", providerId: "wavespeed-ai/wan-2.1/i2v-480p", args: { inputs: image(), parameters: { prompt: "it moves" } }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.mp4") },
  { provider: "wavespeed", task: "image-text-to-image", method: "imageTextToImage", providerId: "wavespeed-ai/qwen-image/edit", args: { inputs: image(), parameters: { prompt: "add a hat" } }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.png") },
  { provider: "wavespeed", task: "image-text-to-image", method: "imageTextToImage", label: "without an image", providerId: "wavespeed-ai/qwen-image/edit", args: { parameters: { prompt: "a hat" } }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.png") },
  { provider: "wavespeed", task: "image-text-to-video", method: "imageTextToVideo", providerId: "wavespeed-ai/wan-2.2/i2v-480p", args: { inputs: image(), parameters: { prompt: "it moves" } }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.mp4") },
  { provider: "wavespeed", task: "image-text-to-video", method: "imageTextToVideo", label: "without an image", providerId: "wavespeed-ai/wan-2.2/i2v-480p", args: { parameters: { prompt: "a fox" } }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.mp4") },

  ...chatCases("zai-org", "glm-4.6", zaiWorld),
  { provider: "zai-org", task: "text-to-image", method: "textToImage", providerId: "glm-image", args: { inputs: "a red fox", parameters: { size: "1024x1024" } }, world: zaiWorld },
  { provider: "zai-org", task: "image-to-text", method: "imageToText", providerId: "glm-ocr", args: { inputs: image() }, world: zaiWorld },
];

/** A world whose job answers `statuses` (one per poll, the last repeating) before `done` finishes it. */
function stepped(world, poll, statuses, done) {
  return () => {
    let i = 0;
    return (p, req) => {
      if (poll(p, req)) return i < statuses.length ? statuses[i++] : done;
      return world(p, req);
    };
  };
}

/** More shapes of the same calls: parameters, jobs running for several polls, the Hub's array mapping, `data`. */
const VARIANTS = [
  {
    provider: "fal-ai", task: "text-to-image", method: "textToImage", label: "queued, then running, then done", providerId: "fal-ai/flux/dev", args: { inputs: "a fox" },
    fresh: stepped(falQueue("fal-ai/flux", { images: [{ url: "https://v3.fal.media/files/out.png" }] }), (p) => p.includes("/status"),
      [json({ status: "IN_QUEUE", queue_position: 2 }), json({ status: "IN_PROGRESS", logs: [] })], json({ status: "COMPLETED" })),
  },
  {
    provider: "fal-ai", task: "image-to-image", method: "imageToImage", label: "LoRA adapter", providerId: "fal-ai/flux-lora/image-to-image",
    mapping: { adapter: "lora", adapterWeightsPath: "lora.safetensors" }, args: { inputs: image(), parameters: { prompt: "in the style" } },
    world: falQueue("fal-ai/flux-lora", { images: [{ url: "https://v3.fal.media/files/out.png" }] }),
  },
  {
    provider: "fal-ai", task: "text-to-video", method: "textToVideo", label: "LoRA adapter", providerId: "fal-ai/wan-t2v-lora",
    mapping: { adapter: "lora", adapterWeightsPath: "wan.safetensors" }, args: { inputs: "a fox" }, world: falQueue("fal-ai/wan-t2v-lora", { video: { url: "https://v3.fal.media/files/out.mp4" } }),
  },
  { provider: "fal-ai", task: "image-segmentation", method: "imageSegmentation", label: "with parameters", providerId: "fal-ai/birefnet/v2", args: { inputs: image(), parameters: { model: "General Use (Light)" } }, world: falQueue("fal-ai/birefnet", { image: { url: "https://v3.fal.media/files/mask.png" } }) },
  { provider: "fal-ai", task: "audio-to-audio", method: "audioToAudio", label: "MP3 in, text out", providerId: "fal-ai/deepfilternet3", args: { inputs: new Blob([MP3], { type: "audio/mpeg" }) }, world: falQueue("fal-ai/deepfilternet3", { audio: { url: "https://v3.fal.media/files/out.wav" }, text: "hello" }) },
  { provider: "fal-ai", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", label: "`data`, segments", providerId: "fal-ai/whisper", args: { data: new Blob([MP3], { type: "audio/mpeg" }) }, world: () => json({ text: "hi", segments: [{ text: "hi", start: 0.5, end: 1 }] }) },
  { provider: "fal-ai", task: "text-to-speech", method: "textToSpeech", label: "no parameters", providerId: "fal-ai/kokoro/american-english", args: { inputs: "Hello" }, world: () => json({ audio: { url: "https://v3.fal.media/files/out.wav" } }), arrayMapping: true },
  {
    provider: "wavespeed", task: "text-to-video", method: "textToVideo", label: "processing, then done", providerId: "wavespeed-ai/wan-2.1/t2v-480p", args: { inputs: "a fox", parameters: { duration: 5 } },
    fresh: stepped(wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.mp4"), (p, req) => req.method === "GET" && p.endsWith("/result"),
      [json({ code: 200, data: { id: "ws-9", status: "processing", outputs: [] } })], json({ code: 200, data: { id: "ws-9", status: "completed", outputs: ["https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.mp4"] } })),
  },
  { provider: "wavespeed", task: "image-to-image", method: "imageToImage", label: "images given", providerId: "wavespeed-ai/flux-kontext-dev", args: { inputs: image(), parameters: { prompt: "blue", images: ["aGVsbG8="] } }, world: wavespeedWorld("https://d1q70pf5vjeyhc.cloudfront.net/predictions/out.png") },
  {
    provider: "novita", task: "text-to-video", method: "textToVideo", label: "queued, then done", providerId: "wan-t2v", args: { inputs: "a fox" },
    fresh: stepped(novitaWorld, (p) => p.startsWith("/v3/async/task-result"), [json({ task: { task_id: "nov-5", status: "TASK_STATUS_QUEUED" } }), json({ task: { task_id: "nov-5", status: "TASK_STATUS_PROCESSING", progress_percent: 40 } })],
      json({ task: { status: "TASK_STATUS_SUCCEED" }, videos: [{ video_url: "https://faas-output-video.s3.ap-southeast-1.amazonaws.com/prod/v.mp4" }] })),
  },
  { provider: "novita", task: "image-text-to-video", method: "imageTextToVideo", label: "resolution and ratio given", providerId: "MiniMax-H3", args: { inputs: new Blob([JPEG], { type: "image/jpeg" }), parameters: { prompt: "it moves", resolution: "2K", duration: 6, negative_prompt: "blur" } }, world: novitaWorld },
  { provider: "replicate", task: "text-to-video", method: "textToVideo", label: "with parameters", providerId: "wan-video/wan-2.2-t2v-fast", args: { inputs: "a fox", parameters: { num_frames: 81, seed: 3 } }, world: replicateWorld("https://replicate.delivery/xezq/out.mp4"), arrayMapping: true },
  { provider: "replicate", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", label: "plain text output, parameters", providerId: "openai/whisper", args: { inputs: new Blob([MP3], { type: "audio/mpeg" }), parameters: { language: "fr" } }, world: replicateWorld("bonjour") },
  { provider: "replicate", task: "text-to-speech", method: "textToSpeech", label: "array output", providerId: "resemble-ai/chatterbox", args: { inputs: "Hello" }, world: replicateWorld(["https://replicate.delivery/xezq/out.wav"]) },
  { provider: "together", task: "text-to-speech", method: "textToSpeech", label: "voice given, not Kokoro", providerId: "canopylabs/orpheus-3b-0.1-ft", args: { inputs: "Hello", parameters: { voice: "tara", response_format: "wav" } }, world: togetherWorld },
  { provider: "together", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", label: "MP3, no parameters", providerId: "openai/whisper-large-v3", args: { inputs: new Blob([MP3], { type: "audio/mpeg" }) }, world: togetherWorld },
  { provider: "together", task: "text-to-image", method: "textToImage", label: "Hub array mapping", providerId: "black-forest-labs/FLUX.1-dev", args: { inputs: "a fox" }, world: togetherWorld, arrayMapping: true },
  { provider: "deepinfra", task: "automatic-speech-recognition", method: "automaticSpeechRecognition", label: "MP3, no parameters", providerId: "openai/whisper-large-v3-turbo", args: { inputs: new Blob([MP3], { type: "audio/mpeg" }) }, world: () => json({ text: "hi" }) },
  { provider: "deepinfra", task: "text-to-speech", method: "textToSpeech", label: "no parameters", providerId: "hexgrad/Kokoro-82M", args: { inputs: "Hello" }, world: speechWorld },
  { provider: "deepinfra", task: "feature-extraction", method: "featureExtraction", label: "batch", providerId: "BAAI/bge-m3", args: { inputs: ["a", "b"], parameters: { dimensions: 2 } }, world: () => json({ data: [{ index: 0, embedding: [1, 0] }, { index: 1, embedding: [0, 1] }] }) },
  { provider: "scaleway", task: "feature-extraction", method: "featureExtraction", label: "batch", providerId: "bge-multilingual-gemma2", args: { inputs: ["a", "b"] }, world: () => json({ data: [{ index: 0, embedding: [1, 0] }, { index: 1, embedding: [0, 1] }] }) },
  { provider: "featherless-ai", task: "text-generation", method: "textGeneration", label: "no parameters", providerId: "Qwen/Qwen2.5-7B", args: { inputs: "Once upon" }, world: completionsWorld },
  { provider: "ovhcloud", task: "text-generation", method: "textGeneration", label: "no parameters", providerId: "Mistral-7B-Instruct-v0.3", args: { inputs: "Once upon" }, world: completionsWorld },
  { provider: "deepinfra", task: "text-generation", method: "textGeneration", label: "no parameters", providerId: "Qwen/Qwen2.5-7B", args: { inputs: "Once upon" }, world: completionsWorld },
  { provider: "zai-org", task: "image-to-text", method: "imageToText", label: "JPEG", providerId: "glm-ocr", args: { inputs: new Blob([JPEG], { type: "image/jpeg" }) }, world: zaiWorld },
  {
    provider: "groq", task: "conversational", method: "chatCompletion", label: "tools and JSON schema", providerId: "openai/gpt-oss-120b", world: chatWorld,
    args: {
      messages: [{ role: "system", content: "Be brief" }, { role: "user", content: [{ type: "text", text: "Weather?" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
      tool_choice: "auto",
      response_format: { type: "json_schema", json_schema: { name: "w", schema: { type: "object" } } },
      seed: 1,
      stop: ["\n\n"],
    },
  },
  { provider: "cerebras", task: "conversational", method: "chatCompletionStream", label: "stream_options and store", providerId: "llama-3.3-70b", world: chatWorld, args: { ...CHAT_ARGS, stream_options: { include_usage: true }, store: false } },
  hfCase("automatic-speech-recognition", "automaticSpeechRecognition", { data: audio() }, json({ text: "hi" }), { label: "`data`" }),
  hfCase("image-classification", "imageClassification", { inputs: new Blob([Buffer.from([1, 2, 3, 4])], { type: "image/webp" }) }, labels, { label: "bytes of an unknown kind" }),
  hfCase("text-to-image", "textToImage", { inputs: "a cat", parameters: { width: 64, height: 64, negative_prompt: "dog" } }, bytes([JPEG, "image/jpeg"]), { label: "JPEG answer" }),
  hfCase("image-to-image", "imageToImage", { inputs: image() }, bytes([PNG, "image/png"]), { label: "no parameters: raw bytes" }),
  hfCase("feature-extraction", "featureExtraction", { inputs: ["a", "b"], parameters: { normalize: true } }, json([[0.1], [0.2]]), { label: "batch" }),
];

/** outputType variants of image generation (routed only: the option does not change routing). */
const OUTPUT_TYPES = ["url", "dataUrl", "json"];
const OUTPUT_TYPE_PROVIDERS = ["deepinfra", "fal-ai", "hf-inference", "nscale", "replicate", "together", "wavespeed", "zai-org"];

/**
 * Helpers the reference has but which are not meant to be called: they send the Hugging Face text-generation
 * arguments (`{inputs, parameters, model}`, no `messages`) to a chat-completions endpoint and expect
 * `[{generated_text}]` back from it, so no real groq / novita answer can satisfy them. Ours send the prompt as a
 * one-message chat (checked in "deliberate differences" below).
 */
const NOT_CALLABLE = [
  ["groq", "text-generation"],
  ["novita", "text-generation"],
];

/** The reference's id for the same call: `openai` takes `openai/<model>` and no Hub look-up. */
const OPENAI_CASES = [
  { provider: "openai", task: "conversational", method: "chatCompletion", args: CHAT_ARGS },
  { provider: "openai", task: "conversational", method: "chatCompletionStream", args: CHAT_ARGS },
];

let seq = 0;
const savedPolls = [];

/** Whether our task table lets an image+text task go without its image. */
function imageOptional(task) {
  try {
    lib.TASKS?.[task]?.validate?.({ parameters: { prompt: "x" } });
    return !(lib.TASKS?.[task]?.binaryFields ?? []).some((f) => f.path === "inputs" && !f.optional);
  } catch {
    return false;
  }
}

function responderFor(c, hubModel, mapping) {
  // A world with state (a job that runs for a few polls) starts afresh for each library.
  const world = c.fresh ? c.fresh() : c.world;
  // The Hub answers the mapping as an object (one key per provider) or, in its newer form, as an array.
  const hubMapping = c.arrayMapping ? Object.entries(mapping).map(([provider, m]) => ({ provider, hfModelId: hubModel, ...m })) : mapping;
  return (req) => {
    if (req.origin === HUB && req.path.startsWith("/api/models/")) {
      return json({ _id: "x", id: hubModel, inferenceProviderMapping: hubMapping });
    }
    const file = FILES[req.origin + req.path];
    if (file) return bytes(file);
    // Paths relative to the provider's base: the router's `/<provider>` prefix is stripped.
    const prefix = `/${c.provider}`;
    const p = req.origin === ROUTER && req.path.startsWith(prefix) ? req.path.slice(prefix.length) : req.path;
    return world(p, req);
  };
}

async function call(client, c, args, options) {
  const result = client[c.method](args, options);
  if (c.method.endsWith("Stream")) {
    const chunks = [];
    for await (const ch of result) chunks.push(ch);
    return chunks;
  }
  return result;
}

async function comparable(value) {
  if (value instanceof Blob) return { blob: Buffer.from(await value.arrayBuffer()).toString("base64"), type: value.type };
  // JSON round trip: `undefined` fields (the reference's `seed: undefined`) are absent, as on the wire.
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Runs one call with both libraries in the same world; returns both captures. */
async function runBoth(c, mode, extraOptions = {}) {
  const token = { routed: "hf_routedToken", direct: `${c.provider}-direct-key`, anonymous: undefined }[mode];
  const hubModel = c.hubModel ?? `parity-org/${c.task}-${++seq}`;
  const model = c.model ?? hubModel;
  const providerId = c.providerId ?? hubModel;
  const mapping = { [c.provider]: { providerId, status: "live", task: c.task, ...c.mapping } };
  const options = { ...(mode === "routed" ? { billTo: "parity-org" } : {}), ...extraOptions };
  const args = () => ({ ...c.args, model, provider: c.provider });
  lib.clearMappingCache();
  const ours = await captureRequests(() => call(new lib.InferenceClient(token), c, args(), options), responderFor(c, hubModel, mapping), ["*"]);
  const ref = await captureRequests(async () => call(await referenceClient(token), c, args(), options), responderFor(c, hubModel, mapping), ["*"]);
  return { ours, ref };
}

async function assertSame({ ours, ref }) {
  should(ref.error, "the reference failed").be.undefined();
  should(ours.error).be.undefined();
  ours.requests.length.should.be.above(0);
  ours.requests.should.eql(ref.requests);
  should(await comparable(ours.result)).eql(await comparable(ref.result));
}

describe("every provider x task of @huggingface/inference: same requests, same output", function () {
  this.timeout(30000);
  let referenceTable;

  before(async function () {
    const reference = await import("@huggingface/inference");
    referenceTable = reference.PROVIDERS;
    // The reference logs its "auto" choices and staging warnings to the console; ours logs nothing by default.
    const quiet = () => {};
    reference.setLogger({ debug: quiet, info: quiet, warn: quiet, error: quiet, log: quiet });
    // Our polling waits shortened; the reference's fixed delays are kept (each world completes at the first poll).
    for (const provider of Object.values(lib.PROVIDERS)) {
      for (const route of Object.values(provider.tasks)) {
        if (route.pollIntervalMs) {
          savedPolls.push([route, route.pollIntervalMs]);
          route.pollIntervalMs = 1;
        }
      }
    }
  });
  after(async function () {
    for (const [route, ms] of savedPolls) route.pollIntervalMs = ms;
    (await import("@huggingface/inference")).setLogger(console);
  });

  it("covers every provider x task of the reference's table", function () {
    const covered = new Set([...CASES, ...OPENAI_CASES].map((c) => `${c.provider}/${c.task}`));
    for (const [p, t] of NOT_CALLABLE) covered.add(`${p}/${t}`);
    const missing = [];
    for (const [provider, tasks] of Object.entries(referenceTable)) {
      for (const task of Object.keys(tasks)) if (!covered.has(`${provider}/${task}`)) missing.push(`${provider}/${task}`);
    }
    missing.should.eql([]);
    // ...and our table serves each of them.
    const unserved = [...covered].filter((k) => {
      const [provider, task] = [k.slice(0, k.indexOf("/")), k.slice(k.indexOf("/") + 1)];
      return !lib.PROVIDERS[provider]?.tasks[task];
    });
    unserved.should.eql([]);
  });

  for (const c of CASES) {
    for (const mode of ["routed", "direct"]) {
      it(`${c.provider} ${c.task} ${c.method}${c.label ? ` (${c.label})` : ""} ${mode}`, async function () {
        if (c.task.startsWith("image-text-to-") && c.args.inputs === undefined && !imageOptional(c.task)) {
          // The reference calls image+text models without an image (fal drops the `/edit` segment, wavespeed sends a
          // blank image, MiniMax H3 goes text-only); our task table still requires the image (lib/tasks, not ours).
          this.skip();
        }
        await assertSame(await runBoth(c, mode));
      });
    }
  }

  for (const c of VARIANTS) {
    for (const mode of ["routed", "direct"]) {
      it(`${c.provider} ${c.task} ${c.method} (${c.label}) ${mode}`, async function () {
        await assertSame(await runBoth(c, mode));
      });
    }
  }

  for (const c of CASES.filter((c) => c.method === "textToImage" && OUTPUT_TYPE_PROVIDERS.includes(c.provider) && !c.label)) {
    for (const outputType of c.provider === "zai-org" ? ["url"] : OUTPUT_TYPES) {
      it(`${c.provider} text-to-image outputType ${outputType}`, async function () {
        const { ours, ref } = await runBoth(c, "routed", { outputType });
        if (ref.error) {
          // A provider that answers data only cannot give a URL: both refuse after the look-up, before the call.
          should(ours.error).be.ok();
          ours.error.name.should.equal(ref.error.name);
          ours.requests.should.eql(ref.requests);
          ours.requests.map((r) => r.method).should.eql(["GET"]);
          return;
        }
        if (outputType === "json" && c.provider === "hf-inference") {
          // Deliberate difference: the reference spreads the image Blob (`{...blob}`: an empty object, its code
          // path for `{output: dataUrl}` is unreachable); ours returns `{output: dataUrl}`.
          ours.requests.should.eql(ref.requests);
          ref.result.should.eql({});
          ours.result.output.should.equal(`data:image/png;base64,${PNG.toString("base64")}`);
          return;
        }
        const refUrl = typeof ref.result === "string" ? ref.result : ref.result?.output;
        const ourUrl = typeof ours.result === "string" ? ours.result : ours.result?.output;
        if (outputType !== "url" && typeof refUrl === "string" && refUrl.startsWith("data:image/jpeg") && !ourUrl?.startsWith("data:image/jpeg")) {
          // Deliberate difference: the reference labels every image it turns into a data URL `image/jpeg`
          // (dataUrlFromBlob's default), whatever the file is; ours carries the file's real type (here a PNG).
          // Same requests, same bytes.
          ours.requests.should.eql(ref.requests);
          ourUrl.should.startWith("data:image/png;base64,");
          ourUrl.split(",")[1].should.equal(refUrl.split(",")[1]);
          return;
        }
        await assertSame({ ours, ref });
      });
    }
  }

  describe("openai (closed models: `openai/<id>`, no Hub look-up, provider key only)", function () {
    for (const c of OPENAI_CASES) {
      it(`${c.method} direct`, async function () {
        const world = { ...c, world: chatWorld, model: "openai/gpt-4o-mini", hubModel: "openai/gpt-4o-mini" };
        await assertSame(await runBoth(world, "direct"));
      });
      it(`${c.method} routed: refused before any request`, async function () {
        const world = { ...c, world: chatWorld, model: "openai/gpt-4o-mini", hubModel: "openai/gpt-4o-mini" };
        const { ours, ref } = await runBoth(world, "routed");
        should(ref.error).be.ok();
        should(ours.error).be.ok();
        ours.error.name.should.equal(ref.error.name);
        ours.requests.should.eql([]);
        ref.requests.should.eql([]);
      });
    }
  });

  describe("provider auto", function () {
    it("chat goes to the router's own auto route with the Hub id, no look-up", async function () {
      const c = { provider: "auto", task: "conversational", method: "chatCompletion", args: CHAT_ARGS, world: chatWorld };
      const { ours, ref } = await runBoth(c, "routed");
      await assertSame({ ours, ref });
      ours.requests.map((r) => r.url).should.eql([`${ROUTER}/v1/chat/completions`]);
    });
    for (const provider of ["auto", undefined]) {
      it(`text-to-image picks the first provider the Hub lists (anonymous look-up), provider ${provider ?? "not given"}`, async function () {
        const fal = CASES.find((c) => c.provider === "fal-ai" && c.task === "text-to-image");
        const hubModel = `parity-org/auto-${++seq}`;
        const mapping = { "fal-ai": { providerId: "fal-ai/flux/dev", status: "live", task: "text-to-image" }, replicate: { providerId: "x/y", status: "live", task: "text-to-image" } };
        const responder = responderFor(fal, hubModel, mapping);
        const run = (client) => client.textToImage({ model: hubModel, inputs: "a fox", ...(provider ? { provider } : {}) });
        lib.clearMappingCache();
        const ours = await captureRequests(() => run(new lib.InferenceClient("hf_auto")), responder, ["*"]);
        const ref = await captureRequests(async () => run(await referenceClient("hf_auto")), responder, ["*"]);
        await assertSame({ ours, ref });
        should(ours.requests[0].authorization).be.undefined();
        ours.requests[1].url.should.equal(`${ROUTER}/fal-ai/fal-ai/flux/dev?_subdomain=queue`);
      });
    }

    it("chat without a provider goes to the router's auto route too", async function () {
      const run = (client) => client.chatCompletion({ model: "Qwen/Qwen3-8B", ...CHAT_ARGS });
      const respond = responderFor({ provider: "auto", world: chatWorld }, "Qwen/Qwen3-8B", {});
      const ours = await captureRequests(() => run(new lib.InferenceClient("hf_auto")), respond, ["*"]);
      const ref = await captureRequests(async () => run(await referenceClient("hf_auto")), respond, ["*"]);
      await assertSame({ ours, ref });
      ours.requests.map((r) => r.url).should.eql([`${ROUTER}/v1/chat/completions`]);
    });
  });

  describe("without a token (the router, unauthenticated)", function () {
    const pick = (provider, task) => CASES.find((c) => c.provider === provider && c.task === task && !c.label);
    for (const c of [pick("baseten", "conversational"), pick("together", "text-to-image"), pick("hf-inference", "text-classification"), pick("wavespeed", "text-to-image"), pick("zai-org", "image-to-text")]) {
      it(`${c.provider} ${c.task}`, async function () {
        const { ours, ref } = await runBoth(c, "anonymous");
        await assertSame({ ours, ref });
        should(ours.requests[ours.requests.length - 1].authorization).be.undefined();
      });
    }
    for (const c of [pick("fal-ai", "text-to-image"), pick("replicate", "text-to-image")]) {
      it(`${c.provider} ${c.task}: no empty "Bearer" (deliberate difference)`, async function () {
        const { ours, ref } = await runBoth(c, "anonymous");
        // The reference's fal and replicate helpers always write `Authorization: Bearer ${accessToken}`; without a
        // token that is an empty "Bearer". Ours sends no Authorization; everything else is the same.
        ref.requests.filter((r) => r.method === "POST")[0].authorization.should.equal("Bearer");
        const strip = (reqs) => reqs.map((r) => ({ ...r, authorization: r.authorization === "Bearer" ? undefined : r.authorization }));
        ours.requests.should.eql(strip(ref.requests));
        should(await comparable(ours.result)).eql(await comparable(ref.result));
      });
    }
  });

  describe("provider errors: the same requests, then the same kind of error", function () {
    const failing = (world, when, answer) => (p, req) => (when(p, req) ? answer : world(p, req));
    const ERRORS = [
      { ...CASES.find((c) => c.provider === "groq" && c.method === "chatCompletion"), label: "400 on chat", world: () => ({ status: 400, json: { error: { message: "bad messages", type: "invalid_request_error" } } }) },
      { ...CASES.find((c) => c.provider === "together" && c.task === "text-to-image"), label: "422 with a detail", world: () => ({ status: 422, json: { detail: "prompt too long" } }) },
      { ...CASES.find((c) => c.provider === "fal-ai" && c.task === "text-to-video"), label: "500 while polling", world: failing(falQueue("fal-ai/wan", {}), (p) => p.endsWith("/status"), { status: 500, json: { detail: "internal" } }) },
      { ...CASES.find((c) => c.provider === "wavespeed" && c.task === "text-to-image" && !c.label), label: "a failed job", world: failing(wavespeedWorld(""), (p, req) => req.method === "GET", json({ data: { id: "ws-9", status: "failed", error: "NSFW" } })) },
      { ...CASES.find((c) => c.provider === "replicate" && c.task === "text-to-video"), label: "401", world: () => ({ status: 401, json: { detail: "Unauthenticated" } }) },
    ];
    for (const c of ERRORS) {
      it(`${c.provider} ${c.task} (${c.label})`, async function () {
        const { ours, ref } = await runBoth(c, "routed");
        should(ref.error).be.ok();
        should(ours.error).be.ok();
        ours.error.name.should.equal(ref.error.name);
        if (ref.error.httpResponse) ours.error.httpResponse.status.should.equal(ref.error.httpResponse.status);
        ours.requests.should.eql(ref.requests);
      });
    }
  });

  describe("more call shapes", function () {
    it("a per-call accessToken (no client token) routes and authenticates the same", async function () {
      const c = CASES.find((c) => c.provider === "fal-ai" && c.task === "text-to-speech");
      const model = `parity-org/tts-${++seq}`;
      const mapping = { "fal-ai": { providerId: c.providerId, status: "live", task: c.task } };
      const run = (client) => client.textToSpeech({ ...c.args, model, provider: "fal-ai", accessToken: "fal-key-in-args" });
      lib.clearMappingCache();
      const ours = await captureRequests(() => run(new lib.InferenceClient()), responderFor(c, model, mapping), ["*"]);
      const ref = await captureRequests(async () => run(await referenceClient()), responderFor(c, model, mapping), ["*"]);
      await assertSame({ ours, ref });
      ours.requests[1].authorization.should.equal("Key fal-key-in-args");
    });

    it("chat with provider auto and a `:policy` suffix goes to the router as given", async function () {
      const c = { provider: "auto", task: "conversational", method: "chatCompletionStream", args: CHAT_ARGS, world: chatWorld, model: "meta-llama/Llama-3.1-8B-Instruct:fastest" };
      const { ours, ref } = await runBoth(c, "routed");
      await assertSame({ ours, ref });
      ours.requests[0].body.model.should.equal("meta-llama/Llama-3.1-8B-Instruct:fastest");
    });

    it("bill-to from the client's options, as from the call's", async function () {
      const c = CASES.find((c) => c.provider === "replicate" && c.task === "text-to-video");
      const model = `parity-org/t2v-${++seq}`;
      const mapping = { replicate: { providerId: c.providerId, status: "live", task: c.task } };
      const run = (client) => client.textToVideo({ ...c.args, model, provider: "replicate" });
      lib.clearMappingCache();
      const ours = await captureRequests(() => run(new lib.InferenceClient("hf_x", { billTo: "org-a" })), responderFor(c, model, mapping), ["*"]);
      const ref = await captureRequests(async () => run(await referenceClient("hf_x", { billTo: "org-a" })), responderFor(c, model, mapping), ["*"]);
      await assertSame({ ours, ref });
      ours.requests[1].billTo.should.equal("org-a");
    });

    for (const [label, mapping] of [
      ["a provider the Hub does not list for the model", { together: { providerId: "x", status: "live", task: "text-to-image" } }],
      ["a mapping for another task", { "fal-ai": { providerId: "fal-ai/flux/dev", status: "live", task: "image-to-image" } }],
    ]) {
      it(`${label}: refused after the look-up, by both`, async function () {
        const c = CASES.find((c) => c.provider === "fal-ai" && c.task === "text-to-image");
        const model = `parity-org/unmapped-${++seq}`;
        const run = (client) => client.textToImage({ model, provider: "fal-ai", inputs: "x" });
        lib.clearMappingCache();
        const ours = await captureRequests(() => run(new lib.InferenceClient("hf_x")), responderFor(c, model, mapping), ["*"]);
        const ref = await captureRequests(async () => run(await referenceClient("hf_x")), responderFor(c, model, mapping), ["*"]);
        should(ref.error).be.ok();
        should(ours.error).be.ok();
        ours.error.name.should.equal(ref.error.name);
        ours.requests.should.eql(ref.requests);
        ours.requests.length.should.equal(1);
      });
    }
  });

  describe("deliberate differences", function () {
    it("a binary input without a type is sent untyped, as the reference does (nodes declare the sniffed type)", async function () {
      // lib/binary.ts: only a declared type (Blob.type, a data URL's, lib.typedBinary) becomes the Content-Type.
      const c = { ...CASES.find((c) => c.provider === "hf-inference" && c.task === "image-classification"), args: { inputs: new Blob([PNG]) } };
      const { ours, ref } = await runBoth(c, "routed");
      should(ref.requests[1].contentType).be.undefined();
      ours.requests.should.eql(ref.requests);
      should(await comparable(ours.result)).eql(await comparable(ref.result));
    });

    it("replicate: a prediction still starting after `Prefer: wait` is polled (the reference gives up)", async function () {
      const c = {
        ...CASES.find((c) => c.provider === "replicate" && c.task === "text-to-video"),
        fresh: () => (p, req) =>
          req.method === "POST"
            ? json({ id: "pred-7", status: "starting", output: null })
            : p === "/v1/predictions/pred-7"
              ? json({ id: "pred-7", status: "succeeded", output: "https://replicate.delivery/xezq/out.mp4" })
              : undefined,
      };
      const { ours, ref } = await runBoth(c, "routed");
      // The reference reads the first answer only: no output yet is a malformed response.
      should(ref.error).be.ok();
      ref.requests.length.should.equal(2);
      should(ours.error).be.undefined();
      ours.requests.slice(0, 2).should.eql(ref.requests);
      ours.requests.slice(2).map((r) => `${r.method} ${r.url} ${r.authorization}`).should.eql([
        "GET https://router.huggingface.co/replicate/v1/predictions/pred-7 Bearer hf_routedToken",
        "GET https://replicate.delivery/xezq/out.mp4 undefined",
      ]);
      (await comparable(ours.result)).should.eql({ blob: MP4.toString("base64"), type: "video/mp4" });
    });

    it("fal speech recognition with parameters: sent flat, as fal's apps read them", async function () {
      const c = { ...CASES.find((c) => c.provider === "fal-ai" && c.task === "automatic-speech-recognition"), args: { inputs: audio(), parameters: { task: "transcribe", language: "en" } } };
      const { ours, ref } = await runBoth(c, "direct");
      // The reference posts `{parameters: {...}, audio_url}`, which fal ignores; ours `{task, language, audio_url}`.
      ref.requests[1].body.parameters.should.eql({ task: "transcribe", language: "en" });
      const { parameters, ...refRest } = ref.requests[1].body;
      ours.requests[1].body.should.eql({ ...refRest, ...parameters });
      should(await comparable(ours.result)).eql(await comparable(ref.result));
    });
    it("embeddings answered out of order come back in input order (by `index`)", async function () {
      const c = { provider: "together", task: "feature-extraction", method: "featureExtraction", providerId: "BAAI/bge-base-en-v1.5", args: { inputs: ["a", "b"] } };
      c.world = () => json({ data: [{ index: 1, embedding: [0, 1] }, { index: 0, embedding: [1, 0] }] });
      const { ours, ref } = await runBoth(c, "routed");
      ours.requests.should.eql(ref.requests);
      // The reference keeps the answer's order; OpenAI's `index` says which input each vector belongs to.
      ref.result.should.eql([[0, 1], [1, 0]]);
      ours.result.should.eql([[1, 0], [0, 1]]);
    });

    for (const [provider, providerId] of [["groq", "llama-3.3-70b-versatile"], ["novita", "deepseek/deepseek-v3-0324"]]) {
      it(`${provider} text-generation: the reference's helper cannot work; ours sends a one-message chat`, async function () {
        const c = { provider, task: "text-generation", method: "textGeneration", providerId, args: TEXTGEN_ARGS, world: chatWorld };
        const { ours, ref } = await runBoth(c, "direct");
        // The reference posts `{inputs, parameters, model}` (no `messages`) to the chat endpoint and wants
        // `[{generated_text}]` back: a chat completion (the only thing the endpoint answers) is refused.
        const refBody = ref.requests[1].body;
        should(refBody.messages).be.undefined();
        refBody.inputs.should.equal("Once upon");
        should(ref.error).be.ok();
        should(ours.error).be.undefined();
        ours.requests[1].url.should.equal(ref.requests[1].url);
        ours.requests[1].body.should.eql({ model: providerId, messages: [{ role: "user", content: "Once upon" }], max_tokens: 8, temperature: 0.5 });
        ours.result.generated_text.should.equal("Hello there");
      });
    }

    for (const [provider, providerId] of [["together", "meta-llama/Llama-3.3-70B-Instruct-Turbo"], ["scaleway", "llama-3.3-70b-instruct"]]) {
      it(`${provider} text-generation with parameters: flattened as the completions API reads them`, async function () {
        const world = provider === "together" ? togetherWorld : completionsWorld;
        const c = { provider, task: "text-generation", method: "textGeneration", providerId, args: TEXTGEN_ARGS, world };
        const { ours, ref } = await runBoth(c, "routed");
        // The reference nests them (`parameters: {max_new_tokens}`), which the provider ignores; ours sends
        // `max_tokens` and the rest flat. Without parameters both bodies are the same (checked above).
        ref.requests[1].body.parameters.should.eql(TEXTGEN_ARGS.parameters);
        ours.requests[1].body.should.eql({ model: providerId, inputs: "Once upon", prompt: "Once upon", max_tokens: 8, temperature: 0.5 });
        ours.requests.map((r) => r.url).should.eql(ref.requests.map((r) => r.url));
        should(await comparable(ours.result)).eql(await comparable(ref.result));
      });
    }
  });

  it("direct with bill-to: the header goes to the provider too", async function () {
    const c = CASES.find((c) => c.provider === "together" && c.task === "text-to-video");
    const { ours, ref } = await runBoth(c, "direct", { billTo: "some-org" });
    await assertSame({ ours, ref });
    ours.requests.filter((r) => r.billTo === "some-org").length.should.equal(2);
  });
});
