import type { Options } from "./options";
import type {
  AutomaticSpeechRecognitionArgs,
  AutomaticSpeechRecognitionOutput,
  TextClassificationArgs,
  TextClassificationOutput,
  TextToImageArgs,
} from "./tasks";

/** The typed signatures of the methods `InferenceClient` builds from the task table. */
export interface TaskMethods {
  automaticSpeechRecognition(args: AutomaticSpeechRecognitionArgs, options?: Options): Promise<AutomaticSpeechRecognitionOutput>;
  textClassification(args: TextClassificationArgs, options?: Options): Promise<TextClassificationOutput>;
  textToImage(args: TextToImageArgs, options?: Options): Promise<Blob>;
}
