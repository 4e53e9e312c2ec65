// HTTP load from the load-generator core: autocannon for throughput, sequential fetches for latency probes.
import autocannon from 'autocannon';
import { latencySummary, round } from './util.mjs';

export const graphql = async (url, token, query, variables = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text.slice(0, 500) }] };
  }
  return { status: response.status, bytes: text.length, ...body };
};

const run = (options) =>
  new Promise((resolveRun, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolveRun(result)));
  });

/**
 * POSTs GraphQL to `url` from `connections` connections for `seconds` (after `warmupSeconds` unmeasured).
 * `body(i)` builds the i-th request body (for varying mutations) or `body` is one fixed string. Every
 * response is checked for GraphQL errors.
 */
export const loadTest = async ({ url, token, body, connections = 32, seconds = 10, warmupSeconds = 3 }) => {
  let index = 0;
  let graphqlErrors = 0;
  let firstError = null;
  const request = {
    method: 'POST',
    path: new URL(url).pathname,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(typeof body === 'function' ? { setupRequest: (req) => ({ ...req, body: body(index++) }) } : { body }),
    onResponse: (status, responseBody) => {
      if (status !== 200 || (responseBody && responseBody.includes('"errors"'))) {
        graphqlErrors++;
        firstError ??= `${status} ${String(responseBody).slice(0, 300)}`;
      }
    },
  };
  const common = { url, connections, pipelining: 1, requests: [request] };
  if (warmupSeconds > 0) await run({ ...common, duration: warmupSeconds });
  graphqlErrors = 0;
  firstError = null;
  const result = await run({ ...common, duration: seconds });
  return {
    requests: result.requests.total,
    seconds: result.duration,
    perSecond: round(result.requests.total / result.duration, 4),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors,
    firstError,
    bytesPerResponse: result.requests.total
      ? Math.round(result.throughput.total / result.requests.total)
      : null,
    connections,
  };
};

/**
 * One request at a time, `count` times (after `warmup`); per-request latency in ms. Stops early once
 * `budgetSeconds` have passed and at least `minCount` were measured (slow endpoints in quick runs).
 */
export const sequentialLatency = async ({
  url,
  token,
  make,
  count,
  warmup = 5,
  budgetSeconds = Infinity,
  minCount = 5,
}) => {
  const latencies = [];
  let bytes = 0;
  let errors = 0;
  let firstError = null;
  let deadline = Infinity;
  for (let index = 0; index < warmup + count; index++) {
    if (index === warmup) deadline = performance.now() + budgetSeconds * 1000;
    if (latencies.length >= minCount && performance.now() > deadline) break;
    const { query, variables } = make(index);
    const begin = performance.now();
    const result = await graphql(url, token, query, variables);
    const elapsed = performance.now() - begin;
    if (result.errors) {
      errors++;
      firstError ??= result.errors[0];
    }
    if (index >= warmup) {
      latencies.push(elapsed);
      bytes += result.bytes;
    }
  }
  const summary = latencySummary(latencies);
  return {
    count: latencies.length,
    p50Ms: round(summary.p50, 4),
    p90Ms: round(summary.p90, 4),
    p99Ms: round(summary.p99, 4),
    meanMs: round(summary.mean, 4),
    bytesPerResponse: Math.round(bytes / Math.max(1, latencies.length)),
    errors,
    firstError,
  };
};
