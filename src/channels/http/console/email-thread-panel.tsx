import type { ConversationView } from "../../../core/agent/conversation-view.js";
import { CustomerText } from "./customer-text.js";
import { Csrf } from "./layout.js";

/**
 * Email thread identity for agents: which conversation a stranger's reply came in on, and the
 * addresses the thread's mail included that an agent may let in (they then write into the thread
 * and receive its replies).
 */
export function EmailThreadPanel(props: { view: ConversationView; csrf: string; previousContact: string | null }) {
  const { conversation: c, participants } = props.view;
  if (!c.previousConversationId && participants.length === 0) return null;
  return (
    <div class="card email-thread">
      {c.previousConversationId ? (
        <p data-previous-conversation={c.previousConversationId}>
          {c.channel === "email" ? "Replied on a thread started by " : "Continues a conversation with "}
          <a href={`/console/conversations/${c.previousConversationId}`}>
            {props.previousContact ? <CustomerText text={props.previousContact} /> : "another conversation"}
          </a>
          {c.channel === "email" ? ". It was kept apart: this sender sees nothing of that thread." : "."}
        </p>
      ) : null}
      {participants.length ? (
        <>
          <h3>Others included in this thread's mail</h3>
          <ul>
            {participants.map((p) => (
              <li data-participant={p.address}>
                <CustomerText text={p.address} />{" "}
                {p.status === "accepted" ? (
                  <span class="badge">accepted</span>
                ) : (
                  <form method="post" action={`/console/conversations/${c.id}/participants`} style="display:inline">
                    <Csrf token={props.csrf} />
                    <input type="hidden" name="address" value={p.address} />
                    <button type="submit" class="secondary">
                      Accept into this thread
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
