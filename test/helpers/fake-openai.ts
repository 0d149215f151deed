import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** Return one from the answer function to make the fake API fail with that status. */
export class FakeFailure {
  constructor(
    readonly status: number,
    readonly message = "fake failure",
  ) {}
}

export type RecordedRequest = { path: string; body: Record<string, unknown> };

/** A local stand-in for the OpenAI Responses API: the real SDK talks to it over HTTP on 127.0.0.1. */
export async function startFakeOpenAi(answer: (body: Record<string, unknown>, index: number) => unknown) {
  const requests: RecordedRequest[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (chunk) => {
        data += chunk;
      });
      req.on("end", () => resolve(data));
    });
  const server = createServer(async (req, res) => {
    const body = JSON.parse((await read(req)) || "{}") as Record<string, unknown>;
    requests.push({ path: req.url ?? "", body });
    if (req.url !== "/v1/responses") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not faked" } }));
      return;
    }
    const answered = answer(body, requests.length - 1);
    if (answered instanceof FakeFailure) {
      res
        .writeHead(answered.status, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: answered.message, type: "server_error" } }));
      return;
    }
    const text = JSON.stringify(answered);
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        id: `resp_${requests.length}`,
        object: "response",
        created_at: Math.floor(Date.now() / 1000),
        status: "completed",
        model: body.model,
        output: [
          { type: "message", id: `msg_${requests.length}`, status: "completed", role: "assistant", content: [{ type: "output_text", text, annotations: [] }] },
        ],
        usage: {
          input_tokens: 900,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 120,
          output_tokens_details: { reasoning_tokens: 40 },
          total_tokens: 1020,
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
