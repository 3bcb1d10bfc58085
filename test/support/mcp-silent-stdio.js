"use strict";
// A stdio "MCP server" for timeout tests: it writes its pid to the file named by argv[2] and, while the file named
// by argv[3] exists, reads stdin and never answers (no `initialize` reply). Without that file it is a real MCP
// server (the SDK's classes) with one tool, `echo`, so a retry after a timeout can be shown to work.
const fs = require("node:fs");

const [pidFile, silentFlag] = process.argv.slice(2);
fs.appendFileSync(pidFile, `${process.pid}\n`);

if (fs.existsSync(silentFlag)) {
  process.stdin.on("data", () => undefined);
  setInterval(() => undefined, 1 << 30);
} else {
  const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
  const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
  const { CallToolRequestSchema, ListToolsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
  const server = new Server({ name: "silent-then-fine", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{ name: "echo", inputSchema: { type: "object", properties: { text: { type: "string" } } } }],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => ({ content: [{ type: "text", text: `echo: ${req.params.arguments.text}` }] }));
  server.connect(new StdioServerTransport());
}
