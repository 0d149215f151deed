import sharp from "sharp";

/** The part of a page that holds the printed text, in the page's pixels, and how far it is tilted. */
export type TextRegion = { left: number; top: number; width: number; height: number; angle: number };

// The analysis runs on a small copy; a cell is CELL×CELL pixels of it.
const ANALYSIS_WIDTH = 480;
const CELL = 6;
// A cell with at least this share of dark pixels holds print; isolated scanner speckle stays below it.
const INKED = 0.06;
// Only crop when the text covers at most this share of the page: a receipt already shot close is left as it is.
const CROP_BELOW = 0.6;
const MAX_ANGLE = 8;
// Blocks smaller than this many cells are specks, not print.
const MIN_BLOCK = 6;

/** Otsu's threshold over a grey histogram: the split that best separates ink from paper. */
function otsu(pixels: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (const p of pixels) hist[p] = (hist[p] ?? 0) + 1;
  const total = pixels.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * (hist[i] ?? 0);
  let sumB = 0;
  let weightB = 0;
  let best = 0;
  let threshold = 128;
  for (let i = 0; i < 256; i++) {
    weightB += hist[i] ?? 0;
    if (weightB === 0 || weightB === total) continue;
    sumB += i * (hist[i] ?? 0);
    const meanB = sumB / weightB;
    const meanF = (sum - sumB) / (total - weightB);
    const between = weightB * (total - weightB) * (meanB - meanF) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}

type Box = { x0: number; y0: number; x1: number; y1: number; cells: number };

/**
 * The printed area: blocks of inked cells (gaps of up to three cells bridged, the space between
 * words and lines), keeping every block of a useful size. Scanner speckle and stray marks form
 * islands of a cell or two and are left out; a receipt's sections, however far apart, are kept.
 */
function printedArea(inked: Uint8Array, cols: number, rows: number): Box | null {
  const seen = new Uint8Array(inked.length);
  const blocks: Box[] = [];
  for (let start = 0; start < inked.length; start++) {
    if (!inked[start] || seen[start]) continue;
    const box = { x0: cols, y0: rows, x1: 0, y1: 0, cells: 0 };
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop() as number;
      const x = i % cols;
      const y = (i - x) / cols;
      box.cells++;
      box.x0 = Math.min(box.x0, x);
      box.x1 = Math.max(box.x1, x);
      box.y0 = Math.min(box.y0, y);
      box.y1 = Math.max(box.y1, y);
      for (let dy = -3; dy <= 3; dy++)
        for (let dx = -3; dx <= 3; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const j = ny * cols + nx;
          if (inked[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
    }
    blocks.push(box);
  }
  const largest = Math.max(0, ...blocks.map((b) => b.cells));
  const kept = blocks.filter((b) => b.cells >= Math.max(MIN_BLOCK, largest * 0.02));
  if (kept.length === 0) return null;
  return kept.reduce((a, b) => ({
    x0: Math.min(a.x0, b.x0),
    y0: Math.min(a.y0, b.y0),
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
    cells: a.cells + b.cells,
  }));
}

/**
 * The tilt of the text lines: the angle whose horizontal projection of the dark pixels is the most
 * peaked (lines of print separated by blank rows).
 */
function skewAngle(dark: Int32Array, height: number): number {
  let bestAngle = 0;
  let bestScore = -1;
  const bins = new Int32Array(height * 3);
  const score = (angle: number) => {
    const rad = (angle * Math.PI) / 180;
    const sin = Math.sin(rad);
    const cos = Math.cos(rad);
    bins.fill(0);
    for (let i = 0; i < dark.length; i += 2) {
      const row = Math.round((dark[i + 1] as number) * cos - (dark[i] as number) * sin + height);
      bins[row] = (bins[row] ?? 0) + 1;
    }
    let sum = 0;
    for (const n of bins) sum += n * n;
    return sum;
  };
  // Coarse steps first, then half steps around the best; ties go to the smaller correction so an
  // upright receipt is never rotated for nothing.
  const consider = (angle: number) => {
    const s = score(angle);
    if (s > bestScore * 1.0001 || (s >= bestScore * 0.9999 && Math.abs(angle) < Math.abs(bestAngle))) {
      bestScore = Math.max(s, bestScore);
      bestAngle = angle;
    }
  };
  for (let angle = -MAX_ANGLE; angle <= MAX_ANGLE; angle += 1) consider(angle);
  const coarse = bestAngle;
  consider(coarse - 0.5);
  consider(coarse + 0.5);
  return bestAngle;
}

/** Finds the printed block on a page (a receipt on a speckled A4 scan) and its tilt. */
export async function findTextRegion(image: Uint8Array): Promise<TextRegion | null> {
  const meta = await sharp(image).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const scale = Math.min(1, ANALYSIS_WIDTH / Math.max(1, width));
  // Too small to hold a printed block (and below the 3×3 the median filter needs): nothing to crop.
  if (Math.round(width * scale) < 3 || Math.round(height * scale) < 3) return null;
  // A median filter removes single-pixel speckle before anything is counted.
  const { data, info } = await sharp(image)
    .grayscale()
    .resize({ width: Math.max(1, Math.round(width * scale)), kernel: "linear" })
    .median(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const threshold = otsu(pixels);
  const cols = Math.ceil(info.width / CELL);
  const rows = Math.ceil(info.height / CELL);
  const counts = new Uint16Array(cols * rows);
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++) {
      const cell = Math.floor(y / CELL) * cols + Math.floor(x / CELL);
      if ((pixels[y * info.width + x] ?? 255) < threshold) counts[cell] = (counts[cell] ?? 0) + 1;
    }
  const inked = Uint8Array.from(counts, (n) => (n >= INKED * CELL * CELL ? 1 : 0));
  const block = printedArea(inked, cols, rows);
  if (!block || block.cells < 6) return null;
  const points: number[] = [];
  for (let y = block.y0 * CELL; y < Math.min(info.height, (block.y1 + 1) * CELL); y++)
    for (let x = block.x0 * CELL; x < Math.min(info.width, (block.x1 + 1) * CELL); x++) if ((pixels[y * info.width + x] ?? 255) < threshold) points.push(x, y);
  const dark = Int32Array.from(points);
  // Margins of two cells keep the first and last letters whole.
  const left = Math.max(0, Math.floor(((block.x0 - 2) * CELL) / scale));
  const top = Math.max(0, Math.floor(((block.y0 - 2) * CELL) / scale));
  const right = Math.min(width, Math.ceil(((block.x1 + 3) * CELL) / scale));
  const bottom = Math.min(height, Math.ceil(((block.y1 + 3) * CELL) / scale));
  return { left, top, width: right - left, height: bottom - top, angle: skewAngle(dark, info.height) };
}

/**
 * The image OCR should read: grey and contrast-stretched; when the print covers only part of the
 * page, cropped to it; straightened when tilted; and enlarged when the text is small, because
 * tesseract reads best at about 30 px per line of print.
 */
export async function prepareForOcr(image: Uint8Array, opts: { minWidth?: number } = {}): Promise<{ png: Buffer; region: TextRegion | null }> {
  const meta = await sharp(image).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const region = await findTextRegion(image);
  let pipeline = sharp(image).grayscale();
  let outWidth = width;
  const crop = region && (region.width * region.height) / (width * height) <= CROP_BELOW;
  if (region && crop) {
    pipeline = sharp(await pipeline.extract({ left: region.left, top: region.top, width: region.width, height: region.height }).toBuffer());
    outWidth = region.width;
  }
  if (region && Math.abs(region.angle) >= 1) {
    pipeline = sharp(await pipeline.rotate(-region.angle, { background: "#ffffff" }).toBuffer());
  }
  const minWidth = opts.minWidth ?? 900;
  if (crop && outWidth < minWidth) pipeline = pipeline.resize({ width: Math.round(Math.min(outWidth * 2.5, minWidth)), kernel: "lanczos3" });
  const png = await pipeline.normalise().png().toBuffer();
  return { png, region: crop || Math.abs(region?.angle ?? 0) >= 1 ? region : null };
}
