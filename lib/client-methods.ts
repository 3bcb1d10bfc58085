import type { ChatCompletionOutput, ChatCompletionStreamOutput } from "./chat/types";
import type { Options } from "./options";
import type { AudioToAudioOutput, TextGenerationStreamOutput } from "./tasks";
import type {
  AudioClassificationArgs,
  AudioClassificationOutput,
  AudioToAudioArgs,
  DocumentQuestionAnsweringArgs,
  DocumentQuestionAnsweringOutput,
  FeatureExtractionArgs,
  FeatureExtractionOutput,
  FillMaskArgs,
  FillMaskOutput,
  ImageClassificationArgs,
  ImageClassificationOutput,
  ImageSegmentationArgs,
  ImageSegmentationOutput,
  ImageTextToImageArgs,
  ImageTextToVideoArgs,
  ImageToImageArgs,
  ImageToTextArgs,
  ImageToTextOutput,
  ImageToVideoArgs,
  ObjectDetectionArgs,
  ObjectDetectionOutput,
  QuestionAnsweringArgs,
  QuestionAnsweringOutput,
  SentenceSimilarityArgs,
  SentenceSimilarityOutput,
  SummarizationArgs,
  SummarizationOutput,
  TableQuestionAnsweringArgs,
  TableQuestionAnsweringOutput,
  TabularClassificationArgs,
  TabularClassificationOutput,
  TabularRegressionArgs,
  TabularRegressionOutput,
  TextGenerationArgs,
  TextGenerationOutput,
  TextToAudioArgs,
  TextToSpeechArgs,
  TextToVideoArgs,
  TokenClassificationArgs,
  TokenClassificationOutput,
  TranslationArgs,
  TranslationOutput,
  VisualQuestionAnsweringArgs,
  VisualQuestionAnsweringOutput,
  ZeroShotClassificationArgs,
  ZeroShotClassificationOutput,
  ZeroShotImageClassificationArgs,
  ZeroShotImageClassificationOutput,
  AutomaticSpeechRecognitionArgs,
  AutomaticSpeechRecognitionOutput,
  ChatCompletionArgs,
  TextClassificationArgs,
  TextClassificationOutput,
  TextToImageArgs,
} from "./tasks";

/** The typed signatures of the methods `InferenceClient` builds from the task table. */
export interface TaskMethods {
  automaticSpeechRecognition(args: AutomaticSpeechRecognitionArgs, options?: Options): Promise<AutomaticSpeechRecognitionOutput>;
  chatCompletion(args: ChatCompletionArgs, options?: Options): Promise<ChatCompletionOutput>;
  /** An async iterable of chunks; throws after the chunks already yielded if the stream fails or is cut off. */
  chatCompletionStream(args: ChatCompletionArgs, options?: Options): AsyncGenerator<ChatCompletionStreamOutput>;
  textClassification(args: TextClassificationArgs, options?: Options): Promise<TextClassificationOutput>;
  textToImage(args: TextToImageArgs, options?: Options): Promise<Blob>;
  audioClassification(args: AudioClassificationArgs, options?: Options): Promise<AudioClassificationOutput>;
  audioToAudio(args: AudioToAudioArgs, options?: Options): Promise<AudioToAudioOutput[]>;
  documentQuestionAnswering(args: DocumentQuestionAnsweringArgs, options?: Options): Promise<DocumentQuestionAnsweringOutput>;
  featureExtraction(args: FeatureExtractionArgs, options?: Options): Promise<FeatureExtractionOutput>;
  fillMask(args: FillMaskArgs, options?: Options): Promise<FillMaskOutput>;
  imageClassification(args: ImageClassificationArgs, options?: Options): Promise<ImageClassificationOutput>;
  imageSegmentation(args: ImageSegmentationArgs, options?: Options): Promise<ImageSegmentationOutput>;
  imageTextToImage(args: ImageTextToImageArgs, options?: Options): Promise<Blob>;
  imageTextToVideo(args: ImageTextToVideoArgs, options?: Options): Promise<Blob>;
  imageToImage(args: ImageToImageArgs, options?: Options): Promise<Blob>;
  imageToText(args: ImageToTextArgs, options?: Options): Promise<ImageToTextOutput>;
  imageToVideo(args: ImageToVideoArgs, options?: Options): Promise<Blob>;
  objectDetection(args: ObjectDetectionArgs, options?: Options): Promise<ObjectDetectionOutput>;
  questionAnswering(args: QuestionAnsweringArgs, options?: Options): Promise<QuestionAnsweringOutput>;
  sentenceSimilarity(args: SentenceSimilarityArgs, options?: Options): Promise<SentenceSimilarityOutput>;
  /** One summary for one text; for an array of texts, one per text in order. */
  summarization(args: SummarizationArgs, options?: Options): Promise<SummarizationOutput>;
  tableQuestionAnswering(args: TableQuestionAnsweringArgs, options?: Options): Promise<TableQuestionAnsweringOutput>;
  tabularClassification(args: TabularClassificationArgs, options?: Options): Promise<TabularClassificationOutput>;
  tabularRegression(args: TabularRegressionArgs, options?: Options): Promise<TabularRegressionOutput>;
  textGeneration(args: TextGenerationArgs, options?: Options): Promise<TextGenerationOutput>;
  /** TGI-style events, one per token; the last carries `generated_text` and `details`. */
  textGenerationStream(args: TextGenerationArgs, options?: Options): AsyncGenerator<TextGenerationStreamOutput>;
  textToAudio(args: TextToAudioArgs, options?: Options): Promise<Blob>;
  textToSpeech(args: TextToSpeechArgs, options?: Options): Promise<Blob>;
  textToVideo(args: TextToVideoArgs, options?: Options): Promise<Blob>;
  tokenClassification(args: TokenClassificationArgs, options?: Options): Promise<TokenClassificationOutput>;
  translation(args: TranslationArgs, options?: Options): Promise<TranslationOutput>;
  visualQuestionAnswering(args: VisualQuestionAnsweringArgs, options?: Options): Promise<VisualQuestionAnsweringOutput>;
  /** Labels highest score first; one list per text for an array of texts. */
  zeroShotClassification(args: ZeroShotClassificationArgs, options?: Options): Promise<ZeroShotClassificationOutput>;
  zeroShotImageClassification(args: ZeroShotImageClassificationArgs, options?: Options): Promise<ZeroShotImageClassificationOutput>;
}
