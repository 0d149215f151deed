// Quoted history and signatures are cut from the new turn so the model answers what the customer
// wrote now; the full text is kept beside it for agents. Rules follow what mailgun/talon and
// email-reply-parser recognise, checked against the real replies in test/fixtures/emails.

const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|originalmeddelande|opprinnelig melding|oprindelig meddelelse|alkuperäinen viesti|wiadomość oryginalna|mensagem original|исходное сообщение)\s*-{2,}\s*$/iu;
const WROTE =
  /^\s*(on|am|le|el|il|op|den|em|w dniu|dne|в|el día)\b.{0,300}\b(wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|skrev|napisał|escreveu|kirjoitti|написал|napsal)(\s*:?|\s.{0,200}:)\s*$/iu;
const HEADER_FROM = /^\s*\*?(from|von|de|van|från|fra|da|od|от|lähettäjä)\s*:?\*?\s*:\s*\S/iu;
const HEADER_SENT = /^\s*\*?(sent|date|gesendet|datum|envoyé|enviado|fecha|verzonden|skickat|sendt|inviato|data|wysłane|отправлено|lähetetty)\s*:?\*?\s*:/iu;
const HEADER_OTHER =
  /^\s*\*?(to|subject|an|betreff|à|objet|para|asunto|aan|onderwerp|till|ämne|til|emne|a|oggetto|do|temat|кому|тема|vastaanottaja|aihe|cc)\s*:?\*?\s*:/iu;
const SEPARATOR = /^\s*(_{10,}|-{10,}|={10,})\s*$/;
const FORWARD =
  /^\s*(-{2,}\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato|doorgestuurd bericht|vidarebefordrat meddelande)|begin forwarded message:|anfang der weitergeleiteten nachricht:)/iu;
const MOBILE_SIGNATURE =
  /^\s*(sent from my \S.{0,40}|sent from (outlook|yahoo mail|mail) for \S.{0,30}|get outlook for \S.{0,30}|von meinem \S.{0,40} gesendet|envoyé de mon \S.{0,40}|enviado desde mi \S.{0,40}|inviato da(l mio)? \S.{0,40})\s*$/iu;

export type StrippedReply = { text: string; quoted: boolean; signature: boolean };

/** Splits the new part of a reply from quoted history and a trailing signature. */
export function stripQuotedReply(input: string): StrippedReply {
  const lines = input.replace(/\r\n?/g, "\n").split("\n");
  let cut = lines.length;
  let quoted = false;
  let signature = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    // A forward is what the customer wants us to read, not history: stop looking for quotes.
    if (FORWARD.test(line)) break;
    if (
      ORIGINAL_MESSAGE.test(line) ||
      WROTE.test(line) ||
      (i + 1 < lines.length && WROTE.test(`${line} ${lines[i + 1]}`) && /^\s*(on|am|le|el)\b/i.test(line))
    ) {
      cut = i;
      quoted = true;
      break;
    }
    if (HEADER_FROM.test(line) && looksLikeHeaderBlock(lines, i)) {
      cut = i;
      // Outlook draws a line of underscores above the header block.
      const prev = previousNonBlank(lines, i);
      if (prev >= 0 && SEPARATOR.test(lines[prev] ?? "")) cut = prev;
      quoted = true;
      break;
    }
    if (/^\s*>/.test(line) && onlyQuotesFrom(lines, i)) {
      cut = i;
      quoted = true;
      break;
    }
  }

  let kept = lines.slice(0, cut);
  // "-- " is the standard signature delimiter; a bare "--" is how many clients send it after trimming.
  const sigAt = kept.findIndex((l, i) => (l === "-- " || l === "--") && i > 0);
  if (sigAt > 0) {
    kept = kept.slice(0, sigAt);
    signature = true;
  }
  while (kept.length > 0 && (kept[kept.length - 1] ?? "").trim() === "") kept.pop();
  const last = kept.length - 1;
  if (last > 0 && MOBILE_SIGNATURE.test(kept[last] ?? "")) {
    kept = kept.slice(0, last);
    signature = true;
  }
  const text = kept
    .join("\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  // Never strip a message down to nothing: a reply that is all quote is better kept whole.
  if (text === "" && input.trim() !== "") return { text: input.trim(), quoted: false, signature: false };
  return { text, quoted, signature };
}

function looksLikeHeaderBlock(lines: string[], start: number): boolean {
  let sent = false;
  let other = false;
  for (let j = start + 1; j < Math.min(lines.length, start + 7); j++) {
    const l = lines[j] ?? "";
    if (HEADER_SENT.test(l)) sent = true;
    else if (HEADER_OTHER.test(l)) other = true;
  }
  return sent && other;
}

function previousNonBlank(lines: string[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if ((lines[j] ?? "").trim() !== "") return j;
  return -1;
}

/** True when everything from `start` on is quoted lines, blank lines or a signature. */
function onlyQuotesFrom(lines: string[], start: number): boolean {
  for (let j = start; j < lines.length; j++) {
    const l = lines[j] ?? "";
    if (l === "-- " || l === "--") return true;
    if (l.trim() !== "" && !/^\s*>/.test(l)) return false;
  }
  return true;
}
