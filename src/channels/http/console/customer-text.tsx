import { visibleText } from "../../../core/text/visible-text.js";

// Everything a customer wrote (or named themselves) goes through these on console pages: <bdi>
// keeps right-to-left text from reordering the page around it, and visibleText shows control
// characters instead of obeying them.

/** Text a customer wrote, isolated from the surrounding layout. */
export const CustomerText = (props: { text: string | null | undefined }) => <bdi class="customer-text">{visibleText(props.text ?? "")}</bdi>;

/** A name the customer chose: marked as theirs, so a name like "Support team" cannot pass as ours. */
export const CustomerName = (props: { name: string | null | undefined; email?: string | null; fallback: string }) => {
  if (props.name)
    return (
      <span class="customer-name" title="Name given by the customer">
        “<bdi>{visibleText(props.name)}</bdi>”<span class="muted small"> (name given by the customer)</span>
      </span>
    );
  if (props.email) return <bdi>{visibleText(props.email)}</bdi>;
  return <>{props.fallback}</>;
};
