"""A few clear red flags written in Spanish, so they get the emergency advice instead of "English only".

Spanish is the second language of the clinic's area. This is deliberately small and careful: only
first-person, present wordings of the gravest flags (bladder or bowel control, numbness around the
bottom or genitals, both legs, chest pain, trouble breathing, asking for an ambulance), and a mention
counts for someone else too when it is theirs now ("mi mamá no puede respirar", "mi esposo tiene un
dolor muy fuerte en el pecho"), not long ago ("hace años"); it is skipped in a question of what if
("¿qué pasa si...?") or negated the other way ("ya puedo orinar bien"). Anything else in Spanish still gets
the English-only answer with the clinic's number, which is the safe default.
"""

from __future__ import annotations

import re
import unicodedata

_CRISIS_WORDS = (
    r"\b(quiero|quisiera|voy a|pienso|estoy pensando en|he pensado en|tengo ganas de) (quitarme la vida|matarme|"
    r"suicidarme|morirme|acabar con (todo|mi vida))",
    r"\bno quiero (vivir|seguir viviendo|estar aqui)\b",
    r"\b(me quiero|quiero) suicidar\b",  # not "suicid...": English shares it ("not suicidal or anything")
)
_CRISIS = tuple(re.compile(p) for p in _CRISIS_WORDS)
"""Suicidal thoughts in Spanish: the emergency advice, with the 988 Lifeline in Spanish."""


def crisis(text: str) -> bool:
    """Whether a Spanish red flag is a suicidal thought ("quiero quitarme la vida"): the 988 line too."""
    plain = _plain(text)
    return any(p.search(plain) for p in _CRISIS) and not _WHAT_IF.search(plain)


_FLAGS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # bladder
        r"\bno (puedo|podia|pude|he podido|logro) (controlar|aguantar|retener) (la |el |mi |mis )?"
        r"(orina|pipi|pis|vejiga|ganas de orinar)",
        r"\bno (puedo|pude|he podido|logro) (orinar|hacer pipi|hacer pis)",
        r"\bme (orino|he orinado|hice pipi|hago pipi|mojo|he mojado) (encima|en la cama|sin darme cuenta|solo|sola)",
        r"\bincontinencia\b",
        r"\bperd\w* (el )?control de (la vejiga|la orina|los esfinteres|el intestino|los intestinos)",
        r"\bno siento (cuando|las ganas de) (orinar|hacer pipi|ir al bano)",
        # bowel
        r"\bno (puedo|pude|he podido) (controlar|aguantar|retener) (el |los |las |mis )?"
        r"(intestinos?|heces|popo|evacuaciones)",
        r"\bme (hice|hago) popo encima",
        # numbness around the bottom or genitals
        r"\b(entumid|entumec|adormec|dormid|hormigue)\w*\b[^.?!]{0,30}\b(entrepierna|nalgas|genitales|"
        r"partes intimas|zona intima|ano|trasero)",
        r"\b(entrepierna|nalgas|genitales|partes intimas|zona intima|trasero)\b[^.?!]{0,30}\b(entumid|entumec|"
        r"adormec|dormid|hormigue)\w*",
        r"\bno siento (la entrepierna|las nalgas|los genitales|mis partes|el trasero)",
        # both legs
        r"\b(ambas|las dos) piernas\b[^.?!]{0,30}\b(debil\w*|dormid\w*|entumid\w*|adormecid\w*|no (me )?responden|"
        r"hormigue\w*|no las siento|sin fuerza)",
        r"\b(debilidad|entumecimiento|hormigueo|adormecimiento|no siento)\b[^.?!]{0,30}\b(ambas|las dos) piernas",
        r"\bno puedo (caminar|mover las piernas|pararme|levantar las piernas)",
        # chest, breathing, an ambulance
        r"\bdolor (en el|de|del) pecho",
        r"\bme duele (el|mucho el) pecho",
        r"\b(presion|opresion) en el pecho",
        r"\b(ataque al corazon|infarto)",
        r"\bno puedo respirar",
        r"\bme falta (el aire|la respiracion)",
        r"\b(dificultad|problemas?) para respirar",
        r"\bme ahogo\b",
        r"\b(necesito|llamen|llame|llama|manden) (una )?ambulancia",
        r"\bdolor\b[^.?!]{0,25}\b(en el|del) pecho",
        r"\b(estoy sangrando|sangro) (mucho|muchisimo|sin parar)\b|\bno (para|deja) de sangrar\b",
        r"\bsangr\w*\b[^.?!]{0,40}\bno para\b",
        # fever with confusion
        r"\bfiebre\b[^.?!]{0,60}\b(confundid[oa]|no se (que dia|donde estoy))|\b(confundid[oa]|no se que dia es)\b"
        r"[^.?!]{0,60}\bfiebre\b",
        *_CRISIS_WORDS,
    )
)
# Someone the writer is with, now: the gravest signs in the third person ("mi esposo no puede respirar",
# "mi mamá se cayó y no puede mover las piernas"). The same advice: call 911.
_FLAGS_OF_OTHERS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"\bno (puede|pudo|ha podido) (respirar|orinar|hacer pipi|caminar|pararse|levantarse|mover las piernas|"
        r"sentir las piernas|hablar bien)",
        r"\ble duele (mucho |muchisimo )?el pecho",
        r"\b(tiene|siente) (un |una )?(dolor|presion|opresion)\b[^.?!]{0,25}\b(en el|del) pecho",
        r"\b(apret\w*|aplast\w*|oprim\w*|presion\w*) (el|en el) pecho\b|\bsudando frio\b|\bsudor frio\b",
        r"\b(le falta el aire|se (esta )?ahog\w*|se desmayo|perdio el conocimiento|no responde|no despierta|"
        r"no reacciona|esta inconsciente|sangra mucho|no para de sangrar)",
        r"\b(ambas|las dos) piernas\b[^.?!]{0,30}\b(debil\w*|dormid\w*|entumid\w*|adormecid\w*|no (le )?responden|"
        r"sin fuerza)",
        r"\bse (tomo|trago|comio) (todas )?(las|unas|muchas) (pastillas|pildoras)",
    )
)
_SOMEONE_ELSE = re.compile(
    r"\b(mi|mis|su|sus|tu|tus) (mama|madre|papa|padre|esposo|esposa|marido|mujer|hijo|hija|hijos|abuel\w*|"
    r"herman\w*|amig\w*|vecin\w*|tio|tia|perro|perra|gato|gata|bebe|nieto|nieta|suegr\w*)\b"
)
_PAST_OF_OTHERS = re.compile(r"\b(hace (anos|meses|tiempo)|el ano pasado|antes|de joven|de nino|de nina|cuando era)\b")
_WHAT_IF = re.compile(r"\b(que pasa|que hago|y) si\b|^si\b|\bsi (no|me|llego)\b|\bsenales de\b|\bsintomas de\b")
_CLAUSE = re.compile(r"[.?!;]+|,\s*(pero|aunque)\s")


def _plain(text: str) -> str:
    """Lower case without accents: "no puedo controlar la orina" matches however it was typed."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def red_flag(text: str) -> bool:
    """True for a clear, current red flag of the speaker written in Spanish."""
    for clause in _CLAUSE.split(_plain(text)):
        if not clause or not clause.strip():
            continue  # the split keeps its "pero"/"aunque" groups (or None) between the clauses
        if _WHAT_IF.search(clause.strip()):
            continue
        if _SOMEONE_ELSE.search(clause):
            if any(p.search(clause) for p in (*_FLAGS, *_FLAGS_OF_OTHERS)) and not _PAST_OF_OTHERS.search(clause):
                return True
            continue
        if any(p.search(clause) for p in _FLAGS):
            return True
    return False
