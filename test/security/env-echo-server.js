"use strict";
// A stdio MCP server with one tool, `env`, that answers with the environment it was started with: what an MCP
// child process gets to see of Node-RED's environment.
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");

const server = new McpServer({ name: "env-echo", version: "1.0.0" });
server.registerTool("env", { description: "The server's environment variables" }, async () => ({
  content: [{ type: "text", text: JSON.stringify(process.env) }],
}));
server.connect(new StdioServerTransport()).catch((err) => {
  process.stderr.write(String(err));
  process.exit(1);
});
