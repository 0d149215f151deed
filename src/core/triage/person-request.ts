import { distance } from "fastest-levenshtein";
import { fold } from "../dialog/acts.js";

/**
 * Recognises a request for a person however it is phrased: "I want help talking with an agent",
 * "wanna contact somebody", "can I talkk to somone", "Quiero hablar con una persona", "ich möchte
 * mit einem Mitarbeiter sprechen". A verb of reaching someone next to a word for a person, with only
 * small words between them, in either order; misspellings within one or two edits.
 */

// Verbs of reaching someone, every catalogue language, inflected forms listed (no stemmer needed).
const VERBS = words(`talk talking talked speak speaking spoke chat chatting chatted contact contacting contacted reach reaching
  connect connecting transfer transferring escalate escalating call calling communicate communicating
  hablar hablando comunicarme comunicar contactar chatear conversar llamar
  parler discuter contacter joindre appeler
  sprechen reden chatten kontaktieren erreichen telefonieren
  falar conversar contatar contactar ligar
  parlare contattare chattare chiamare parlarne
  spreken praten chatten bellen contacteren bereiken`);

// Words for a person on the company's side.
const PEOPLE = words(`human humans person people agent agents representative rep someone somebody anyone anybody operator
  assistant manager supervisor staff employee advisor adviser
  humano persona alguien agente operador asesor representante
  humain personne quelqu'un conseiller conseillere operateur
  mensch menschen mitarbeiter mitarbeiterin person berater beraterin jemand jemandem jemanden
  humano pessoa alguem atendente operador
  umano persona qualcuno operatore assistente
  mens medewerker persoon iemand`);

// Only these may stand between the verb and the person ("speak with a live agent", "mit einem echten Menschen sprechen").
const FILLERS = words(`to with me a an the some one your real live actual human customer support service any in touch through
  please now directly of possible this it i we can could
  con un una el la al alguna algun real
  a au avec un une le la vrai vraie
  mit einem einer einen ein echten echte echtem zu
  com um uma o real
  con un una il lo uno vero vera
  met een echte echt de het`);

// Wanting a person outright ("I need an agent", "get me a human"): verbs of wanting, and people that read unambiguously.
const WANTS = words(`need want get give have request require prefer wanna gimme
  quiero necesito prefiero
  veux voudrais besoin
  will mochte brauche
  quero preciso
  voglio vorrei
  wil wilt`);
const CLEAR_PEOPLE = words(`human agent operator representative person humano persona agente humain personne mensch menschen mitarbeiter
  atendente pessoa operatore umano medewerker mens`);
// "I need an agent account", "an assistant role": a person word naming a thing in the product.
const THING_AFTER = words(`account accounts role roles permission permissions access login seat seats profile app api key dashboard view mode
  user users invite license licence cuenta compte konto conta rolle ruolo`);

const WHOLE_MESSAGE =
  /^(?:live |real |human )?(?:agent|human|operator|representative|person|humano|agente|operador|operateur|operatore)(?: please| pls| now)?$/u;
const NO_BOTS = /\bno (?:more )?(?:bots?|robots?|machines?|ai)\b|\b(?:not|don'?t want) (?:a |to talk to (?:a |the )?)?(?:bot|robot|machine)\b/u;

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

// Real words one or two edits away from a person or a verb ("assistance" is not "assistant").
const NOT_MISSPELT = words(`assistance assistant's persons personal connection correcting contract contrast agency agenda humane`);

const sorted = (w: string) => [...w].sort().join("");

/** Misspellings: one edit (or two swapped letters) in words of 4+ letters, two edits in words of 10+ ("represntitive"). */
function inSet(token: string, set: Set<string>): boolean {
  if (set.has(token)) return true;
  if (token.length < 4 || NOT_MISSPELT.has(token)) return false;
  const allowed = token.length >= 10 ? 2 : 1;
  for (const word of set) {
    if (word.length < 4 || Math.abs(word.length - token.length) > allowed) continue;
    const d = distance(word, token);
    if (d <= allowed || (d === 2 && sorted(word) === sorted(token))) return true;
  }
  return false;
}

function tokens(text: string): string[] {
  const raw = fold(text)
    .replace(/[^\p{L}\p{N}'\s]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  // "speak tosomebody": a preposition glued to the person is split off.
  return raw.flatMap((t) => {
    const glued = t.match(/^(to|with|con|avec|mit|com|met)(\p{L}{4,})$/u);
    return glued && inSet(glued[2] ?? "", PEOPLE) ? [glued[1] ?? "", glued[2] ?? ""] : [t];
  });
}

/** Whether `to` is reached from `from` over at most `max` fillers. */
function near(ts: string[], from: number, step: 1 | -1, target: Set<string>, max: number): number {
  for (let i = from + step, gap = 0; i >= 0 && i < ts.length && gap <= max; i += step, gap++) {
    const t = ts[i] ?? "";
    if (inSet(t, target)) return i;
    if (!inSet(t, FILLERS)) return -1;
  }
  return -1;
}

export function asksForPerson(text: string): boolean {
  const ts = tokens(text);
  const joined = ts.join(" ");
  if (WHOLE_MESSAGE.test(joined) || NO_BOTS.test(joined)) return true;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] ?? "";
    if (inSet(t, VERBS)) {
      const at = near(ts, i, 1, PEOPLE, 4);
      if (at >= 0 && !THING_AFTER.has(ts[at + 1] ?? "")) return true;
      // German and Dutch put the verb last: "mit einem Mitarbeiter sprechen"; English "someone to talk to".
      if (near(ts, i, -1, PEOPLE, 3) >= 0) return true;
    }
    if (WANTS.has(t)) {
      const at = near(ts, i, 1, CLEAR_PEOPLE, 3);
      if (at >= 0 && !THING_AFTER.has(ts[at + 1] ?? "")) return true;
    }
  }
  return false;
}
