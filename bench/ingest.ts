import autocannon from "autocannon";
import { round, startChildServer } from "./lib.js";

/**
 * Benchmark 1: web chat messages accepted per second at `connections` concurrent connections,
 * through the real server (HTTP, auth, validation, idempotent store + turn job in one write, with
 * the job loop answering in the background) against a bare Hono route inserting one row.
 */
export async function ingestBench(opts: { seconds: number; connections: number; texts: string[] }) {
  const baseline = await startChildServer("baseline");
  let baseRun: Awaited<ReturnType<typeof load>>;
  let baseCpu: { cpuMs: number };
  try {
    baseRun = await load(baseline.url, opts, (i) => ({ path: `/c/c${i % opts.connections}/messages`, headers: {} }));
  } finally {
    baseCpu = await baseline.stop();
  }
  const perMessage = (cpuMs: number, run: { ok: number }) => round((cpuMs * 1000) / Math.max(run.ok, 1), 0);

  const acceptOnly = await measureFrontdesk("frontdesk-accept-only", opts);
  const full = await measureFrontdesk("frontdesk", opts);
  const { run, memory } = full;
  return {
    connections: opts.connections,
    seconds: opts.seconds,
    rps: run.rps,
    p50Ms: run.p50,
    p99Ms: run.p99,
    errors: run.errors,
    baselineRps: baseRun.rps,
    baselineP50Ms: baseRun.p50,
    baselineP99Ms: baseRun.p99,
    ratio: round(run.rps / baseRun.rps),
    acceptOnlyRps: acceptOnly.run.rps,
    acceptOnlyP99Ms: acceptOnly.run.p99,
    acceptOnlyRatio: round(acceptOnly.run.rps / baseRun.rps),
    serverPeakRssMb: memory.peakRssMb,
    // Server CPU µs per accepted message (accept path only, job loop stopped) against the baseline's:
    // the cost behind the ratio, steady on a shared machine where msgs/s is not.
    acceptOnlyCpuUsPerMsg: perMessage(acceptOnly.memory.cpuMs, acceptOnly.run),
    baselineCpuUsPerMsg: perMessage(baseCpu.cpuMs, baseRun),
  };
}

async function measureFrontdesk(mode: "frontdesk" | "frontdesk-accept-only", opts: { seconds: number; connections: number; texts: string[] }) {
  const server = await startChildServer(mode);
  let run: Awaited<ReturnType<typeof load>>;
  let memory: { peakRssMb: number; cpuMs: number };
  try {
    // One conversation per connection, as 64 customers typing at once would have.
    const chats = await Promise.all(
      Array.from({ length: opts.connections }, async () => {
        const res = await fetch(`${server.url}/api/chat/conversations`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        return (await res.json()) as { conversationId: string; customerToken: string };
      }),
    );
    run = await load(server.url, opts, (i) => {
      const chat = chats[i % chats.length] as (typeof chats)[number];
      return { path: `/api/chat/conversations/${chat.conversationId}/messages`, headers: { authorization: `Bearer ${chat.customerToken}` } };
    });
  } finally {
    memory = await server.stop();
  }
  return { run, memory };
}

async function load(
  url: string,
  opts: { seconds: number; connections: number; texts: string[] },
  target: (i: number) => { path: string; headers: Record<string, string> },
) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    method: "POST",
    requests: [
      {
        setupRequest: (req) => {
          const n = i++;
          const t = target(n);
          return {
            ...req,
            method: "POST",
            path: t.path,
            headers: { ...t.headers, "content-type": "application/json" },
            body: JSON.stringify({ text: opts.texts[n % opts.texts.length] }),
          };
        },
      },
    ],
  });
  const ok = result["2xx"];
  const errors = result.non2xx + result.errors + result.timeouts;
  if (ok === 0) throw new Error(`no request to ${url} succeeded (${result.non2xx} non-2xx, ${result.errors} errors)`);
  return { ok, rps: round(ok / (result.duration || opts.seconds), 0), p50: result.latency.p50, p99: result.latency.p99, errors };
}
