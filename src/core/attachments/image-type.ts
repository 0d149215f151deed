/** Image formats frontdesk reads. HEIC is detected so it can be refused with a precise reason. */
export type ImageType = "png" | "jpeg" | "webp" | "gif" | "heic" | "avif";

export type SniffedFile = {
  /** The real type from the bytes; null when the bytes are not an image we recognise. */
  type: ImageType | null;
  mime: string | null;
  /** Width and height read from the header where that is cheap (PNG, GIF), to refuse bombs early. */
  width?: number;
  height?: number;
  /** A human name for what the bytes look like, for error messages. */
  looksLike: string;
};

const MIME: Record<ImageType, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  avif: "image/avif",
};

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < Math.min(to, bytes.length); i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  if (n === 0) return false;
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0x80) printable++;
  }
  return printable / n > 0.95;
}

/**
 * Detects the real file type from magic bytes; file names and claimed content types are not trusted.
 * Pure and synchronous so every channel (and the Workers runtime) can call it at the edge.
 */
export function sniffFile(bytes: Uint8Array): SniffedFile {
  const found = (type: ImageType, extra: Partial<SniffedFile> = {}): SniffedFile => ({ type, mime: MIME[type], looksLike: type.toUpperCase(), ...extra });
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return bytes.length >= 24 && ascii(bytes, 12, 16) === "IHDR" ? found("png", { width: view.getUint32(16), height: view.getUint32(20) }) : found("png");
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return found("jpeg");
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") {
    const w = (bytes[6] ?? 0) | ((bytes[7] ?? 0) << 8);
    const h = (bytes[8] ?? 0) | ((bytes[9] ?? 0) << 8);
    return found("gif", { width: w, height: h });
  }
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return found("webp");
  if (ascii(bytes, 4, 8) === "ftyp") {
    const brand = ascii(bytes, 8, 12);
    if (brand === "avif" || brand === "avis") return found("avif");
    if (["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"].includes(brand)) return found("heic");
    return { type: null, mime: null, looksLike: `an ISO media file (${brand.trim() || "unknown brand"})` };
  }
  if (ascii(bytes, 0, 5) === "%PDF-") return { type: null, mime: null, looksLike: "a PDF document" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { type: null, mime: null, looksLike: "a ZIP archive or Office document" };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { type: null, mime: null, looksLike: "a TIFF image" };
  if (ascii(bytes, 0, 2) === "BM") return { type: null, mime: null, looksLike: "a BMP image" };
  if (/^\s*<(\?xml|svg)/i.test(ascii(bytes, 0, 64))) return { type: null, mime: null, looksLike: "an SVG or XML document" };
  if (looksLikeText(bytes)) return { type: null, mime: null, looksLike: "a text file" };
  return { type: null, mime: null, looksLike: bytes.length === 0 ? "an empty file" : "an unknown binary file" };
}

export type ImageLimits = { maxBytes: number; maxPixels: number; acceptHeic: boolean };

export type ImageProblem = { code: "unsupported_type" | "too_large" | "too_many_pixels"; message: string };

export const ACCEPTED_IMAGES = "PNG, JPEG, WebP or GIF";

/** The checks that need no decoding: real type, byte size and, where the header says, pixel count. */
export function precheckImage(filename: string, bytes: Uint8Array, limits: ImageLimits): ImageProblem | null {
  const sniffed = sniffFile(bytes);
  if (sniffed.type === null)
    return { code: "unsupported_type", message: `${filename} is ${sniffed.looksLike}, not an image we can read. Please send a ${ACCEPTED_IMAGES} image.` };
  if (sniffed.type === "heic" && !limits.acceptHeic)
    return {
      code: "unsupported_type",
      message: `${filename} is a HEIC photo, which we cannot read yet. Please send it as JPEG or PNG (a screenshot works too).`,
    };
  if (bytes.byteLength > limits.maxBytes)
    return { code: "too_large", message: `${filename} is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB. Please send a smaller image.` };
  if (sniffed.width !== undefined && sniffed.height !== undefined && sniffed.width * sniffed.height > limits.maxPixels)
    return {
      code: "too_many_pixels",
      message: `${filename} is ${sniffed.width}×${sniffed.height} pixels, more than we accept (${Math.round(limits.maxPixels / 1e6)} megapixels). Please send a smaller image.`,
    };
  return null;
}
