/**
 * The local task table (runs inside the worker): for each Hugging Face task, the transformers.js pipeline that
 * runs it and how its result becomes the hf-inference shape of the same task. A new task is one row.
 */
import { decodeAudio } from "./audio";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Pipe = (...args: any[]) => Promise<any>;
type Lib = any;
interface TaskArgs {
  inputs: any;
  parameters?: Record<string, any>;
}

export interface LocalTask {
  /** The transformers.js pipeline task name. */
  pipeline: string;
  run(pipe: Pipe, args: TaskArgs, lib: Lib): Promise<unknown>;
}

const params = (args: TaskArgs) => args.parameters ?? {};
/** The image bytes of `inputs` (or of `inputs.image`, the form some tasks' arguments take). */
function image(lib: Lib, inputs: any): Promise<any> {
  const bytes: Uint8Array = ArrayBuffer.isView(inputs) ? inputs : inputs?.image;
  return lib.RawImage.fromBlob(new Blob([bytes as Uint8Array<ArrayBuffer>]));
}
const one = <T>(x: T | T[]): T => (Array.isArray(x) ? x[0] : x);
const byScore = <T extends { score: number }>(list: T[]) => [...list].sort((a, b) => b.score - a.score);

export const LOCAL_TASKS: Record<string, LocalTask> = {
  "text-classification": {
    pipeline: "text-classification",
    async run(pipe, args) {
      const out = await pipe(args.inputs, { top_k: params(args).top_k ?? null });
      return Array.isArray(args.inputs) ? out.map(byScore) : byScore(out);
    },
  },
  "token-classification": {
    pipeline: "token-classification",
    async run(pipe, args) {
      const p = params(args);
      const tokens = await pipe(args.inputs, { ignore_labels: p.ignore_labels ?? ["O"] });
      return entities(args.inputs, tokens, p.aggregation_strategy ?? "simple");
    },
  },
  "zero-shot-classification": {
    pipeline: "zero-shot-classification",
    async run(pipe, args) {
      const p = params(args);
      const opts = { multi_label: p.multi_label ?? false, ...(p.hypothesis_template ? { hypothesis_template: p.hypothesis_template } : {}) };
      const out = await pipe(args.inputs, p.candidate_labels, opts);
      const labels = (r: { labels: string[]; scores: number[] }) => byScore(r.labels.map((label, i) => ({ label, score: r.scores[i] })));
      return Array.isArray(out) ? out.map(labels) : labels(out);
    },
  },
  "feature-extraction": {
    pipeline: "feature-extraction",
    async run(pipe, args) {
      const p = params(args);
      const pooling = p.pooling ?? "mean";
      if (!["mean", "cls", "none"].includes(pooling)) throw new Error(`parameters.pooling must be mean, cls or none (got ${pooling})`);
      const tensor = await pipe(args.inputs, { pooling, normalize: p.normalize ?? true });
      const list = tensor.tolist();
      // One text in, one embedding out (no batch dimension), as hf-inference answers.
      return Array.isArray(args.inputs) ? list : list[0];
    },
  },
  "sentence-similarity": {
    pipeline: "feature-extraction",
    async run(pipe, args) {
      const { source_sentence, sentences } = args.inputs;
      const vectors: number[][] = (await pipe([source_sentence, ...sentences], { pooling: "mean", normalize: true })).tolist();
      const [source, ...others] = vectors;
      return others.map((v) => v.reduce((sum, x, i) => sum + x * source[i], 0));
    },
  },
  "fill-mask": {
    pipeline: "fill-mask",
    run: (pipe, args) => pipe(args.inputs, { top_k: params(args).top_k ?? 5 }),
  },
  "question-answering": {
    pipeline: "question-answering",
    async run(pipe, args) {
      const { question, context } = args.inputs;
      const found = one(await pipe(question, context, { top_k: 1 }));
      // transformers.js gives the decoded answer only; hf-inference also gives where it sits in the context.
      const start = context.toLowerCase().indexOf(String(found.answer).toLowerCase());
      if (start < 0) return { answer: found.answer, score: found.score, start: 0, end: 0 };
      return { answer: context.slice(start, start + found.answer.length), score: found.score, start, end: start + found.answer.length };
    },
  },
  summarization: {
    pipeline: "summarization",
    run: async (pipe, args) => ({ summary_text: one(await pipe(args.inputs, generation(args))).summary_text }),
  },
  translation: {
    pipeline: "translation",
    async run(pipe, args) {
      const p = params(args);
      const opts = { ...generation(args), ...(p.src_lang ? { src_lang: p.src_lang, tgt_lang: p.tgt_lang } : {}) };
      return { translation_text: one(await pipe(args.inputs, opts)).translation_text };
    },
  },
  "image-classification": {
    pipeline: "image-classification",
    run: async (pipe, args, lib) => byScore(await pipe(await image(lib, args.inputs), { top_k: params(args).top_k ?? 5 })),
  },
  "object-detection": {
    pipeline: "object-detection",
    run: async (pipe, args, lib) => pipe(await image(lib, args.inputs), { threshold: params(args).threshold ?? 0.5 }),
  },
  "zero-shot-image-classification": {
    pipeline: "zero-shot-image-classification",
    run: async (pipe, args, lib) => byScore(await pipe(await image(lib, args.inputs), params(args).candidate_labels)),
  },
  "image-segmentation": {
    pipeline: "image-segmentation",
    async run(pipe, args, lib) {
      const p = params(args);
      const segments = await pipe(await image(lib, args.inputs), { threshold: p.threshold ?? 0.5, mask_threshold: p.mask_threshold ?? 0.5, subtask: p.subtask });
      // As hf-inference: each mask a base64 PNG (encoded with sharp, which transformers.js uses for images in Node).
      return Promise.all(
        segments.map(async (s: any) => ({ label: s.label ?? "", score: s.score ?? undefined, mask: (await s.mask.toSharp().png().toBuffer()).toString("base64") })),
      );
    },
  },
  "image-to-text": {
    pipeline: "image-to-text",
    run: async (pipe, args, lib) => ({ generated_text: one(await pipe(await image(lib, args.inputs), generation(args))).generated_text }),
  },
  "automatic-speech-recognition": {
    pipeline: "automatic-speech-recognition",
    run: async (pipe, args) => ({ text: (await pipe(decodeAudio(args.inputs), generation(args))).text }),
  },
};

function generation(args: TaskArgs): Record<string, unknown> {
  const { max_new_tokens, max_length, num_beams, do_sample, temperature, top_k, top_p, generate_kwargs } = params(args);
  const picked = Object.entries({ max_new_tokens, max_length, num_beams, do_sample, temperature, top_k, top_p }).filter(([, v]) => v !== undefined);
  return { ...Object.fromEntries(picked), ...(generate_kwargs ?? {}) };
}

interface Token {
  entity: string;
  score: number;
  word: string;
}

/**
 * Tokens to entities as hf-inference gives them: with `start` / `end` offsets into the text (found by searching
 * the text in order, as transformers.js gives none), and grouped by `simple` aggregation (B-/I- tags and
 * `##` word pieces of one entity become one group) unless `aggregation_strategy` is `none`.
 */
function entities(text: string, tokens: Token[], strategy: string) {
  const lower = text.toLowerCase();
  let cursor = 0;
  const located = tokens.map((t) => {
    const piece = t.word.replace(/^##/, "").toLowerCase();
    const at = lower.indexOf(piece, cursor);
    const start = at < 0 ? cursor : at;
    cursor = at < 0 ? cursor : at + piece.length;
    return { ...t, start, end: start + (at < 0 ? 0 : piece.length) };
  });
  if (strategy === "none") return located.map(({ entity, score, start, end }) => ({ entity, score, word: text.slice(start, end), start, end }));
  const groups: Array<{ type: string; scores: number[]; start: number; end: number }> = [];
  for (const t of located) {
    const type = t.entity.replace(/^[BI]-/, "");
    const last = groups[groups.length - 1];
    const continues = last && last.type === type && (t.word.startsWith("##") || (t.entity.startsWith("I-") && /^\s*$/.test(text.slice(last.end, t.start))));
    if (continues) {
      last.scores.push(t.score);
      last.end = t.end;
    } else groups.push({ type, scores: [t.score], start: t.start, end: t.end });
  }
  return groups.map((g) => ({
    entity_group: g.type,
    score: g.scores.reduce((a, b) => a + b, 0) / g.scores.length,
    word: text.slice(g.start, g.end),
    start: g.start,
    end: g.end,
  }));
}

/** The tasks the local provider runs (the editor offers `local` for these). */
export const LOCAL_TASK_IDS = Object.keys(LOCAL_TASKS);
