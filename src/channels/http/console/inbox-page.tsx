import type { Conversation, Draft, Message } from "../../../core/types.js";
import { CustomerText } from "./customer-text.js";
import { Badge, Csrf, Layout, type PageCtx, when } from "./layout.js";

export type InboxItem = { draft: Draft; conversation: Conversation | null; customer: string; question: Message | null };

export function DraftCard(props: { item: InboxItem; csrf: string }) {
  const { draft, conversation, customer, question } = props.item;
  return (
    <article class="card draft" data-draft={draft.id}>
      <div class="row">
        <h2 style="flex:1;margin:0">
          <a href={`/console/conversations/${draft.conversationId}`}>
            <CustomerText text={customer} />
          </a>
          {conversation?.subject ? (
            <span class="muted">
              {" "}
              · <CustomerText text={conversation.subject} />
            </span>
          ) : null}
        </h2>
        <Badge value={conversation?.channel} />
        <Badge value={draft.mode} />
        <span class="muted small">
          {draft.confidence !== null ? `confidence ${draft.confidence.toFixed(2)} · ` : ""}
          {when(draft.createdAt)}
        </span>
      </div>
      {question ? (
        <>
          <h3>Customer wrote</h3>
          <div class="quote">
            <CustomerText text={question.text} />
          </div>
        </>
      ) : null}
      <div>
        {draft.reasons.map((r) => (
          <span class="badge">{r}</span>
        ))}
        {draft.citations.map((c) => (
          <span class="badge">
            {c.title} v{c.version}
          </span>
        ))}
      </div>
      <form method="post" action={`/console/drafts/${draft.id}/approve`}>
        <Csrf token={props.csrf} />
        <label class="small muted" for={`text-${draft.id}`}>
          Draft reply (edit before approving if needed; the original is kept)
        </label>
        <textarea id={`text-${draft.id}`} name="text" rows={10}>
          {draft.text}
        </textarea>
        <div class="row end gap">
          <button type="submit" data-action="approve">
            Approve and send
          </button>
        </div>
      </form>
      <form method="post" action={`/console/drafts/${draft.id}/reject`} class="row end">
        <Csrf token={props.csrf} />
        <input type="text" name="reason" placeholder="Reason for rejecting (hands the conversation to a person)" required style="flex:1" />
        <button type="submit" class="secondary" data-action="reject">
          Reject
        </button>
      </form>
    </article>
  );
}

export function InboxItems(props: { items: InboxItem[]; csrf: string }) {
  return (
    <>
      {props.items.map((item) => (
        <DraftCard item={item} csrf={props.csrf} />
      ))}
    </>
  );
}

export function InboxPage(props: { ctx: PageCtx; items: InboxItem[] }) {
  return (
    <Layout ctx={props.ctx} title="Review inbox" active="inbox">
      <h1>
        Review inbox{" "}
        <span class="badge pending" id="pending-count">
          {props.items.length}
        </span>
      </h1>
      <p class="muted">Drafts the bot is holding for a person. This list updates by itself.</p>
      <p id="inbox-empty" class="card empty" hidden={props.items.length > 0}>
        Nothing waiting for review.
      </p>
      <section id="inbox">
        <InboxItems items={props.items} csrf={props.ctx.csrf} />
      </section>
    </Layout>
  );
}
