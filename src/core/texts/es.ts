import type { TextTable } from "./en.js";

export const es: TextTable = {
  "handoff.customer_asked":
    "Por supuesto: he pasado tu conversación a nuestro equipo de soporte. No hace falta que repitas nada; pueden ver todo lo que has escrito.",
  "handoff.risk_topic":
    "Gracias por avisarnos. Esto lo tiene que ver una persona de nuestro equipo de soporte, así que les he pasado tu conversación; pueden ver todo lo que has escrito.",
  "handoff.self_harm":
    "Siento mucho que estés pasando por esto. He pedido a una persona de nuestro equipo que se ponga en contacto contigo personalmente ahora mismo. Si estás en peligro o piensas en hacerte daño, llama ya al número de emergencias de tu zona o a una línea de atención en crisis: no tienes que pasar por esto sin ayuda.",
  "handoff.draft_rejected":
    "Gracias por tu paciencia: una persona de nuestro equipo de soporte se encarga de esto personalmente y te responderá aquí mismo en breve.",
  "handoff.failed": "Lo sentimos: algo ha fallado por nuestra parte al responder. He pasado tu conversación a nuestro equipo de soporte.",
  "handoff.no_answer": "No he encontrado una respuesta fiable a esto, así que he pasado tu conversación a nuestro equipo de soporte.",
  "handoff.agent_took_over": "Una persona de nuestro equipo de soporte se ha hecho cargo de esta conversación y te responderá aquí mismo.",
  "release.bot_back": "Nuestro asistente automático vuelve a atender esta conversación; alguien del equipo la sigue leyendo.",
  "review.pending": "Gracias. He preparado una respuesta y alguien del equipo la está revisando antes de enviarla. La recibirás aquí mismo en breve.",

  "hours.reply_within": "Una persona te responderá aquí mismo, normalmente en menos de {duration}.",
  "hours.reply_soon": "Una persona te responderá aquí mismo lo antes posible.",
  "hours.back_today": "Ahora mismo nuestro equipo no está disponible y vuelve hoy a las {time} ({zone}); entonces una persona te responderá aquí mismo.",
  "hours.back_tomorrow": "Ahora mismo nuestro equipo no está disponible y vuelve mañana a las {time} ({zone}); entonces una persona te responderá aquí mismo.",
  "hours.back_weekday": "Ahora mismo nuestro equipo no está disponible y vuelve el {day} a las {time} ({zone}); entonces una persona te responderá aquí mismo.",
  "hours.back_date": "Ahora mismo nuestro equipo no está disponible y vuelve el {date} a las {time} ({zone}); entonces una persona te responderá aquí mismo.",

  "offline.answer":
    "Esta es una respuesta automática del artículo «{title}» del centro de ayuda de {company}:\n\n{body}\n\nSi con esto no se resuelve, responde aquí y una persona de nuestro equipo te ayudará.",
  "offline.answer_section":
    "Esta es una respuesta automática del artículo «{title}» (sección «{section}») del centro de ayuda de {company}:\n\n{body}\n\nSi con esto no se resuelve, responde aquí y una persona de nuestro equipo te ayudará.",

  "attachment.rejected_one": "Ha habido un problema con tu archivo adjunto. {reasons}",
  "attachment.rejected_many": "Ha habido un problema con {count} de tus archivos adjuntos. {reasons}",
  "attachment.unnamed": "tu archivo",
  "attachment.unsupported_type":
    "Solo podemos leer imágenes PNG, JPEG, WebP o GIF, así que no hemos podido abrir {file}. También sirve una captura de pantalla.",
  "attachment.too_large": "No hemos podido aceptar {file} porque es demasiado grande. Envía una imagen más pequeña, por favor.",
  "attachment.too_many_pixels": "No hemos podido aceptar {file} porque su resolución es demasiado alta. Envía una imagen más pequeña, por favor.",
  "attachment.unreadable": "No hemos podido abrir {file}; parece que está dañado o incompleto. Vuelve a enviarlo, por favor.",
  "attachment.missing": "Hemos perdido {file} por nuestra parte. Vuelve a enviarlo, por favor.",
  "attachment.failed": "Algo ha fallado al leer {file}. Vuelve a enviarlo como imagen PNG o JPEG, por favor.",

  "email.sources": "Fuentes:",
  "slack.placeholder": "Lo estoy revisando… :hourglass_flowing_sand:",

  // Dialog acts and the didn't-help handoff (conv-dialog).
  "dialog.greeting": "¡Hola! ¿En qué puedo ayudarte hoy?",
  "dialog.invite": "Cuéntame en una o dos frases qué necesitas y lo busco por ti.",
  "dialog.thanks": "¡De nada! Si surge cualquier otra cosa, escríbenos aquí.",
  "dialog.closing": "Gracias por escribirnos, ¡que tengas un buen día! Si surge cualquier otra cosa, escríbenos aquí.",
  "dialog.resolved": "¡Genial, me alegra que se haya solucionado! Si surge cualquier otra cosa, escríbenos aquí.",
  "dialog.more_detail": "¿Podrías contarme un poco más? Por ejemplo, qué intentabas hacer y qué pasó en su lugar.",
  "dialog.next_best": "Siento que no te haya servido. Este artículo puede encajar mejor:",
  "handoff.didnt_help": "Siento que eso no lo haya resuelto. He pasado tu conversación a nuestro equipo de soporte; pueden ver todo lo que has escrito.",
  "offline.article_language": "Este artículo solo está disponible en {language}.",
  // Quick replies (conv-turns): ambiguous matches and "Did this answer your question?".
  "choices.prompt": "He encontrado algunos artículos de ayuda que podrían servir. ¿Cuál se acerca más a tu pregunta?",
  "choices.prompt_numbered":
    "He encontrado algunos artículos de ayuda que podrían servir. Responde con el número (o el título) del que más se acerque a tu pregunta:",
  "choices.none": "Ninguno de estos",
  "confirm.question": "¿Ha respondido esto a tu pregunta?",
  "confirm.yes": "Sí, gracias",
  "confirm.no": "No del todo",
  "confirm.thanks": "¡Genial, me alegro de haberte ayudado! Si surge algo más, escribe aquí.",
  "confirm.didnt_help": "Siento que no lo haya resuelto. He pasado tu conversación a nuestro equipo de soporte; pueden ver todo lo que has escrito.",
};
