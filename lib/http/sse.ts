import { createParser, type EventSourceMessage, type ParseError } from "eventsource-parser";
import { InferenceClientProviderApiError, InferenceClientProviderOutputError, messageFromErrorBody } from "../errors";
import { describeRequest, scrubSecrets, type OutgoingRequest, type StreamingResponse } from "./request";

/** A stream body that ended before `[DONE]`: callers with their own end-of-stream rule (chat) catch it by type. */
export class StreamTruncatedError extends InferenceClientProviderOutputError {}

/**
 * Turns a `text/event-stream` body into parsed JSON events. `[DONE]` ends the stream; an `error` event or an
 * `{error}` payload mid-stream, malformed JSON, and a body that ends without `[DONE]` (when `requireDone`) all throw.
 */
export async function* parseJsonEvents<T>(
  res: StreamingResponse,
  req: OutgoingRequest,
  opts: { requireDone?: boolean } = {},
): AsyncGenerator<T> {
  if (!/text\/event-stream/i.test(res.contentType)) {
    res.cancel();
    throw new InferenceClientProviderOutputError(
      `Server does not support event stream content type, it returned ${res.contentType || "none"}`,
    );
  }
  const pending: EventSourceMessage[] = [];
  let oversized: ParseError | undefined;
  // One event is held whole until its end: bounded like any response (the body as a whole is, by sendStreaming).
  const parser = createParser({
    onEvent: (event) => pending.push(event),
    onError: (err) => void (err.type === "max-buffer-size-exceeded" && (oversized = err)),
    maxBufferSize: res.maxBytes,
  });
  const decoder = new TextDecoder();
  let sawDone = false;
  try {
    for await (const chunk of res.body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (oversized) {
        throw new InferenceClientProviderOutputError(
          `An event of the response stream from ${new URL(req.url).host} is larger than the limit (${res.maxBytes} bytes, see maxResponseBytes)`,
        );
      }
      for (const event of pending.splice(0)) {
        const data = event.data.trim();
        if (!data) continue;
        if (data === "[DONE]") {
          sawDone = true;
          return;
        }
        const parsed = parseEventData(data, event, res, req);
        yield parsed as T;
      }
    }
  } finally {
    if (!sawDone) res.cancel();
  }
  if (opts.requireDone) {
    throw new StreamTruncatedError("The event stream ended before it was complete (no [DONE] received)");
  }
}

function parseEventData(data: string, event: EventSourceMessage, res: StreamingResponse, req: OutgoingRequest): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    if (event.event === "error") throw streamError(data, res, req);
    throw new InferenceClientProviderOutputError(`Malformed event in stream: ${scrubSecrets(req, data.slice(0, 200))}`);
  }
  const isError =
    event.event === "error" ||
    (parsed !== null && typeof parsed === "object" && "error" in parsed && (parsed as { error: unknown }).error != null);
  if (isError) throw streamError(messageFromErrorBody(parsed) ?? data, res, req, parsed);
  return parsed;
}

function streamError(message: string, res: StreamingResponse, req: OutgoingRequest, body?: unknown) {
  return new InferenceClientProviderApiError(
    `Failed to perform inference: an error occurred while streaming the response: ${scrubSecrets(req, message)}`,
    describeRequest(req),
    { requestId: res.requestId, status: res.status, body: scrubSecrets(req, body ?? message) },
  );
}
