import type { TextTable } from "./en.js";

export const pt: TextTable = {
  "handoff.customer_asked":
    "Claro — encaminhei sua conversa para nossa equipe de suporte. Você não precisa repetir nada; eles podem ver tudo o que você escreveu.",
  "handoff.risk_topic":
    "Obrigado por nos avisar. Isso precisa ser visto por uma pessoa da nossa equipe de suporte, então encaminhei sua conversa para eles; eles podem ver tudo o que você escreveu.",
  "handoff.self_harm":
    "Sinto muito que você esteja passando por isso. Pedi a uma pessoa da nossa equipe que entre em contato com você pessoalmente agora mesmo. Se você estiver em perigo ou pensando em se machucar, ligue agora para o número de emergência local ou para um serviço de apoio emocional — você não precisa enfrentar isso sem ajuda.",
  "handoff.draft_rejected": "Obrigado pela paciência — uma pessoa da nossa equipe de suporte vai cuidar disso pessoalmente e responderá aqui em breve.",
  "handoff.failed": "Desculpe — algo deu errado do nosso lado ao responder. Encaminhei sua conversa para nossa equipe de suporte.",
  "handoff.no_answer": "Não encontrei uma resposta confiável para isso, então encaminhei sua conversa para nossa equipe de suporte.",
  "handoff.agent_took_over": "Uma pessoa da nossa equipe de suporte assumiu esta conversa e responderá aqui mesmo.",
  "release.bot_back": "Nosso assistente automático voltou a cuidar desta conversa; alguém da equipe continua acompanhando.",
  "review.pending": "Obrigado — preparei uma resposta e alguém da equipe está revisando antes do envio. Você vai recebê-la aqui em breve.",

  "hours.reply_within": "Uma pessoa responderá aqui mesmo, normalmente em até {duration}.",
  "hours.reply_soon": "Uma pessoa responderá aqui mesmo o quanto antes.",
  "hours.back_today": "Nossa equipe não está disponível agora e volta hoje às {time} ({zone}); uma pessoa responderá aqui mesmo nesse horário.",
  "hours.back_tomorrow": "Nossa equipe não está disponível agora e volta amanhã às {time} ({zone}); uma pessoa responderá aqui mesmo nesse horário.",
  "hours.back_weekday": "Nossa equipe não está disponível agora e volta às {time} de {day} ({zone}); uma pessoa responderá aqui mesmo nesse horário.",
  "hours.back_date": "Nossa equipe não está disponível agora e volta no dia {date}, às {time} ({zone}); uma pessoa responderá aqui mesmo nesse horário.",

  "offline.answer":
    'Esta é uma resposta automática do artigo "{title}" da central de ajuda de {company}:\n\n{body}\n\nSe isso não resolver, responda aqui e uma pessoa da nossa equipe vai ajudar você.',
  "offline.answer_section":
    'Esta é uma resposta automática do artigo "{title}" (seção "{section}") da central de ajuda de {company}:\n\n{body}\n\nSe isso não resolver, responda aqui e uma pessoa da nossa equipe vai ajudar você.',

  "attachment.rejected_one": "Houve um problema com seu anexo. {reasons}",
  "attachment.rejected_many": "Houve um problema com {count} dos seus anexos. {reasons}",
  "attachment.unnamed": "seu arquivo",
  "attachment.unsupported_type": "Só conseguimos ler imagens PNG, JPEG, WebP ou GIF, por isso não conseguimos abrir {file}. Uma captura de tela também serve.",
  "attachment.too_large": "Não conseguimos aceitar {file} porque é grande demais. Envie uma imagem menor, por favor.",
  "attachment.too_many_pixels": "Não conseguimos aceitar {file} porque a resolução é alta demais. Envie uma imagem menor, por favor.",
  "attachment.unreadable": "Não conseguimos abrir {file}; parece estar danificado ou incompleto. Envie de novo, por favor.",
  "attachment.missing": "Perdemos {file} do nosso lado. Envie de novo, por favor.",
  "attachment.failed": "Algo deu errado ao ler {file}. Envie de novo como imagem PNG ou JPEG, por favor.",

  "email.sources": "Fontes:",
  "slack.placeholder": "Estou verificando… :hourglass_flowing_sand:",

  // Dialog acts and the didn't-help handoff (conv-dialog).
  "dialog.greeting": "Olá! Como posso ajudar hoje?",
  "dialog.invite": "Conte-me em uma ou duas frases do que precisa, e eu procuro para você.",
  "dialog.thanks": "De nada! Se precisar de mais alguma coisa, é só escrever aqui.",
  "dialog.closing": "Obrigado pelo contato e tenha um bom dia! Se precisar de mais alguma coisa, é só escrever aqui.",
  "dialog.resolved": "Ótimo, que bom que deu certo! Se precisar de mais alguma coisa, é só escrever aqui.",
  "dialog.more_detail": "Pode me contar um pouco mais? Por exemplo, o que você estava tentando fazer e o que aconteceu.",
  "dialog.next_best": "Sinto muito que não tenha ajudado. Este artigo pode servir melhor:",
  "handoff.didnt_help": "Sinto muito que isso não tenha resolvido. Passei sua conversa para nossa equipe de suporte; eles podem ver tudo o que você escreveu.",
  "offline.article_language": "Este artigo só está disponível em {language}.",
  // Quick replies (conv-turns): ambiguous matches and "Did this answer your question?".
  "choices.prompt": "Encontrei alguns artigos de ajuda que podem servir. Qual deles está mais próximo da sua pergunta?",
  "choices.prompt_numbered":
    "Encontrei alguns artigos de ajuda que podem servir. Responda com o número (ou o título) do que estiver mais próximo da sua pergunta:",
  "choices.none": "Nenhum destes",
  "confirm.question": "Isto respondeu à sua pergunta?",
  "confirm.yes": "Sim, obrigado",
  "confirm.no": "Não exatamente",
  "confirm.thanks": "Ótimo, que bom que ajudou! Se surgir mais alguma coisa, é só escrever aqui.",
  "confirm.didnt_help": "Lamento que isso não tenha resolvido. Passei a sua conversa para a nossa equipe de suporte; eles podem ver tudo o que você escreveu.",
};
