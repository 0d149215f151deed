import type { TextTable } from "./en.js";

export const it: TextTable = {
  "handoff.customer_asked":
    "Certo — ho passato la tua conversazione al nostro team di assistenza. Non devi ripetere nulla: possono vedere tutto quello che hai scritto.",
  "handoff.risk_topic":
    "Grazie per avercelo fatto sapere. Qui serve una persona del nostro team di assistenza, quindi le ho passato la tua conversazione; può vedere tutto quello che hai scritto.",
  "handoff.self_harm":
    "Mi dispiace davvero che tu stia attraversando tutto questo. Ho chiesto a una persona del nostro team di contattarti personalmente subito. Se sei in pericolo o stai pensando di farti del male, chiama ora il numero di emergenza locale o una linea di ascolto: non devi affrontare tutto questo senza aiuto.",
  "handoff.draft_rejected": "Grazie per la pazienza — una persona del nostro team di assistenza se ne occupa personalmente e ti risponderà qui a breve.",
  "handoff.failed": "Ci scusiamo: qualcosa è andato storto da parte nostra durante la risposta. Ho passato la tua conversazione al nostro team di assistenza.",
  "handoff.no_answer": "Non ho trovato una risposta affidabile, quindi ho passato la tua conversazione al nostro team di assistenza.",
  "handoff.agent_took_over": "Una persona del nostro team di assistenza ha preso in carico questa conversazione e ti risponderà qui.",
  "release.bot_back": "Il nostro assistente automatico torna a seguire questa conversazione; una persona del team continua a leggerla.",
  "review.pending": "Grazie — ho preparato una risposta e una persona del team la sta controllando prima dell'invio. La riceverai qui a breve.",

  "hours.reply_within": "Una persona ti risponderà qui, di solito entro {duration}.",
  "hours.reply_soon": "Una persona ti risponderà qui il prima possibile.",
  "hours.back_today": "Al momento il nostro team non è disponibile e torna oggi alle {time} ({zone}); a quell'ora una persona ti risponderà qui.",
  "hours.back_tomorrow": "Al momento il nostro team non è disponibile e torna domani alle {time} ({zone}); a quell'ora una persona ti risponderà qui.",
  "hours.back_weekday": "Al momento il nostro team non è disponibile e torna {day} alle {time} ({zone}); a quell'ora una persona ti risponderà qui.",
  "hours.back_date": "Al momento il nostro team non è disponibile e torna il {date} alle {time} ({zone}); a quell'ora una persona ti risponderà qui.",

  "offline.answer":
    "Questa è una risposta automatica tratta dall'articolo «{title}» del centro assistenza di {company}:\n\n{body}\n\nSe non risolve il problema, rispondi qui e una persona del nostro team ti aiuterà.",
  "offline.answer_section":
    "Questa è una risposta automatica tratta dall'articolo «{title}» (sezione «{section}») del centro assistenza di {company}:\n\n{body}\n\nSe non risolve il problema, rispondi qui e una persona del nostro team ti aiuterà.",

  "attachment.rejected_one": "C'è stato un problema con il tuo allegato. {reasons}",
  "attachment.rejected_many": "C'è stato un problema con {count} dei tuoi allegati. {reasons}",
  "attachment.unnamed": "il tuo file",
  "attachment.unsupported_type":
    "Possiamo leggere solo immagini PNG, JPEG, WebP o GIF, quindi non siamo riusciti ad aprire {file}. Va bene anche uno screenshot.",
  "attachment.too_large": "Non abbiamo potuto accettare {file} perché è troppo grande. Invia un'immagine più piccola.",
  "attachment.too_many_pixels": "Non abbiamo potuto accettare {file} perché la risoluzione è troppo alta. Invia un'immagine più piccola.",
  "attachment.unreadable": "Non siamo riusciti ad aprire {file}: sembra danneggiato o incompleto. Invialo di nuovo.",
  "attachment.missing": "Abbiamo perso {file} da parte nostra. Invialo di nuovo.",
  "attachment.failed": "Qualcosa è andato storto durante la lettura di {file}. Invialo di nuovo come immagine PNG o JPEG.",

  "email.sources": "Fonti:",
  "slack.placeholder": "Ci sto guardando… :hourglass_flowing_sand:",

  // Dialog acts and the didn't-help handoff (conv-dialog).
  "dialog.greeting": "Ciao! Come posso aiutarti oggi?",
  "dialog.invite": "Descrivimi in una o due frasi di cosa hai bisogno e lo cerco per te.",
  "dialog.thanks": "Prego! Se ti serve altro, scrivici qui.",
  "dialog.closing": "Grazie per averci scritto, buona giornata! Se ti serve altro, scrivici qui.",
  "dialog.resolved": "Ottimo, sono contento che sia risolto! Se ti serve altro, scrivici qui.",
  "dialog.more_detail": "Puoi dirmi qualcosa in più? Per esempio, cosa stavi cercando di fare e cosa è successo invece.",
  "dialog.next_best": "Mi dispiace che non sia servito. Questo articolo potrebbe essere più adatto:",
  "handoff.didnt_help":
    "Mi dispiace che non abbia risolto il problema. Ho passato la tua conversazione al nostro team di assistenza, che può vedere tutto ciò che hai scritto.",
  "offline.article_language": "Questo articolo è disponibile solo in {language}.",
  // Quick replies (conv-turns): ambiguous matches and "Did this answer your question?".
  "choices.prompt": "Ho trovato alcuni articoli di aiuto che potrebbero fare al caso tuo. Quale si avvicina di più alla tua domanda?",
  "choices.prompt_numbered":
    "Ho trovato alcuni articoli di aiuto che potrebbero fare al caso tuo. Rispondi con il numero (o il titolo) di quello più vicino alla tua domanda:",
  "choices.none": "Nessuno di questi",
  "confirm.question": "Questo ha risposto alla tua domanda?",
  "confirm.yes": "Sì, grazie",
  "confirm.no": "Non proprio",
  "confirm.thanks": "Ottimo, sono contento di esserti stato utile! Se serve altro, scrivi pure qui.",
  "confirm.didnt_help":
    "Mi dispiace che non abbia risolto. Ho passato la tua conversazione al nostro team di assistenza; può vedere tutto ciò che hai scritto.",
};
