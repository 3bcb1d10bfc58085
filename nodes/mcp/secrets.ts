import type { NodeAPI } from "../shared/red";

/**
 * The hf-mcp-server's secrets (`env`, `headers`: JSON text of name -> value) are password credentials: Node-RED
 * never sends them back to the editor. The editor knows only their names (from `GET <admin>/hf-mcp-server/:id/
 * secret-names`) and sends what the user changed in a third password credential, `secretChanges`:
 * `{env?: {set?: {name: value}, remove?: [name]}, headers?: {...}}`. Node-RED replaces a credential as a whole, so
 * the runtime applies the changes to the stored values here (setting a name twice gives the same result, so a
 * change applied again after a restart does no harm) and stores the result without the changes.
 */
export const SECRET_KINDS = ["env", "headers"] as const;
type Kind = (typeof SECRET_KINDS)[number];
type Credentials = Record<string, string | undefined>;

export const SECRET_NAMES_PATH = "/hf-mcp-server/:id/secret-names";

/** The credentials with `secretChanges` applied to `env` / `headers`; the same object when there are none. */
export function applySecretChanges(credentials: Credentials | undefined): Credentials | undefined {
  const text = credentials?.secretChanges;
  if (!credentials || !text) return credentials;
  let changes: Partial<Record<Kind, { set?: Record<string, unknown>; remove?: unknown[] }>>;
  try {
    changes = JSON.parse(text);
  } catch {
    throw new Error("The secret changes sent by the editor are not valid JSON");
  }
  const out: Credentials = { ...credentials };
  delete out.secretChanges;
  for (const kind of SECRET_KINDS) {
    const change = changes?.[kind];
    if (!change) continue;
    const values = parseValues(out[kind]);
    for (const name of Array.isArray(change.remove) ? change.remove : []) delete values[String(name)];
    for (const [name, value] of Object.entries(change.set ?? {})) values[name] = String(value ?? "");
    out[kind] = Object.keys(values).length ? JSON.stringify(values) : undefined;
    if (out[kind] === undefined) delete out[kind];
  }
  return out;
}

/** The names (never the values) of a node's stored env variables and headers. */
export function secretNames(credentials: Credentials | undefined): Record<Kind, string[]> {
  const applied = safe(() => applySecretChanges(credentials)) ?? credentials;
  return { env: Object.keys(parseValues(applied?.env)), headers: Object.keys(parseValues(applied?.headers)) };
}

/**
 * At deploy: applies the pending changes and stores the result in place of the credentials Node-RED saved, so the
 * next edit starts from it. Returns the credentials the node runs with.
 */
export function settleSecrets(RED: NodeAPI, id: string, credentials: Credentials | undefined): Credentials | undefined {
  const store = RED.nodes as unknown as { getCredentials?(id: string): Credentials | undefined; addCredentials?(id: string, c: Credentials): unknown };
  const stored = store.getCredentials?.(id);
  if (stored?.secretChanges) void store.addCredentials?.(id, applySecretChanges(stored) ?? {});
  return applySecretChanges(credentials);
}

/** Registers the admin route the editor asks for the names, behind the node type's read permission. */
export function registerSecretNames(RED: NodeAPI): void {
  const app = RED.httpAdmin as { get?(path: string, ...handlers: unknown[]): void } | undefined;
  if (!app || typeof app.get !== "function" || registered.has(app)) return;
  registered.add(app);
  const store = RED.nodes as unknown as { getCredentials?(id: string): Credentials | undefined };
  const handler = (req: { params: { id: string } }, res: { json(body: unknown): void }) => res.json(secretNames(store.getCredentials?.(req.params.id)));
  const permission = RED.auth?.needsPermission("hf-mcp-server.read");
  if (permission) app.get(SECRET_NAMES_PATH, permission, handler);
  else app.get(SECRET_NAMES_PATH, handler);
}

const registered = new WeakSet<object>();

function parseValues(text: string | undefined): Record<string, string> {
  const parsed = text && text.trim() ? safe(() => JSON.parse(text) as unknown) : undefined;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (v !== null && v !== undefined) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
