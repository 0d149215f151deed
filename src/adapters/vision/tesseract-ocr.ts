import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";
import type { Ocr } from "../../ports/vision.js";
import { prepareForOcr } from "./receipt-crop.js";

export type TesseractOptions = { timeoutMs: number };

/** Where `@tesseract.js-data/eng` keeps its LSTM-only model; resolved from node_modules so nothing is fetched. */
export function engDataPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");
}

/** Several lines holding nothing but an amount: the labels ended up in another block. */
function splitColumns(text: string): boolean {
  return text.split("\n").filter((l) => /^\s*-?\d{1,7}[.,]\d{2}\s*$/.test(l)).length >= 3;
}

/**
 * OCR on tesseract.js with one worker reused across jobs. Images are read one at a time (a worker
 * is single-threaded); a recognition that overruns its time limit terminates the worker, and the
 * next image starts a fresh one.
 */
export function tesseractOcr(opts: TesseractOptions): Ocr {
  let worker: Promise<Worker> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const langPath = engDataPath();

  const start = () =>
    createWorker("eng", OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      // "none": never read or write a cache in the working directory, never fall back to the CDN.
      cacheMethod: "none",
      logger: () => {},
      errorHandler: () => {},
    }).then(async (w) => {
      await w.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: "1", debug_file: "/dev/null" });
      return w;
    });

  const kill = async () => {
    const w = worker;
    worker = null;
    if (w) await w.then((x) => x.terminate()).catch(() => {});
  };

  const run = async (data: Uint8Array) => {
    const began = Date.now();
    // Grey, contrast-stretched (faint thermal receipts otherwise come back empty), cropped to the
    // print and straightened: a small receipt on a speckled A4 scan is otherwise read as noise.
    const { png: prepared } = await prepareForOcr(data);
    worker ??= start();
    const w = await worker;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), Math.max(1, opts.timeoutMs - (Date.now() - began)));
    });
    try {
      let result = await Promise.race([w.recognize(prepared), timeout]);
      if (result !== "timeout" && splitColumns(result.data.text)) {
        // Automatic layout split a receipt's amounts from their labels; read it again as one column.
        await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_COLUMN });
        const again = await Promise.race([w.recognize(prepared), timeout]);
        if (again !== "timeout") await w.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
        result = again;
      }
      if (result === "timeout") {
        await kill();
        return { error: `OCR took longer than ${opts.timeoutMs} ms`, retryable: true, ms: Date.now() - began };
      }
      return { text: result.data.text.replace(/[ \t]+\n/g, "\n").trim(), confidence: result.data.confidence / 100, ms: Date.now() - began };
    } catch (error) {
      await kill();
      return { error: `OCR failed: ${error instanceof Error ? error.message : String(error)}`, retryable: false, ms: Date.now() - began };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    recognise(image) {
      const next = queue.then(() => run(image.data));
      queue = next.catch(() => {});
      return next;
    },
    async warm() {
      worker ??= start();
      await worker.then(
        () => {},
        () => {
          worker = null;
        },
      );
    },
    close: kill,
  };
}
