/**
 * Triage that needs no model. These run first and the model cannot override them: a customer who
 * asks for a person gets one, and risky topics always reach a human.
 */
export type RiskTopic = { name: string; patterns: RegExp[] };
export type RuleTriage = { humanRequested: boolean; risks: string[]; reasons: string[] };

const HUMAN_REQUEST: RegExp[] = [
  /\b(talk|speak|chat|connect me|put me through|transfer me)\b.{0,30}\b(to|with)\b.{0,20}\b(a |an |some|your )?(human|person|people|agent|representative|rep|someone|somebody|operator|manager|supervisor|staff)\b/i,
  /\b(real|actual|live|human) (person|human|agent|being|support|operator)\b/i,
  /\b(agent|human|operator|representative)\s*(please|pls|plz|now)\b/i,
  /^\s*(agent|human|operator|representative|person)\s*[.!?]*\s*$/i,
  /\b(i want|i need|give me|get me|can i (get|have)|let me talk to)\b.{0,15}\b(a |an )?(human|person|agent|representative|manager)\b/i,
  /\bno (more )?(bots?|robots?|machines?)\b/i,
  /\b(hablar con|quiero) (una persona|un humano|un agente|alguien)\b/i,
  /\b(parler à|parler a) (un humain|une personne|quelqu'un|un conseiller|un agent)\b/i,
  /\b(mit einem|mit einer) (menschen|mitarbeiter|mitarbeiterin|person)\b.{0,20}\b(sprechen|reden)\b/i,
  /\b(falar com) (um humano|uma pessoa|um atendente|alguém)\b/i,
  /\b(parlare con) (un operatore|una persona|un umano)\b/i,
  /\b(met een) (mens|medewerker|persoon)\b.{0,20}\b(spreken|praten)\b/i,
];

export const DEFAULT_RISK_TOPICS: RiskTopic[] = [
  {
    name: "legal",
    patterns: [
      /\b(lawyer|attorney|solicitor|lawsuit|sue|suing|legal action|take you to court|small claims|class action|cease and desist|abogado|demanda|avocat|anwalt|klage|advogado|avvocato)\b/i,
    ],
  },
  {
    name: "chargeback",
    patterns: [
      /\b(charge ?back|dispute (the|this|a) (charge|payment|transaction)|disputing (the|this|a)|call(ed)? my bank|reverse the (charge|payment)|file a dispute|contracargo|rückbuchung)\b/i,
    ],
  },
  {
    name: "account_compromise",
    patterns: [
      /\b(hacked|compromised|unauthori[sz]ed (login|access|sign[- ]?in|charges?|transactions?)|someone (else )?(logged|signed|got) in(to)?|stolen (account|password|identity)|identity theft|phishing|account takeover|piraté|gehackt|hackeado|hackerato)\b/i,
    ],
  },
  {
    name: "self_harm",
    patterns: [/\b(kill myself|suicid\w*|end my life|self[- ]harm|hurt myself|want to die|don't want to live|no reason to live)\b/i],
  },
];

/** RISK_TOPICS="name:word|phrase;name2:..." adds topics to the defaults. */
export function parseRiskTopics(setting: string | undefined): RiskTopic[] {
  if (!setting) return DEFAULT_RISK_TOPICS;
  const extra = setting
    .split(";")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, words = ""] = entry.split(":", 2);
      const alternatives = words
        .split("|")
        .map((w) => w.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .filter(Boolean);
      return { name: (name ?? "custom").trim(), patterns: alternatives.length ? [new RegExp(`\\b(${alternatives.join("|")})\\b`, "i")] : [] };
    });
  return [...DEFAULT_RISK_TOPICS, ...extra];
}

export function triageRules(text: string, topics: RiskTopic[] = DEFAULT_RISK_TOPICS): RuleTriage {
  const humanRequested = HUMAN_REQUEST.some((p) => p.test(text));
  const risks = topics.filter((t) => t.patterns.some((p) => p.test(text))).map((t) => t.name);
  const reasons = [...(humanRequested ? ["customer_asked_for_human"] : []), ...risks.map((r) => `risk_topic:${r}`)];
  return { humanRequested, risks, reasons };
}

/** What the customer is told when a person takes over, by the first reason. */
export function handoffNotice(reasons: string[]): string {
  const first = reasons[0] ?? "";
  if (first.startsWith("risk_topic:self_harm"))
    return "I'm really sorry you're going through this. I've asked a member of our team to reach out to you personally right away. If you are in danger or thinking about harming yourself, please contact your local emergency number or a crisis line now — you don't have to go through this alone.";
  if (first === "customer_asked_for_human")
    return "Of course — I've passed your conversation to our support team. A person will reply right here, usually within one business hour. You don't need to repeat anything; they can see everything you've written.";
  if (first.startsWith("risk_topic:"))
    return "Thanks for letting us know. This needs a person from our support team, so I've passed your conversation to them. They'll reply right here, usually within one business hour, and can see everything you've written.";
  if (first === "draft_rejected")
    return "Thanks for your patience — a member of our support team is taking this over personally and will reply right here shortly.";
  if (first.startsWith("processing_failed") || first.startsWith("model_error"))
    return "Sorry — something went wrong on our side while answering. I've passed your conversation to our support team, and a person will reply right here, usually within one business hour.";
  return "I couldn't find a reliable answer to this, so I've passed your conversation to our support team. A person will reply right here, usually within one business hour.";
}
