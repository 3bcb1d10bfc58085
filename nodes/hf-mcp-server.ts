import { translator } from "./shared/i18n";
import { McpServerConnection, type McpConnectionState } from "../lib";
import { serverConfigFromNode, stateStatus, type McpServerDef, type McpServerNode } from "./mcp/server-node";
import { registerSecretNames, settleSecrets } from "./mcp/secrets";
import type { Node, NodeAPI } from "./shared/red";

/**
 * The `hf-mcp-server` config node: one MCP server, shared by the `hf-mcp-tool` and `hf-agent` nodes that use it.
 * It connects on first use, reconnects on the next use after a failure, shows its state on its users, and on
 * redeploy or removal ends the session and the child process.
 */
function register(RED: NodeAPI): void {
  function HfMcpServer(this: McpServerNode, def: McpServerDef) {
    RED.nodes.createNode(this, def);
    const t = translator(RED);
    const node = this;
    const users = new Set<Node>();
    try {
      this.connection = new McpServerConnection(serverConfigFromNode(def, settleSecrets(RED, this.id, this.credentials)));
    } catch (err) {
      this.configError = (err as Error).message;
    }
    // The connection knows the env and header values; without one there are no parsed secrets to scrub.
    this.redact = (text) => (node.connection ? node.connection.redact(text) : text);

    const onState = (state: McpConnectionState, error?: Error) => {
      const status = stateStatus(state, error && new Error(node.redact(error.message)), t);
      for (const user of users) user.status(status);
      if (state === "error" && error) node.warn(node.redact(error.message));
    };
    this.connection?.on("state", onState);

    this.register = (user) => {
      users.add(user);
      if (node.configError) user.status({ fill: "red", shape: "ring", text: t("status.invalidServer", "invalid server config") });
    };
    this.deregister = (user) => {
      users.delete(user);
    };

    this.on("close", (_removed, done) => {
      users.clear();
      const connection = node.connection;
      connection?.off("state", onState);
      if (!connection) return done();
      connection.close().then(
        () => done(),
        () => done(),
      );
    });
  }

  RED.nodes.registerType("hf-mcp-server", HfMcpServer as never, {
    // Passwords: never sent back to the editor, which edits them by name through `secretChanges` (see mcp/secrets).
    credentials: { env: { type: "password" }, headers: { type: "password" }, secretChanges: { type: "password" } },
  });
  registerSecretNames(RED);
}

export = register;
