// Mail that must never get an automatic answer: replying to robots is how mail loops start
// (RFC 3834 section 2 lists most of these). Such mail is stored and handed to agents instead.

const DAEMON = /^(mailer-daemon|mail-daemon|postmaster|mailerdaemon|mail\.delivery\.system|maildelivery|bounce|bounces|no-?reply|do-?not-?reply)([+-].*)?@/i;
const AUTO_SUBJECT =
  /^\s*(auto(matic|matische)?[ -]?(reply|response|antwort|svar|risposta|respuesta)|out of (the )?office|abwesenheit(snotiz)?|réponse automatique|risposta automatica|respuesta automática|automatisch antwoord|autosvar|fuera de la oficina)\b|^\s*(undeliverable|undelivered mail|delivery status notification|mail delivery (failed|subsystem)|returned mail|failure notice|delivery failure)\b/iu;

export type LoopFacts = {
  headers: Record<string, string[]>;
  fromAddress: string | null;
  subject: string;
  /** Our own sending addresses (EMAIL_FROM and aliases), lower-case. */
  ownAddresses: string[];
};

/** The reason this mail must not be answered automatically, or null when a reply is fine. */
export function autoReplyBlock(facts: LoopFacts): string | null {
  const h = (name: string) => facts.headers[name] ?? [];
  const first = (name: string) => (h(name)[0] ?? "").trim();

  const autoSubmitted = first("auto-submitted").split(";")[0]?.trim().toLowerCase() ?? "";
  if (h("auto-submitted").length > 0 && autoSubmitted !== "no") return `auto_submitted:${autoSubmitted || "empty"}`;
  const precedence = first("precedence").toLowerCase();
  if (["bulk", "list", "junk", "auto_reply"].includes(precedence)) return `precedence:${precedence}`;
  if (h("list-id").length > 0 || h("list-unsubscribe").length > 0 || h("list-post").length > 0) return "mailing_list";
  if (h("return-path").length > 0 && /^<?\s*>?$/.test(first("return-path"))) return "empty_return_path";
  const from = (facts.fromAddress ?? "").toLowerCase();
  if (from && DAEMON.test(from)) return `system_sender:${from.split("@")[0]}`;
  const contentType = first("content-type").toLowerCase();
  if (/multipart\/report/.test(contentType) && /report-type="?(delivery-status|disposition-notification|feedback-report)/.test(contentType))
    return "delivery_status_notification";
  if (h("x-failed-recipients").length > 0) return "delivery_status_notification";
  if (from && facts.ownAddresses.includes(from)) return "from_our_own_address";
  if (h("x-frontdesk-reply").length > 0) return "our_own_reply";
  if (h("x-autoreply").length > 0 || h("x-autorespond").length > 0) return "auto_reply_header";
  if (AUTO_SUBJECT.test(facts.subject)) return "auto_reply_subject";
  if (!from) return "no_sender_address";
  return null;
}
