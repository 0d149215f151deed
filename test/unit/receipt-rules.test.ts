import { describe, expect, it } from "vitest";
import { repairDates } from "../../src/core/attachments/receipt-dates.js";
import { extractReceiptFields, parseDate } from "../../src/core/attachments/receipt-fields.js";

// Synthetic OCR texts, written for these rules: each rule gets a text it fixes and one it must not break.
const read = (...lines: string[]) => extractReceiptFields(lines.join("\n"));

describe("total: label priority", () => {
  it("takes 'Total payable' over partial 'Total N% supplies' lines, even when those repeat", () => {
    const f = read(
      "FRESH BAKERIES SDN BHD",
      "Total 0% supplies: 54.31",
      "Total 6% supplies (excl. GST): 13.30",
      "GST 0.80",
      "Total 6% supplies (Inc. GST): 14.10",
      "Total 0% supplies: 54.31",
      "Total Payable: 68.41",
    );
    expect(f.total?.value).toBe("68.41");
  });

  it("does not read 'GST payable' as the amount payable, nor a subtotal as the total", () => {
    expect(read("Total (Excluding GST): 4.72", "GST payable (6%): 0.28", "Total (Inclusive of GST): 5.00").total?.value).toBe("5.00");
    expect(read("SUBTOTAL 11.20", "Service 1.00", "TOTAL 12.20").total?.value).toBe("12.20");
  });

  it("reads a total label OCR garbled with digits ('T07AL')", () => {
    expect(read("Fried Rice 1 71.00", "T07AL 71.00", "GST @6% 4.02").total?.value).toBe("71.00");
    // Codes and amounts keep their digits: an item number is not a label.
    expect(read("7001 BREAD 3.50", "TOTAL 3.50").total?.value).toBe("3.50");
  });

  it("takes a rounding line carrying the whole amount as the rounded total", () => {
    expect(read("Total Sales (Inclusive GST) RM 177.22", "Rounding Adjustment RM -0.02", "Rounding RM 177,20", "CREDIT RM 177.20").total?.value).toBe("177.20");
    expect(read("Total 6.83", "Rounding Adj 0.02", "Total 6.85").total?.value).toBe("6.85");
  });
});

describe("total: tender and change", () => {
  it("pairs the change with the tender printed just above it, not the first CASH line", () => {
    expect(read("Fried Rice 71.00", "Cash 71.00", "Cash Received 101.00", "Change 30.00").total?.value).toBe("71.00");
  });

  it("takes the amount just above the change when OCR garbled the tender label, and keeps a clear total", () => {
    expect(read("Qty 8", "Fay 25.15", "Change 0.00").total?.value).toBe("25.15");
    expect(read("Total Rounded 25.40", "Cash Tendered 26.00", "Change 0.60").total?.value).toBe("25.40");
  });
});

describe("total: amount on the line after its label", () => {
  it("joins a bare amount to the label above it", () => {
    expect(read("NASI LEMAK 8.60", "TEH 2.40", "GRAND TOTAL", "RM 42.50", "GST 6% 2.41").total?.value).toBe("42.50");
  });

  it("does not label an item's price with the item name above it", () => {
    expect(read("CHICKEN RICE", "8.50", "ICE TEA", "2.50", "TOTAL 11.00").total?.value).toBe("11.00");
  });
});

describe("total: decimal repair from the item sum", () => {
  it("repairs a total whose cents OCR cut, using what the items add up to", () => {
    const f = read(
      "Desc Qty Price Amount",
      "RAISIN BREAD 1.00 4.55 4.55",
      "CHEESE ROLL 1.00 3.90 3.90",
      "BUTTER ROLL 1.00 2.80 2.80",
      "Total Inclusive of Tax 11.2",
      "SubTotal 11.28",
    );
    expect(f.total?.value).toBe("11.25");
  });

  it("does not let a tax line win when the total lost its point, and invents nothing without a cross-check", () => {
    const f = read("Desc Qty Amount", "SOMETHING 1 99.00", "TOTAL 1125", "GST 6% 0.64");
    expect(f.total?.value).not.toBe("0.64");
    expect(f.total?.value).not.toBe("11.25");
  });
});

describe("dates: OCR repair", () => {
  it("reads doubled separators and letters read for digits", () => {
    expect(parseDate("Date : 06-05- -2018 12:22:06")?.iso).toBe("2018-05-06");
    expect(parseDate("D2/02/17 10:01")?.iso).toBe("2017-02-02");
    expect(parseDate("08 05- -2018")?.iso).toBe("2018-05-08");
    expect(parseDate("Date 2 12- 06- 2018 1: 46: 16")?.iso).toBe("2018-06-12");
  });

  it("leaves phones, times and codes alone", () => {
    expect(repairDates("Tel No. 03-9010-9849")).toBe("Tel No. 03-9010-9849");
    expect(parseDate("Tel No. 03-9010-9849")).toBeNull();
    expect(parseDate("12:01:43 pm  SDB 1234")).toBeNull();
    expect(parseDate("[Sales]2018-01-05 22:55:25")?.iso).toBe("2018-01-05");
    expect(parseDate("REG #19- 21/03/2018")?.iso).toBe("2018-03-21");
  });

  it("prefers a labelled date, then a date printed with a time", () => {
    expect(read("SHOP LTD", "Best before 01/01/2030", "12/03/2019 14:02", "TOTAL 1.00").date?.value).toBe("2019-03-12");
    expect(read("SHOP LTD", "Valid 01/01/2030", "12/03/2019 14:02", "Date: 11/03/2019").date?.value).toBe("2019-03-11");
  });
});

describe("merchant and address", () => {
  it("takes the seller, not the company named after 'Bill To' or below the date", () => {
    const f = read(
      "ACME HARDWARE",
      "No 5, Jalan Besi, 43000 Kajang",
      "Tel 03-8734 1111",
      "Date: 01/02/2019",
      "Bill To:",
      "BIG BUYER SDN BHD",
      "NAILS 2 x 3.00 6.00",
      "TOTAL 6.00",
    );
    expect(f.merchant?.value).toBe("ACME HARDWARE");
    expect(f.address?.value).toBe("No 5, Jalan Besi, 43000 Kajang");
  });

  it("still prefers a legal name in the header over a heading above it", () => {
    expect(read("TAX INVOICE", "KEDAI RUNCIT AMAN ENTERPRISE", "12, Jalan Aman, 81300 Skudai", "TOTAL 3.00").merchant?.value).toBe(
      "KEDAI RUNCIT AMAN ENTERPRISE",
    );
  });

  it("skips registration lines and margin noise before the address", () => {
    const f = read(
      "MR. TOOLS (M) SDN BHD",
      "Co-REG:860671-D",
      "i           LOT 18, JALAN KPB 6,",
      "43300 SERI KEMBANGAN,*SELANGOR",
      "(GST ID No :000306020352)",
      "TOTAL 2.10",
    );
    expect(f.address?.value).toBe("LOT 18, JALAN KPB 6, 43300 SERI KEMBANGAN, SELANGOR");
  });

  it("joins a name wrapped onto a line holding only its legal suffix, and repairs a misread 'SDN BHD'", () => {
    expect(read("PRIMA POWER HARDWARE", "TRADING      §", "13-1, Jalan PJU 5/10,", "TOTAL 8.00").merchant?.value).toBe("PRIMA POWER HARDWARE TRADING");
    expect(read("DIGI TELECOMMUNICATIONS SDN EHD", "Lot 3, Jalan 1", "TOTAL 8.00").merchant?.value).toBe("DIGI TELECOMMUNICATIONS SDN BHD");
    expect(read("CORNER CAFE LTD", "12 High Street, Leeds", "TOTAL 8.00").merchant?.value).toBe("CORNER CAFE LTD");
  });
});
