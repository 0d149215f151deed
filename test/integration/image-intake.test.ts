import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sharpIntake } from "../../src/adapters/vision/sharp-intake.js";
import { animatedGif, jpegWithGps, pngBombHeader, solidPng, truncatedJpeg } from "../helpers/images.js";

const intake = sharpIntake({ maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 1000, acceptHeic: false });
const bytes = (b: Buffer) => new Uint8Array(b);

describe("sharp image intake", () => {
  it("removes GPS and camera EXIF from the stored copy", async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const result = await intake.normalise("holiday.jpg", bytes(original));
    if (!result.ok) throw new Error(result.failure.message);
    const meta = await sharp(Buffer.from(result.image.data)).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(Buffer.from(result.image.data).includes(Buffer.from("PhoneMaker"))).toBe(false);
  });

  it("turns a sideways phone photo upright using its EXIF orientation", async () => {
    const sideways = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#123456" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await intake.normalise("sideways.jpg", bytes(sideways));
    if (!result.ok) throw new Error(result.failure.message);
    expect([result.image.width, result.image.height]).toEqual([200, 400]);
  });

  it("downscales to the configured longest side and keeps lossless sources lossless", async () => {
    const result = await intake.normalise("wide.png", bytes(await solidPng(3000, 1500)));
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.image).toMatchObject({ width: 1000, height: 500, mime: "image/png", sourceType: "png" });
  });

  it("reads the first frame of an animated GIF", async () => {
    const result = await intake.normalise("loop.gif", bytes(await animatedGif()));
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.image).toMatchObject({ width: 40, height: 30, frames: 3, sourceType: "gif" });
    const { data } = await sharp(Buffer.from(result.image.data)).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([255, 0, 0]);
  });

  it("rejects a truncated JPEG as damaged instead of storing half a picture", async () => {
    const result = await intake.normalise("cut.jpg", bytes(await truncatedJpeg()));
    expect(result).toMatchObject({ ok: false, failure: { code: "unreadable" } });
  });

  it("fails a 30000×30000 PNG header fast, from the header, even when the byte-level check is generous", async () => {
    const generous = sharpIntake({ maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000, maxSide: 1000, acceptHeic: false });
    const started = performance.now();
    const result = await generous.normalise("bomb.png", bytes(await pngBombHeader()));
    expect(result).toMatchObject({ ok: false, failure: { code: "too_many_pixels" } });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("lets libvips refuse too many pixels where the header is not parsed up front (WebP)", async () => {
    const webp = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: "#ffffff" } })
      .webp()
      .toBuffer();
    const strict = sharpIntake({ maxBytes: 1e7, maxPixels: 5_000_000, maxSide: 1000, acceptHeic: false });
    expect(await strict.normalise("big.webp", bytes(webp))).toMatchObject({ ok: false, failure: { code: "too_many_pixels" } });
  });

  it("refuses a text file whatever its name", async () => {
    const result = await intake.normalise("receipt.png", new TextEncoder().encode("hello, this is not a picture"));
    expect(result).toMatchObject({ ok: false, failure: { code: "unsupported_type" } });
  });
});
