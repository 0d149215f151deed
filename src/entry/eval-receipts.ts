import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { ConfigError, parseSettings } from "../config/settings.js";
import { fromModel, mergeReceipt, readImageWithModel } from "../core/attachments/read-attachment.js";
import { extractReceiptFields } from "../core/attachments/receipt-fields.js";
import { ScoreBoard, SROIE_FIELDS, type SroieKey } from "../core/attachments/receipt-score.js";
import { nodeVision } from "./node.js";

/**
 * `npm run eval:receipts -- <dir>`: exact-match precision, recall and F1 per SROIE field for the
 * offline path (OCR + rules) and, when a model is configured, the model path. Nothing is copied or stored.
 */
async function main() {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const verbose = args.includes("--verbose") || args.includes("-v");
  const dir = args.find((a) => !a.startsWith("-"));
  if (!dir || !existsSync(join(dir, "img")) || !existsSync(join(dir, "key"))) {
    console.error("usage: npm run eval:receipts -- <dir> [--verbose]   (<dir>/img/NNN.jpg and <dir>/key/NNN.json, the SROIE layout)");
    process.exit(2);
  }
  let settings: ReturnType<typeof parseSettings>;
  try {
    settings = parseSettings(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const images = readdirSync(join(dir, "img"))
    .filter((f) => /\.(jpe?g|png|webp|gif)$/i.test(f))
    .sort();
  // The server's own readers; scans are larger than chat uploads, and OCR is always on here.
  const { intake, ocr, model } = nodeVision({ ...settings, IMAGE_MAX_BYTES: 50 * 1024 * 1024, OCR_ENABLED: true, VISION_ENABLED: true });
  if (!ocr) throw new Error("OCR is required for the offline path");
  const offlineBoard = new ScoreBoard();
  const modelBoard = new ScoreBoard();
  const failures: string[] = [];
  let escalations = 0;
  const started = Date.now();
  const progress = (done: number, label: string) => {
    const width = 30;
    const filled = Math.round((done / images.length) * width);
    const elapsed = (Date.now() - started) / 1000;
    const eta = done ? (elapsed / done) * (images.length - done) : 0;
    process.stderr.write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${images.length} ${elapsed.toFixed(0)}s eta ${eta.toFixed(0)}s ${label.padEnd(20).slice(0, 20)}`,
    );
  };

  const perReceiptMs: number[] = [];
  // CPU time of the whole process (the OCR worker thread included): on a shared machine wall time
  // says as much about the neighbours as about frontdesk.
  const cpuStart = process.cpuUsage();
  for (const [i, file] of images.entries()) {
    progress(i, file);
    const began = Date.now();
    const id = basename(file, extname(file));
    const keyPath = join(dir, "key", `${id}.json`);
    if (!existsSync(keyPath)) {
      failures.push(`${file}: no key/${id}.json`);
      continue;
    }
    const key = JSON.parse(readFileSync(keyPath, "utf8")) as SroieKey;
    const normalised = await intake.normalise(file, new Uint8Array(readFileSync(join(dir, "img", file))));
    if (!normalised.ok) {
      failures.push(`${file}: ${normalised.failure.message}`);
      offlineBoard.add(key, undefined);
      if (model) modelBoard.add(key, undefined);
      continue;
    }
    const read = await ocr.recognise(normalised.image);
    const text = "text" in read ? read.text : "";
    if ("error" in read) failures.push(`${file}: ${read.error}`);
    const offline = extractReceiptFields(text);
    perReceiptMs.push(Date.now() - began);
    const row = offlineBoard.add(key, offline);
    if (verbose)
      process.stderr.write(
        `\n${file} offline ${SROIE_FIELDS.map((f) => `${f}=${row[f].match ? "ok" : `${JSON.stringify(row[f].predicted)}≠${JSON.stringify(row[f].gold)}`}`).join(" ")}\n`,
      );
    if (model) {
      const result = await readImageWithModel(model, normalised.image, text, offline);
      if (result.escalated) escalations++;
      if (result.error) failures.push(`${file}: model: ${result.error}`);
      modelBoard.add(key, result.reading ? mergeReceipt(offline, fromModel(result.reading, 0.85)).fields : undefined);
    }
  }
  progress(images.length, "done");
  process.stderr.write("\n");
  await ocr.close();

  const table = (name: string, board: ScoreBoard) => {
    const scores = board.scores();
    console.log(`\n${name}`);
    console.log(`${"field".padEnd(10)} ${"precision".padStart(9)} ${"recall".padStart(7)} ${"F1".padStart(6)}   matched/predicted/gold`);
    for (const field of [...SROIE_FIELDS, "overall"] as const) {
      const s = scores[field];
      console.log(
        `${field.padEnd(10)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(7)} ${s.f1.toFixed(3).padStart(6)}   ${s.tp}/${s.predicted}/${s.gold}`,
      );
    }
  };
  console.log(`${images.length} receipts from ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (perReceiptMs.length) {
    // The first receipt also pays for starting the OCR engine; the server warms it at start-up.
    const sorted = [...perReceiptMs].sort((a, b) => a - b);
    const mean = perReceiptMs.reduce((a, b) => a + b, 0) / perReceiptMs.length;
    const cpu = process.cpuUsage(cpuStart);
    console.log(
      `offline read per receipt (intake + crop/deskew + OCR + rules): mean ${(mean / 1000).toFixed(2)} s, median ${((sorted[Math.floor(sorted.length / 2)] ?? 0) / 1000).toFixed(2)} s, max ${((sorted.at(-1) ?? 0) / 1000).toFixed(2)} s wall; ${((cpu.user + cpu.system) / 1e6 / perReceiptMs.length).toFixed(2)} s CPU`,
    );
  }
  table("offline (tesseract.js OCR + rules)", offlineBoard);
  if (model) table(`model (${settings.VISION_MODEL ?? settings.LLM_FAST_MODEL}; ${escalations} escalated to high effort)`, modelBoard);
  else console.log("\nmodel path skipped: set OPENAI_API_KEY to evaluate it");
  if (failures.length) console.log(`\nproblems:\n${failures.map((f) => `  ${f}`).join("\n")}`);
}

await main();
