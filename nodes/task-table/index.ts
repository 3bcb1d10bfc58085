import { withBatchFields } from "./batching";
import type { CompositeField, TaskNodeRow } from "./types";

const BINARY_IN = "a <code>Buffer</code>, base64 string or data URL";

/** The image of an image + text task: the payload itself, or `msg.payload.image`. */
const imageField = (target: CompositeField["target"] = "inputs"): CompositeField => ({
  name: "image",
  slot: { kind: "binary", what: "image" },
  fromPayload: true,
  target,
});
const promptField: CompositeField = {
  name: "prompt",
  slot: { kind: "text" },
  msgProp: "prompt",
  target: "parameters",
  nodeProperty: true,
  optional: true,
};
const candidateLabelsField: CompositeField = {
  name: "candidate_labels",
  slot: { kind: "texts" },
  msgProp: "candidate_labels",
  target: "parameters",
  nodeProperty: true,
};
const promptEditor = { name: "prompt", label: "Prompt", type: "text", placeholder: "blank: msg.prompt", help: "The text prompt (<code>parameters.prompt</code>), when <code>msg.prompt</code> is not set." } as const;
const labelsEditor = {
  name: "candidate_labels",
  label: "Labels",
  type: "text",
  placeholder: "refund, legal, faq",
  help: "Comma-separated candidate labels, when neither <code>msg.candidate_labels</code> nor <code>parameters.candidate_labels</code> is set.",
} as const;
const questionEditor = { name: "question", label: "Question", type: "text", placeholder: "blank: msg.question", help: "The question, when <code>msg.question</code> is not set." } as const;

/**
 * The node task table: every task node, its editor form, help and example flow are produced from these rows.
 * A new task node is a new row (and the library task it names).
 */
const ROWS: TaskNodeRow[] = [
  {
    task: "audio-classification",
    method: "audioClassification",
    family: "audio",
    paletteLabel: "classify audio",
    input: { kind: "binary", what: "audio" },
    output: { kind: "labels" },
    exampleModel: "superb/hubert-large-superb-er",
    help: {
      summary: "Classifies an audio clip (emotion, language, sound events...).",
      input: `The audio (WAV, FLAC, MP3, OGG...) as ${BINARY_IN}.`,
      output: "The labels, each <code>{label, score}</code>, highest score first.",
      details: "Common parameters: <code>top_k</code>, <code>function_to_apply</code>.",
    },
    example: { payload: "audio", payloadType: "bin", description: "Classify the emotion in a short audio clip (a generated tone here: use a file in node for real audio)." },
  },
  {
    task: "audio-to-audio",
    method: "audioToAudio",
    family: "audio",
    paletteLabel: "audio to audio",
    input: { kind: "binary", what: "audio" },
    output: { kind: "binaryItems", field: "blob", typeField: "content-type", defaultType: "audio/flac", first: true },
    exampleModel: "speechbrain/sepformer-wham",
    help: {
      summary: "Transforms audio: source separation, speech enhancement.",
      input: `The audio as ${BINARY_IN}.`,
      output:
        "The first resulting clip as a <code>Buffer</code>, with <code>msg.contentType</code> and <code>msg.label</code>. " +
        "When the model returns several clips (separated sources), <code>msg.items</code> lists them all as <code>{label, blob: Buffer, content-type}</code>.",
    },
    example: { payload: "audio", payloadType: "bin", description: "Separate the sources of an audio clip and save the first one to a file." },
  },
  {
    task: "automatic-speech-recognition",
    method: "automaticSpeechRecognition",
    family: "audio",
    paletteLabel: "speech to text",
    input: { kind: "binary", what: "audio" },
    output: { kind: "text", field: "text" },
    exampleModel: "openai/whisper-large-v3",
    help: {
      summary: "Transcribes speech in an audio clip to text.",
      input: `The audio (WAV, FLAC, MP3, OGG...) as ${BINARY_IN}.`,
      output: "The transcript (a string); <code>msg.hf.output.chunks</code> has timestamps when the model returns them.",
      details: "Read a file with a <code>file in</code> node set to output a single Buffer. Parameter: <code>return_timestamps</code>.",
    },
    example: { payload: "audio", payloadType: "bin", description: "Transcribe an audio clip (a generated tone here: use a file in node for real speech)." },
  },
  {
    task: "document-question-answering",
    method: "documentQuestionAnswering",
    family: "vision",
    paletteLabel: "document QA",
    input: {
      kind: "composite",
      fields: [
        { name: "image", slot: { kind: "binary", what: "document" }, fromPayload: true },
        { name: "question", slot: { kind: "text" }, msgProp: "question", nodeProperty: true },
      ],
    },
    output: { kind: "text", field: "answer" },
    fields: [questionEditor],
    exampleModel: "impira/layoutlm-document-qa",
    help: {
      summary: "Answers a question about a document image (invoice, form, receipt).",
      input: `<code>{image, question}</code>, or the document image alone (${BINARY_IN}; PNG, JPEG...) with the question in <code>msg.question</code> or the node's field.`,
      output: "The answer (a string); <code>msg.hf.output</code> has <code>{answer, score, start, end}</code>.",
    },
    example: {
      payload: "document",
      payloadType: "bin",
      props: { question: "What is the invoice number?" },
      description: "Ask a question about a scanned invoice read from disk (set the file name in the file in node).",
    },
  },
  {
    task: "feature-extraction",
    batchable: true,
    method: "featureExtraction",
    family: "embeddings",
    paletteLabel: "embeddings",
    input: { kind: "text", batch: true },
    output: { kind: "json" },
    exampleModel: "sentence-transformers/all-MiniLM-L6-v2",
    help: {
      summary: "Turns text into an embedding vector, for semantic search and clustering.",
      input: "The text (a string), or an array of strings embedded in one request.",
      output: "The vector (an array of numbers), or one vector per text for an array.",
      details: "Common parameters: <code>normalize</code>, <code>truncate</code>, <code>prompt_name</code>.",
    },
    example: { payload: "That is a happy person", payloadType: "str", description: "Embed a sentence." },
  },
  {
    task: "fill-mask",
    method: "fillMask",
    family: "text",
    paletteLabel: "fill mask",
    input: { kind: "text" },
    output: { kind: "labels" },
    exampleModel: "google-bert/bert-base-uncased",
    help: {
      summary: "Guesses the word hidden behind the model's mask token.",
      input: "A text with the mask token (<code>[MASK]</code> for BERT models, <code>&lt;mask&gt;</code> for RoBERTa).",
      output: "The guesses, each <code>{token_str, sequence, score, token}</code>, highest score first.",
      details: "Common parameters: <code>top_k</code>, <code>targets</code>.",
    },
    example: { payload: "The goal of life is [MASK].", payloadType: "str", description: "Fill in the masked word." },
  },
  {
    task: "image-classification",
    method: "imageClassification",
    family: "vision",
    paletteLabel: "classify image",
    input: { kind: "binary", what: "image" },
    output: { kind: "labels" },
    exampleModel: "google/vit-base-patch16-224",
    help: {
      summary: "Classifies an image.",
      input: `The image (PNG, JPEG, GIF, WebP...) as ${BINARY_IN}.`,
      output: "The labels, each <code>{label, score}</code>, highest score first.",
      details: "Common parameters: <code>top_k</code>, <code>function_to_apply</code>.",
    },
    example: { payload: "image", payloadType: "bin", description: "Classify a small image." },
  },
  {
    task: "image-segmentation",
    method: "imageSegmentation",
    family: "vision",
    paletteLabel: "segment image",
    input: { kind: "binary", what: "image" },
    output: { kind: "binaryItems", field: "mask", defaultType: "image/png" },
    exampleModel: "facebook/detr-resnet-50-panoptic",
    help: {
      summary: "Splits an image into labelled segments, each with a mask.",
      input: `The image as ${BINARY_IN}.`,
      output:
        "The segments, each <code>{label, score, mask}</code> with <code>mask</code> a PNG <code>Buffer</code> " +
        "(white where the segment is). <code>msg.hf.output</code> has the same list with each mask described as <code>{contentType, bytes}</code>.",
      details: "Common parameters: <code>subtask</code>, <code>threshold</code>, <code>mask_threshold</code>. Use a <code>split</code> node to handle the segments one by one.",
    },
    example: { payload: "image", payloadType: "bin", description: "Segment an image and list the labels found." },
  },
  {
    task: "image-to-image",
    method: "imageToImage",
    family: "vision",
    paletteLabel: "image to image",
    input: { kind: "composite", fields: [imageField("root"), promptField] },
    output: { kind: "binary" },
    fields: [promptEditor],
    exampleModel: "lllyasviel/sd-controlnet-canny",
    help: {
      summary: "Transforms an image, optionally guided by a text prompt.",
      input: `The image as ${BINARY_IN}, or <code>{image, prompt}</code>; the prompt may also come from <code>msg.prompt</code> or the node's field.`,
      output: "The new image as a <code>Buffer</code>, with <code>msg.contentType</code>.",
      details: "Common parameters: <code>negative_prompt</code>, <code>num_inference_steps</code>, <code>guidance_scale</code>, <code>target_size</code>.",
    },
    example: { payload: "image", payloadType: "bin", props: { prompt: "A watercolour painting" }, description: "Repaint an image from a prompt and save the result." },
  },
  {
    task: "image-to-text",
    method: "imageToText",
    family: "vision",
    paletteLabel: "image to text",
    input: { kind: "binary", what: "image" },
    output: { kind: "text", field: "generated_text" },
    exampleModel: "Salesforce/blip-image-captioning-large",
    help: {
      summary: "Describes an image in words (captioning).",
      input: `The image as ${BINARY_IN}.`,
      output: "The caption (a string).",
      details: "Common parameter: <code>max_new_tokens</code>.",
    },
    example: { payload: "image", payloadType: "bin", description: "Caption an image." },
  },
  {
    task: "image-to-video",
    method: "imageToVideo",
    family: "video",
    paletteLabel: "image to video",
    input: { kind: "composite", fields: [imageField("root"), promptField] },
    output: { kind: "binary" },
    fields: [promptEditor],
    exampleModel: "Wan-AI/Wan2.1-I2V-14B-720P",
    help: {
      summary: "Animates an image into a short video, optionally guided by a prompt.",
      input: `The image as ${BINARY_IN}, or <code>{image, prompt}</code>; the prompt may also come from <code>msg.prompt</code> or the node's field.`,
      output: "The video (usually MP4) as a <code>Buffer</code>, with <code>msg.contentType</code>.",
      details: "Video generation takes minutes: raise the account's timeout. Common parameters: <code>num_frames</code>, <code>num_inference_steps</code>, <code>seed</code>.",
    },
    example: { payload: "image", payloadType: "bin", props: { prompt: "The circle slowly rolls to the right" }, description: "Animate an image and save the video." },
  },
  {
    task: "object-detection",
    method: "objectDetection",
    family: "vision",
    paletteLabel: "detect objects",
    input: { kind: "binary", what: "image" },
    output: { kind: "labels" },
    exampleModel: "facebook/detr-resnet-50",
    help: {
      summary: "Finds objects in an image, with their boxes.",
      input: `The image as ${BINARY_IN}.`,
      output: "The objects, each <code>{label, score, box: {xmin, ymin, xmax, ymax}}</code> (pixels), highest score first.",
      details: "Common parameter: <code>threshold</code>.",
    },
    example: { payload: "image", payloadType: "bin", description: "Detect objects in an image." },
  },
  {
    task: "question-answering",
    method: "questionAnswering",
    family: "text",
    paletteLabel: "text QA",
    input: {
      kind: "composite",
      fields: [
        { name: "question", slot: { kind: "text" }, msgProp: "question", nodeProperty: true },
        { name: "context", slot: { kind: "text" }, fromPayload: true },
      ],
    },
    output: { kind: "text", field: "answer" },
    fields: [questionEditor],
    exampleModel: "deepset/roberta-base-squad2",
    help: {
      summary: "Finds the answer to a question in a text.",
      input: "<code>{question, context}</code>, or the context text alone with the question in <code>msg.question</code> or the node's field.",
      output: "The answer (a string); <code>msg.hf.output</code> has <code>{answer, score, start, end}</code>.",
    },
    example: {
      payload: JSON.stringify({ question: "What is the capital of France?", context: "The capital of France is Paris." }),
      payloadType: "json",
      description: "Answer a question from a context paragraph.",
    },
  },
  {
    task: "sentence-similarity",
    method: "sentenceSimilarity",
    family: "embeddings",
    paletteLabel: "similarity",
    input: {
      kind: "composite",
      fields: [
        { name: "source_sentence", slot: { kind: "text" }, msgProp: "source_sentence", nodeProperty: true },
        { name: "sentences", slot: { kind: "texts" }, fromPayload: true },
      ],
    },
    output: { kind: "json" },
    fields: [{ name: "source_sentence", label: "Compare to", type: "text", placeholder: "blank: msg.source_sentence", help: "The sentence the others are compared to." }],
    exampleModel: "sentence-transformers/all-MiniLM-L6-v2",
    help: {
      summary: "Scores how close in meaning sentences are to a source sentence.",
      input: "<code>{source_sentence, sentences}</code>, or the array of sentences with the source in <code>msg.source_sentence</code> or the node's field.",
      output: "One score per sentence (an array of numbers), in the order given.",
    },
    example: {
      payload: JSON.stringify({ source_sentence: "That is a happy person", sentences: ["That is a happy dog", "That is a very happy person", "Today is a sunny day"] }),
      payloadType: "json",
      description: "Compare sentences with a source sentence.",
    },
  },
  {
    task: "summarization",
    batchable: true,
    method: "summarization",
    family: "text",
    paletteLabel: "summarize",
    input: { kind: "text", batch: true },
    output: { kind: "text", field: "summary_text" },
    exampleModel: "facebook/bart-large-cnn",
    help: {
      summary: "Summarizes a text.",
      input: "The text (a string), or an array of texts summarized in one request.",
      output: "The summary (a string), or one summary per text for an array.",
      details: "Common parameters: <code>truncation</code>, <code>generate_parameters</code>.",
    },
    example: {
      payload:
        "The tower is 324 metres (1,063 ft) tall, about the same height as an 81-storey building, and the tallest structure in Paris. " +
        "Its base is square, measuring 125 metres (410 ft) on each side. During its construction, the Eiffel Tower surpassed the Washington " +
        "Monument to become the tallest man-made structure in the world, a title it held for 41 years until the Chrysler Building in New York City was finished in 1930.",
      payloadType: "str",
      description: "Summarize a paragraph.",
    },
  },
  {
    task: "table-question-answering",
    method: "tableQuestionAnswering",
    family: "tabular",
    paletteLabel: "table QA",
    input: {
      kind: "composite",
      fields: [
        { name: "query", slot: { kind: "text" }, msgProp: "query", nodeProperty: true },
        { name: "table", slot: { kind: "json", columns: true }, fromPayload: true },
      ],
    },
    output: { kind: "text", field: "answer" },
    fields: [{ name: "query", label: "Question", type: "text", placeholder: "blank: msg.query", help: "The question, when <code>msg.query</code> is not set." }],
    exampleModel: "google/tapas-base-finetuned-wtq",
    help: {
      summary: "Answers a question about a table.",
      input:
        "<code>{query, table}</code>, or the table alone with the question in <code>msg.query</code> or the node's field. A table is " +
        "an object of columns (<code>{Name: [...], Stars: [...]}</code>) or an array of rows, as a <code>csv</code> node sends them.",
      output: "The answer (a string); <code>msg.hf.output</code> has <code>{answer, cells, coordinates, aggregator}</code>.",
    },
    example: {
      payload: JSON.stringify({
        query: "How many stars does the transformers repository have?",
        table: { Repository: ["Transformers", "Datasets", "Tokenizers"], Stars: ["36542", "4512", "3934"] },
      }),
      payloadType: "json",
      description: "Ask a question about a small table.",
    },
  },
  {
    task: "tabular-classification",
    method: "tabularClassification",
    family: "tabular",
    paletteLabel: "classify rows",
    input: { kind: "json", wrap: "data", columns: true },
    output: { kind: "json" },
    exampleModel: "vvmnnnkv/wine-quality",
    help: {
      summary: "Predicts a class for each row of a table, with a scikit-learn style model.",
      input: "<code>{data}</code> or the table itself: an object of columns, or an array of rows as a <code>csv</code> node sends them. Values are sent as strings.",
      output: "One predicted class per row (an array).",
    },
    example: {
      payload: JSON.stringify([
        { fixed_acidity: 7.4, volatile_acidity: 0.7, citric_acid: 0, residual_sugar: 1.9, chlorides: 0.076, free_sulfur_dioxide: 11, total_sulfur_dioxide: 34, density: 0.9978, pH: 3.51, sulphates: 0.56, alcohol: 9.4 },
        { fixed_acidity: 10.3, volatile_acidity: 0.32, citric_acid: 0.45, residual_sugar: 6.4, chlorides: 0.073, free_sulfur_dioxide: 5, total_sulfur_dioxide: 13, density: 0.9976, pH: 3.23, sulphates: 0.82, alcohol: 12.6 },
      ]),
      payloadType: "json",
      description: "Predict the quality of two wines from their rows.",
    },
  },
  {
    task: "tabular-regression",
    method: "tabularRegression",
    family: "tabular",
    paletteLabel: "regression",
    input: { kind: "json", wrap: "data", columns: true },
    output: { kind: "json" },
    exampleModel: "scikit-learn/Fish-Weight",
    help: {
      summary: "Predicts a number for each row of a table, with a scikit-learn style model.",
      input: "<code>{data}</code> or the table itself: an object of columns, or an array of rows as a <code>csv</code> node sends them. Values are sent as strings.",
      output: "One predicted value per row (an array of numbers).",
    },
    example: {
      payload: JSON.stringify({
        data: { Height: ["11.52", "12.48"], Length1: ["23.2", "24"], Length2: ["25.4", "26.3"], Length3: ["30", "31.2"], Species: ["Bream", "Bream"], Width: ["4.02", "4.3056"] },
      }),
      payloadType: "json",
      description: "Predict the weight of two fish from their measurements.",
    },
  },
  {
    task: "text-classification",
    batchable: true,
    method: "textClassification",
    family: "text",
    paletteLabel: "classify text",
    input: { kind: "text", batch: true },
    output: { kind: "labels" },
    exampleModel: "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
    help: {
      summary: "Classifies a text (sentiment, topic, toxicity...) with a Hugging Face model.",
      input: "The text to classify (a string), or an array of strings classified in one request.",
      output: "The labels, each <code>{label, score}</code>, highest score first (one list per text for an array).",
      details: "Common parameters: <code>top_k</code>, <code>function_to_apply</code>.",
    },
    example: { payload: "I love this product, it works perfectly!", payloadType: "str", description: "Sentiment of a sentence." },
  },
  {
    task: "text-generation",
    method: "textGeneration",
    family: "text",
    paletteLabel: "generate text",
    input: { kind: "text" },
    output: { kind: "text", field: "generated_text" },
    fields: [{ name: "stream", label: "Stream", type: "checkbox", help: "Send the text on output 1 as it is generated, one msg per piece (a <code>join</code> node in automatic mode rebuilds it)." }],
    streaming: { method: "textGenerationStream", field: "stream" },
    exampleModel: "openai-community/gpt2",
    help: {
      summary: "Continues a text prompt (completion). For chat models and instructions, the <code>hf-chat</code> node fits better.",
      input: "The prompt (a string).",
      output:
        "Output 1 (streaming on): one msg per piece of text, with <code>msg.parts</code> for a <code>join</code> node; the last has <code>msg.complete</code>. " +
        "Output 2: the generated text (a string), with the details in <code>msg.hf.output</code>.",
      details: "Common parameters: <code>max_new_tokens</code>, <code>temperature</code>, <code>top_p</code>, <code>stop</code>, <code>seed</code>.",
    },
    example: {
      payload: "Once upon a time, in a small village by the sea,",
      payloadType: "str",
      node: { stream: true, parameters: '{"max_new_tokens": 60}' },
      description: "Continue a story, streaming the text as it comes; a join node rebuilds it from output 1, output 2 has the final text.",
    },
  },
  {
    task: "text-to-image",
    method: "textToImage",
    family: "vision",
    paletteLabel: "text to image",
    input: { kind: "text" },
    output: { kind: "binary" },
    exampleModel: "black-forest-labs/FLUX.1-schnell",
    help: {
      summary: "Generates an image from a text prompt.",
      input: "The prompt (a string).",
      output: "The image as a <code>Buffer</code> (PNG or JPEG), with <code>msg.contentType</code>.",
      details:
        "Common parameters: <code>negative_prompt</code>, <code>width</code>, <code>height</code>, " +
        "<code>num_inference_steps</code>, <code>guidance_scale</code>, <code>seed</code>. Feed the Buffer to a " +
        "<code>file</code> node to save it, or to a dashboard image widget.",
    },
    example: { payload: "An astronaut riding a horse on the moon, watercolour", payloadType: "str", description: "Generate an image and save it to a file." },
  },
  {
    task: "text-to-speech",
    method: "textToSpeech",
    family: "audio",
    paletteLabel: "text to speech",
    input: { kind: "text" },
    output: { kind: "binary" },
    exampleModel: "espnet/kan-bayashi_ljspeech_vits",
    help: {
      summary: "Reads a text aloud.",
      input: "The text (a string).",
      output: "The audio (FLAC, WAV...) as a <code>Buffer</code>, with <code>msg.contentType</code>.",
    },
    example: { payload: "Hello from Node-RED and Hugging Face!", payloadType: "str", description: "Speak a sentence and save the audio to a file." },
  },
  {
    task: "text-to-video",
    method: "textToVideo",
    family: "video",
    paletteLabel: "text to video",
    input: { kind: "text" },
    output: { kind: "binary" },
    exampleModel: "Wan-AI/Wan2.1-T2V-14B",
    help: {
      summary: "Generates a short video from a text prompt.",
      input: "The prompt (a string).",
      output: "The video (usually MP4) as a <code>Buffer</code>, with <code>msg.contentType</code>.",
      details: "Video generation takes minutes: raise the account's timeout. Common parameters: <code>num_frames</code>, <code>num_inference_steps</code>, <code>seed</code>.",
    },
    example: { payload: "A young man walking on the street", payloadType: "str", description: "Generate a video and save it to a file." },
  },
  {
    task: "token-classification",
    method: "tokenClassification",
    family: "text",
    paletteLabel: "entities",
    input: { kind: "text" },
    output: { kind: "json" },
    exampleModel: "dslim/bert-base-NER",
    help: {
      summary: "Finds named entities (people, places, organisations...) or tags each word of a text.",
      input: "The text (a string).",
      output: "The entities in text order, each <code>{entity_group, word, score, start, end}</code>.",
      details: "Common parameters: <code>aggregation_strategy</code>, <code>ignore_labels</code>.",
    },
    example: { payload: "My name is Sarah Jessica Parker but you can call me Jessica", payloadType: "str", description: "Find the names in a sentence." },
  },
  {
    task: "translation",
    batchable: true,
    method: "translation",
    family: "text",
    paletteLabel: "translate",
    input: { kind: "text", batch: true },
    output: { kind: "text", field: "translation_text" },
    exampleModel: "google-t5/t5-base",
    help: {
      summary: "Translates a text.",
      input: "The text (a string), or an array of texts translated in one request.",
      output: "The translation (a string), or one per text for an array.",
      details: "Multilingual models take <code>src_lang</code> and <code>tgt_lang</code> parameters.",
    },
    example: { payload: "My name is Wolfgang and I live in Berlin", payloadType: "str", description: "Translate a sentence (t5-base translates English to German)." },
  },
  {
    task: "visual-question-answering",
    method: "visualQuestionAnswering",
    family: "vision",
    paletteLabel: "visual QA",
    input: {
      kind: "composite",
      fields: [imageField(), { name: "question", slot: { kind: "text" }, msgProp: "question", nodeProperty: true }],
    },
    output: { kind: "text", field: "answer" },
    fields: [questionEditor],
    exampleModel: "dandelin/vilt-b32-finetuned-vqa",
    help: {
      summary: "Answers a question about an image.",
      input: `<code>{image, question}</code>, or the image alone (${BINARY_IN}) with the question in <code>msg.question</code> or the node's field.`,
      output: "The best answer (a string); <code>msg.hf.output</code> has <code>{answer, score}</code>.",
      details: "Common parameter: <code>top_k</code>.",
    },
    example: { payload: "image", payloadType: "bin", props: { question: "What colour is the circle?" }, description: "Ask a question about an image." },
  },
  {
    task: "zero-shot-classification",
    batchable: true,
    method: "zeroShotClassification",
    family: "text",
    paletteLabel: "zero-shot text",
    input: {
      kind: "composite",
      fields: [{ name: "text", slot: { kind: "text", batch: true }, fromPayload: true, target: "root" }, candidateLabelsField],
    },
    output: { kind: "labels" },
    fields: [labelsEditor],
    exampleModel: "facebook/bart-large-mnli",
    help: {
      summary: "Classifies a text into labels you choose, without training.",
      input:
        "The text (a string, or an array of strings classified in one request), or <code>{text, candidate_labels}</code>. Labels: " +
        "<code>msg.candidate_labels</code>, <code>msg.parameters.candidate_labels</code> or the node's field.",
      output: "The labels, each <code>{label, score}</code>, highest score first (one list per text for an array).",
      details: "Common parameters: <code>multi_label</code>, <code>hypothesis_template</code>.",
    },
    example: {
      payload: "Hi, I recently bought a device from your company but it is not working as advertised and I would like to get reimbursed!",
      payloadType: "str",
      node: { candidate_labels: "refund, legal, faq" },
      description: "Route a customer message to refund, legal or faq.",
    },
  },
  {
    task: "zero-shot-image-classification",
    method: "zeroShotImageClassification",
    family: "vision",
    paletteLabel: "zero-shot image",
    input: { kind: "composite", fields: [imageField("root"), candidateLabelsField] },
    output: { kind: "labels" },
    fields: [{ ...labelsEditor, placeholder: "cat, dog, circle" }],
    exampleModel: "openai/clip-vit-large-patch14",
    help: {
      summary: "Classifies an image into labels you choose, without training.",
      input:
        `The image (${BINARY_IN}) or <code>{image, candidate_labels}</code>. Labels: <code>msg.candidate_labels</code>, ` +
        "<code>msg.parameters.candidate_labels</code> or the node's field.",
      output: "The labels, each <code>{label, score}</code>, highest score first.",
      details: "Common parameter: <code>hypothesis_template</code>.",
    },
    example: { payload: "image", payloadType: "bin", node: { candidate_labels: "a red circle, a cat, a car" }, description: "Tell what an image shows among labels you choose." },
  },
];

/** Every task node; batchable rows get the batching fields (batchSize, batchWindow) after their own. */
export const TASK_NODES: TaskNodeRow[] = ROWS.map(withBatchFields);

export { nodeType, outputCount } from "./types";
export type { TaskNodeRow } from "./types";
