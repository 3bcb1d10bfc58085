import type { Node, NodeAPI, NodeMessage } from "./red";

/** The comms topic the editor listens on; one sub-topic per node. */
export const PREVIEW_TOPIC = "hf-inference/preview";

/**
 * Largest result sent to the editor as is. There is no resizing (that would need a native image library): a larger
 * result is announced by its type and size only, so a big image or a long clip never floods the editor's socket.
 */
export const PREVIEW_MAX_BYTES = 512 * 1024;

/** What the editor gets: an image or a clip to show under the node, a note, or nothing (clear). */
export type PreviewMessage =
  | { id: string; kind: "image" | "audio"; contentType: string; bytes: number; data: string }
  | { id: string; kind: "too-large" | "other"; contentType: string; bytes: number }
  | { id: string; kind: "clear" };

export interface Preview {
  /** Shows the binary payload of a result msg under the node. */
  show(msg: NodeMessage): void;
  /** Removes the preview (the node stopped, was changed or removed). */
  clear(): void;
}

type Publish = (topic: string, data: PreviewMessage, retain?: boolean) => void;

/** A preview for a node whose `preview` option is on; undefined when off or when the runtime has no comms. */
export function createPreview(RED: NodeAPI, node: Node, enabled: boolean, maxBytes = PREVIEW_MAX_BYTES): Preview | undefined {
  const comms = (RED as unknown as { comms?: { publish?: Publish } }).comms;
  if (!enabled || typeof comms?.publish !== "function") return undefined;
  const topic = `${PREVIEW_TOPIC}/${node.id}`;
  const publish = (data: PreviewMessage) => {
    try {
      // Not retained: a preview is a glance at the last result, not state to replay to every new editor session.
      comms.publish!(topic, data, false);
    } catch {
      /* the editor being unreachable must never fail a msg */
    }
  };
  return {
    show(msg) {
      let data: PreviewMessage | undefined;
      try {
        data = previewOf(node.id, msg, maxBytes);
      } catch {
        return; // a preview is never worth failing a msg that was already sent
      }
      if (data) publish(data);
    },
    clear() {
      publish({ id: node.id, kind: "clear" });
    },
  };
}

/** The preview of one result msg: a data URL for a small image or clip; type and size for anything else. */
export function previewOf(id: string, msg: NodeMessage, maxBytes = PREVIEW_MAX_BYTES): PreviewMessage | undefined {
  const payload = msg.payload;
  if (!(payload instanceof Uint8Array)) return undefined;
  const contentType = typeof msg.contentType === "string" && msg.contentType ? msg.contentType.split(";")[0].trim() : "application/octet-stream";
  const bytes = payload.byteLength;
  const kind = /^image\//.test(contentType) ? "image" : /^audio\//.test(contentType) ? "audio" : undefined;
  if (!kind) return { id, kind: "other", contentType, bytes };
  if (bytes > maxBytes) return { id, kind: "too-large", contentType, bytes };
  const data = `data:${contentType};base64,${Buffer.from(payload.buffer, payload.byteOffset, bytes).toString("base64")}`;
  return { id, kind, contentType, bytes, data };
}
