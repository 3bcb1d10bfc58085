// Settings for the local Node-RED that `npm start` runs and the end-to-end tests reuse: loopback only, nothing
// phoned home, no tours, no remote palette catalogue. Port and user dir can be overridden through the environment.
"use strict";
const path = require("node:path");

module.exports = {
  uiHost: process.env.NODE_RED_HOST || "127.0.0.1",
  uiPort: Number(process.env.NODE_RED_PORT || 1880),
  userDir: process.env.NODE_RED_USER_DIR || path.resolve(__dirname, "..", ".node-red"),
  flowFile: "flows.json",
  credentialSecret: process.env.NODE_RED_CREDENTIAL_SECRET || "local-development-only",
  diagnostics: { enabled: false, ui: false },
  telemetry: { enabled: false, updateNotification: false },
  externalModules: { palette: { allowInstall: false }, modules: { allowInstall: false } },
  editorTheme: {
    tours: false,
    palette: { catalogues: [] },
    projects: { enabled: false },
    multiplayer: { enabled: false },
  },
  logging: { console: { level: process.env.NODE_RED_LOG_LEVEL || "info", metrics: false, audit: false } },
  functionExternalModules: false,
  // What the Hugging Face nodes' "Allow URL / file inputs" may reach (README, Security). The defaults, spelled out:
  // hfInference: {
  //   fileInputDirs: [path.resolve(__dirname, "..", ".node-red")], // folders file inputs may read (default: userDir)
  //   allowPrivateUrls: false, // true: any address; ["camera.lan"]: these hosts too; false: public addresses only
  // },
};
