import type { IncomingMessage, ServerResponse } from "node:http";
import { authProblem, serveMcpRequest, type ToolSource } from "../../lib/mcp/serve";
import { translator } from "../shared/i18n";
import { applyCors, type CorsSetting } from "./cors";
import type { Node, NodeAPI, NodeDef } from "../shared/red";
import { callFlowTool, errorResult, mcpTool, parseSelection, selectTools } from "./registry";

interface EndpointDef extends NodeDef {
  path?: string;
  tools?: string;
  serverName?: string;
  allowAnonymous?: boolean;
}

type Handler = (req: IncomingMessage & { body?: unknown; _body?: boolean }, res: ServerResponse, next: (err?: unknown) => void) => void;
interface HttpApp {
  all(path: string, ...handlers: Handler[]): void;
}

/**
 * One route per path for the life of the runtime, dispatching to the endpoint node deployed there now. Express
 * has no public way to remove a route (and Express 5 in Node-RED 5 moved the router), so a redeploy swaps the
 * node behind the route instead of adding a route: ten redeploys leave one route.
 */
const dispatchers = new WeakMap<object, Map<string, Handler | undefined>>();

function mount(app: HttpApp, path: string, handler: Handler): boolean {
  let routes = dispatchers.get(app);
  if (!routes) dispatchers.set(app, (routes = new Map()));
  if (routes.get(path)) return false;
  const isNew = !routes.has(path);
  routes.set(path, handler);
  if (isNew) app.all(path, (req, res, next) => {
    const current = routes!.get(path);
    if (current) current(req, res, next);
    else next();
  });
  return true;
}

function unmount(app: HttpApp, path: string, handler: Handler): void {
  const routes = dispatchers.get(app);
  if (routes?.get(path) === handler) routes.set(path, undefined);
}

export function registerEndpoint(RED: NodeAPI): void {
  RED.nodes.registerType(
    "hf-mcp-endpoint",
    function (this: Node, def: EndpointDef) {
      RED.nodes.createNode(this, def);
      const node = this;
      const t = translator(RED);
      const app = (RED as unknown as { httpNode?: HttpApp }).httpNode;
      const raw = String(def.path ?? "").trim();
      const path = raw.startsWith("/") ? raw : `/${raw}`;
      if (!app || !raw || /[*:?()]/.test(path)) {
        node.status({ fill: "red", shape: "ring", text: t("status.badPath", "invalid path") });
        node.error(t("status.badPathLong", "Set a plain path such as /mcp (no wildcards or parameters)"));
        return;
      }
      const token = node.credentials?.token ?? "";
      const options = { name: def.serverName?.trim() || undefined, token, allowAnonymous: def.allowAnonymous === true };
      const selection = parseSelection(def.tools);
      const source: ToolSource = {
        listTools: () => selectTools(selection).map(mcpTool),
        callTool: (name, args, { signal }) =>
          selection === "*" || selection.includes(name)
            ? callFlowTool(name, args, "mcp", signal)
            : Promise.resolve(errorResult(`This endpoint does not serve a tool named "${name}"`)),
      };
      // httpNodeMiddleware applies as on `http in` routes (Node-RED leaves that to each node).
      const settings = (RED.settings ?? {}) as { httpNodeMiddleware?: Handler | Handler[]; httpNodeCors?: CorsSetting };
      const middleware = [settings.httpNodeMiddleware ?? []].flat().filter((m): m is Handler => typeof m === "function");
      const serve: Handler = (req, res) => {
        applyCors(settings.httpNodeCors, req, res);
        // A body an httpNodeMiddleware already parsed is handed over; otherwise the transport reads it.
        serveMcpRequest(req, res, source, options, req._body ? req.body : undefined).catch((err: unknown) => {
          node.warn(t("status.endpointError", "MCP request failed: __message__", { message: err instanceof Error ? err.message : String(err) }));
          if (!res.headersSent) res.writeHead(500).end();
        });
      };
      const handler: Handler = (req, res, next) => {
        // httpNodeCors as on `http in`: preflight answered before httpNodeMiddleware (browsers send no credentials on it).
        if (req.method === "OPTIONS" && applyCors(settings.httpNodeCors, req, res)) return;
        let i = 0;
        const step = (err?: unknown) => (err ? next(err) : i < middleware.length ? middleware[i++](req, res, step) : serve(req, res, next));
        step();
      };
      if (!mount(app, path, handler)) {
        node.status({ fill: "red", shape: "ring", text: t("status.pathTaken", "path in use") });
        node.error(t("status.pathTakenLong", "Another hf-mcp-endpoint already serves __path__", { path }));
        return;
      }
      if (authProblem(undefined, options) === "no_token") {
        node.status({ fill: "red", shape: "ring", text: t("status.noToken", "no token: every request refused") });
      } else if (options.allowAnonymous) {
        node.status({ fill: "yellow", shape: "dot", text: t("status.anonymous", "__path__ (no authentication)", { path }) });
      } else node.status({ fill: "green", shape: "dot", text: path });
      node.on("close", (_removed, done) => {
        unmount(app, path, handler);
        done();
      });
    } as never,
    { credentials: { token: { type: "password" } } },
  );
}
