import { describe, expect, it } from "vitest";
import { jsonLogger } from "../../src/adapters/log/json-logger.js";
import { findPii, redactPii } from "../../src/core/text/redact-pii.js";

describe("redactPii", () => {
  it.each([
    ["+44 20 7946 0958", "[phone]"],
    ["(555) 123-4567", "[phone]"],
    ["555-123-4567", "[phone]"],
    ["555.123.4567", "[phone]"],
    ["+1 555 123 4567", "[phone]"],
    ["+447946095800", "[phone]"],
    ["Tel 0113 496 0000.", "Tel [phone]."],
    ["4111 1111 1111 1111", "[card]"],
    ["4111-1111-1111-1111", "[card]"],
    ["5500005555555559", "[card]"],
    ["bob.smith+tag@example.co.uk", "[email]"],
  ])("masks %s", (input, expected) => {
    expect(redactPii(input)).toBe(expected);
  });

  it.each([
    "shut down on 2026-10-23",
    "http://127.0.0.1:8787",
    "https://example.test/orders/2026-10-23/12345678",
    "at 2026-10-23T14:03:00Z",
    "2026-10-23 14:03:59",
    "Date: 02/11/2025   14:03",
    "meet at 09:30 or 14:03:22",
    "id 550e8400-e29b-41d4-a716-446655440000",
    "server 192.168.100.200:443 and 10.0.0.1",
    "version 1.2.3, v10.20.30.40",
    "order A-20931, INV-2024-0001 and #20931",
    "TOTAL GBP 11.20, VAT 20% 1.87, 2 x 3.50",
    "ts 1700000000 and 1700000000.123456",
    "price 1,234,567",
    "4111 1111 1111 1112",
  ])("leaves %s alone", (input) => {
    expect(redactPii(input)).toBe(input);
  });

  it("masks inside a sentence and keeps the rest", () => {
    expect(redactPii("I'm jo@shop.test, call +44 20 7946 0958 about order A-20931 paid with 4111 1111 1111 1111 on 2026-10-23")).toBe(
      "I'm [email], call [phone] about order A-20931 paid with [card] on 2026-10-23",
    );
  });

  it("lists what it found", () => {
    expect(findPii("a@b.test or (555) 123-4567").map((p) => p.kind)).toEqual(["email", "phone"]);
  });

  it("is what the logger uses", () => {
    const lines: string[] = [];
    const log = jsonLogger("info", {}, (l) => lines.push(l));
    log.info("x", { note: "call +44 20 7946 0958 at http://127.0.0.1:8787 on 2026-10-23" });
    expect(JSON.parse(lines[0]!).note).toBe("call [phone] at http://127.0.0.1:8787 on 2026-10-23");
  });
});
