import { fold } from "../dialog/acts.js";
import { detectLanguage } from "../text/language.js";
import type { Sentiment } from "../types.js";

/**
 * Triage with no model: priority from what is at stake, sentiment from how the customer feels, and
 * the language they write in. A model's triage, when there is one, refines category and priority;
 * this one runs on every turn (handoffs too), so urgent conversations can always be found.
 *
 * The rules name situations, never a company's products: a whole business that cannot work or take
 * money is urgent, money that went missing is urgent, a customer who says it is urgent is high.
 */
export type Priority = "urgent" | "high" | "normal";
export type OfflineTriage = { priority: Priority; sentiment: Sentiment; language: string | undefined; reasons: string[] };

const w = (words: string[]) => new RegExp(String.raw`(?:^|[^\p{L}])(?:${words.join("|")})(?=$|[^\p{L}])`, "u");

/** Nothing works for the whole business, or it cannot take money at all. Matched on folded text. */
const OUTAGE = [
  w([
    "(?:whole|entire) (?:shop|store|site|website|system|business|restaurant|team|company)",
    "(?:everything|nothing) (?:is )?(?:down|broken|offline|works|stopped working|is working)",
    "all (?:of )?(?:our |my |the )?(?:terminals|registers|tills|devices|locations|stores|shops|card readers|readers|machines) (?:are )?(?:down|offline|dead|not working|stopped working)",
    "(?:shop|store|site|website|system|platform|service|app|checkout|till|register|pos)s? (?:is |are )?(?:completely |totally )?(?:down|offline|dead)",
    "outage",
    "(?:nobody|no one|no customers?|customers) can(?:'t|not)? ?(?:pay|check ?out|buy|order)",
    "(?:can(?:'t|not)|unable to|could ?n't|cannot) (?:take|accept|process|receive|run) (?:any )?(?:card )?(?:payments?|cards?|orders?|sales|money)",
    "(?:payments?|cards?|checkout|sales) (?:are |is |have |has )?(?:all )?(?:stopped|failing|down|not (?:going through|working)|declined for everyone)",
    "stopped (?:taking|accepting|processing) (?:card )?payments",
    // "none of our card readers take payments", "the terminal won't accept cards"
    "(?:none of|no) (?:our|my|the) [\\w ]{0,30}(?:take|takes|accept|accepts|process|processes|work|works)\\b.{0,20}(?:payments?|cards?)",
    "(?:won't|wont|doesn't|doesnt|isn't|isnt|aren't|arent|can't|cant|cannot) (?:take|taking|accept|accepting|process|processing) (?:any )?(?:card |contactless )?(?:payments?|cards?)",
    // es, fr, de, pt, it, nl
    "(?:todo|la tienda|el sistema|la web) (?:esta )?(?:caid[oa]|sin funcionar|no funciona)",
    "no (?:podemos|puedo) (?:cobrar|vender|aceptar pagos)",
    "(?:tout|le (?:site|systeme|magasin)) (?:est )?(?:en panne|hors service|ne fonctionne plus)",
    "(?:impossible|on ne peut plus) (?:de )?(?:payer|encaisser|vendre)",
    "(?:alles|das (?:system|geschaft|kassensystem)|der shop) (?:ist )?(?:ausgefallen|down|geht nicht mehr)",
    "(?:keine|kein) (?:zahlungen|kartenzahlung|verkauf) (?:mehr )?(?:moglich)?",
    "(?:tudo|a loja|o sistema) (?:esta )?(?:fora do ar|parad[oa]|caiu)",
    "nao (?:consigo|conseguimos) (?:receber|cobrar|vender)",
    "(?:tutto|il negozio|il sistema) (?:e )?(?:fermo|bloccato|down|non funziona piu)",
    "(?:pagamenti|incassi) bloccati",
    "(?:alles|de winkel|het systeem|de kassa) (?:ligt (?:eruit|plat)|werkt niet meer)",
    "geen betalingen (?:meer )?mogelijk",
  ]),
];

/** Money the customer has lost or is losing. */
const MONEY_AT_RISK = w([
  "(?:charged|billed|debited) (?:me )?(?:twice|double|three times|multiple times|again)",
  "double (?:charge|charged|billing|payment)",
  "(?:money|funds|payouts?|deposits?|transfers?) (?:is |are |has |have )?(?:missing|gone|disappeared|never arrived|not arrived|lost|stolen)",
  "(?:losing|lost) (?:money|sales|customers|revenue|business)",
  "customers (?:are )?(?:walking out|leaving|walk out)",
  "(?:cobrado|cobrar) dos veces",
  "(?:perdiendo|perdemos) (?:dinero|ventas)",
  "(?:debite|preleve) deux fois",
  "(?:perdons|perd) de l'argent",
  "doppelt (?:abgebucht|belastet|berechnet)",
  "(?:verlieren|verliere) (?:geld|umsatz)",
  "cobrad[oa] (?:duas vezes|em dobro)",
  "(?:perdendo|perdemos) dinheiro",
  "addebitat[oa] due volte",
  "(?:perdendo|perdiamo) soldi",
  "dubbel (?:afgeschreven|betaald|gefactureerd)",
  "(?:verliezen|verlies) geld",
]);

/** The customer says it cannot wait. */
const URGENCY = w([
  "urgent(?:ly)?",
  "asap",
  "emergency",
  "immediately",
  "right now",
  "critical",
  "urgente(?:mente)?",
  "cuanto antes",
  "inmediatamente",
  "emergencia",
  "au plus vite",
  "immediatement",
  "dringend",
  "sofort",
  "notfall",
  "o mais rapido possivel",
  "imediatamente",
  "subito",
  "al piu presto",
  "spoed(?:ig)?",
  "meteen",
]);

const ANGRY = w([
  "angry",
  "furious",
  "frustrat(?:ed|ing)",
  "annoy(?:ed|ing)",
  "upset",
  "disappoint(?:ed|ing)",
  "unacceptable",
  "ridiculous",
  "terrible",
  "awful",
  "horrible",
  "worst",
  "useless",
  "pathetic",
  "disgust(?:ed|ing)",
  "fed up",
  "sick of",
  "scam",
  "rip ?off",
  "joke",
  "hate",
  "(?:third|fourth|fifth|\\d+(?:st|nd|rd|th)) time",
  "still (?:no|nothing|waiting)",
  "no one (?:answers|replies|helps)",
  "nobody (?:answers|replies|helps)",
  "enfadad[oa]",
  "molest[oa]",
  "inaceptable",
  "ridiculo",
  "pesim[oa]",
  "harto",
  "estafa",
  "furieux",
  "en colere",
  "decu",
  "inacceptable",
  "nul",
  "honteux",
  "arnaque",
  "verargert",
  "wutend",
  "enttauscht",
  "inakzeptabel",
  "unverschamt",
  "katastrophe",
  "frech",
  "irritad[oa]",
  "chatead[oa]",
  "inaceitavel",
  "pessimo",
  "absurdo",
  "arrabbiat[oa]",
  "inaccettabile",
  "vergognoso",
  "pessimo",
  "deluso",
  "boos",
  "teleurgesteld",
  "onacceptabel",
  "belachelijk",
  "waardeloos",
  "schandalig",
]);

const PLEASED = w([
  "thanks?",
  "thank you",
  "great",
  "awesome",
  "perfect",
  "excellent",
  "love",
  "amazing",
  "helpful",
  "appreciate",
  "happy",
  "that worked",
  "gracias",
  "genial",
  "perfecto",
  "excelente",
  "merci",
  "parfait",
  "super",
  "genial",
  "danke",
  "perfekt",
  "toll",
  "prima",
  "obrigad[oa]",
  "otimo",
  "perfeito",
  "grazie",
  "perfetto",
  "ottimo",
  "bedankt",
  "geweldig",
]);

const NEGATED = /\b(not|never|no|nicht|kein|pas|no es|nao|non|niet)\s+$/u;

function count(pattern: RegExp, folded: string): number {
  const g = new RegExp(pattern.source, "gu");
  let n = 0;
  for (const m of folded.matchAll(g)) {
    // "not great", "nicht perfekt": a negated word counts for nothing.
    if (!NEGATED.test(folded.slice(Math.max(0, (m.index ?? 0) - 12), (m.index ?? 0) + 1))) n++;
  }
  return n;
}

/** Shouting: most letters capitals over a few words, or a run of exclamation marks. */
function shouting(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = text.match(/\p{Lu}/gu) ?? [];
  return (letters.length >= 12 && upper.length / letters.length > 0.7) || /!{3,}/.test(text);
}

export function offlineTriage(text: string): OfflineTriage {
  const folded = fold(text);
  const reasons: string[] = [];
  let priority: Priority = "normal";
  if (OUTAGE.some((p) => p.test(folded))) {
    priority = "urgent";
    reasons.push("business_down");
  } else if (MONEY_AT_RISK.test(folded)) {
    priority = "urgent";
    reasons.push("money_at_risk");
  } else if (URGENCY.test(folded)) {
    priority = "high";
    reasons.push("customer_says_urgent");
  }
  const negative = count(ANGRY, folded) + (shouting(text) ? 1 : 0);
  const positive = count(PLEASED, folded);
  const sentiment: Sentiment = negative > positive ? "negative" : positive > negative ? "positive" : "neutral";
  // One or two words ("espresso", "ok merci") are a guess: the conversation keeps its language.
  const detected = detectLanguage(text);
  const sure = detected && (detected.confidence >= 0.5 || text.trim().split(/\s+/).length >= 4);
  return { priority, sentiment, language: sure ? detected.language : undefined, reasons };
}

/** The higher of two priorities, so a turn never lowers what an earlier one found. */
export function higherPriority(a: string, b: string): string {
  const rank = (p: string) => ({ urgent: 3, high: 2, normal: 1, low: 0 })[p] ?? 1;
  return rank(b) > rank(a) ? b : a;
}
