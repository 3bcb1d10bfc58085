import type { NodeAPI } from "./red";

/**
 * Runtime text (node statuses) from the `runtime` section every node set's catalog gets at build time
 * (nodes/locales/<lang>/runtime.json). Falls back to the English given here where no catalog answers (the test
 * helper's RED._ returns the key itself).
 */
export type Translate = (key: string, english: string, subs?: Record<string, string | number>) => string;

export function translator(RED: NodeAPI): Translate {
  return (key, english, subs = {}) => {
    const full = `runtime.${key}`;
    let text: string | undefined;
    try {
      text = RED._(full, subs);
    } catch {
      text = undefined;
    }
    if (!text || text === full || text.endsWith(`:${full}`)) {
      text = english.replace(/__(\w+)__/g, (_, name: string) => String(subs[name] ?? ""));
    }
    return text;
  };
}
