import { validateJson, type JsonSchema } from "./json-schema";

/** The model's answer was meant to be JSON (or to fit a schema) and is not; `raw` is what it said. */
export class JsonOutputError extends Error {
  constructor(
    message: string,
    readonly raw: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = "JsonOutputError";
  }
}

/**
 * Parses the text of a JSON-format answer (a Markdown code fence around it is tolerated: some models add one
 * even in JSON mode) and checks it against the schema when there is one.
 */
export function parseJsonAnswer(text: string, schema?: JsonSchema): unknown {
  const fenced = /^\s*```[a-zA-Z]*\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  const body = (fenced ? fenced[1] : text).trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const excerpt = text.length > 80 ? `${text.slice(0, 80)}...` : text;
    throw new JsonOutputError(`The model's answer is not valid JSON (${(err as Error).message}): ${JSON.stringify(excerpt)}`, text);
  }
  if (schema !== undefined) {
    const problems = validateJson(value, schema);
    if (problems.length) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
      throw new JsonOutputError(`The model's JSON does not match the schema: ${problems[0]}${more}`, text, problems);
    }
  }
  return value;
}
