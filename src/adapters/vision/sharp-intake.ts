import sharp from "sharp";
import { type ImageLimits, precheckImage, sniffFile } from "../../core/attachments/image-type.js";
import type { ImageIntake, IntakeFailure, NormalisedImage } from "../../ports/vision.js";

export type SharpIntakeOptions = ImageLimits & {
  /** Longest side of the stored copy; larger images are downscaled, smaller ones kept. */
  maxSide: number;
  jpegQuality?: number;
};

// libvips caches decoded images by default; customer images are seen once, so the cache only costs memory.
sharp.cache(false);

/** Image intake on sharp/libvips: the real type from the bytes, hard pixel limits, EXIF rotation, no metadata kept. */
export function sharpIntake(opts: SharpIntakeOptions): ImageIntake {
  const fail = (code: IntakeFailure["code"], message: string) => ({ ok: false as const, failure: { code, message } });
  return {
    async normalise(filename, bytes) {
      const problem = precheckImage(filename, bytes, opts);
      if (problem) return fail(problem.code, problem.message);
      const sniffed = sniffFile(bytes);
      if (!sniffed.type) return fail("unsupported_type", `${filename} is not an image we can read.`);
      // limitInputPixels makes libvips refuse from the header, before any pixel is decoded.
      const input = { limitInputPixels: opts.maxPixels, failOn: "truncated" as const, pages: 1, sequentialRead: true };
      try {
        const meta = await sharp(bytes, input).metadata();
        const width = meta.autoOrient?.width ?? meta.width ?? 0;
        const height = meta.autoOrient?.height ?? meta.height ?? 0;
        if (width * height > opts.maxPixels)
          return fail("too_many_pixels", `${filename} is ${width}×${height} pixels, more than we accept. Please send a smaller image.`);
        // Lossless sources stay lossless so small text in screenshots survives for OCR.
        const lossless = sniffed.type === "png" || sniffed.type === "gif";
        let pipeline = sharp(bytes, input)
          .rotate()
          .resize({ width: opts.maxSide, height: opts.maxSide, fit: "inside", withoutEnlargement: true })
          .flatten({ background: "#ffffff" });
        pipeline = lossless ? pipeline.png({ compressionLevel: 9 }) : pipeline.jpeg({ quality: opts.jpegQuality ?? 88, mozjpeg: true });
        // No withMetadata()/keepExif(): sharp writes no EXIF, XMP, IPTC or ICC blocks, so GPS and device data are gone.
        const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
        const image: NormalisedImage = {
          data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
          mime: lossless ? "image/png" : "image/jpeg",
          width: info.width,
          height: info.height,
          sourceType: sniffed.type,
          frames: meta.pages ?? 1,
        };
        return { ok: true, image };
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        if (/pixel limit/i.test(text)) return fail("too_many_pixels", `${filename} has more pixels than we accept. Please send a smaller image.`);
        if (/heif|heic|compression format has not been built in/i.test(text))
          return fail("unsupported_type", `${filename} is a HEIC photo, which we cannot read yet. Please send it as JPEG or PNG.`);
        return fail(
          "unreadable",
          `${filename} looks like a ${sniffed.type.toUpperCase()} image but is damaged or incomplete, so we could not open it. Please send it again.`,
        );
      }
    },
  };
}
