import type { BaseArgs, TaskDefinition } from "../types";
import { hasString, oneOrMany, requireTextOrTexts } from "../checks";

export interface TranslationArgs extends BaseArgs {
  inputs: string | string[];
  parameters?: { src_lang?: string; tgt_lang?: string; clean_up_tokenization_spaces?: boolean; generate_parameters?: Record<string, unknown>; [key: string]: unknown };
}
export interface TranslationOutputElement {
  translation_text: string;
}
/** One translation for one text; one per text, in order, for an array. */
export type TranslationOutput = TranslationOutputElement | TranslationOutputElement[];

export const translation: TaskDefinition = {
  id: "translation",
  method: "translation",
  validate: (args) => requireTextOrTexts(args.inputs),
  output: (answer) => oneOrMany<TranslationOutputElement>(answer, "translation", (x) => hasString(x, "translation_text"), "Array<{translation_text: string}>"),
};
