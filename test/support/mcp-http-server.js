"use strict";
// A small MCP server for tests, built with the SDK's own server classes and bound to 127.0.0.1 (server-everything's
// HTTP mode binds every interface). One path, /mcp, speaks Streamable HTTP (POST, GET and DELETE with a session id)
// and the older HTTP+SSE transport (GET without a session id opens the event stream; messages go to /messages);
// `modes` turns either off so a client's fallback can be tested.
//
// Tools (shared by every session): echo {text}; slow {ms} (waits, noting a cancellation); big {size} (that many
// characters); echo answers "<label>echo: <text>"; filler tools tool-1 ... tool-<fillers>. tools/list pages `pageSize` tools at a time.
// addTool(name) adds an echo-like tool and sends notifications/tools/list_changed to every session.
// Every HTTP request is recorded in `requests` as {method, path, headers}.
const http = require("node:http");
const { randomUUID } = require("node:crypto");
const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const { SSEServerTransport } = require("@modelcontextprotocol/sdk/server/sse.js");
const { CallToolRequestSchema, ListToolsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");

const object = (properties = {}) => ({ type: "object", properties });

class McpHttpServer {
  constructor({ modes = ["streamable", "sse"], pageSize = 2, fillers = 3, requireHeaders, label = "" } = {}) {
    this.modes = modes;
    this.label = label;
    this.pageSize = pageSize;
    this.requireHeaders = requireHeaders;
    this.requests = [];
    this.started = []; // slow calls that reached the server
    this.cancelled = []; // slow calls the client cancelled
    this.sessions = new Map(); // session id -> {server, transport}
    this.sseSessions = new Map();
    this.tools = [
      { name: "echo", description: "Echoes the text back", inputSchema: object({ text: { type: "string" } }) },
      { name: "slow", description: "Waits ms milliseconds", inputSchema: object({ ms: { type: "number" } }) },
      { name: "big", description: "Returns size characters", inputSchema: object({ size: { type: "number" } }) },
    ];
    for (let i = 1; i <= fillers; i++) this.tools.push({ name: `tool-${i}`, description: `Filler ${i}`, inputSchema: object() });
    this.http = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500).end(String(err && err.message));
      });
    });
    this.sockets = new Set();
    this.http.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  async start() {
    await new Promise((resolve) => this.http.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${this.http.address().port}/mcp`;
    return this;
  }

  async stop() {
    for (const { server } of [...this.sessions.values(), ...this.sseSessions.values()]) await server.close().catch(() => {});
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.http.close(resolve));
  }

  /** Adds a tool and tells every connected session that the list changed. */
  async addTool(name) {
    this.tools.push({ name, description: `Added ${name}`, inputSchema: object({ text: { type: "string" } }) });
    for (const { server } of [...this.sessions.values(), ...this.sseSessions.values()]) {
      await server.sendToolListChanged().catch(() => {});
    }
  }

  makeServer() {
    const server = new Server({ name: "test-http-server", version: "1.0.0" }, { capabilities: { tools: { listChanged: true } } });
    server.setRequestHandler(ListToolsRequestSchema, async (request) => {
      const start = Number(request.params?.cursor ?? 0);
      const page = this.tools.slice(start, start + this.pageSize);
      const next = start + this.pageSize < this.tools.length ? String(start + this.pageSize) : undefined;
      return { tools: page, ...(next ? { nextCursor: next } : {}) };
    });
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const { name, arguments: args = {} } = request.params;
      if (name === "slow") {
        this.started.push(request.params);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, Number(args.ms) || 1000);
          extra.signal.addEventListener("abort", () => {
            clearTimeout(timer);
            this.cancelled.push(request.params);
            resolve();
          });
        });
        return { content: [{ type: "text", text: `slept ${args.ms}` }] };
      }
      if (name === "big") return { content: [{ type: "text", text: "x".repeat(Number(args.size) || 0) }] };
      if (!this.tools.some((t) => t.name === name)) return { isError: true, content: [{ type: "text", text: `Unknown tool ${name}` }] };
      return { content: [{ type: "text", text: `${this.label}${name}: ${args.text ?? ""}` }] };
    });
    return server;
  }

  async handle(req, res) {
    const path = req.url.split("?")[0];
    this.requests.push({ method: req.method, path, headers: req.headers });
    for (const [name, value] of Object.entries(this.requireHeaders || {})) {
      if (req.headers[name.toLowerCase()] !== value) return void res.writeHead(401).end("unauthorized");
    }
    const sessionId = req.headers["mcp-session-id"];
    if (path === "/mcp" && this.modes.includes("streamable") && (req.method === "POST" || sessionId)) {
      let session = sessionId && this.sessions.get(sessionId);
      if (!session) {
        if (req.method !== "POST" || sessionId) return void res.writeHead(404).end("no such session");
        const transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => this.sessions.set(id, session),
        });
        transport.onclose = () => transport.sessionId && this.sessions.delete(transport.sessionId);
        const server = this.makeServer();
        session = { server, transport };
        await server.connect(transport);
      }
      return session.transport.handleRequest(req, res);
    }
    if (path === "/mcp" && this.modes.includes("sse") && req.method === "GET") {
      const transport = new SSEServerTransport("/messages", res);
      const server = this.makeServer();
      this.sseSessions.set(transport.sessionId, { server, transport });
      res.on("close", () => this.sseSessions.delete(transport.sessionId));
      await server.connect(transport);
      return;
    }
    if (path === "/messages" && req.method === "POST") {
      const id = new URL(req.url, "http://x").searchParams.get("sessionId");
      const session = this.sseSessions.get(id);
      if (!session) return void res.writeHead(404).end("no such session");
      return session.transport.handlePostMessage(req, res);
    }
    res.writeHead(405).end("method not allowed");
  }
}

async function startMcpHttpServer(options) {
  return new McpHttpServer(options).start();
}

module.exports = { McpHttpServer, startMcpHttpServer };
