import type { TextTable } from "./en.js";

export const nl: TextTable = {
  "handoff.customer_asked":
    "Natuurlijk — ik heb je gesprek doorgezet naar ons supportteam. Je hoeft niets te herhalen; zij kunnen alles zien wat je hebt geschreven.",
  "handoff.risk_topic":
    "Bedankt dat je het laat weten. Hier is iemand van ons supportteam voor nodig, dus ik heb je gesprek aan hen doorgegeven; zij kunnen alles zien wat je hebt geschreven.",
  "handoff.self_harm":
    "Wat erg dat je dit doormaakt. Ik heb iemand van ons team gevraagd om meteen persoonlijk contact met je op te nemen. Ben je in gevaar of denk je erover jezelf iets aan te doen? Bel dan nu het alarmnummer of een crisislijn — je hoeft hier niet alleen doorheen.",
  "handoff.draft_rejected": "Bedankt voor je geduld — iemand van ons supportteam neemt dit persoonlijk over en reageert hier binnenkort.",
  "handoff.failed": "Sorry — er ging bij ons iets mis tijdens het beantwoorden. Ik heb je gesprek doorgezet naar ons supportteam.",
  "handoff.no_answer": "Ik kon hier geen betrouwbaar antwoord op vinden, dus ik heb je gesprek doorgezet naar ons supportteam.",
  "handoff.agent_took_over": "Iemand van ons supportteam heeft dit gesprek overgenomen en reageert hier.",
  "release.bot_back": "Onze automatische assistent neemt dit gesprek weer over; iemand van het team leest nog mee.",
  "review.pending":
    "Bedankt — ik heb een antwoord opgesteld en iemand van het team controleert het voordat het wordt verstuurd. Je krijgt het hier binnenkort.",

  "hours.reply_within": "Iemand reageert hier, meestal binnen {duration}.",
  "hours.reply_soon": "Iemand reageert hier zo snel mogelijk.",
  "hours.back_today": "Ons team is er nu niet en is vandaag om {time} ({zone}) terug; dan reageert iemand hier.",
  "hours.back_tomorrow": "Ons team is er nu niet en is morgen om {time} ({zone}) terug; dan reageert iemand hier.",
  "hours.back_weekday": "Ons team is er nu niet en is {day} om {time} ({zone}) terug; dan reageert iemand hier.",
  "hours.back_date": "Ons team is er nu niet en is op {date} om {time} ({zone}) terug; dan reageert iemand hier.",

  "offline.answer":
    'Dit is een automatisch antwoord uit het artikel "{title}" in het helpcentrum van {company}:\n\n{body}\n\nLost dit het niet op? Reageer dan hier en iemand van ons team helpt je verder.',
  "offline.answer_section":
    'Dit is een automatisch antwoord uit het artikel "{title}" (sectie "{section}") in het helpcentrum van {company}:\n\n{body}\n\nLost dit het niet op? Reageer dan hier en iemand van ons team helpt je verder.',

  "attachment.rejected_one": "Er was een probleem met je bijlage. {reasons}",
  "attachment.rejected_many": "Er was een probleem met {count} van je bijlagen. {reasons}",
  "attachment.unnamed": "je bestand",
  "attachment.unsupported_type": "We kunnen alleen PNG-, JPEG-, WebP- of GIF-afbeeldingen lezen, dus we konden {file} niet openen. Een screenshot werkt ook.",
  "attachment.too_large": "We konden {file} niet aannemen omdat het bestand te groot is. Stuur een kleinere afbeelding.",
  "attachment.too_many_pixels": "We konden {file} niet aannemen omdat de resolutie te hoog is. Stuur een kleinere afbeelding.",
  "attachment.unreadable": "We konden {file} niet openen; het lijkt beschadigd of onvolledig. Stuur het nog een keer.",
  "attachment.missing": "We zijn {file} aan onze kant kwijtgeraakt. Stuur het nog een keer.",
  "attachment.failed": "Er ging iets mis bij het lezen van {file}. Stuur het nog een keer als PNG- of JPEG-afbeelding.",

  "email.sources": "Bronnen:",
  "slack.placeholder": "Ik kijk ernaar… :hourglass_flowing_sand:",

  // Dialog acts and the didn't-help handoff (conv-dialog).
  "dialog.greeting": "Hallo! Waarmee kan ik je vandaag helpen?",
  "dialog.invite": "Vertel me in een of twee zinnen waarmee je hulp nodig hebt, dan zoek ik het voor je op.",
  "dialog.thanks": "Graag gedaan! Als er nog iets is, schrijf dan gewoon hier.",
  "dialog.closing": "Bedankt voor je bericht en een fijne dag! Als er nog iets is, schrijf dan gewoon hier.",
  "dialog.resolved": "Mooi, fijn dat het gelukt is! Als er nog iets is, schrijf dan gewoon hier.",
  "dialog.more_detail": "Kun je me iets meer vertellen? Bijvoorbeeld wat je probeerde te doen en wat er in plaats daarvan gebeurde.",
  "dialog.next_best": "Jammer dat dat niet hielp. Dit artikel past misschien beter:",
  "handoff.didnt_help":
    "Jammer dat dat het niet heeft opgelost. Ik heb je gesprek doorgegeven aan ons supportteam; zij kunnen alles zien wat je hebt geschreven.",
  "offline.article_language": "Dit artikel is alleen beschikbaar in het {language}.",
  // Quick replies (conv-turns): ambiguous matches and "Did this answer your question?".
  "choices.prompt": "Ik heb een paar hulpartikelen gevonden die kunnen passen. Welke komt het dichtst bij je vraag?",
  "choices.prompt_numbered":
    "Ik heb een paar hulpartikelen gevonden die kunnen passen. Antwoord met het nummer (of de titel) van het artikel dat het dichtst bij je vraag komt:",
  "choices.none": "Geen van deze",
  "confirm.question": "Heeft dit je vraag beantwoord?",
  "confirm.yes": "Ja, bedankt",
  "confirm.no": "Niet echt",
  "confirm.thanks": "Fijn dat het geholpen heeft! Als er nog iets is, schrijf het hier gerust.",
  "confirm.didnt_help": "Jammer dat dit het niet heeft opgelost. Ik heb je gesprek doorgegeven aan ons supportteam; zij zien alles wat je hebt geschreven.",
};
