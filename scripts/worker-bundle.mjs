#!/usr/bin/env node
// Bundles the worker exactly as `wrangler deploy` would (--dry-run: no account, no network), then
// proves two things: the bundle fits Workers' size limit, and nothing Node-only is inside it.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const outdir = "dist";
// Workers' limit on the compressed upload: 3 MiB on the free plan (10 MiB paid). We hold to the free one.
const limitKiB = Number(process.env.WORKER_BUNDLE_LIMIT_KIB ?? 3072);
// Anything that only runs on Node (native addons, Node-only SDKs, the file system).
const forbidden = [
  /node_modules\/better-sqlite3\//,
  /node_modules\/@slack\/bolt\//,
  /node_modules\/nodemailer\//,
  /node_modules\/tesseract\.js/,
  /node_modules\/sharp\//,
  /node_modules\/@hono\/node-server\//,
  /src\/adapters\/storage\/sqlite-node\.ts$/,
  /src\/entry\/node\.ts$/,
];

rmSync(outdir, { recursive: true, force: true });
const run = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir, "--metafile"], {
  encoding: "utf8",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});
process.stdout.write(run.stdout);
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  console.error("worker bundle: wrangler failed");
  process.exit(1);
}

const files = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f));
let raw = 0;
let gzip = 0;
for (const f of files) {
  const bytes = readFileSync(join(outdir, f));
  raw += statSync(join(outdir, f)).size;
  gzip += gzipSync(bytes, { level: 9 }).byteLength;
}
const meta = JSON.parse(readFileSync(join(outdir, "bundle-meta.json"), "utf8"));
const inputs = Object.keys(meta.inputs);
const nodeImports = Object.values(meta.outputs)
  .flatMap((o) => o.imports ?? [])
  .filter((i) => i.external && /^node:|^(fs|path|child_process|net|tls|worker_threads)$/.test(i.path))
  .map((i) => i.path);
const bad = inputs.filter((i) => forbidden.some((re) => re.test(i)));

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`worker bundle: ${files.join(", ")}: ${kib(raw)} raw, ${kib(gzip)} gzip (limit ${limitKiB} KiB gzip), ${inputs.length} input modules`);
let failed = false;
if (gzip > limitKiB * 1024) {
  console.error(`worker bundle: over the limit by ${kib(gzip - limitKiB * 1024)}`);
  failed = true;
}
if (bad.length > 0 || nodeImports.length > 0) {
  console.error(`worker bundle: Node-only code is reachable from src/entry/worker.ts:\n  ${[...bad, ...nodeImports].join("\n  ")}`);
  failed = true;
}
if (failed) process.exit(1);
console.log("worker bundle: ok (no Node-only modules)");
