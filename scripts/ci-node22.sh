#!/usr/bin/env bash
# The node tests (test/nodes) and the end-to-end suite (test/e2e) again, on Node.js 22 with Node-RED 5.
# Installs both from the npm registry into .ci/ (git-ignored) when missing. Run after `npm test` (dist/ built).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

if [ ! -x .ci/node22/node_modules/.bin/node ]; then
  echo "installing node@22 into .ci/node22"
  npm install --prefix .ci/node22 --no-audit --no-fund --loglevel=error node@22
fi
if [ ! -f .ci/node-red-5/node_modules/node-red/package.json ]; then
  echo "installing node-red@5 into .ci/node-red-5"
  npm install --prefix .ci/node-red-5 --no-audit --no-fund --loglevel=error node-red@5
fi
if [ ! -d dist/nodes ]; then npm run build; fi

node22="$root/.ci/node22/node_modules/.bin/node"
export NODE_BIN="$node22"
export NODE_RED_HOME="$root/.ci/node-red-5"
echo "Node-RED $(node -p "require('$NODE_RED_HOME/node_modules/node-red/package.json').version") on Node.js $("$node22" --version)"
# mocha itself runs on Node 22 too, so the node tests' in-process runtime (node-red-node-test-helper) does.
"$node22" node_modules/mocha/bin/mocha.js --ignore 'test/e2e/validate.test.js' 'test/nodes/**/*.test.js' 'test/e2e/**/*.test.js'
