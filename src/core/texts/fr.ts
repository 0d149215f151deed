import type { TextTable } from "./en.js";

export const fr: TextTable = {
  "handoff.customer_asked":
    "Bien sûr — j'ai transmis votre conversation à notre équipe d'assistance. Inutile de répéter quoi que ce soit : elle voit tout ce que vous avez écrit.",
  "handoff.risk_topic":
    "Merci de nous l'avoir signalé. Cette demande doit être traitée par une personne de notre équipe d'assistance ; je lui ai donc transmis votre conversation, et elle voit tout ce que vous avez écrit.",
  "handoff.self_harm":
    "Nous sommes sincèrement désolés que vous traversiez cela. J'ai demandé à un membre de notre équipe de vous contacter personnellement sans attendre. Si vous êtes en danger ou si vous pensez à vous faire du mal, appelez dès maintenant le numéro d'urgence local ou une ligne d'écoute : vous n'avez pas à affronter cela sans aide.",
  "handoff.draft_rejected":
    "Merci de votre patience — un membre de notre équipe d'assistance prend personnellement le relais et vous répondra ici même très bientôt.",
  "handoff.failed":
    "Nous sommes désolés : un problème est survenu de notre côté pendant la réponse. J'ai transmis votre conversation à notre équipe d'assistance.",
  "handoff.no_answer": "Je n'ai pas trouvé de réponse fiable à cette question ; j'ai donc transmis votre conversation à notre équipe d'assistance.",
  "handoff.agent_took_over": "Un membre de notre équipe d'assistance a pris en charge cette conversation et vous répondra ici même.",
  "release.bot_back": "Notre assistant automatique reprend cette conversation ; un membre de l'équipe continue de la suivre.",
  "review.pending": "Merci — j'ai préparé une réponse et un membre de l'équipe la vérifie avant son envoi. Vous la recevrez ici même d'ici peu.",

  "hours.reply_within": "Une personne vous répondra ici même, généralement sous {duration}.",
  "hours.reply_soon": "Une personne vous répondra ici même dès que possible.",
  "hours.back_today": "Notre équipe est absente pour le moment et sera de retour aujourd'hui à {time} ({zone}) ; une personne vous répondra alors ici même.",
  "hours.back_tomorrow": "Notre équipe est absente pour le moment et sera de retour demain à {time} ({zone}) ; une personne vous répondra alors ici même.",
  "hours.back_weekday": "Notre équipe est absente pour le moment et sera de retour {day} à {time} ({zone}) ; une personne vous répondra alors ici même.",
  "hours.back_date": "Notre équipe est absente pour le moment et sera de retour le {date} à {time} ({zone}) ; une personne vous répondra alors ici même.",

  "offline.answer":
    "Voici une réponse automatique tirée de l'article « {title} » du centre d'aide de {company} :\n\n{body}\n\nSi cela ne résout pas votre problème, répondez ici et une personne de notre équipe vous aidera.",
  "offline.answer_section":
    "Voici une réponse automatique tirée de l'article « {title} » (section « {section} ») du centre d'aide de {company} :\n\n{body}\n\nSi cela ne résout pas votre problème, répondez ici et une personne de notre équipe vous aidera.",

  "attachment.rejected_one": "Un problème est survenu avec votre pièce jointe. {reasons}",
  "attachment.rejected_many": "Un problème est survenu avec {count} de vos pièces jointes. {reasons}",
  "attachment.unnamed": "votre fichier",
  "attachment.unsupported_type":
    "Nous ne pouvons lire que les images PNG, JPEG, WebP ou GIF ; nous n'avons donc pas pu ouvrir {file}. Une capture d'écran convient aussi.",
  "attachment.too_large": "Nous n'avons pas pu accepter {file}, car il est trop volumineux. Merci d'envoyer une image plus petite.",
  "attachment.too_many_pixels": "Nous n'avons pas pu accepter {file}, car sa résolution est trop élevée. Merci d'envoyer une image plus petite.",
  "attachment.unreadable": "Nous n'avons pas pu ouvrir {file} : il semble endommagé ou incomplet. Merci de l'envoyer à nouveau.",
  "attachment.missing": "Nous avons perdu {file} de notre côté. Merci de l'envoyer à nouveau.",
  "attachment.failed": "Un problème est survenu lors de la lecture de {file}. Merci de l'envoyer à nouveau au format PNG ou JPEG.",

  "email.sources": "Sources :",
  "slack.placeholder": "Je regarde ça… :hourglass_flowing_sand:",

  // Dialog acts and the didn't-help handoff (conv-dialog).
  "dialog.greeting": "Bonjour ! Comment puis-je vous aider aujourd'hui ?",
  "dialog.invite": "Dites-moi en une ou deux phrases ce dont vous avez besoin, et je cherche pour vous.",
  "dialog.thanks": "Avec plaisir ! Si vous avez une autre question, écrivez-nous ici.",
  "dialog.closing": "Merci de nous avoir contactés, bonne journée ! Si vous avez une autre question, écrivez-nous ici.",
  "dialog.resolved": "Parfait, ravi que ce soit réglé ! Si vous avez une autre question, écrivez-nous ici.",
  "dialog.more_detail": "Pourriez-vous m'en dire un peu plus ? Par exemple, ce que vous essayiez de faire et ce qui s'est passé à la place.",
  "dialog.next_best": "Désolé que cela ne vous ait pas aidé. Cet article correspond peut-être mieux :",
  "handoff.didnt_help":
    "Désolé que cela n'ait pas résolu le problème. J'ai transmis votre conversation à notre équipe d'assistance ; elle voit tout ce que vous avez écrit.",
  "offline.article_language": "Cet article n'existe qu'en {language}.",
  // Quick replies (conv-turns): ambiguous matches and "Did this answer your question?".
  "choices.prompt": "J'ai trouvé quelques articles d'aide qui pourraient convenir. Lequel correspond le mieux à votre question ?",
  "choices.prompt_numbered":
    "J'ai trouvé quelques articles d'aide qui pourraient convenir. Répondez avec le numéro (ou le titre) de celui qui correspond le mieux à votre question :",
  "choices.none": "Aucun de ceux-ci",
  "confirm.question": "Cela a-t-il répondu à votre question ?",
  "confirm.yes": "Oui, merci",
  "confirm.no": "Pas vraiment",
  "confirm.thanks": "Parfait, ravi d'avoir pu aider ! Si autre chose se présente, écrivez simplement ici.",
  "confirm.didnt_help":
    "Désolé, cela n'a pas résolu le problème. J'ai transmis votre conversation à notre équipe d'assistance ; elle voit tout ce que vous avez écrit.",
};
