import type { LiveEvent } from "../../core/types.js";
import type { LiveEvents } from "../../ports/live-events.js";
import type { Logger } from "../../ports/logger.js";

/** The Durable Object namespace binding, structurally (no Workers types in adapters). */
export interface LiveNamespace {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

const encoder = new TextEncoder();

/**
 * One Durable Object per conversation fans live events out to every open SSE stream. It exists
 * because on Workers the queue consumer that answers and the isolate holding the customer's SSE
 * connection are different isolates: they meet at the object named after the conversation.
 * Events are fire-and-forget; the chat page also polls /messages, so a missed event only costs latency.
 */
export class ConversationLive {
  private readonly writers = new Set<WritableStreamDefaultWriter<Uint8Array>>();

  async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (request.method === "POST" && path === "/publish") {
      const line = encoder.encode(`${JSON.stringify(await request.json())}\n`);
      await Promise.all(
        [...this.writers].map((writer) =>
          writer.write(line).catch(() => {
            // The subscriber went away: forget its stream.
            this.writers.delete(writer);
          }),
        ),
      );
      return new Response(null, { status: 204 });
    }
    if (request.method === "GET" && path === "/subscribe") {
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      const writer = writable.getWriter();
      this.writers.add(writer);
      request.signal?.addEventListener("abort", () => {
        this.writers.delete(writer);
        void writer.close().catch(() => {});
      });
      // A first line so the subscriber knows the stream is attached before any publish happens.
      void writer.write(encoder.encode("{}\n")).catch(() => this.writers.delete(writer));
      return new Response(readable, { headers: { "content-type": "application/x-ndjson" } });
    }
    return new Response("not found", { status: 404 });
  }
}

/** LiveEvents over the per-conversation object; `flush()` awaits publishes before an isolate ends. */
export function durableLiveEvents(namespace: LiveNamespace, logger: Logger): LiveEvents & { flush(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  const stub = (conversationId: string) => namespace.get(namespace.idFromName(conversationId) as never);
  return {
    publish(conversationId, event) {
      const p = stub(conversationId)
        .fetch("https://live/publish", { method: "POST", body: JSON.stringify(event) })
        .then((res) => res.body?.cancel())
        .catch((error) => logger.warn("live.publish_failed", { conversationId, error: String(error) }))
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    subscribe(conversationId, listener) {
      let reader: ReadableStreamDefaultReader<string> | undefined;
      let closed = false;
      void (async () => {
        const res = await stub(conversationId).fetch("https://live/subscribe");
        if (!res.body) return;
        reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        if (closed) return void reader.cancel();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let nl = buffer.indexOf("\n");
          while (nl >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            const event = JSON.parse(line) as Partial<LiveEvent>;
            if (event.type) listener(event as LiveEvent);
            nl = buffer.indexOf("\n");
          }
        }
      })().catch((error) => {
        if (!closed) logger.warn("live.subscribe_failed", { conversationId, error: String(error) });
      });
      return () => {
        closed = true;
        void reader?.cancel().catch(() => {});
      };
    },
    async flush() {
      await Promise.allSettled([...pending]);
    },
  };
}
