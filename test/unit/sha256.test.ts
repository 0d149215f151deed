import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex, sha256Small } from "../../src/core/security/tokens.js";

const nodeHex = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("sha256Hex", () => {
  it("matches node:crypto for every length around the padding boundaries and for larger inputs", async () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 4096, 4097, 70_000]) {
      const data = new Uint8Array(randomBytes(length));
      expect(await sha256Hex(data), `length ${length}`).toBe(nodeHex(data));
    }
  });

  it("hashes customer tokens like the Web Crypto digest did", async () => {
    const token = "fdc_h5Kq2mVz0bX9-_aLrT3nE8sWcYd1uPjFgO6iQ7kHoRw";
    expect(await sha256Hex(token)).toBe(createHash("sha256").update(token, "utf8").digest("hex"));
    expect(Buffer.from(sha256Small(new TextEncoder().encode("abc"))).toString("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
