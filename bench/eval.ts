import { join, resolve } from "node:path";
import { ftsSearch } from "../src/adapters/storage/fts-search.js";
import { openSqlite } from "../src/adapters/storage/sqlite-node.js";
import { createStore } from "../src/adapters/storage/store.js";
import { parseSettings } from "../src/config/settings.js";
import { decideMatch } from "../src/core/responders/match-decision.js";
import { DEFAULT_RISK_TOPICS, triageRules } from "../src/core/triage/rules.js";
import type { Turn } from "../src/core/types.js";
import {
  confusionMatrix,
  type OfflineCase,
  offlineDecision,
  offlineReport,
  precisionRecall,
  type Route,
  retrievalMetrics,
  sweepThresholds,
} from "./eval-metrics.js";
import { type Labelled, loadKnowledge, loadQueries } from "./eval-sets.js";
import { progress, repoRoot, round, table } from "./lib.js";
import { runConversations } from "./pipeline.js";
import { tempDir } from "./temp.js";

/**
 * `npm run eval [-- --json] [-- --kb <dir|articles.jsonl> --queries <file.jsonl|file.csv>] [-- --all-intents] [-- --pipeline]`
 *
 * Retrieval (hit@1, hit@5, MRR) and the offline responder (answered, right, wrong, handed off,
 * precision = right / answered) always, with the server's search code on a temporary database; the
 * formats it reads are in eval-sets.ts. On the labelled set it also scores routing: without a model, the rules and the offline responder
 * (and sweeps the offline thresholds); with OPENAI_API_KEY or OPENAI_BASE_URL set (or --pipeline),
 * every message goes through a real server and its recorded turn: route, tokens and cost.
 */
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const asJson = flag("--json");
// How many needless handoffs one wrong automated answer is worth avoiding.
const wrongCost = Number(option("--wrong-cost") ?? 10);
const kbDir = resolve(option("--kb") ?? join(repoRoot, "knowledge"));
const queriesFile = resolve(option("--queries") ?? join(repoRoot, "test/eval/messages.jsonl"));
const outside = option("--kb") !== undefined || option("--queries") !== undefined;
const env = process.env;
const settings = parseSettings(env);
const withModel = !outside && (flag("--pipeline") || Boolean(settings.OPENAI_API_KEY || settings.OPENAI_BASE_URL));
const say = (line = "") => console.log(line);

const queries = loadQueries(queriesFile, { allIntents: flag("--all-intents") });
const tmp = tempDir("frontdesk-eval-");
const result: Record<string, unknown> = { queries: queriesFile.replace(`${repoRoot}/`, ""), kb: kbDir.replace(`${repoRoot}/`, "") };

try {
  // Retrieval, and the model-free routing (rules + offline responder), on a temporary database.
  const sqlite = openSqlite(join(tmp.dir, "eval.db"));
  const store = createStore(sqlite.db, sqlite.runBatch);
  const kb = await loadKnowledge(store, kbDir);
  for (const error of kb.errors) console.error(`kb: ${error}`);
  const known = new Set((await store.listArticles({ limit: 100_000 })).map((a) => a.slug));
  const search = ftsSearch(sqlite.db);
  const ranked: { q: Labelled; slugs: string[]; hits: { slug: string; title: string; score: number }[]; ruleHandoff: boolean }[] = [];
  for (const [i, q] of queries.entries()) {
    const hits = await search.search(q.text, { limit: 10 });
    const rules = triageRules(q.text, DEFAULT_RISK_TOPICS);
    ranked.push({ q, slugs: hits.map((h) => h.slug), hits: hits.slice(0, 5), ruleHandoff: rules.humanRequested || rules.risks.length > 0 });
    progress("retrieval", i + 1, queries.length);
  }
  sqlite.close();
  const unknown = [...new Set(queries.flatMap((q) => q.articles).filter((s) => !known.has(s)))];
  if (unknown.length) console.error(`warning: expected articles not in ${kbDir}: ${unknown.join(", ")}`);

  const retrieval = retrievalMetrics(ranked.map((r) => ({ expected: r.q.articles, ranked: r.slugs })));
  result.retrieval = retrieval;
  say(
    `Retrieval over ${retrieval.n} queries with expected articles (${kb.created} articles): hit@1 ${retrieval.hit1}, hit@5 ${retrieval.hit5}, MRR ${retrieval.mrr}`,
  );

  // The offline responder as it runs: the rules hand off first, then the clear-match rule decides.
  const thresholds = { minScore: settings.OFFLINE_MIN_SCORE, minMargin: settings.OFFLINE_MIN_MARGIN };
  const decided = ranked
    .map((r) => ({
      tag: r.q.tags?.[0],
      expected: r.q.expectedRoute === "human" ? [] : r.q.articles,
      decision: r.ruleHandoff ? ({ kind: "none", reason: "rules" } as const) : decideMatch(r.q.text, r.hits, thresholds),
    }))
    .map((d) => ({
      ...d,
      answered: d.decision.kind === "answer" ? d.decision.hit.slug : null,
      choices: d.decision.kind === "ambiguous" ? d.decision.candidates.map((h) => h.slug) : undefined,
    }));
  const offline = offlineReport(decided);
  result.offline = offline;
  say(
    `Offline responder over ${offline.all.n} queries: answered ${offline.all.answered} (right ${offline.all.right}, wrong ${offline.all.wrong}), handed off ${offline.all.handedOff} (${offline.all.ambiguous} of them with 2–3 choices, the right one among them in ${offline.all.choicesRight}); precision ${offline.all.precision}, right on ${offline.all.coverage} of all`,
  );
  if (offline.byTag.length > 1 && offline.byTag.length <= 40) {
    say(
      table(
        ["tag", "n", "answered", "right", "wrong", "handed off", "precision", "right/n"],
        offline.byTag.map((t) => [t.tag, t.n, t.answered, t.right, t.wrong, t.handedOff, t.precision, t.coverage]),
      ),
    );
  }

  const labelled = ranked.filter((r) => r.q.expectedRoute);
  if (labelled.length > 0) {
    const isHuman = (r: (typeof labelled)[number]) => r.q.expectedRoute === "human";
    // Rules alone: what is handed off before any search or model.
    const rules = precisionRecall(labelled.map((r) => ({ actual: isHuman(r), predicted: r.ruleHandoff })));
    // Offline responder on what the rules let through, at the configured thresholds.
    const minScore = settings.OFFLINE_MIN_SCORE;
    const minMargin = settings.OFFLINE_MIN_MARGIN;
    const cases: OfflineCase[] = labelled
      .filter((r) => !r.ruleHandoff)
      .map((r) => ({ question: r.q.text, hits: r.hits, expected: isHuman(r) ? [] : r.q.articles }));
    const current = sweepThresholds(cases, [minScore], [minMargin], wrongCost)[0];
    const predicted = labelled.map((r) => {
      if (r.ruleHandoff) return "human" as const;
      return offlineDecision(r.q.text, r.hits, minScore, minMargin) === null ? ("human" as const) : ("answered" as const);
    });
    const matrix = confusionMatrix(
      labelled.map((r, i) => ({ expected: r.q.expectedRoute as Route, predicted: predicted[i] as "answered" | "human" })),
      ["fast", "high", "human"] as const,
      ["answered", "human"] as const,
    );
    const offlineHandoff = precisionRecall(labelled.map((r, i) => ({ actual: isHuman(r), predicted: predicted[i] === "human" })));
    say();
    say(
      `Routing without a model (rules, then the offline responder at OFFLINE_MIN_SCORE=${minScore}, OFFLINE_MIN_MARGIN=${minMargin}), ${labelled.length} messages:`,
    );
    say(
      table(
        ["expected \\ got", "answered offline", "human"],
        (["fast", "high", "human"] as const).map((e) => [e, matrix[e].answered, matrix[e].human]),
      ),
    );
    say(`rule handoffs: precision ${rules.precision}, recall ${rules.recall} (tp ${rules.tp}, fp ${rules.fp}, fn ${rules.fn})`);
    say(`all handoffs: precision ${offlineHandoff.precision}, recall ${offlineHandoff.recall}`);
    say(`offline answers: ${current?.answered} (right ${current?.right}, wrong ${current?.wrong}, precision ${current?.precision})`);

    const sweep = sweepThresholds(cases, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16], [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.75, 2, 2.5, 3], wrongCost);
    const best = sweep[0];
    say();
    say(`Offline threshold sweep (utility = right − ${wrongCost} × wrong; best five):`);
    say(
      table(
        ["min score", "min margin", "answered", "right", "wrong", "precision", "utility"],
        sweep.slice(0, Number(option("--sweep-rows") ?? 5)).map((s) => [s.minScore, s.minMargin, s.answered, s.right, s.wrong, s.precision, s.utility]),
      ),
    );
    result.routing = {
      mode: "rules+offline",
      n: labelled.length,
      confusion: matrix,
      ruleHandoff: rules,
      handoff: offlineHandoff,
      offline: current,
      sweepBest: best,
    };
    result.cost = { usd: 0, note: "no model calls without OPENAI_API_KEY / OPENAI_BASE_URL" };
  }

  if (withModel && labelled.length > 0) result.pipeline = await runPipeline(labelled.map((r) => r.q));
} finally {
  tmp.cleanup();
}
if (asJson) console.log(JSON.stringify(result));

/** Every labelled message through a real server (HTTP in, job loop, responder) and its recorded turn. */
async function runPipeline(items: Labelled[]) {
  const run = await runConversations(
    env,
    kbDir,
    items.map((q) => [q.text]),
    Number(env.EVAL_CONCURRENCY ?? 4),
  );
  const responder = run.responder;
  const turns = items.map((q, i) => ({ q, turn: run.turns[i]?.[0] as Turn }));
  const route = (t: Turn): Route => (t.route === "offline" ? "fast" : t.route);
  const matrix = confusionMatrix(
    turns.map(({ q, turn }) => ({ expected: q.expectedRoute as Route, predicted: turn.route })),
    ["fast", "high", "human"] as const,
    ["offline", "fast", "high", "human"] as const,
  );
  const handoff = precisionRecall(turns.map(({ q, turn }) => ({ actual: q.expectedRoute === "human", predicted: turn.route === "human" })));
  const exact = turns.filter(({ q, turn }) => route(turn) === q.expectedRoute).length;
  const byRoute: Record<string, { turns: number; input: number; cached: number; output: number; usd: number }> = {};
  for (const { turn } of turns) {
    const r = byRoute[turn.route] ?? { turns: 0, input: 0, cached: 0, output: 0, usd: 0 };
    byRoute[turn.route] = r;
    r.turns++;
    r.input += turn.inputTokens;
    r.cached += turn.cachedTokens;
    r.output += turn.outputTokens;
    r.usd += turn.costUsd;
  }
  const usd = turns.reduce((s, { turn }) => s + turn.costUsd, 0);
  say();
  say(`Whole pipeline (responder: ${responder}), ${turns.length} messages:`);
  say(
    table(
      ["expected \\ got", "offline", "fast", "high", "human"],
      (["fast", "high", "human"] as const).map((e) => [e, ...Object.values(matrix[e])]),
    ),
  );
  say(`route accuracy ${round(exact / Math.max(1, turns.length), 3)}; handoff precision ${handoff.precision}, recall ${handoff.recall}`);
  say(
    table(
      ["route", "turns", "input tok/turn", "cached tok/turn", "output tok/turn", "USD/turn"],
      Object.entries(byRoute).map(([r, v]) => [
        r,
        v.turns,
        round(v.input / v.turns, 0),
        round(v.cached / v.turns, 0),
        round(v.output / v.turns, 0),
        round(v.usd / v.turns, 6),
      ]),
    ),
  );
  say(`cost: $${round(usd, 4)} for ${turns.length} tickets = $${round((usd / Math.max(1, turns.length)) * 1000, 2)} per 1,000 tickets`);
  return {
    responder,
    n: turns.length,
    confusion: matrix,
    accuracy: round(exact / Math.max(1, turns.length), 3),
    handoff,
    byRoute,
    costUsd: round(usd, 6),
    usdPer1000: round((usd / Math.max(1, turns.length)) * 1000, 4),
  };
}
