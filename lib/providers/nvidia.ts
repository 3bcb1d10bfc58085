import { openAiProvider } from "./openai-compatible";

/** NVIDIA NIM's hosted API; no longer behind the Hugging Face router: direct key only. */
export const nvidia = openAiProvider({ id: "nvidia", baseUrl: "https://integrate.api.nvidia.com", routed: false });
