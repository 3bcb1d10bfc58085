"use strict";
// An undici dispatcher that sends every request for a remote host to a local test server instead, with the
// original host kept as a path prefix (`/__remote/<host>/<path>`). Installed as the global dispatcher, it lets
// flows that route through the Hub and the router run end to end without any request leaving the machine.
const { Agent, getGlobalDispatcher, setGlobalDispatcher } = require("undici");

class LocalOnly extends Agent {
  constructor(target) {
    super();
    this.target = target;
  }

  dispatch(opts, handler) {
    const origin = new URL(opts.origin);
    if (origin.hostname !== "127.0.0.1" && origin.hostname !== "localhost") {
      opts = { ...opts, origin: this.target, path: `/__remote/${origin.host}${opts.path}` };
    }
    return super.dispatch(opts, handler);
  }
}

/** Installs the redirect; the returned function puts the previous global dispatcher back. */
function keepTrafficLocal(targetUrl) {
  const previous = getGlobalDispatcher();
  const local = new LocalOnly(targetUrl);
  setGlobalDispatcher(local);
  return async () => {
    setGlobalDispatcher(previous);
    await local.close();
  };
}

module.exports = { keepTrafficLocal };
