import { join } from "node:path";
import { encode } from "gpt-tokenizer";
import { importKnowledgeDir } from "../src/adapters/kb/import-dir.js";
import { ftsSearch } from "../src/adapters/storage/fts-search.js";
import { openSqlite } from "../src/adapters/storage/sqlite-node.js";
import { createStore } from "../src/adapters/storage/store.js";
import { extract } from "../src/core/responders/offline.js";
import { triageRules } from "../src/core/triage/rules.js";
import type { SearchHit } from "../src/core/types.js";
import { startFakeOpenAI } from "./fake-openai.js";
import { repoRoot, round } from "./lib.js";
import { runConversations } from "./pipeline.js";
import { tempDir } from "./temp.js";

/**
 * Benchmark 4: tokens per turn by route and the share of input that is a cacheable repeated prefix
 * from the second turn on. Every labelled message opens a conversation and is followed by a
 * follow-up question, so each ticket has two turns.
 *
 * With a model responder wired, this is measured: the real server talks to the instant fake model,
 * which counts tokens and applies OpenAI's prompt-caching rule, and costs come from the model
 * layer's price table via the turn trace. Without one, it is an estimate from the prompt layout the
 * model issue prescribes (policy, tool definitions, knowledge, then the conversation), with the
 * assumptions listed in `assumptions`.
 */
const FOLLOW_UPS = [
  "thanks, and how long does that usually take?",
  "ok I tried that but it still doesn't work",
  "does this work the same on the starter plan?",
  "great. and can my staff do this too or only the owner?",
];

export type Ticket = { text: string; expectedRoute: "fast" | "high" | "human" };

export async function costBench(tickets: Ticket[]) {
  const fake = await startFakeOpenAI();
  try {
    const env = { ...process.env, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "bench-key" };
    const probe = await runConversations(env, join(repoRoot, "knowledge"), [], 1);
    if (probe.responder !== "offline") return await measured(env, tickets);
  } finally {
    await fake.close();
  }
  return await estimated(tickets);
}

async function measured(env: Record<string, string | undefined>, tickets: Ticket[]) {
  const run = await runConversations(
    env,
    join(repoRoot, "knowledge"),
    tickets.map((t, i) => [t.text, FOLLOW_UPS[i % FOLLOW_UPS.length] as string]),
  );
  const byRoute: Record<string, { turns: number; input: number; cached: number; output: number; usd: number }> = {};
  let laterInput = 0;
  let laterCached = 0;
  let usd = 0;
  for (const turns of run.turns) {
    for (const [i, t] of turns.entries()) {
      const r = byRoute[t.route] ?? { turns: 0, input: 0, cached: 0, output: 0, usd: 0 };
      byRoute[t.route] = r;
      r.turns++;
      r.input += t.inputTokens;
      r.cached += t.cachedTokens;
      r.output += t.outputTokens;
      r.usd += t.costUsd;
      usd += t.costUsd;
      if (i > 0) {
        laterInput += t.inputTokens;
        laterCached += t.cachedTokens;
      }
    }
  }
  return {
    mode: "measured" as const,
    responder: run.responder,
    tickets: tickets.length,
    byRoute: perTurn(byRoute),
    cacheablePrefixShare: round(laterCached / Math.max(1, laterInput), 3),
    usdPer1000Tickets: round((usd / Math.max(1, tickets.length)) * 1000, 4),
    note: "instant fake model: token counts and caching are real for frontdesk's prompts; output and reasoning tokens are the fake's",
  };
}

// Assumptions of the estimate, stated in the results so nobody mistakes it for a measurement.
const ASSUMED = {
  policyTokens: 800,
  toolTokens: 350,
  articlesInContext: 5,
  outputTokens: { fast: 300, high: 2000 },
  pricesPer1M: { model: "gpt-5-mini list price", input: 0.25, cachedInput: 0.025, output: 2.0 },
  minCacheTokens: 1024,
};

async function estimated(tickets: Ticket[]) {
  const tmp = tempDir("frontdesk-cost-");
  const sqlite = openSqlite(join(tmp.dir, "cost.db"));
  try {
    await importKnowledgeDir(createStore(sqlite.db, sqlite.runBatch), join(repoRoot, "knowledge"));
    const search = ftsSearch(sqlite.db);
    // Distinct filler tokens stand in for the policy and tool definitions: only their length matters.
    const fixed = Array.from({ length: ASSUMED.policyTokens + ASSUMED.toolTokens }, (_, i) => 1_000_000 + i);
    const knowledge = (hits: SearchHit[]) =>
      hits.flatMap((h) => encode(`<article id="${h.articleId}" version="${h.version}" title="${h.title}">\n${h.body}\n</article>\n`));
    const msg = (role: string, text: string) => encode(`${role}: ${text}\n`);
    const layouts = { reretrieved: { input: 0, cached: 0 }, appendOnly: { input: 0, cached: 0 } };
    const routes: Record<string, { turns: number; calls: number; input: number; cached: number; output: number; usd: number }> = {};
    let usd = 0;
    let allHighUsd = 0;
    const price = (input: number, cached: number, output: number) =>
      ((input - cached) * ASSUMED.pricesPer1M.input + cached * ASSUMED.pricesPer1M.cachedInput + output * ASSUMED.pricesPer1M.output) / 1e6;
    for (const [i, t] of tickets.entries()) {
      const follow = FOLLOW_UPS[i % FOLLOW_UPS.length] as string;
      const k1 = await search.search(t.text, { limit: ASSUMED.articlesInContext, withBody: true });
      const k2 = await search.search(follow, { limit: ASSUMED.articlesInContext, withBody: true });
      const reply = k1[0]?.body ? extract(k1[0].body) : "I've passed this to our team.";
      const turn1 = [...fixed, ...knowledge(k1), ...msg("customer", t.text)];
      // Knowledge re-retrieved for each turn, placed before the conversation.
      const reretrieved = [...fixed, ...knowledge(k2), ...msg("customer", t.text), ...msg("assistant", reply), ...msg("customer", follow)];
      // Earlier context kept in place; only what is new is appended.
      const fresh = k2.filter((h) => !k1.some((x) => x.articleId === h.articleId));
      const appendOnly = [...turn1, ...msg("assistant", reply), ...knowledge(fresh), ...msg("customer", follow)];
      const cachedOf = (next: number[]) => {
        let n = 0;
        while (n < turn1.length && n < next.length && turn1[n] === next[n]) n++;
        return n >= ASSUMED.minCacheTokens ? Math.floor(n / 128) * 128 : 0;
      };
      layouts.reretrieved.input += reretrieved.length;
      layouts.reretrieved.cached += cachedOf(reretrieved);
      layouts.appendOnly.input += appendOnly.length;
      layouts.appendOnly.cached += cachedOf(appendOnly);

      // Calls per turn by route: rules-only handoffs make none; fast makes one; high tries fast first.
      const ruleHandoff = (() => {
        const r = triageRules(t.text);
        return r.humanRequested || r.risks.length > 0;
      })();
      const calls: ("fast" | "high")[] = ruleHandoff ? [] : t.expectedRoute === "high" ? ["fast", "high"] : ["fast"];
      const r = routes[t.expectedRoute] ?? { turns: 0, calls: 0, input: 0, cached: 0, output: 0, usd: 0 };
      routes[t.expectedRoute] = r;
      for (const [turnIndex, input, cached] of [
        [0, turn1.length, 0],
        [1, appendOnly.length, cachedOf(appendOnly)],
      ] as const) {
        r.turns++;
        for (const [c, mode] of calls.entries()) {
          // A second call in the same turn repeats the whole prompt, so all of it can be cached.
          const cachedHere = c === 0 ? cached : input >= ASSUMED.minCacheTokens ? Math.floor(input / 128) * 128 : 0;
          const out = ASSUMED.outputTokens[mode];
          const cost = price(input, cachedHere, out);
          r.calls++;
          r.input += input;
          r.cached += cachedHere;
          r.output += out;
          r.usd += cost;
          usd += cost;
        }
        allHighUsd += price(input, turnIndex === 0 ? 0 : cached, ASSUMED.outputTokens.high);
      }
    }
    return {
      mode: "estimate" as const,
      responder: "offline (no model responder wired yet)",
      tickets: tickets.length,
      byRoute: perTurn(routes),
      cacheablePrefixShare: round(layouts.appendOnly.cached / Math.max(1, layouts.appendOnly.input), 3),
      cacheablePrefixShareIfReretrieved: round(layouts.reretrieved.cached / Math.max(1, layouts.reretrieved.input), 3),
      usdPer1000Tickets: round((usd / Math.max(1, tickets.length)) * 1000, 2),
      usdPer1000TicketsAllHigh: round((allHighUsd / Math.max(1, tickets.length)) * 1000, 2),
      assumptions: ASSUMED,
    };
  } finally {
    sqlite.close();
    tmp.cleanup();
  }
}

function perTurn(routes: Record<string, { turns: number; input: number; cached: number; output: number; usd: number }>) {
  return Object.fromEntries(
    Object.entries(routes).map(([route, v]) => [
      route,
      {
        turns: v.turns,
        inputPerTurn: round(v.input / v.turns, 0),
        cachedPerTurn: round(v.cached / v.turns, 0),
        outputPerTurn: round(v.output / v.turns, 0),
        usdPerTurn: round(v.usd / v.turns, 6),
      },
    ]),
  );
}
