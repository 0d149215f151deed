import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { sharpIntake } from "../../src/adapters/vision/sharp-intake.js";
import { engDataPath, tesseractOcr } from "../../src/adapters/vision/tesseract-ocr.js";
import { repoRoot } from "../helpers/harness.js";
import { textImage } from "../helpers/images.js";

const intake = sharpIntake({ maxBytes: 1e7, maxPixels: 4e7, maxSide: 2000, acceptHeic: false });

async function image(lines: string[]) {
  const result = await intake.normalise("t.png", new Uint8Array(await textImage(lines)));
  if (!result.ok) throw new Error(result.failure.message);
  return result.image;
}

describe("tesseract.js OCR", () => {
  const ocr = tesseractOcr({ timeoutMs: 15_000 });
  afterAll(() => ocr.close());

  it("loads the English model from node_modules, not from a CDN", () => {
    expect(engDataPath().startsWith(repoRoot)).toBe(true);
    expect(existsSync(`${engDataPath()}/eng.traineddata.gz`)).toBe(true);
  });

  it("reads an error code off a screenshot and reuses its worker for the next image", async () => {
    const first = await ocr.recognise(await image(["Payment failed", "Error E-4012: card declined"]));
    expect("text" in first && first.text).toMatch(/E-4012/);
    const second = await ocr.recognise(await image(["Second image"]));
    expect("text" in second && second.text).toMatch(/Second image/);
    // No worker start-up the second time.
    expect(second.ms).toBeLessThan(first.ms + 1000);
  });

  it("gives up on an image that overruns its time limit and recovers for the next one", async () => {
    const hurried = tesseractOcr({ timeoutMs: 1 });
    try {
      const result = await hurried.recognise(await image(["This takes longer than one millisecond"]));
      expect(result).toMatchObject({ retryable: true });
      expect("error" in result && result.error).toMatch(/longer than 1 ms/);
    } finally {
      await hurried.close();
    }
    const after = await ocr.recognise(await image(["still working"]));
    expect("text" in after && after.text).toMatch(/still working/);
  });
});
