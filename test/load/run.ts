/**
 * Load test for web chat (issue 10): N simulated customers against the real server in a child
 * process, with the strict fake OpenAI server answering each model call in 1–3 s. Bounded in count
 * and time, 127.0.0.1 only. `npm run test:load -- --quick` for a short smoke run.
 *
 * Exit code 1 when any accepted message was neither answered nor handed off, or any request failed
 * (5xx, other non-2xx, network error).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { startChild } from "../helpers/child-server.js";
import { defaultReply, type FakeReply, startFakeOpenAI } from "../helpers/fake-openai.js";
import { repoRoot, tempDir } from "../helpers/harness.js";

const { values: argv } = parseArgs({
  options: {
    conversations: { type: "string" },
    seconds: { type: "string" },
    quick: { type: "boolean", default: false },
    "job-concurrency": { type: "string" },
    "grace-seconds": { type: "string" },
    "delay-min-ms": { type: "string" },
    "delay-max-ms": { type: "string" },
    out: { type: "string" },
    /** Where the temp SQLite file goes (default: the OS temp dir), e.g. /dev/shm to take the disk out. */
    "db-dir": { type: "string" },
    /** e.g. "--max-old-space-size=160" to tell a leak (runs out of heap) from a lazy collector (plateaus). */
    "server-node-options": { type: "string" },
  },
});

const int = (v: string | undefined, def: number, name: string) => {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got ${v}`);
  return n;
};
const CONVERSATIONS = Math.min(int(argv.conversations, argv.quick ? 20 : 200, "conversations"), 1000);
const SECONDS = Math.min(int(argv.seconds, argv.quick ? 10 : 60, "seconds"), 600);
// Each turn holds a job slot for its model calls (triage + answer, 1–3 s each). To keep up, the
// slots must cover every customer who is waiting for a reply at once: up to one per conversation.
const JOB_CONCURRENCY = int(argv["job-concurrency"], 256, "job-concurrency");
const GRACE_MS = int(argv["grace-seconds"], 30, "grace-seconds") * 1000;
const DELAY_MIN = int(argv["delay-min-ms"], 1000, "delay-min-ms");
const DELAY_MAX = Math.max(DELAY_MIN, int(argv["delay-max-ms"], 3000, "delay-max-ms"));

const QUESTIONS = [
  "How do I reset my password?",
  "How do I turn on two-factor authentication?",
  "When do payouts arrive in my bank account?",
  "How do I pair my card reader?",
  "Where can I download my invoices?",
  "How do I change my email address?",
  "My receipt printer is not printing, what should I do?",
  "How do I update my payment method?",
  "How do I cancel my subscription?",
  "How long does hardware shipping take?",
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (min: number, max: number) => min + Math.random() * (max - min);
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!);
};

type Accepted = { conversationId: string; messageId: string; sentAt: number };
const stats = {
  conversationsOpened: 0,
  messagesSent: 0,
  accepted202: 0,
  non2xx: 0,
  status5xx: 0,
  status429: 0,
  networkErrors: 0,
  replies: 0,
  handoffs: 0,
  agentReplies: 0,
  sseErrors: 0,
  modelCalls: 0,
  acceptMs: [] as number[],
  replyMs: [] as number[],
  statusCounts: {} as Record<string, number>,
  errorSamples: [] as string[],
};
const accepted: Accepted[] = [];
const noteStatus = (status: number, what: string, body: string) => {
  stats.statusCounts[status] = (stats.statusCounts[status] ?? 0) + 1;
  if (status >= 200 && status < 300) return;
  stats.non2xx++;
  if (status >= 500) stats.status5xx++;
  if (status === 429) stats.status429++;
  if (stats.errorSamples.length < 20) stats.errorSamples.push(`${what} ${status} ${body.slice(0, 200)}`);
};
const noteNetworkError = (what: string, error: unknown) => {
  stats.networkErrors++;
  if (stats.errorSamples.length < 20) stats.errorSamples.push(`${what} ${String((error as Error)?.cause ?? error)}`);
};

/** [start, end] of every model call: their peak overlap is how many job slots the turns needed. */
const modelSpans: [number, number][] = [];
function peakOverlap(spans: [number, number][]): number {
  const edges = spans.flatMap(([a, b]) => [
    [a, 1],
    [b, -1],
  ]);
  edges.sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
  let now = 0;
  let peak = 0;
  for (const [, d] of edges) {
    now += d!;
    peak = Math.max(peak, now);
  }
  return peak;
}

type ChatMessage = { id: string; role: string; text: string };

/** One SSE stream per conversation; collects the non-customer messages it announces. */
function openStream(base: string, conversationId: string, token: string) {
  const controller = new AbortController();
  const replies: ChatMessage[] = [];
  const seen = new Set<string>();
  let notify: (() => void) | undefined;
  let ready!: () => void;
  let failed!: (e: unknown) => void;
  const opened = new Promise<void>((res, rej) => {
    ready = res;
    failed = rej;
  });
  const run = async () => {
    const res = await fetch(`${base}/api/chat/conversations/${conversationId}/stream`, {
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) {
      noteStatus(res.status, "GET stream", await res.text());
      throw new Error(`stream ${res.status}`);
    }
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = res.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = "message";
        let data = "";
        for (const line of frame.split("\n")) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data += line.slice(5).trimStart();
        }
        if (event === "status") ready();
        if (event !== "message" || !data) continue;
        const m = JSON.parse(data) as ChatMessage;
        if (m.role === "customer" || seen.has(m.id)) continue;
        seen.add(m.id);
        replies.push(m);
        notify?.();
      }
    }
  };
  const done = run().catch((e) => {
    if (controller.signal.aborted) return;
    stats.sseErrors++;
    if (stats.errorSamples.length < 20) stats.errorSamples.push(`SSE ${String((e as Error)?.cause ?? e)}`);
    failed(e);
  });
  return {
    opened,
    /** The first reply newer than `messageId` (ULIDs sort by time), or null at the deadline. */
    async replyTo(messageId: string, deadline: number): Promise<ChatMessage | null> {
      for (;;) {
        const i = replies.findIndex((m) => m.id > messageId);
        if (i >= 0) return replies.splice(0, i + 1)[i]!;
        const left = deadline - Date.now();
        if (left <= 0) return null;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          notify = () => {
            clearTimeout(t);
            resolve();
          };
        });
        notify = undefined;
      }
    },
    async close() {
      controller.abort();
      await done;
    },
  };
}

async function request(base: string, method: string, path: string, body: unknown, token?: string) {
  return fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function customer(base: string, endAt: number, hardEnd: number): Promise<void> {
  while (Date.now() < endAt) {
    let created: { conversationId: string; customerToken: string };
    try {
      const res = await request(base, "POST", "/api/chat/conversations", { name: "Load Tester" });
      const text = await res.text();
      noteStatus(res.status, "POST conversations", text);
      if (res.status !== 201) {
        await sleep(1000);
        continue;
      }
      created = JSON.parse(text);
      stats.conversationsOpened++;
    } catch (error) {
      noteNetworkError("POST conversations", error);
      await sleep(1000);
      continue;
    }
    const stream = openStream(base, created.conversationId, created.customerToken);
    try {
      await stream.opened;
    } catch {
      await stream.close();
      await sleep(1000);
      continue;
    }
    let handedOff = false;
    while (!handedOff && Date.now() < endAt) {
      const text = QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]!;
      const t0 = performance.now();
      const sentAt = Date.now();
      let messageId: string;
      stats.messagesSent++;
      try {
        const res = await request(base, "POST", `/api/chat/conversations/${created.conversationId}/messages`, { text }, created.customerToken);
        const body = await res.text();
        noteStatus(res.status, "POST messages", body);
        if (res.status !== 202) {
          await sleep(rand(500, 2000));
          continue;
        }
        stats.accepted202++;
        stats.acceptMs.push(performance.now() - t0);
        messageId = (JSON.parse(body) as { messageId: string }).messageId;
        accepted.push({ conversationId: created.conversationId, messageId, sentAt });
      } catch (error) {
        noteNetworkError("POST messages", error);
        await sleep(rand(500, 2000));
        continue;
      }
      const reply = await stream.replyTo(messageId, hardEnd);
      if (!reply) break; // counted as lost below unless the database shows an answer
      stats.replyMs.push(performance.now() - t0);
      if (reply.role === "assistant") stats.replies++;
      else if (reply.role === "agent") stats.agentReplies++;
      else {
        // A system message is the visible handoff; a person takes it from here, so start afresh.
        stats.handoffs++;
        handedOff = true;
      }
      if (Date.now() < endAt) await sleep(rand(500, 2000));
    }
    await stream.close();
  }
}

function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

function procState(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[0]!;
  } catch {
    return "?";
  }
}

/** Least-squares slope in MB per minute. */
function slopeMbPerMin(samples: { t: number; kb: number }[]): number | null {
  if (samples.length < 3) return null;
  const n = samples.length;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mk = samples.reduce((a, s) => a + s.kb, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.kb - mk);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den / 1024) * 60_000;
}

/** Per accepted message: how many non-customer messages follow it before the next customer message. */
function checkDatabase(path: string, all: Accepted[]) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const ids = [...new Set(all.map((a) => a.conversationId))];
    const byConversation = new Map<string, { id: string; role: string }[]>();
    const stmt = db.prepare("select id, role from messages where conversation_id = ? order by id");
    for (const id of ids) byConversation.set(id, stmt.all(id) as { id: string; role: string }[]);
    let answered = 0;
    let handedOff = 0;
    let lost = 0;
    let duplicated = 0;
    const lostIds: string[] = [];
    for (const a of all) {
      const msgs = byConversation.get(a.conversationId) ?? [];
      const at = msgs.findIndex((m) => m.id === a.messageId);
      const after: string[] = [];
      for (let i = at + 1; at >= 0 && i < msgs.length && msgs[i]!.role !== "customer"; i++) after.push(msgs[i]!.role);
      if (at < 0 || after.length === 0) {
        lost++;
        lostIds.push(a.messageId);
      } else if (after.includes("assistant") || after.includes("agent")) answered++;
      else handedOff++;
      if (after.filter((r) => r === "assistant").length > 1) duplicated++;
    }
    const jobs = Object.fromEntries(
      (db.prepare("select kind || ':' || status as k, count(*) as n from jobs group by kind, status").all() as { k: string; n: number }[]).map((r) => [
        r.k,
        r.n,
      ]),
    );
    const outbox = Object.fromEntries(
      (db.prepare("select status as k, count(*) as n from outbox group by status").all() as { k: string; n: number }[]).map((r) => [r.k, r.n]),
    );
    return { answered, handedOff, lost, duplicated, lostIds: lostIds.slice(0, 20), jobs, outbox };
  } finally {
    db.close();
  }
}

async function main() {
  const tmp = argv["db-dir"] ? { dir: mkdtempSync(join(argv["db-dir"], "frontdesk-load-")), cleanup() {} } : tempDir("frontdesk-load-");
  if (argv["db-dir"]) tmp.cleanup = () => rmSync(tmp.dir, { recursive: true, force: true });
  const dbPath = join(tmp.dir, "load.db");
  const fake = await startFakeOpenAI({
    handler: (req) => {
      stats.modelCalls++;
      const delayMs = Math.round(rand(DELAY_MIN, DELAY_MAX));
      modelSpans.push([req.at, req.at + delayMs]);
      return { ...(defaultReply(req) as Extract<FakeReply, { json: unknown }>), delayMs };
    },
  });
  // The fake keeps every request for assertions; a load run only needs the count.
  const trim = setInterval(() => fake.requests.splice(0, fake.requests.length), 5000);
  const server = await startChild({
    DATABASE_PATH: dbPath,
    OPENAI_API_KEY: "sk-load-test",
    OPENAI_BASE_URL: fake.url,
    REVIEW_MODE: "none",
    RETRIEVAL_MIN_SCORE: "2",
    RATE_LIMIT_IP_PER_MINUTE: "1000000",
    RATE_LIMIT_TOKEN_PER_MINUTE: "100000",
    JOB_CONCURRENCY: String(JOB_CONCURRENCY),
    OCR_WARM_START: "false",
    LOG_LEVEL: "warn",
    ...(argv["server-node-options"] ? { NODE_OPTIONS: argv["server-node-options"] } : {}),
  });
  const samples: { t: number; kb: number }[] = [];
  const t0 = Date.now();
  // Per second: the server's CPU use and scheduler state, to tell a busy server from a starved one.
  const cpuTrace: [number, number, string][] = [];
  let lastCpu = cpuSeconds(server.pid) ?? 0;
  const sampler = setInterval(() => {
    const kb = rssKb(server.pid);
    if (kb !== null) samples.push({ t: Date.now() - t0, kb });
    const c = cpuSeconds(server.pid);
    if (c !== null) cpuTrace.push([Math.round((Date.now() - t0) / 100) / 10, Math.round((c - lastCpu) * 100), procState(server.pid)]);
    lastCpu = c ?? lastCpu;
  }, 1000);
  const cpuStart = cpuSeconds(server.pid);
  const selfCpuStart = process.cpuUsage();
  // Latencies are measured by this process, so its own event-loop lag is reported next to them;
  // a /health probe every second shows how responsive the server stays.
  const selfLag = monitorEventLoopDelay({ resolution: 10 });
  selfLag.enable();
  const healthMs: number[] = [];
  const healthAt: [number, number][] = [];
  const prober = setInterval(() => {
    const h0 = performance.now();
    fetch(`${server.url}/health`)
      .then(async (r) => {
        await r.arrayBuffer();
        healthMs.push(performance.now() - h0);
        healthAt.push([Math.round((Date.now() - t0) / 100) / 10, Math.round(performance.now() - h0)]);
      })
      .catch((error) => noteNetworkError("GET /health", error));
  }, 1000);
  const first = rssKb(server.pid);
  if (first !== null) samples.push({ t: 0, kb: first });

  console.log(
    `frontdesk load: ${CONVERSATIONS} conversations for ${SECONDS} s, model ${DELAY_MIN}-${DELAY_MAX} ms per call, JOB_CONCURRENCY=${JOB_CONCURRENCY}, grace ${GRACE_MS / 1000} s`,
  );
  const endAt = t0 + SECONDS * 1000;
  const hardEnd = endAt + GRACE_MS;
  // Customers arrive over the first second rather than in one burst of 200 simultaneous creates.
  const customers = Array.from({ length: CONVERSATIONS }, (_, i) => sleep((i * 1000) / CONVERSATIONS).then(() => customer(server.url, endAt, hardEnd)));
  await Promise.all(customers);
  const finishedAt = Date.now();
  const cpuEnd = cpuSeconds(server.pid);
  const selfCpu = process.cpuUsage(selfCpuStart);
  const wallS = (finishedAt - t0) / 1000;
  const cpu = {
    serverPercent: cpuStart === null || cpuEnd === null ? null : Math.round(((cpuEnd - cpuStart) / wallS) * 100),
    loadGeneratorPercent: Math.round(((selfCpu.user + selfCpu.system) / 1e6 / wallS) * 100),
  };
  clearInterval(sampler);
  clearInterval(prober);
  selfLag.disable();
  clearInterval(trim);

  const dbCheck = checkDatabase(dbPath, accepted);
  const errorLines = server
    .output()
    .split("\n")
    .filter((l) => /"level":"(error|warn)"/.test(l));
  await server.kill("SIGTERM");
  await fake.close();
  tmp.cleanup();

  const run = samples.filter((s) => s.t <= SECONDS * 1000);
  // The first half is warm-up: V8 grows its heap to fit 200 open conversations. Growth that
  // continues through the second half is what a leak looks like.
  const warm = run.filter((s) => s.t >= (SECONDS * 1000) / 2);
  const kbs = run.map((s) => s.kb);
  const mb = (kb: number | undefined) => (kb === undefined ? null : Math.round(kb / 102.4) / 10);
  const slopeAll = slopeMbPerMin(run);
  const slopeWarm = slopeMbPerMin(warm);
  const peak = Math.max(...kbs);
  // Stable: in the second half, the trend adds less than 10% of the mean RSS per minute.
  const meanWarm = warm.reduce((a, s) => a + s.kb, 0) / Math.max(1, warm.length) / 1024;
  const stable = slopeWarm !== null && slopeWarm < meanWarm * 0.1;

  const result = {
    date: new Date(t0).toISOString(),
    machine: {
      nproc: (await import("node:os")).availableParallelism(),
      cpu: /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown",
      node: process.version,
    },
    config: {
      conversations: CONVERSATIONS,
      seconds: SECONDS,
      serverNodeOptions: argv["server-node-options"] ?? null,
      jobConcurrency: JOB_CONCURRENCY,
      modelDelayMs: [DELAY_MIN, DELAY_MAX],
      graceSeconds: GRACE_MS / 1000,
    },
    counts: {
      conversationsOpened: stats.conversationsOpened,
      messagesSent: stats.messagesSent,
      accepted202: stats.accepted202,
      non2xx: stats.non2xx,
      status5xx: stats.status5xx,
      status429: stats.status429,
      networkErrors: stats.networkErrors,
      sseErrors: stats.sseErrors,
      repliesSeen: stats.replies,
      handoffsSeen: stats.handoffs,
      agentRepliesSeen: stats.agentReplies,
      modelCalls: stats.modelCalls,
      peakConcurrentModelCalls: peakOverlap(modelSpans),
      statusCounts: stats.statusCounts,
    },
    database: dbCheck,
    lost: dbCheck.lost,
    latencyMs: {
      acceptP50: pct(stats.acceptMs, 50),
      acceptP99: pct(stats.acceptMs, 99),
      replyP50: pct(stats.replyMs, 50),
      replyP95: pct(stats.replyMs, 95),
      replyP99: pct(stats.replyMs, 99),
      replyMax: pct(stats.replyMs, 100),
      healthP50: pct(healthMs, 50),
      healthP99: pct(healthMs, 99),
      loadGeneratorLoopLagP99: Math.round(selfLag.percentile(99) / 1e6),
    },
    throughput: {
      acceptedPerSecond: Math.round((stats.accepted202 / SECONDS) * 10) / 10,
      answeredPerSecond: Math.round(((stats.replies + stats.handoffs + stats.agentReplies) / ((finishedAt - t0) / 1000)) * 10) / 10,
      drainSeconds: Math.round((finishedAt - endAt) / 100) / 10,
    },
    memory: {
      rssStartMb: mb(kbs[0]),
      rssPeakMb: mb(peak),
      rssEndMb: mb(kbs.at(-1)),
      slopeMbPerMin: slopeAll === null ? null : Math.round(slopeAll * 10) / 10,
      slopeSecondHalfMbPerMin: slopeWarm === null ? null : Math.round(slopeWarm * 10) / 10,
      stable,
      samples: samples.map((s) => [Math.round(s.t / 100) / 10, mb(s.kb)]),
    },
    cpu,
    /** [seconds into the run, ms] of every /health probe that took longer than 250 ms. */
    slowHealthProbes: healthAt.filter(([, ms]) => ms > 250),
    /** [seconds into the run, server CPU % in that second, process state] */
    cpuTrace,
    serverWarnings: errorLines.length,
    serverWarningSamples: errorLines.slice(0, 10).map((l) => l.slice(0, 300)),
    errorSamples: stats.errorSamples,
  };
  const failed = result.lost > 0 || stats.status5xx > 0 || stats.non2xx > 0 || stats.networkErrors > 0 || stats.sseErrors > 0;

  const rows: [string, unknown][] = [
    ["conversations opened", result.counts.conversationsOpened],
    ["messages sent", result.counts.messagesSent],
    ["accepted (202)", result.counts.accepted202],
    ["non-2xx / 5xx / 429", `${stats.non2xx} / ${stats.status5xx} / ${stats.status429}`],
    ["network / SSE errors", `${stats.networkErrors} / ${stats.sseErrors}`],
    ["replies seen (SSE)", stats.replies],
    ["handoffs seen (SSE)", stats.handoffs],
    ["DB: answered / handed off", `${dbCheck.answered} / ${dbCheck.handedOff}`],
    ["DB: lost / duplicate replies", `${dbCheck.lost} / ${dbCheck.duplicated}`],
    ["model calls (peak at once)", `${stats.modelCalls} (${result.counts.peakConcurrentModelCalls})`],
    ["accept p50 / p99 ms", `${result.latencyMs.acceptP50} / ${result.latencyMs.acceptP99}`],
    ["reply p50 / p95 / p99 ms", `${result.latencyMs.replyP50} / ${result.latencyMs.replyP95} / ${result.latencyMs.replyP99}`],
    ["GET /health p50 / p99 ms", `${result.latencyMs.healthP50} / ${result.latencyMs.healthP99}`],
    ["load generator loop lag p99 ms", result.latencyMs.loadGeneratorLoopLagP99],
    ["throughput accepted/s, answered/s", `${result.throughput.acceptedPerSecond}, ${result.throughput.answeredPerSecond}`],
    ["drain after end s", result.throughput.drainSeconds],
    ["RSS start / peak / end MB", `${result.memory.rssStartMb} / ${result.memory.rssPeakMb} / ${result.memory.rssEndMb}`],
    ["RSS slope MB/min (all, second half)", `${result.memory.slopeMbPerMin}, ${result.memory.slopeSecondHalfMbPerMin} (${stable ? "stable" : "GROWING"})`],
    ["CPU % server, load generator (of one core)", `${cpu.serverPercent}, ${cpu.loadGeneratorPercent}`],
    ["jobs", JSON.stringify(dbCheck.jobs)],
    ["server warn/error log lines", errorLines.length],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  for (const s of stats.errorSamples.slice(0, 5)) console.log(`  error: ${s}`);
  for (const s of errorLines.slice(0, 5)) console.log(`  server: ${s.slice(0, 300)}`);

  const out = argv.out ?? join(repoRoot, "test/load/results", `${result.date.replace(/[:.]/g, "-")}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${failed ? "FAIL" : "PASS"}: results in ${out}`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
