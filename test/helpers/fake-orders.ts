import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type OrderRequest = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };

/** A company's order service on 127.0.0.1: answers GET /orders/{id} and POST /orders/{id}/cancel, records every request. */
export async function startFakeOrders(o: { delayMs?: number; status?: number; contentType?: string; raw?: string } = {}) {
  const requests: OrderRequest[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      setTimeout(() => {
        if (o.raw !== undefined) {
          res.writeHead(o.status ?? 200, { "content-type": o.contentType ?? "text/plain" });
          res.end(o.raw);
          return;
        }
        const m = /^\/orders\/([^/?]+)/.exec(req.url ?? "");
        const id = decodeURIComponent(m?.[1] ?? "");
        const cancelled = (req.url ?? "").endsWith("/cancel");
        res.writeHead(o.status ?? 200, { "content-type": o.contentType ?? "application/json" });
        res.end(JSON.stringify({ order: id, status: cancelled ? "cancelled" : "shipped", carrier: "Parcelwise", eta: "2026-12-04" }));
      }, o.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The order-status action of the README example, pointed at a fake order service. */
export const orderStatus = (base: string) => ({
  name: "order_status",
  description: "Look up the customer's order by its number.",
  parameters: { type: "object", properties: { order: { type: "string", pattern: "^A-[0-9]{5}$" } }, required: ["order"], additionalProperties: false },
  request: {
    method: "GET",
    url: `${base}/orders/{order}?customer={{customer.userId}}`,
    headers: { authorization: "Bearer {{secret:ORDERS_API_KEY}}" },
  },
  policy: "auto",
  requiresVerifiedCustomer: true,
});
