import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { costBench, type Ticket } from "./cost.js";
import { ingestBench } from "./ingest.js";
import { machine, repoRoot, round, runChild, table } from "./lib.js";
import { overheadBench } from "./overhead.js";

/**
 * `npm run bench [-- --quick] [-- --json]`: every figure beside its same-run baseline, printed as a
 * table and written to bench/results/<date>[-quick].json. Servers run in child processes.
 */
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const asJson = args.includes("--json");
const log = (line = "") => process.stderr.write(`${line}\n`);

const tickets = readFileSync(join(repoRoot, "test/eval/messages.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Ticket);
const texts = tickets.map((t) => t.text);
const started = Date.now();
const load = loadavg()[0] ?? 0;

log(`frontdesk bench${quick ? " (quick)" : ""}: ingest…`);
const ingest = await ingestBench({ seconds: quick ? 3 : 10, connections: 64, texts });
log("search…");
type SearchResult = {
  sizes: {
    articles: number;
    p50Ms: number;
    p95Ms: number;
    plainP50Ms: number;
    plainP95Ms: number;
    ratio: number;
    loadSeconds: number;
    top10Agreement: number;
    top1Agreement: number;
  }[];
  peakRssMb: number;
};
const search = await runChild<SearchResult>("search.ts", ["--sizes", quick ? "1000,10000" : "1000,10000,100000,500000", "--rounds", "1"]);
log("turn overhead…");
const overhead = await overheadBench({ samples: quick ? 20 : 100, texts });
log("cost…");
const cost = await costBench(quick ? tickets.slice(0, 60) : tickets);
const largest = search.sizes.at(-1);
if (!largest) throw new Error("search benchmark returned no sizes");

const results = {
  date: new Date().toISOString(),
  quick,
  machine: { ...machine(), loadAverage1m: round(load, 2) },
  seconds: round((Date.now() - started) / 1000, 0),
  ingest,
  search: { p95Ms: largest.p95Ms, ratio: largest.ratio, articles: largest.articles, sizes: search.sizes },
  overhead,
  cost,
  memory: { peakRssMb: Math.max(ingest.serverPeakRssMb, search.peakRssMb), ingestServerMb: ingest.serverPeakRssMb, searchProcessMb: search.peakRssMb },
};

const yes = (ok: boolean) => (ok ? "yes" : "no");
const rows: (string | number)[][] = [
  ["1 ingest, 64 connections", "accepted msgs/s", ingest.rps, ingest.baselineRps, ingest.ratio, "≥ 0.5× baseline", yes(ingest.ratio >= 0.5)],
  ["", "latency p50 / p99 ms", `${ingest.p50Ms} / ${ingest.p99Ms}`, `${ingest.baselineP50Ms} / ${ingest.baselineP99Ms}`, "", "", ""],
  ["", "msgs/s, job loop stopped", ingest.acceptOnlyRps, ingest.baselineRps, ingest.acceptOnlyRatio, "(diagnostic)", ""],
  [
    "",
    "server CPU µs/msg, job loop stopped",
    ingest.acceptOnlyCpuUsPerMsg,
    ingest.baselineCpuUsPerMsg,
    round(ingest.baselineCpuUsPerMsg / Math.max(ingest.acceptOnlyCpuUsPerMsg, 1)),
    "(diagnostic)",
    "",
  ],
  ...search.sizes.map((s) => [
    `2 search, ${s.articles.toLocaleString("en")} articles`,
    "top-10 p50 / p95 ms",
    `${s.p50Ms} / ${s.p95Ms}`,
    `${s.plainP50Ms} / ${s.plainP95Ms}`,
    s.ratio,
    s === largest ? "≤ 1.5×, p95 ≤ 25 ms at 500k" : "≤ 1.5×",
    s === largest ? yes(s.ratio <= 1.5 && (s.articles < 500_000 || s.p95Ms <= 25)) : yes(s.ratio <= 1.5),
  ]),
  ...("acceptToModelRequest" in overhead && overhead.acceptToModelRequest && overhead.firstTokenToDelta
    ? [
        [
          "3 turn overhead",
          "accept → model request p50 / p95 ms",
          `${overhead.acceptToModelRequest.p50} / ${overhead.acceptToModelRequest.p95}`,
          "",
          "",
          "p95 ≤ 20 ms",
          yes(overhead.acceptToModelRequest.p95 <= 20),
        ],
        [
          "",
          "first token → delta p50 / p95 ms",
          `${overhead.firstTokenToDelta.p50} / ${overhead.firstTokenToDelta.p95}`,
          "",
          "",
          "p95 ≤ 20 ms",
          yes(overhead.firstTokenToDelta.p95 <= 20),
        ],
      ]
    : [
        [
          "3 turn overhead (offline responder)",
          "accept → reply p50 / p95 ms",
          `${overhead.acceptToReply.p50} / ${overhead.acceptToReply.p95}`,
          "",
          "",
          "p95 ≤ 20 ms",
          yes(overhead.p95Ms <= 20),
        ],
      ]),
  [`4 cost (${cost.mode})`, "cacheable prefix share, turn 2+", cost.cacheablePrefixShare, "", "", "≥ 0.7", yes(cost.cacheablePrefixShare >= 0.7)],
  [
    "",
    "USD per 1,000 tickets",
    cost.usdPer1000Tickets,
    "all-high" in cost || "usdPer1000TicketsAllHigh" in cost ? (cost as { usdPer1000TicketsAllHigh: number }).usdPer1000TicketsAllHigh : "",
    "",
    "below all-high",
    "",
  ],
  ["5 memory", "peak RSS MB (ingest server / search)", `${results.memory.ingestServerMb} / ${results.memory.searchProcessMb}`, "", "", "", ""],
];
const printed = table(["benchmark", "figure", "frontdesk", "baseline", "ratio", "target", "met"], rows);
const m = results.machine;
const header = `${results.date.slice(0, 16)}Z · ${m.nproc} × ${m.cpuModel} · ${m.memoryGb} GB · Node ${m.node} · load ${m.loadAverage1m} at start · ${results.seconds} s`;

mkdirSync(join(repoRoot, "bench/results"), { recursive: true });
const file = join(repoRoot, "bench/results", `${results.date.slice(0, 10)}${quick ? "-quick" : ""}.json`);
writeFileSync(file, `${JSON.stringify({ ...results, table: printed }, null, 2)}\n`);
console.log(header);
console.log(printed);
console.log(`results: ${file.replace(`${repoRoot}/`, "")}`);
if (asJson)
  console.log(
    JSON.stringify({
      ingest: { ratio: ingest.ratio, rps: ingest.rps, baselineRps: ingest.baselineRps, p50Ms: ingest.p50Ms, p99Ms: ingest.p99Ms },
      search: { p95Ms: largest.p95Ms, ratio: largest.ratio, articles: largest.articles },
      overhead: { p95Ms: overhead.p95Ms, measured: overhead.measured },
      cost: { cacheablePrefixShare: cost.cacheablePrefixShare, mode: cost.mode, usdPer1000Tickets: cost.usdPer1000Tickets },
      memory: { peakRssMb: results.memory.peakRssMb },
    }),
  );
