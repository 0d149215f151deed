import { spawn } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "..");

/** Nearest-rank percentile of an unsorted sample (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function summarize(values: number[]) {
  return { n: values.length, p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), p99: round(percentile(values, 99)) };
}

export function round(n: number, digits = 2): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function machine() {
  const cpu = cpus();
  return {
    nproc: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? "unknown",
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Peak resident set size of this process so far, in MB (getrusage maxrss; KB on Linux and macOS per Node docs). */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

/** A small deterministic PRNG so generated data is the same on every run. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `bench/<script>` in its own Node process (so its memory and event loop are its own) and
 * returns the JSON object it prints as its last stdout line.
 */
export function runChild<T>(script: string, args: string[] = [], env: Record<string, string> = {}, timeoutMs = 15 * 60_000): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", resolve(repoRoot, "bench", script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`bench/${script} exited with ${code}`));
      try {
        resolvePromise(JSON.parse(last) as T);
      } catch {
        reject(new Error(`bench/${script} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** Fixed-width text table for the terminal and the README. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

export function progress(label: string, done: number, total: number) {
  if (!process.stderr.isTTY && done !== total) return;
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
}

/** Starts bench/server-child.ts and returns its URL and a stop() that yields its peak RSS. */
export async function startChildServer(mode: "frontdesk" | "frontdesk-accept-only" | "baseline", env: Record<string, string> = {}) {
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", resolve(repoRoot, "bench/server-child.ts"), mode], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    let i = buffer.indexOf("\n");
    while (i >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (waiting) {
        const w = waiting;
        waiting = null;
        w(line);
      } else lines.push(line);
      i = buffer.indexOf("\n");
    }
  });
  const nextLine = () =>
    new Promise<string>((resolveLine, reject) => {
      const ready = lines.shift();
      if (ready !== undefined) return resolveLine(ready);
      waiting = resolveLine;
      child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code}`)));
    });
  const started = JSON.parse(await nextLine()) as { url: string; responder: string | null };
  return {
    url: started.url,
    responder: started.responder,
    async stop(): Promise<{ peakRssMb: number; cpuMs: number }> {
      child.stdin.write("stop\n");
      return JSON.parse(await nextLine()) as { peakRssMb: number; cpuMs: number };
    },
  };
}
