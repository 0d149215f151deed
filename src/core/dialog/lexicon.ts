// Phrases of the dialog acts for every catalogue language (en, es, fr, de, pt, it, nl). They are
// matched against text that is lower-cased with its accents removed (see fold in acts.ts), so they
// are written without accents and with a straight apostrophe.

/** One alternation from lines of `|`-separated phrases (a line per language or so). */
const alt = (lines: string) =>
  lines
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("|");

/** Said at the start of a message to open it. */
export const GREETINGS = alt(String.raw`
  hi+|hiya|hey+a?|hell+o+|helo|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|morning|evening|dear
  hola|buen(?:os|as) (?:dias|tardes|noches)|buen dia|saludos|que tal
  bonjour|bonsoir|salut|coucou|allo
  hallo|guten (?:morgen|tag|abend)|servus|moin|gruss gott|gruß gott
  ola|oi|bom dia|boa (?:tarde|noite)
  ciao|buongiorno|buonasera|salve
  hoi|hai|goedemorgen|goedemiddag|goedenavond|goedendag
`);

/** Who a greeting is addressed to ("Hi there", "Hello team"). */
export const ADDRESSEES = alt(String.raw`
  there|all|everyone|everybody|team|support(?: team)?|folks|guys|y'all|equipo|a todos|tout le monde|l'equipe|a tous|zusammen
  allerseits|team|pessoal|equipe|a tutti|allemaal
`);

/** Pleasantries that travel with a greeting and ask nothing ("hope you're well", "how are you?"). */
export const PLEASANTRIES = alt(String.raw`
  (?:i )?hope (?:you(?: are|'re| re)?|this (?:message|email) finds you) (?:doing )?(?:well|good|great|fine)
  how are (?:you|u)(?: doing| today)?|how(?:'s| is) it going|como estas|que tal|espero que (?:este|estes|estés) bien
  comment (?:allez-vous|vas-tu|ca va)|ca va|j'espere que vous allez bien|wie geht(?:'s| es)(?: (?:dir|ihnen))?
  ich hoffe,? (?:es geht (?:dir|ihnen) gut|sie sind wohlauf)|tudo bem|como vai|espero que esteja bem|come stai|come va
  spero (?:che )?(?:tu )?stia bene|hoe gaat het|hoe is het|ik hoop dat (?:alles goed is|het goed gaat)
`);

/** Sign-offs closing a message, optionally followed by a name. */
export const SIGN_OFFS = alt(String.raw`
  (?:many |a lot of )?thanks?(?: you)?(?: (?:so|very) much| a lot| a bunch| again)?(?: in advance)?(?: for (?:your|the|any) (?:help|time|support|assistance|reply|answer|patience))?
  thanks? (?:you )?(?:for (?:your|the|any) (?:help|time|support|assistance|reply|answer|patience))|thx|tx|ty|tia|cheers
  (?:best|kind|warm|warmest|many|with) regards|regards|best wishes|all the best|best|(?:yours )?sincerely|yours truly|respectfully
  take care|have a (?:nice|good|great) (?:day|weekend|one)|(?:i )?appreciate (?:it|your help)
  any help (?:would be|is) (?:much |greatly )?appreciated
  (?:muchas )?gracias(?: de antemano| por (?:tu|su) (?:ayuda|tiempo))?|(?:un )?saludos?(?: cordiales)?|atentamente|cordialmente
  un abrazo
  merci(?: beaucoup| d'avance| par avance| pour votre aide)?|(?:bien )?cordialement|bien a (?:vous|toi)|(?:sinceres )?salutations
  bonne journee|a bientot
  (?:vielen )?dank(?:e)?(?: schon| im voraus| fur (?:ihre|deine) hilfe)?|(?:viele|liebe|beste|schone|freundliche) gru(?:ss|ß)e
  mit freundlichen gru(?:ss|ß)en|gru(?:ss|ß)(?:e)?|lg|vg|mfg
  (?:muito )?obrigad[oa](?: desde ja| pela ajuda)?|obg|atenciosamente|(?:um )?abraco|cumprimentos|att
  grazie(?: mille| in anticipo| per l'aiuto)?|(?:cordiali|distinti) saluti|(?:un )?salut[oi]|buona giornata
  (?:alvast )?bedankt|dank (?:je|u)(?: wel)?|(?:met )?vriendelijke groet(?:en)?|groet(?:en|jes)?|mvg
`);

/** The whole of a closing message. */
export const CLOSINGS = alt(String.raw`
  (?:ok(?:ay)? )?(?:bye+|good ?bye|bye bye|see (?:you|ya)(?: later)?|later|have a good one|that's all|that is all|nothing else)
  adios|hasta luego|chao|nada mas|au revoir|a plus|c'est tout|tschuss|tschau|bis dann|auf wiedersehen|das war's|tchau|ate logo
  so isso|arrivederci|a presto|e tutto|doei|tot ziens|dat was het
`);

/** The customer says the last answer solved it. */
export const RESOLVED = alt(String.raw`
  (?:that|it|this)(?: has| did)? (?:worked|works|did it|did the trick|fixed it|solved it|helped|helps|answers it)(?: now)?
  (?:it(?:'s| is) )?(?:working|works|fixed|solved|sorted) now|(?:it's |it is )?(?:fixed|solved|sorted)
  (?:all )?(?:good|set|sorted)(?: now)?|problem solved|got it(?: working)?|perfect
  (?:that's |that is )?(?:great|awesome|brilliant|excellent|wonderful|fantastic|amazing|cool|nice|lovely|super)|genial|excelente
  genial|super|toll|klasse|otimo|ottimo|geweldig|mooi|(?:ya )?funciona(?: ahora)?|funciono|me (?:sirvio|ayudo)
  (?:esta )?(?:resuelto|solucionado)|perfecto|ca (?:a )?(?:marche|fonctionne)(?: maintenant)?|c'est (?:bon|regle|resolu)
  (?:probleme )?resolu|parfait|ca m'a aide|es (?:hat )?(?:funktioniert|geklappt)|(?:das )?hat (?:funktioniert|geklappt|geholfen)
  funktioniert (?:jetzt|wieder)|(?:problem )?gelost|erledigt|perfekt|funcionou|deu certo|(?:esta )?resolvido|resolveu|perfeito
  (?:isso )?(?:me )?ajudou|ha funzionato|funziona(?: ora| adesso)?|(?:ho )?risolto|perfetto|mi ha aiutato|het werkt(?: nu| weer)?
  werkt (?:nu|weer)|(?:het is )?gelukt|opgelost|dat (?:hielp|heeft geholpen)
`);

/** The customer says the last answer did not solve it. Matched anywhere in the message. */
export const DIDNT_HELP = alt(String.raw`
  (?:that|this|it|the article|your answer|the answer|the steps|those steps|your suggestion)(?: still)? (?:did ?n[o']?t|does ?n[o']?t|did not|does not|was ?n[o']?t|is ?n[o']?t|did ?nt|does ?nt) (?:help|work|fix|solve|answer)
  (?:did ?n[o']?t|did not|didnt) (?:help|work|fix it|solve it)|not (?:helpful|useful|what i (?:asked|need|meant))
  (?:it'?s |it is )?still (?:broken|not working|failing|the same|happening|does ?n[o']?t work|is ?n[o']?t working|wo ?n[o']?t|ca ?n[o']?t|not)
  no (?:luck|joy|change)|(?:does ?n[o']?t|did ?n[o']?t) answer my question|no (?:me )?(?:ayudo|sirvio|funciono|funciona)
  sigue (?:sin funcionar|igual|fallando)|todavia no funciona
  (?:ca|cela) (?:ne )?(?:m'a pas aide|n'a pas aide|marche (?:toujours )?pas|ne marche (?:toujours )?pas|ne fonctionne (?:toujours )?pas)
  toujours (?:pas|le meme probleme|en panne)|(?:das )?hat (?:nicht|nichts) (?:geholfen|funktioniert|geklappt)
  funktioniert (?:immer noch|noch immer)? ?nicht|klappt (?:immer noch )?nicht|nao (?:ajudou|funcionou|resolveu|deu certo)
  ainda nao funciona|continua (?:sem funcionar|igual|com (?:o )?(?:mesmo )?problema)
  non (?:mi )?(?:ha aiutato|ha funzionato|funziona)|ancora non funziona|(?:dat|het) (?:heeft|hielp) niet(?: geholpen)?
  werkt (?:nog steeds |nog altijd )?niet
`);

export const AFFIRM = alt(String.raw`
  y(?:es|ea|eah|ep|up)(?: please)?|sure(?: thing)?|ok(?:ay)?|please do|go ahead|(?:that's |that is )?(?:correct|right)|exactly
  si(?: por favor)?|claro|vale|oui(?: s'il vous plait| merci)?|d'accord|ouais|ja(?: bitte| gerne)?|genau|klar|gerne
  sim(?: por favor)?|certo|isso|esatto|certo|graag|klopt|prima
`);

export const NEGATE = alt(String.raw`
  no(?:pe|h)?(?: thanks| thank you)?|nah|not (?:really|yet|quite)|no gracias|todavia no|non(?: merci)?|pas vraiment|nein(?: danke)?
  nicht wirklich|nao(?: obrigad[oa])?|ainda nao|no grazie|non ancora|nee(?:n)?(?: dank je)?|niet echt
`);

/** Words that open a question without a question mark ("how do I reset my password"). */
export const QUESTION_OPENERS = alt(String.raw`
  how|what|why|where|when|which|who|can|could|would|will|is|are|do|does|did|should|may|any way|is there|como|que|por que|donde
  cuando|cual|puedo|puede|comment|pourquoi|ou|quand|quel(?:le)?s?|est-ce que|puis-je|wie|was|warum|wo|wann|welche[rs]?|kann|konnen
  gibt es|o que|onde|quando|posso|come|cosa|perche|dove|quale|hoe|wat|waarom|waar|wanneer|welke|kan ik
`);
