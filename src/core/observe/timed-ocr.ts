import type { Metrics } from "../../ports/metrics.js";
import type { Ocr } from "../../ports/vision.js";

/** The OCR engine with each image's duration recorded (the slowest step of reading a receipt). */
export function timedOcr(ocr: Ocr, metrics: Metrics): Ocr {
  return {
    async recognise(image) {
      const started = performance.now();
      let ok = false;
      try {
        const result = await ocr.recognise(image);
        ok = true;
        return result;
      } finally {
        metrics.ocrDuration((performance.now() - started) / 1000, ok);
      }
    },
    warm: () => ocr.warm(),
    close: () => ocr.close(),
  };
}
