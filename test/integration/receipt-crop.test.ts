import { afterAll, describe, expect, it } from "vitest";
import { findTextRegion, prepareForOcr } from "../../src/adapters/vision/receipt-crop.js";
import { sharpIntake } from "../../src/adapters/vision/sharp-intake.js";
import { tesseractOcr } from "../../src/adapters/vision/tesseract-ocr.js";
import { extractReceiptFields } from "../../src/core/attachments/receipt-fields.js";
import { RECEIPT_LINES, receiptOnScannedPage, textImage } from "../helpers/images.js";

// The server's own intake: a 2480×3508 scan is stored at 2000 px on its long side before OCR.
const intake = sharpIntake({ maxBytes: 50 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 2000, acceptHeic: false });

async function normalised(bytes: Buffer) {
  const r = await intake.normalise("scan.jpg", new Uint8Array(bytes));
  if (!r.ok) throw new Error(r.failure.message);
  return r.image;
}

describe("receipt inside a larger scan", () => {
  const ocr = tesseractOcr({ timeoutMs: 60_000 });
  afterAll(() => ocr.close());

  it("finds the receipt on a speckled A4 page and measures its tilt", async () => {
    const image = await normalised(await receiptOnScannedPage(4));
    const region = await findTextRegion(image.data);
    // The receipt sits at (900, 700) of 2480×3508, about 750×560 with its tilt: ×0.57 once stored.
    expect(region?.left).toBeGreaterThan(420);
    expect(region?.top).toBeGreaterThan(320);
    expect((region?.width ?? 0) * (region?.height ?? 0)).toBeLessThan(0.1 * image.width * image.height);
    expect(region?.angle).toBeCloseTo(4, 0);
  });

  it("leaves a receipt photographed close and upright as it is", async () => {
    const image = await normalised(await textImage(RECEIPT_LINES, { format: "jpeg" }));
    expect((await prepareForOcr(image.data)).region).toBeNull();
  });

  it("reads total, date and merchant of a tilted receipt on a speckled A4 scan", async () => {
    const read = await ocr.recognise(await normalised(await receiptOnScannedPage(-5)));
    const fields = extractReceiptFields("text" in read ? read.text : "");
    expect(fields.total?.value).toBe("11.20");
    expect(fields.date?.value).toBe("2025-11-02");
    expect(fields.merchant?.value).toBe("CORNER CAFE LTD");
  }, 90_000);
});
