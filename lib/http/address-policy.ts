import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent, type Dispatcher } from "undici";
import { InferenceClientInputError } from "../errors";

/**
 * Where a URL input may be downloaded from. Inputs come from callers' data (in Node-RED, from a msg), so by default
 * only public addresses are reached: a URL must not turn the library into a way to read the local machine, the
 * LAN or a cloud's metadata service. `true` allows every address; a list allows these host names or addresses
 * (exactly as written in the URL, e.g. `camera.lan`, `10.0.0.7`) and keeps refusing the others.
 */
export type PrivateUrlPolicy = boolean | string[];

const BLOCKED: Array<[string, number, "ipv4" | "ipv6", string]> = [
  ["0.0.0.0", 8, "ipv4", "unspecified"],
  ["10.0.0.0", 8, "ipv4", "private"],
  ["100.64.0.0", 10, "ipv4", "shared (CGNAT)"],
  ["127.0.0.0", 8, "ipv4", "loopback"],
  ["169.254.0.0", 16, "ipv4", "link-local"],
  ["172.16.0.0", 12, "ipv4", "private"],
  ["192.0.0.0", 24, "ipv4", "reserved"],
  ["192.168.0.0", 16, "ipv4", "private"],
  ["198.18.0.0", 15, "ipv4", "reserved"],
  ["224.0.0.0", 4, "ipv4", "multicast"],
  ["240.0.0.0", 4, "ipv4", "reserved"],
  ["::", 128, "ipv6", "unspecified"],
  ["::1", 128, "ipv6", "loopback"],
  ["fe80::", 10, "ipv6", "link-local"],
  ["fc00::", 7, "ipv6", "private"],
  ["ff00::", 8, "ipv6", "multicast"],
];

const lists = BLOCKED.map(([net, prefix, family, reason]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, family);
  return { list, reason };
});

/** Why `address` is not a public one (loopback, private, link-local, ...), or undefined when it is. */
export function blockedAddress(address: string): string | undefined {
  const ip = address.replace(/^\[|\]$/g, "");
  const family = isIP(ip);
  if (!family) return undefined;
  const type = family === 4 ? "ipv4" : "ipv6";
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is checked as the IPv4 address it carries: BlockList does that.
  for (const { list, reason } of lists) if (list.check(ip, type)) return reason;
  return undefined;
}

function allowedByName(hostname: string, policy: PrivateUrlPolicy): boolean {
  if (policy === true) return true;
  if (!Array.isArray(policy)) return false;
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return policy.some((h) => h.replace(/^\[|\]$/g, "").toLowerCase() === host);
}

function refused(host: string, address: string, reason: string): InferenceClientInputError {
  const shown = host === address ? host : `${host} (${address})`;
  return new InferenceClientInputError(
    `URL input refused: ${shown} is a ${reason} address; only public addresses may be downloaded from ` +
      `(allowPrivateUrlInputs; in Node-RED, hfInference.allowPrivateUrls in settings.js)`,
  );
}

/**
 * Checks one hop of a URL input before it is requested: http(s) only, an address written in the URL checked at
 * once. A host name is checked where it is resolved: when connecting (`guardedDispatcher`), or here, resolved in
 * advance, when the caller's own dispatcher (a proxy, a mock) will connect instead (`resolveHere`).
 */
export async function checkUrlInput(url: URL, policy: PrivateUrlPolicy, resolveHere: boolean): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InferenceClientInputError(`URL input refused: only http(s) URLs are downloaded, not ${url.protocol}`);
  }
  if (allowedByName(url.hostname, policy)) return;
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal)) {
    const reason = blockedAddress(literal);
    if (reason) throw refused(literal, literal, reason);
    return;
  }
  if (!resolveHere) return;
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(literal, { all: true }, (err, found) => (err ? reject(err) : resolve(found))),
  ).catch((err) => {
    throw new InferenceClientInputError(`URL input refused: cannot resolve ${literal} (${(err as { code?: string }).code ?? err})`);
  });
  for (const { address } of addresses) {
    const reason = blockedAddress(address);
    if (reason) throw refused(literal, address, reason);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for sockets: resolves as the system does, then refuses the connection when any address found is not
 * public (unless the name is allowed). Checking the address the socket really connects to is what makes the policy
 * hold against DNS rebinding (a name that resolves to a public address once and to 127.0.0.1 the next time).
 */
function guardedLookup(policy: PrivateUrlPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!allowedByName(hostname, policy)) {
        for (const { address } of addresses) {
          const reason = blockedAddress(address);
          if (reason) return callback(refused(hostname, address, reason) as unknown as NodeJS.ErrnoException, []);
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      return first ? callback(null, first.address, first.family) : callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
    });
  };
}

const dispatchers = new Map<string, Dispatcher>();

/** One shared connection pool per policy, whose sockets only connect to addresses the policy allows. */
export function guardedDispatcher(policy: PrivateUrlPolicy): Dispatcher {
  const key = JSON.stringify(policy);
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    dispatcher = new Agent({ connect: { lookup: guardedLookup(policy) as never } });
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}
