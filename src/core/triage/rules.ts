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
      /\b(charge ?backs?|chargbacks?|charge-backs?|contracargos?|rückbuchung\w*|terugboeking\w*|r[ée]trofacturation|estorno)\b/i,
      // "reverse charge" alone is VAT, so a reversal needs an object: "reverse every charge", "reversed a payment".
      /\b(dispute|disputing|disputed|reverse|reversing|reversed)\s+(the|this|that|a|an|my|every|all|these|those|your)\b.{0,30}\b(charges?|payments?|transactions?)\b/i,
      /\b(dispute|disputing)\b.{0,40}\b(bank|card issuer|credit card company)\b/i,
      /\b(bank|issuer)\b.{0,40}\b(reversed|reverse|disputed|dispute|pulled back|clawed back)\b/i,
      /\b(call(ed|ing)?|contact(ed|ing)?) my bank\b/i,
    ],
  },
  {
    name: "account_compromise",
    patterns: [
      /\b(hacked|compromised|account takeover|identity theft|phishing|piraté|gehackt|hackeado|hackerato)\b/i,
      /\b(unauthori[sz]ed|unknown|unrecogni[sz]ed|suspicious|strange) (log ?ins?|logins|sign[- ]?ins?|access|charges?|transactions?|refunds?)\b/i,
      /\b(log ?ins?|logins|sign[- ]?ins?)\b.{0,30}\b(i (do not|don't|dont) recogni[sz]e|from (another|a different) country|from [A-Z][a-z]+)\b/,
      /\bsomeone (else )?(logged|signed|got|has|used|changed|accessed|is using)\b.{0,30}\b(in|into|login|account|password|bank|payout|details)\b/i,
      /\b(that|this) (was ?n[o']?t|wasnt|is ?n[o']?t) me\b/i,
      /\bwithout my (permission|authori[sz]ation|consent|knowledge)\b/i,
      /\b(sans mon autorisation|ohne meine (zustimmung|erlaubnis)|sin mi (permiso|autorización)|sem (a )?minha autorização|senza (il )?mio permesso|zonder mijn toestemming)\b/i,
      /\b(account|payout|bank details)\b.{0,40}\b(is ?n[o']?t|isnt|not) mine\b/i,
    ],
  },
  {
    name: "self_harm",
    patterns: [
      /\b(kill myself|suicid\w*|end my life|ending my life|end(ing)? it all|self[- ]harm|hurt myself|want to die|wanna die|(don't|dont|do not) want to (live|be alive|be here)|no reason to live|better off dead)\b/i,
    ],
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
