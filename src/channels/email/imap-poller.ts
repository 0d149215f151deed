import { ImapFlow } from "imapflow";
import type { CoreDeps } from "../../core/deps.js";
import { AppError } from "../../core/errors.js";
import { acceptRawEmail, type EmailInboundConfig } from "./accept-email.js";

// Node only (imapflow speaks TCP). Processed mail gets \Seen plus our own keyword, so a restart
// resumes with whatever is still unprocessed; a crash between storing and flagging is harmless
// because the Message-ID dedupes the second delivery.
const DONE = "$FrontdeskDone";

export type ImapPollerOptions = { url: string; intervalMs: number; deps: CoreDeps; config: EmailInboundConfig };

/** Parses IMAP_URL: imaps://user:password@host:993/Mailbox (the mailbox defaults to INBOX). */
export function imapConnection(url: string) {
  const u = new URL(url);
  if (u.protocol !== "imap:" && u.protocol !== "imaps:") throw new Error("IMAP_URL must start with imap:// or imaps://");
  const secure = u.protocol === "imaps:";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX",
    rejectUnauthorized: u.searchParams.get("tls_verify") !== "false",
  };
}

export function imapPoller(opts: ImapPollerOptions) {
  const log = opts.deps.logger;
  const conn = imapConnection(opts.url);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function pollOnce(): Promise<{ stored: number; failed: number }> {
    const client = new ImapFlow({
      host: conn.host,
      port: conn.port,
      secure: conn.secure,
      auth: conn.auth,
      logger: false,
      tls: { rejectUnauthorized: conn.rejectUnauthorized },
    });
    let stored = 0;
    let failed = 0;
    await client.connect();
    try {
      const lock = await client.getMailboxLock(conn.mailbox);
      try {
        const uids = (await client.search({ seen: false, unKeyword: DONE }, { uid: true })) || [];
        for (const uid of uids) {
          if (stopped) break;
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (message === false || !message?.source) continue;
          try {
            await acceptRawEmail(opts.deps, opts.config, new Uint8Array(message.source));
            stored++;
          } catch (error) {
            // Not an email at all (4xx): flag it so it is not fetched forever. Anything else is retried next poll.
            if (!(error instanceof AppError) || error.code === "internal" || error.code === "unavailable") {
              failed++;
              log.error("imap.message_failed", { uid, error: String(error) });
              continue;
            }
            log.warn("imap.message_rejected", { uid, error: error.message });
          }
          await client.messageFlagsAdd(String(uid), ["\\Seen", DONE], { uid: true });
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    if (stored > 0 || failed > 0) log.info("imap.polled", { stored, failed });
    return { stored, failed };
  }

  const loop = () => {
    if (stopped) return;
    running = pollOnce()
      .then(() => undefined)
      .catch((error) => log.error("imap.poll_failed", { error: String(error) }))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(loop, opts.intervalMs);
      });
  };

  return {
    pollOnce,
    start() {
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
