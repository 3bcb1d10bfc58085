import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The token to use when the config node has none: `HF_TOKEN`, then the token file the Hugging Face CLI writes
 * (`HF_TOKEN_PATH`, `$HF_HOME/token`, `~/.cache/huggingface/token`), as huggingface_hub looks for it.
 */
export function fallbackToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.HF_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  const home = env.HF_HOME || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "huggingface");
  for (const file of [env.HF_TOKEN_PATH, join(home, "token")]) {
    if (!file) continue;
    try {
      const token = readFileSync(file, "utf8").trim();
      if (token) return token;
    } catch {
      /* no file: try the next place */
    }
  }
  return undefined;
}
