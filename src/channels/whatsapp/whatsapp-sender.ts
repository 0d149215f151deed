import type { CoreDeps } from "../../core/deps.js";
import type { Message } from "../../core/types.js";
import type { ChannelSender } from "../../ports/channel-sender.js";
import { type GraphApi, GraphError } from "./graph-api.js";
import { phoneOf } from "./sessions.js";

/** Free-form messages may go out only within 24 hours of the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 3600_000;

type Choice = { label: string; value: string };

/** Text, or reply buttons (2–3 choices) / a list (4–10) once the message carries choices. */
export function messageBody(to: string, message: Pick<Message, "text"> & { choices?: Choice[] }): Record<string, unknown> {
  const choices = message.choices ?? [];
  const body = message.text.slice(0, 1024);
  if (choices.length >= 2 && choices.length <= 3)
    return {
      to,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: body },
        action: { buttons: choices.map((c) => ({ type: "reply", reply: { id: c.value.slice(0, 256), title: c.label.slice(0, 20) } })) },
      },
    };
  if (choices.length >= 4 && choices.length <= 10)
    return {
      to,
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: body },
        action: { button: "Choose", sections: [{ rows: choices.map((c) => ({ id: c.value.slice(0, 200), title: c.label.slice(0, 24) })) }] },
      },
    };
  return { to, type: "text", text: { body: message.text.slice(0, 4096), preview_url: false } };
}

/**
 * Delivers on the Cloud API. Outside the 24-hour window the bot stays silent (the reply fails and a
 * person takes over); an agent's reply goes as the approved template, or fails with the reason shown.
 */
export function whatsappSender(deps: CoreDeps, api: GraphApi, template?: { name: string; language: string }): ChannelSender {
  return {
    async send({ conversation, message }) {
      if (message.role === "customer") return { ok: true, externalId: "not-sent" };
      const to = phoneOf(conversation);
      const lastCustomer = (await deps.store.listMessages(conversation.id)).filter((m) => m.role === "customer").at(-1);
      const open = lastCustomer !== undefined && deps.clock.now() - lastCustomer.createdAt < SERVICE_WINDOW_MS;
      let body: Record<string, unknown>;
      if (open) body = messageBody(to, message as Message & { choices?: Choice[] });
      else if (message.role === "agent" && template)
        body = {
          to,
          type: "template",
          template: {
            name: template.name,
            language: { code: template.language },
            components: [{ type: "body", parameters: [{ type: "text", text: message.text.slice(0, 1024) }] }],
          },
        };
      else
        return {
          ok: false,
          retryable: false,
          error:
            message.role === "agent"
              ? "outside WhatsApp's 24-hour window: set WHATSAPP_TEMPLATE_NAME to an approved template to reach the customer"
              : "outside WhatsApp's 24-hour window: only a template message may be sent",
        };
      try {
        return { ok: true, externalId: await api.send(body) };
      } catch (error) {
        if (error instanceof GraphError) return { ok: false, retryable: error.retryable, error: error.message };
        return { ok: false, retryable: true, error: String(error) };
      }
    },
  };
}
