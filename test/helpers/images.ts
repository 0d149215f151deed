import sharp from "sharp";

/** Images the tests make themselves: no fixture files, nothing licensed, fonts from Debian's DejaVu. */
export async function textImage(lines: string[], opts: { width?: number; fontSize?: number; format?: "png" | "jpeg" } = {}): Promise<Buffer> {
  const fontSize = opts.fontSize ?? 30;
  const width = opts.width ?? 900;
  const lineHeight = Math.round(fontSize * 1.6);
  const height = lineHeight * (lines.length + 2);
  const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#ffffff"/>
    ${lines.map((l, i) => `<text x="40" y="${lineHeight * (i + 1.5)}" font-family="DejaVu Sans Mono" font-size="${fontSize}" fill="#000000">${xml(l)}</text>`).join("\n")}
  </svg>`;
  const image = sharp(Buffer.from(svg));
  return opts.format === "jpeg" ? image.jpeg({ quality: 92 }).toBuffer() : image.png().toBuffer();
}

export const RECEIPT_LINES = [
  "CORNER CAFE LTD",
  "12 High Street, Leeds",
  "Tel 0113 496 0000",
  "Date: 02/11/2025   14:03",
  "Order No: A-20931",
  "Flat white     2 x 3.50    7.00",
  "Bagel                      4.20",
  "VAT 20% included           1.87",
  "TOTAL GBP                 11.20",
  "VISA XXXX XXXX XXXX 1234  11.20",
  "Thank you for visiting",
];

export async function solidPng(width: number, height: number, colour = "#3366cc"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** A JPEG carrying GPS and camera EXIF, like a phone photo. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: "#88aa44" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Pocket 9", Software: "cam 1.2" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 2617/100", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 3960/100" },
    })
    .toBuffer();
}

/** A valid PNG signature and IHDR chunk declaring 30000×30000 pixels, with no pixel data behind it. */
export async function pngBombHeader(side = 30_000): Promise<Buffer> {
  const png = await solidPng(8, 8);
  const header = Buffer.from(png.subarray(0, 33));
  header.writeUInt32BE(side, 16);
  header.writeUInt32BE(side, 20);
  return header;
}

export async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(
    ["#ff0000", "#00ff00", "#0000ff"].map((c) =>
      sharp({ create: { width: 40, height: 30, channels: 3, background: c } })
        .raw()
        .toBuffer(),
    ),
  );
  return sharp(Buffer.concat(frames), { raw: { width: 40, height: 90, channels: 3, pageHeight: 30 } } as never)
    .gif({ loop: 0, delay: [100, 100, 100] })
    .toBuffer();
}

export async function truncatedJpeg(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#aa3344" } })
    .jpeg()
    .toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length / 2));
}

/**
 * A small receipt, tilted by `angle` degrees, on a speckled off-white A4 page scanned at 300 dpi:
 * what a customer sends after scanning a receipt on an office copier.
 */
export async function receiptOnScannedPage(angle: number, lines: string[] = RECEIPT_LINES): Promise<Buffer> {
  const receipt = await sharp(await textImage(lines, { width: 700, fontSize: 22 }))
    .rotate(angle, { background: "#ffffff" })
    .png()
    .toBuffer();
  const width = 2480;
  const height = 3508;
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const specks = Array.from({ length: 3000 }, () => {
    const size = 1 + Math.floor(random() * 3);
    return `<rect x="${Math.floor(random() * width)}" y="${Math.floor(random() * height)}" width="${size}" height="${size}" fill="#222222"/>`;
  }).join("");
  const page = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f4f4f0"/>${specks}</svg>`,
  );
  return sharp(page)
    .composite([{ input: receipt, left: 900, top: 700 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}
