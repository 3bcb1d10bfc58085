/** The slice of Node-RED's runtime API these nodes use (kept here instead of a types dependency). */

export interface NodeMessage {
  _msgid?: string;
  payload?: unknown;
  topic?: string;
  [key: string]: unknown;
}

export type SendFn = (msg: NodeMessage | Array<NodeMessage | null> | null) => void;
export type DoneFn = (err?: Error) => void;

export interface NodeStatus {
  fill?: "red" | "green" | "yellow" | "blue" | "grey";
  shape?: "ring" | "dot";
  text?: string;
}

export interface Node {
  id: string;
  type: string;
  name?: string;
  credentials?: Record<string, string | undefined>;
  on(event: "input", handler: (msg: NodeMessage, send: SendFn, done: DoneFn) => void): void;
  on(event: "close", handler: (removed: boolean, done: () => void) => void): void;
  send(msg: NodeMessage | Array<NodeMessage | null>): void;
  status(status: NodeStatus | Record<string, never>): void;
  log(msg: unknown): void;
  warn(msg: unknown): void;
  error(msg: unknown, msgObj?: NodeMessage): void;
  context(): { get(key: string, store?: string): unknown; set(key: string, value: unknown, store?: string): void };
}

export interface NodeDef {
  id: string;
  type: string;
  name?: string;
  [key: string]: unknown;
}

export interface NodeAPI {
  nodes: {
    createNode(node: Node, def: NodeDef): void;
    registerType(type: string, ctor: (this: Node, def: NodeDef) => void, opts?: { credentials?: Record<string, { type: string }> }): void;
    getNode(id: string): Node | null;
  };
  _(key: string, subs?: Record<string, unknown>): string;
  httpAdmin?: unknown;
  auth?: { needsPermission(permission: string): unknown };
  settings?: Record<string, unknown>;
}
