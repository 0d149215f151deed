import type { TextTable } from "./en.js";

export const de: TextTable = {
  "handoff.customer_asked":
    "Natürlich – ich habe Ihr Anliegen an unser Support-Team weitergegeben. Sie müssen nichts wiederholen; das Team sieht alles, was Sie geschrieben haben.",
  "handoff.risk_topic":
    "Danke für den Hinweis. Darum muss sich eine Person aus unserem Support-Team kümmern, deshalb habe ich Ihr Anliegen weitergegeben; das Team sieht alles, was Sie geschrieben haben.",
  "handoff.self_harm":
    "Es tut mir sehr leid, dass Sie das gerade durchmachen. Ich habe eine Person aus unserem Team gebeten, sich sofort persönlich bei Ihnen zu melden. Wenn Sie in Gefahr sind oder daran denken, sich etwas anzutun, wenden Sie sich bitte jetzt an den örtlichen Notruf oder an eine Krisen-Hotline – Sie müssen da nicht allein durch.",
  "handoff.draft_rejected": "Danke für Ihre Geduld – eine Person aus unserem Support-Team übernimmt das persönlich und antwortet Ihnen in Kürze hier.",
  "handoff.failed": "Entschuldigung – beim Beantworten ist bei uns etwas schiefgelaufen. Ich habe Ihr Anliegen an unser Support-Team weitergegeben.",
  "handoff.no_answer": "Dazu habe ich keine verlässliche Antwort gefunden, deshalb habe ich Ihr Anliegen an unser Support-Team weitergegeben.",
  "handoff.agent_took_over": "Eine Person aus unserem Support-Team hat dieses Gespräch übernommen und antwortet Ihnen hier.",
  "release.bot_back": "Unser automatischer Assistent kümmert sich wieder um dieses Gespräch; jemand aus dem Team liest weiterhin mit.",
  "review.pending": "Danke – ich habe eine Antwort vorbereitet, die jemand aus dem Team vor dem Versand prüft. Sie erhalten sie in Kürze hier.",

  "hours.reply_within": "Eine Person antwortet Ihnen hier, in der Regel innerhalb von {duration}.",
  "hours.reply_soon": "Eine Person antwortet Ihnen hier so bald wie möglich.",
  "hours.back_today": "Unser Team ist gerade nicht erreichbar und ab heute um {time} Uhr ({zone}) wieder da; dann antwortet Ihnen hier eine Person.",
  "hours.back_tomorrow": "Unser Team ist gerade nicht erreichbar und ab morgen um {time} Uhr ({zone}) wieder da; dann antwortet Ihnen hier eine Person.",
  "hours.back_weekday": "Unser Team ist gerade nicht erreichbar und ab {day} um {time} Uhr ({zone}) wieder da; dann antwortet Ihnen hier eine Person.",
  "hours.back_date": "Unser Team ist gerade nicht erreichbar und ab dem {date} um {time} Uhr ({zone}) wieder da; dann antwortet Ihnen hier eine Person.",

  "offline.answer":
    "Dies ist eine automatische Antwort aus dem Artikel „{title}“ im Hilfe-Center von {company}:\n\n{body}\n\nFalls das Ihr Problem nicht löst, antworten Sie einfach hier, und eine Person aus unserem Team hilft Ihnen weiter.",
  "offline.answer_section":
    "Dies ist eine automatische Antwort aus dem Artikel „{title}“ (Abschnitt „{section}“) im Hilfe-Center von {company}:\n\n{body}\n\nFalls das Ihr Problem nicht löst, antworten Sie einfach hier, und eine Person aus unserem Team hilft Ihnen weiter.",

  "attachment.rejected_one": "Mit Ihrem Anhang gab es ein Problem. {reasons}",
  "attachment.rejected_many": "Mit {count} Ihrer Anhänge gab es ein Problem. {reasons}",
  "attachment.unnamed": "Ihre Datei",
  "attachment.unsupported_type": "Wir können nur PNG-, JPEG-, WebP- oder GIF-Bilder lesen und konnten {file} deshalb nicht öffnen. Ein Screenshot geht auch.",
  "attachment.too_large": "Wir konnten {file} nicht annehmen, weil die Datei zu groß ist. Bitte senden Sie ein kleineres Bild.",
  "attachment.too_many_pixels": "Wir konnten {file} nicht annehmen, weil die Auflösung zu hoch ist. Bitte senden Sie ein kleineres Bild.",
  "attachment.unreadable": "Wir konnten {file} nicht öffnen; die Datei scheint beschädigt oder unvollständig zu sein. Bitte senden Sie sie noch einmal.",
  "attachment.missing": "Bei uns ist {file} verloren gegangen. Bitte senden Sie die Datei noch einmal.",
  "attachment.failed": "Beim Lesen von {file} ist etwas schiefgelaufen. Bitte senden Sie die Datei noch einmal als PNG- oder JPEG-Bild.",

  "email.sources": "Quellen:",
  "slack.placeholder": "Ich sehe mir das an… :hourglass_flowing_sand:",

  // Dialog acts and the didn't-help handoff (conv-dialog).
  "dialog.greeting": "Hallo! Wobei kann ich Ihnen heute helfen?",
  "dialog.invite": "Beschreiben Sie in ein, zwei Sätzen, wobei Sie Hilfe brauchen, dann suche ich es für Sie heraus.",
  "dialog.thanks": "Gern geschehen! Wenn noch etwas ist, schreiben Sie einfach hier.",
  "dialog.closing": "Danke für Ihre Nachricht und einen schönen Tag! Wenn noch etwas ist, schreiben Sie einfach hier.",
  "dialog.resolved": "Super, schön, dass es geklappt hat! Wenn noch etwas ist, schreiben Sie einfach hier.",
  "dialog.more_detail": "Können Sie mir etwas mehr erzählen? Zum Beispiel, was Sie tun wollten und was stattdessen passiert ist.",
  "dialog.next_best": "Schade, dass das nicht geholfen hat. Dieser Artikel passt vielleicht besser:",
  "handoff.didnt_help":
    "Schade, dass das Ihr Problem nicht gelöst hat. Ich habe Ihre Unterhaltung an unser Support-Team weitergegeben; es sieht alles, was Sie geschrieben haben.",
  "offline.article_language": "Diesen Artikel gibt es nur auf {language}.",
  // Quick replies (conv-turns): ambiguous matches and "Did this answer your question?".
  "choices.prompt": "Ich habe einige Hilfeartikel gefunden, die passen könnten. Welcher trifft Ihre Frage am besten?",
  "choices.prompt_numbered":
    "Ich habe einige Hilfeartikel gefunden, die passen könnten. Antworten Sie mit der Nummer (oder dem Titel) des Artikels, der Ihre Frage am besten trifft:",
  "choices.none": "Keiner davon",
  "confirm.question": "Hat das Ihre Frage beantwortet?",
  "confirm.yes": "Ja, danke",
  "confirm.no": "Nicht wirklich",
  "confirm.thanks": "Prima, schön, dass es geholfen hat! Wenn noch etwas ist, schreiben Sie einfach hier.",
  "confirm.didnt_help":
    "Schade, dass das nicht geholfen hat. Ich habe Ihr Gespräch an unser Support-Team übergeben; es sieht alles, was Sie geschrieben haben.",
};
