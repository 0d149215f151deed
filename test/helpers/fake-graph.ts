import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type GraphCall = { method: string; path: string; auth?: string; body: Record<string, unknown> };

/** A local stand-in for the WhatsApp Cloud API (Graph): records calls, serves media by id. */
export async function startFakeGraph(o: { accessToken: string }) {
  const calls: GraphCall[] = [];
  const media = new Map<string, { data: Buffer; mime: string }>();
  let nextId = 1;
  let failNext: { status: number; body: unknown } | undefined;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = "";
      req.on("data", (d) => (s += d));
      req.on("end", () => resolve(s));
    });
  const server = createServer(async (req, res) => {
    const raw = await read(req);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const auth = req.headers.authorization;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (auth !== `Bearer ${o.accessToken}`) return send(401, { error: { message: "Invalid OAuth access token", code: 190 } });
    if (path.startsWith("/files/")) {
      const m = media.get(path.slice(7));
      if (!m) return send(404, {});
      res.writeHead(200, { "content-type": m.mime });
      return res.end(m.data);
    }
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    calls.push({ method: req.method ?? "GET", path, auth, body });
    if (req.method === "GET") {
      const id = path.split("/").at(-1) ?? "";
      const m = media.get(id);
      if (!m) return send(404, { error: { message: "no such media" } });
      return send(200, { url: `${base}/files/${id}`, mime_type: m.mime, file_size: m.data.length, id });
    }
    if (failNext) {
      const f = failNext;
      failNext = undefined;
      return send(f.status, f.body);
    }
    if (body.status === "read") return send(200, { success: true });
    return send(200, { messaging_product: "whatsapp", contacts: [{ wa_id: body.to }], messages: [{ id: `wamid.OUT${nextId++}` }] });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/v23.0`,
    calls,
    sent: () => calls.filter((c) => c.method === "POST" && c.body.status !== "read"),
    reads: () => calls.filter((c) => c.body.status === "read"),
    addMedia: (id: string, data: Buffer, mime: string) => media.set(id, { data, mime }),
    failNextSend: (status: number, body: unknown) => {
      failNext = { status, body };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
