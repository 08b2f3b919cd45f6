import autocannon, { type Request } from 'autocannon';

/** One load level's figures: what was asked, what the server answered, how fast. */
export interface LoadResult {
  /** Requests per second asked for. */
  rate: number;
  /** Requests per second answered with the expected status. */
  served: number;
  sent: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers with another status, connection errors and timeouts. */
  errors: number;
}

/**
 * Sends requests at a fixed overall rate with autocannon (its latencies corrected for
 * coordinated omission: a request the generator could not send on time counts as waiting),
 * enough connections that the rate is not held back by slow answers.
 */
export async function loadAt(options: {
  url: string;
  rate: number;
  seconds: number;
  request: () => Request;
  expectStatus: number;
}): Promise<LoadResult> {
  const amount = Math.round(options.rate * options.seconds);
  const result = await autocannon({
    url: options.url,
    connections: Math.min(100, Math.max(4, options.rate)),
    overallRate: options.rate,
    amount,
    timeout: 30,
    requests: [{ setupRequest: (base) => ({ ...base, ...options.request() }) }],
  });
  const ok = result.statusCodeStats[String(options.expectStatus)]?.count ?? 0;
  const sent = result.requests.total;
  return {
    rate: options.rate,
    served: ok / result.duration,
    sent,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: sent - ok + result.errors,
  };
}
