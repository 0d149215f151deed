/**
 * The shipped English texts: the source of every key. Other languages translate these; a workspace
 * can override any of them per language in its profile. `{name}` marks a value filled in at send time.
 */
export const en = {
  // Handoff: the first sentence tells why a person takes over; an hours.* sentence says when they reply.
  "handoff.customer_asked":
    "Of course — I've passed your conversation to our support team. You don't need to repeat anything; they can see everything you've written.",
  "handoff.risk_topic":
    "Thanks for letting us know. This needs a person from our support team, so I've passed your conversation to them; they can see everything you've written.",
  "handoff.self_harm":
    "I'm really sorry you're going through this. I've asked a member of our team to reach out to you personally right away. If you are in danger or thinking about harming yourself, please contact your local emergency number or a crisis line now — you don't have to go through this alone.",
  "handoff.draft_rejected": "Thanks for your patience — a member of our support team is taking this over personally and will reply right here shortly.",
  "handoff.failed": "Sorry — something went wrong on our side while answering. I've passed your conversation to our support team.",
  "handoff.no_answer": "I couldn't find a reliable answer to this, so I've passed your conversation to our support team.",
  "handoff.agent_took_over": "A member of our support team has taken over this conversation and will reply right here.",
  "release.bot_back": "Our automated assistant is back on this conversation; a teammate is still reading along.",
  "review.pending": "Thanks — I've drafted an answer and a teammate is checking it before it's sent. You'll get it right here shortly.",

  // When a person will reply. {duration} is "30 minutes", "2 hours"; {time} "09:00"; {zone} "CET"; {day} "Monday".
  "hours.reply_within": "A person will reply right here, usually within {duration}.",
  "hours.reply_soon": "A person will reply right here as soon as possible.",
  "hours.back_today": "Our team is away right now and back today at {time} ({zone}); a person will reply right here then.",
  "hours.back_tomorrow": "Our team is away right now and back tomorrow at {time} ({zone}); a person will reply right here then.",
  "hours.back_weekday": "Our team is away right now and back on {day} at {time} ({zone}); a person will reply right here then.",
  "hours.back_date": "Our team is away right now and back on {date} at {time} ({zone}); a person will reply right here then.",

  // Answers from the knowledge base alone, with no model.
  "offline.answer":
    "This is an automated answer from {company}'s help center article \"{title}\":\n\n{body}\n\nIf this doesn't solve it, reply here and a person from our team will help.",
  "offline.answer_section":
    'This is an automated answer from {company}\'s help center article "{title}", section "{section}":\n\n{body}\n\nIf this doesn\'t solve it, reply here and a person from our team will help.',

  // Files we could not read. {reasons} joins the attachment.* sentences below.
  "attachment.rejected_one": "There was a problem with your attachment. {reasons}",
  "attachment.rejected_many": "There was a problem with {count} of your attachments. {reasons}",
  "attachment.unnamed": "your file",
  "attachment.unsupported_type": "We can only read PNG, JPEG, WebP or GIF images, so we couldn't open {file}. A screenshot works too.",
  "attachment.too_large": "We couldn't take {file} because it is too large. Please send a smaller image.",
  "attachment.too_many_pixels": "We couldn't take {file} because its resolution is too high. Please send a smaller image.",
  "attachment.unreadable": "We couldn't open {file}; it seems to be damaged or incomplete. Please send it again.",
  "attachment.missing": "We lost track of {file} on our side. Please send it again.",
  "attachment.failed": "Something went wrong while reading {file}. Please send it again as a PNG or JPEG image.",

  // Channel texts.
  "email.sources": "Sources:",
  "slack.placeholder": "Looking into it… :hourglass_flowing_sand:",

  // Dialog acts and the didn't-help handoff (conv-dialog).
  "dialog.greeting": "Hello! What can I help you with today?",
  "dialog.invite": "Tell me in a sentence or two what you need help with, and I'll look it up for you.",
  "dialog.thanks": "You're welcome! If anything else comes up, just write here.",
  "dialog.closing": "Thanks for getting in touch — have a good day! If anything else comes up, just write here.",
  "dialog.resolved": "Great, glad that sorted it! If anything else comes up, just write here.",
  "dialog.more_detail": "Could you tell me a little more? For example, what you were trying to do and what happened instead.",
  "dialog.next_best": "Sorry that didn't help. This article may fit better:",
  "handoff.didnt_help": "Sorry that didn't solve it. I've passed your conversation to our support team; they can see everything you've written.",
  "offline.article_language": "This article is only available in {language}.",
  // Quick replies (conv-turns): ambiguous matches and "Did this answer your question?".
  "choices.prompt": "I found a few help articles that might fit. Which one is closest to your question?",
  "choices.prompt_numbered": "I found a few help articles that might fit. Reply with the number (or the title) of the one closest to your question:",
  "choices.none": "None of these",
  "confirm.question": "Did this answer your question?",
  "confirm.yes": "Yes, thanks",
  "confirm.no": "Not really",
  "confirm.thanks": "Great, glad that helped! If anything else comes up, just write here.",
  "confirm.didnt_help": "Sorry that didn't solve it. I've passed your conversation to our support team; they can see everything you've written.",
} as const;

/** A full table of texts in one language: every key of the English one. */
export type TextTable = Record<keyof typeof en, string>;
