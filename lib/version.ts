// Kept in step with package.json by scripts/build.js.
export const PACKAGE_NAME = "@hf-nodes/node-red-inference";
export const PACKAGE_VERSION = "0.1.0";
