"""Hidden skills: what others named or showed in their answers that the intern has not listed.

Named strengths written freely are taken as they are; skills evidenced in the free texts are
found with the skills app's lemma matcher (`bilan.skills.suggest`), over the frameworks the
dossier uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from bilan.dossiers.models import Dossier
from bilan.skills import suggest
from bilan.skills.models import Skill
from bilan.skills.nlp import get_nlp
from bilan.skills.services import frameworks_for_dossier
from bilan.skills.textnorm import normalise

from .models import Answer

# Texts that describe what the person did well; "à améliorer" is not evidence of a skill.
EVIDENCE_FIELDS = ("strengths_other", "situation", "developed", "comment")
MAX_PER_ANSWER = 6
STRIP = " -•*\t"


@dataclass(frozen=True)
class Hidden:
    label: str
    sentence: str
    skill_id: int | None = None


def _index(dossier: Dossier) -> tuple[suggest.Index, dict[int, Skill]]:
    skills = list(
        Skill.objects.filter(framework__in=frameworks_for_dossier(dossier=dossier)).only(
            "id", "label_fr", "label_en", "code", "alt_labels_fr", "cues", "lemma_keys"
        )
    )
    nlp = get_nlp()
    keys: dict[int, str] = {}
    for skill in skills:
        if skill.lemma_keys is None:
            # Not cached yet by the skills app; computed in memory, never written from here.
            phrases = suggest.skill_phrases(skill.label_fr, skill.alt_labels_fr, skill.cues)
            keys[skill.pk] = "\n".join(suggest.lemma_keys_for(nlp, phrases))
        else:
            keys[skill.pk] = skill.lemma_keys
    return suggest.Index(keys), {skill.pk: skill for skill in skills}


def hidden_skills(*, dossier: Dossier, answer: Answer) -> list[Hidden]:
    owned = list(dossier.skills.select_related("skill"))
    owned_ids = {item.skill_id for item in owned if item.skill_id}
    owned_labels = {normalise(item.label) for item in owned}
    passages = []
    for name in EVIDENCE_FIELDS:
        text = getattr(answer, name)
        if name == "strengths_other":
            lines = (line.strip(STRIP) for line in text.splitlines())
            passages += [suggest.Passage(name, line) for line in lines if line]
        elif text.strip():
            passages.append(suggest.Passage(name, text))
    if not passages:
        return []
    index, skills = _index(dossier)
    found: list[Hidden] = []
    matched_lines: set[str] = set()
    for match in suggest.find(get_nlp(), passages, index):
        skill = skills[match.skill_id]
        if match.skill_id in owned_ids or normalise(skill.label) in owned_labels:
            continue
        found.append(Hidden(label=skill.label, sentence=match.sentence, skill_id=skill.pk))
        if match.source == "strengths_other":
            matched_lines.add(normalise(match.sentence))
    for line in answer.strengths_other.splitlines():
        line = line.strip(STRIP)
        key = normalise(line)
        if key and key not in owned_labels and key not in matched_lines:
            found.append(Hidden(label=line[:300], sentence=line))
            matched_lines.add(key)
    return found[:MAX_PER_ANSWER]
