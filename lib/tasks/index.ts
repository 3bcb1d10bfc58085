import type { TaskId } from "./ids";
import type { TaskDefinition } from "./types";
import { audioClassification } from "./defs/audio-classification";
import { audioToAudio } from "./defs/audio-to-audio";
import { automaticSpeechRecognition } from "./defs/automatic-speech-recognition";
import { conversational } from "./defs/conversational";
import { documentQuestionAnswering } from "./defs/document-question-answering";
import { featureExtraction } from "./defs/feature-extraction";
import { fillMask } from "./defs/fill-mask";
import { imageClassification } from "./defs/image-classification";
import { imageSegmentation } from "./defs/image-segmentation";
import { imageTextToImage, imageTextToVideo } from "./defs/image-text-to-media";
import { imageToImage } from "./defs/image-to-image";
import { imageToText } from "./defs/image-to-text";
import { imageToVideo } from "./defs/image-to-video";
import { objectDetection } from "./defs/object-detection";
import { questionAnswering } from "./defs/question-answering";
import { sentenceSimilarity } from "./defs/sentence-similarity";
import { summarization } from "./defs/summarization";
import { tableQuestionAnswering } from "./defs/table-question-answering";
import { tabularClassification, tabularRegression } from "./defs/tabular";
import { textClassification } from "./defs/text-classification";
import { textGeneration } from "./defs/text-generation";
import { textToImage } from "./defs/text-to-image";
import { textToAudio, textToSpeech, textToVideo } from "./defs/text-to-speech";
import { tokenClassification } from "./defs/token-classification";
import { translation } from "./defs/translation";
import { visualQuestionAnswering } from "./defs/visual-question-answering";
import { zeroShotClassification } from "./defs/zero-shot-classification";
import { zeroShotImageClassification } from "./defs/zero-shot-image-classification";

/** The task table: one row per task; `InferenceClient` gets one method per row. */
export const TASKS: Partial<Record<TaskId, TaskDefinition>> = Object.fromEntries(
  [
    audioClassification,
    audioToAudio,
    automaticSpeechRecognition,
    conversational,
    documentQuestionAnswering,
    featureExtraction,
    fillMask,
    imageClassification,
    imageSegmentation,
    imageTextToImage,
    imageTextToVideo,
    imageToImage,
    imageToText,
    imageToVideo,
    objectDetection,
    questionAnswering,
    sentenceSimilarity,
    summarization,
    tableQuestionAnswering,
    tabularClassification,
    tabularRegression,
    textClassification,
    textGeneration,
    textToAudio,
    textToImage,
    textToSpeech,
    textToVideo,
    tokenClassification,
    translation,
    visualQuestionAnswering,
    zeroShotClassification,
    zeroShotImageClassification,
  ].map((t) => [t.id, t]),
);

export function taskByMethod(method: string): TaskDefinition | undefined {
  return Object.values(TASKS).find((t) => t?.method === method);
}

export type { TaskId } from "./ids";
export type { BaseArgs, TaskDefinition } from "./types";
export type { AutomaticSpeechRecognitionArgs, AutomaticSpeechRecognitionOutput } from "./defs/automatic-speech-recognition";
export type { ChatCompletionArgs } from "./defs/conversational";
export type { TextClassificationArgs, TextClassificationOutput } from "./defs/text-classification";
export type { TextToImageArgs } from "./defs/text-to-image";
export type { AudioClassificationArgs, AudioClassificationOutput } from "./defs/audio-classification";
export type { AudioToAudioArgs, AudioToAudioOutput } from "./defs/audio-to-audio";
export type { DocumentQuestionAnsweringArgs, DocumentQuestionAnsweringOutput } from "./defs/document-question-answering";
export type { FeatureExtractionArgs, FeatureExtractionOutput } from "./defs/feature-extraction";
export type { FillMaskArgs, FillMaskOutput } from "./defs/fill-mask";
export type { ImageClassificationArgs, ImageClassificationOutput } from "./defs/image-classification";
export type { ImageSegmentationArgs, ImageSegmentationOutput } from "./defs/image-segmentation";
export type { ImageTextToImageArgs, ImageTextToVideoArgs } from "./defs/image-text-to-media";
export type { ImageToImageArgs } from "./defs/image-to-image";
export type { ImageToTextArgs, ImageToTextOutput } from "./defs/image-to-text";
export type { ImageToVideoArgs } from "./defs/image-to-video";
export type { ObjectDetectionArgs, ObjectDetectionOutput } from "./defs/object-detection";
export type { QuestionAnsweringArgs, QuestionAnsweringOutput } from "./defs/question-answering";
export type { SentenceSimilarityArgs, SentenceSimilarityOutput } from "./defs/sentence-similarity";
export type { SummarizationArgs, SummarizationOutput } from "./defs/summarization";
export type { TableQuestionAnsweringArgs, TableQuestionAnsweringOutput } from "./defs/table-question-answering";
export type {
  TabularClassificationArgs,
  TabularClassificationOutput,
  TabularRegressionArgs,
  TabularRegressionOutput,
} from "./defs/tabular";
export type { TextGenerationArgs, TextGenerationOutput, TextGenerationParameters } from "./defs/text-generation";
export type {
  TextGenerationStreamDetails,
  TextGenerationStreamOutput,
  TextGenerationStreamToken,
} from "./defs/text-generation-stream";
export type { TextToAudioArgs, TextToSpeechArgs, TextToVideoArgs } from "./defs/text-to-speech";
export type { TokenClassificationArgs, TokenClassificationOutput } from "./defs/token-classification";
export type { TranslationArgs, TranslationOutput, TranslationOutputElement } from "./defs/translation";
export type { VisualQuestionAnsweringArgs, VisualQuestionAnsweringOutput } from "./defs/visual-question-answering";
export type { ZeroShotClassificationArgs, ZeroShotClassificationOutput } from "./defs/zero-shot-classification";
export type { ZeroShotImageClassificationArgs, ZeroShotImageClassificationOutput } from "./defs/zero-shot-image-classification";
