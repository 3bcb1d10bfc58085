import { InferenceClientError, InferenceClientHubApiError, InferenceClientInputError, InferenceClientProviderApiError, InferenceClientRoutingError, InferenceTimeoutError } from "./errors";
import type { Deadline } from "./http/deadline";
import type { FailedAttempt, ResolvedOptions } from "./options";

/**
 * The providers a call may try, in order: its own (or "auto"), then the fallbacks. None with an endpoint URL: the
 * endpoint is the only place the call may go.
 */
export function providerChain(args: Record<string, unknown>, opts: ResolvedOptions): Array<string | undefined> {
  const first = (args.provider as string | undefined) ?? opts.provider;
  if (args.endpointUrl || opts.endpointUrl || !opts.fallbackProviders?.length) return [first];
  const seen = new Set([first ?? "auto"]);
  const chain: Array<string | undefined> = [first];
  for (const p of opts.fallbackProviders) {
    const id = p.trim();
    if (!id || seen.has(id)) continue;
    seen.add(id);
    chain.push(id);
  }
  return chain;
}

/**
 * Whether a provider's failure (after its own retries) lets the call move on: rate limits, server errors, a
 * stalled or unreachable server. Input errors, credentials refused (401/403) and the caller's abort do not: the
 * next provider would answer the same. The call's one deadline running out ends the call too.
 */
export function failsOver(err: unknown, deadline: Deadline): boolean {
  if (deadline.aborted || deadline.remaining() <= 0) return false;
  if (err instanceof InferenceClientProviderApiError) return err.status === 429 || err.status >= 500;
  if (err instanceof InferenceTimeoutError) return true;
  if (err instanceof InferenceClientHubApiError || err instanceof InferenceClientInputError || err instanceof InferenceClientRoutingError) return false;
  // Connection refused, reset, or headers/body timeouts of the transport: a plain InferenceClientError with a cause.
  return err instanceof InferenceClientError && err.constructor === InferenceClientError && err.cause !== undefined;
}

/** A fallback that does not serve the model for the task (Hub mapping, provider table) is skipped, not tried. */
export function notServing(err: unknown): boolean {
  return err instanceof InferenceClientInputError || err instanceof InferenceClientRoutingError;
}

export function attemptOf(provider: string, err: unknown): FailedAttempt {
  const status = err instanceof InferenceClientProviderApiError ? err.status : undefined;
  return { provider, ...(status ? { status } : {}), error: err instanceof Error ? err.message : String(err) };
}

/**
 * Runs `attempt` with each provider of the chain until one answers. `attempt` reports the provider it resolved to
 * (through `routed`) before sending, so a failure is recorded under the provider that actually failed ("auto"
 * names the provider the Hub picked). The attempts so far are told through onCallInfo.
 */
export async function withFailover<T>(
  args: Record<string, unknown>,
  opts: ResolvedOptions,
  deadline: Deadline,
  attempt: (args: Record<string, unknown>, routed: (provider: string) => void) => Promise<T>,
): Promise<T> {
  const chain = providerChain(args, opts);
  if (chain.length === 1) return attempt(args, () => undefined);
  const attempts: FailedAttempt[] = [];
  let lastError: unknown;
  for (let i = 0; i < chain.length; i++) {
    let provider = chain[i] ?? "auto";
    let sent = false;
    try {
      return await attempt(i === 0 ? args : { ...args, provider: chain[i] }, (p) => {
        provider = p;
        sent = true;
      });
    } catch (err) {
      // A fallback that cannot take this model/task is skipped; the first provider's own errors stand.
      if (i > 0 && !sent && notServing(err)) continue;
      if (!failsOver(err, deadline)) throw err;
      attempts.push(attemptOf(provider, err));
      opts.onCallInfo?.({ attempts: [...attempts] });
      lastError = err;
    }
  }
  throw lastError;
}
