import type { App, Receiver, ReceiverEvent } from "@slack/bolt";

export type ReceiverResult = { status: number; body?: unknown };

/**
 * A Bolt Receiver with no server of its own: Hono owns the port and the raw body and has already
 * checked the signature; this hands the parsed body to `app.processEvent` and turns Bolt's `ack()`
 * into the HTTP response.
 *
 * Events API: Bolt acks events before listeners run, so the response waits for processEvent to
 * finish instead (Bolt's "processBeforeResponse"): the listener stores the message and its job,
 * then Slack gets its 200. A listener error becomes a 500 and Slack retries.
 * Interactivity: the response goes out as soon as the listener calls ack() (with a body for modal
 * errors); the rest (chat.update, views.open) continues after.
 */
export class HonoReceiver implements Receiver {
  private app: App | undefined;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async dispatch(
    body: Record<string, unknown>,
    opts: { retryNum?: number; retryReason?: string; waitForListeners: boolean; onLateError: (e: unknown) => void },
  ): Promise<ReceiverResult> {
    const app = this.app;
    if (!app) throw new Error("HonoReceiver used before the Bolt app was created");
    let acked = false;
    let resolveAck: (value: unknown) => void = () => {};
    const ackPromise = new Promise<unknown>((resolve) => {
      resolveAck = resolve;
    });
    const event: ReceiverEvent = {
      body,
      retryNum: opts.retryNum,
      retryReason: opts.retryReason,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        resolveAck(response);
      },
    };
    const processing = app.processEvent(event);
    if (opts.waitForListeners) {
      await processing;
      return { status: 200 };
    }
    const first = await Promise.race([ackPromise.then((response) => ({ acked: true as const, response })), processing.then(() => ({ acked: false as const }))]);
    if (first.acked) {
      processing.catch(opts.onLateError);
      return { status: 200, body: first.response === undefined || first.response === "" ? undefined : first.response };
    }
    // No listener acknowledged it: not ours (or not yet supported), and nothing was done.
    return { status: 404, body: { error: { code: "not_found", message: "No handler for this interaction." } } };
  }
}
