import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { ConfigError, parseSettings } from "../config/settings.js";
import { CasesFile } from "./conversations-eval/cases.js";
import { type CaseResult, runCase } from "./conversations-eval/run-case.js";
import { startNode } from "./node.js";

/**
 * `npm run eval:conversations -- <cases.yaml> [--json] [--only <id>]`: runs a company's own
 * multi-turn conversations through the real pipeline — an in-process server on a temporary SQLite
 * file with the knowledge in KNOWLEDGE_DIR and the model the environment configures (offline when
 * none) — and prints a pass/fail table. Exits 1 when a case fails, so it can gate a deploy.
 */
async function main() {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const json = args.includes("--json");
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--only");
  if (!file || !existsSync(file)) {
    console.error("usage: npm run eval:conversations -- <cases.yaml> [--json] [--only <case id>]");
    process.exit(2);
  }
  const parsed = CasesFile.safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    console.error(`${file} is not a valid cases file:\n${z.prettifyError(parsed.error)}`);
    process.exit(2);
  }
  const cases = parsed.data.cases.filter((c) => !only || c.id === only);

  const dir = mkdtempSync(join(tmpdir(), "frontdesk-eval-conversations-"));
  const staffKey = randomBytes(24).toString("hex");
  let node: Awaited<ReturnType<typeof startNode>> | undefined;
  try {
    const settings = parseSettings({
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_PATH: join(dir, "eval.db"),
      ADMIN_API_KEY: staffKey,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
      // The runner is the only client and polls.
      RATE_LIMIT_IP_PER_MINUTE: "1000000",
      RATE_LIMIT_TOKEN_PER_MINUTE: "1000000",
    });
    node = await startNode(settings);
    const model = settings.OPENAI_API_KEY || settings.OPENAI_BASE_URL ? settings.LLM_FAST_MODEL : "offline";
    const target = { url: node.url, staffKey, timeoutMs: Number(process.env.EVAL_TURN_TIMEOUT_MS ?? 20_000), quietMs: 800 };
    const results: CaseResult[] = [];
    for (const c of cases) {
      const result = await runCase(target, c).catch((error: unknown) => ({ id: c.id, passed: false, failures: [`runner error: ${String(error)}`], ms: 0 }));
      results.push(result);
      if (!json) console.error(`${result.passed ? "pass" : "FAIL"}  ${c.id}`);
    }
    const passed = results.filter((r) => r.passed).length;
    if (json) console.log(JSON.stringify({ file, responder: model, passed, total: results.length, cases: results }, null, 2));
    else printTable(results, model);
    process.exitCode = passed === results.length ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
    } else throw error;
  } finally {
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(results: CaseResult[], responder: string) {
  const width = Math.max(4, ...results.map((r) => r.id.length));
  console.log(`\n${"case".padEnd(width)}  result  why (responder: ${responder})`);
  for (const r of results) console.log(`${r.id.padEnd(width)}  ${r.passed ? "pass  " : "FAIL  "}  ${r.failures.join("; ")}`);
  const passed = results.filter((r) => r.passed).length;
  console.log(`\n${passed}/${results.length} cases pass`);
}

await main();
// Open sockets of the in-process server must not keep the process alive once the table is printed.
process.exit(process.exitCode ?? 0);
