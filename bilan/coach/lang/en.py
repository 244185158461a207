"""English word lists and messages for the coach.

English runs on ``spacy.blank("en")`` (no tagger, no lemmas), so lists spell out the inflected
forms the rules need.
"""

from __future__ import annotations

import re

from bilan.coach.lang import Lexicon, Messages, phrases

STOPWORDS = frozenset(
    """
    the a an and or but of to in on at for with without from by as is are was were be been
    being i me my we our you your he she it its they them their this that these those have
    has had do did does not no so very too also all any some there here what which who when
    how than then into about over after before because if just more most everything went
    really well would should could will can one while during us him her his hers
    """.split()
)

EVALUATIVE = frozenset(
    """
    great good excellent amazing awesome perfect positive rewarding enriching interesting
    fascinating varied welcoming warm friendly helpful kind adorable competent supportive nice
    wonderful fantastic unforgettable demanding essential key important crucial vital
    meaningful creative satisfied proud happy pleased cool fun enjoyable overall
    """.split()
)
FEELING_VERBS = frozenset("love loved enjoy enjoyed like liked appreciated".split())
PROGRESS_VERBS = frozenset(
    """
    grew grow progressed progress discovered discover became become developed improved
    """.split()
)
ACQUISITION_VERBS = frozenset(
    """
    gain gained acquire acquired develop developed improve improved strengthen strengthened
    """.split()
)
SKILL_NOUNS = frozenset(
    """
    skill skills rigour rigor autonomy independence organisation organization communication
    confidence maturity creativity listening empathy adaptability teamwork professionalism
    patience responsibility initiative curiosity efficiency knowledge experience
    """.split()
)

GENERIC = phrases(
    [
        r"a lot(?: of (?:things|skills|stuff))?",
        r"so much",
        r"many (?:new )?(?:things|skills)",
        r"new skills",
        r"the business world",
        r"the world of work",
        r"as a person",
        r"put (?:my )?(?:theoretical )?knowledge into practice",
        r"theoretical knowledge",
        r"everything (?:went|was)",
        r"more (?:confident|independent|organi[sz]ed|rigorous|autonomous|efficient)",
        r"than before",
        r"is key",
        r"(?:is|remains) an? (?:[\w-]+ ){0,2}(?:sector|field|job|profession|industry|area)",
        r"went (?:very |really |so )?well",
        r"unforgettable experience",
    ]
)

LEARNING = phrases(
    [
        r"(?:i|i've|i have|did i|we|we've)(?: (?:also|always|finally|then|now|soon|quickly|only"
        r"|really|eventually|gradually|slowly|suddenly|have|had|\w+ly))*"
        r" (?:(?:learned|learnt|understood|understand|learn)(?: (?:that|how|why|to|about|what))?"
        r"|(?:reali[sz]ed?|discovered|noticed|found out|figured out) (?:that|how|why|what)"
        r"|came to (?:the|a|an) (?:\w+ )?conclusion(?: that)?)",
        r"(?:i|i've|i have)(?: \w+ly| also| now)? (?:found|find) (?:that|out)",
        r"what i(?:'ve| have)? (?:found|learned|learnt|realised|realized)(?: so far)?:?",
        r"the main (?:thing|aspect|lesson) i take (?:away )?from [^:]+?(?: is)?:?",
        r"taught me(?: (?:to|that|how))?",
        r"showed me (?:to|that|how)",
        r"made me (?:realise|realize|understand|see)(?: that)?",
        r"i (?:became|am now|have become) aware(?: that| of)?",
        r"i now know(?: how to| that)?",
        r"what i take away(?: from [^,]+?)? is(?: that)?",
        r"i take away(?: that)?",
        r"(?:now|from now on|these days|going forward),? i",
        r"a (?:habit|method|rule) i (?:keep|still use)",
    ]
)
CHANGE = phrases(
    [
        r"made me (?:\w+ )?(?:more|less)",
        r"gave me (?:\w+ )?(?:more |a lot more |much more )?confidence",
        r"i (?:now )?feel (?:\w+ )?(?:more|less)",
    ]
)
HINDSIGHT = phrases(
    [
        r"in hindsight,?",
        r"with hindsight,?",
        r"looking back,?",
        r"next time,?",
        r"if i (?:had|were) to do (?:it|this) again,?",
        r"i should have",
        r"i would have",
    ]
)
PROGRESS_AXIS = phrases(
    [
        r"(?:my |main |second |first |an |one )*(?:areas?|points?) (?:for|of) improvement"
        r"(?: (?:is|are|remains))?\s?:?",
        r"i (?:still )?need to (?:work on|improve|strengthen|develop|get better at)",
        r"i still need to",
    ]
)
WEAK_CONTENT = frozenset(
    """
    be more better well lot things stuff really very work organised organized independent
    autonomous rigorous adapt communicate importance skill skills field job company world team
    improve still new
    """.split()
)

DIFFICULTY_WORDS = frozenset(
    """
    difficult difficulty difficulties hard hardest harder struggle struggled struggling
    trouble problem problems issue issues challenge challenges challenging obstacle obstacles
    crash crashed crashes fail failed fails failure delay delayed delays late error errors bug
    bugs duplicates lack lacked lacking understaffed refuse refused refusing reject rejected
    aggressive angry complain complained complaint stuck blamed overwhelmed nightmare lost
    flaw weak noisy undocumented wrong mistake mistakes unable unfortunately strenuous
    exhausting dilemma doubt doubts upset illness sick unruly futile downside worst horror
    frustrating frustrated stressful
    """.split()
)
DIFFICULTY_PHRASES = phrases(
    [
        r"ran out",
        r"kept forgetting",
        r"no experience",
        r"could not",
        r"couldn't",
        r"did not (?:manage|dare|know|understand|work)",
        r"didn't (?:manage|dare|know|understand|work)",
        r"was not able",
        r"wasn't able",
        r"behind schedule",
        r"no clue",
        r"(?:was|were|is|are) (?:much |far )?too (?:long|slow|short|expensive|heavy)",
        r"out of (?:tolerance|budget|service)",
        r"(?:not|wasn't|isn't) (?:possible|enough|equipped)",
        r"(?:can't|cannot|couldn't)",
        r"too (?:much|many|little|few)",
        r"(?:deadlines?|schedule|budget) (?:was|were|is|are) (?:\w+ )?tight",
        r"tight (?:deadlines?|schedule|budget)",
    ]
)
NO_DIFFICULTY = phrases(
    [
        r"(?:not|never) (?:face|encounter|have|meet)(?:d)? any(?: particular)? "
        r"(?:difficult(?:y|ies)|problems?|issues?)",
        r"no (?:particular )?(?:difficult(?:y|ies)|problems?|issues?)",
        r"without (?:any )?(?:difficult(?:y|ies)|problems?|issues?)",
    ]
)
REMEDY_WORDS = frozenset(
    "fix fixed solve solved overcome avoid address tackle resolve resolved reduce despite".split()
)
SOLUTION_PHRASES = phrases(
    [
        r"^(?:to|in order to) [^,]{3,90}, (?:i|we|my|our)",
        r"^thanks to (?!(?:this|my) (?:internship|experience))[^,]{3,90}, (?:i|we)",
        r"(?:so|therefore|then) (?:i|we) ",
        r"i therefore",
        r"(?:i|we) (?:overcame|solved|fixed|resolved|tackled|addressed|worked around|got around)"
        r" (?:this|it|that|the problem|the issue|these|them)",
        r"the solution (?:was|is)",
        r"to (?:fix|solve|overcome|work around|address) (?:this|it|the problem|the issue)",
    ]
)
FIRST_PERSON_ACTION = re.compile(
    r"(?:^|\W)(?:i|we|my (?:mentor|supervisor|tutor|manager))\s", re.IGNORECASE
)
NEGATION = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|was not|wasn't|were not|weren't|had not|hadn't)"
    r"\s(?:\w+\s){0,2}?(?:exist|work|match|answer|reply|respond|arrive|fit|know|understand)",
    re.IGNORECASE,
)
THANKS = phrases([r"^thanks", r"^thank you", r"^i (?:would like to )?thank", r"^many thanks"])
FUTURE = phrases(
    [
        r"i would like to",
        r"i'd like to",
        r"i hope to",
        r"i plan to",
        r"my (?:career )?goal",
        r"in the future",
        r"i intend to",
        r"next year",
        r"i want to (?:become|work|continue)",
    ]
)
EXAMPLE_START = phrases(
    [r"^for example", r"^for instance", r"^e\.g\.", r"^in particular", r"^specifically"]
)

MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
TOOLS = frozenset(
    """
    excel word powerpoint jira sap sage figma solidworks catia matlab simulink django python
    sql docker git github crm salesforce zendesk instagram linkedin wordpress photoshop
    autocad revit power bi gantt westlaw api intranet
    """.split()
)
UNITS = frozenset("% £ $ € hours hour minutes days weeks months years km kg".split())

FAMILIAR = {
    "awesome": "very positive (say why)",
    "cool": "pleasant",
    "stuff": "tasks (name them)",
    "sucked": "was difficult",
    "sucks": "is difficult",
    "kinda": "rather",
    "guys": "colleagues",
    # Added with the labelling guide's tone decisions.
    "loads": "a large number",
    "heaps": "a large number",
    "chill": "calm",
    "dogsbody": "general assistant",
    "sorta": "somewhat",
    "cos": "because",
    "rammed": "very busy",
    "gaffer": "supervisor",
    "lowkey": "somewhat",
    # Words the guide names, and common slang of student writing; ambiguous ones ("proper",
    # "way", "like", "cause") are phrases below.
    "insane": "remarkable",
    "dunno": "do not know",
    "yeah": "yes",
    "yep": "yes",
    "nope": "no",
    "knackered": "exhausted",
    "chuffed": "pleased",
    "gutted": "disappointed",
    "brill": "very good",
    "hella": "very",
    "freaking": "very",
    "freaked": "panicked",
    "crappy": "poor",
    "kiddos": "children",
    "comfy": "comfortable",
    "tho": "though",
    "cuz": "because",
    "ya": "you",
}
# spaCy's English tokenizer splits "gonna" into "gon" + "na": match these on the text.
FAMILIAR_PHRASES = {
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "a pain": "difficult",
    "no clue": "did not yet understand",
    "super cool": "very pleasant",
    "dead nice": "very pleasant",
    "well hard": "very difficult",
    # Intensifiers: only the intensifier is marked, so that the suggestion replaces it alone.
    r"proper(?=\s+(?:good|hard|busy|nice|tired|scary|chuffed|mental|difficult|stressful|fun)\b)": (
        "very"
    ),
    r"dead(?=\s+(?:slow|busy|boring|easy|quiet|good|hard|stressful|tired)\b)": "very",
    r"super(?=\s+(?:busy|nice|helpful|fun|hard|easy|stressful|friendly|boring|tired|interesting"
    r"|happy|chill|stressed|excited)\b)": "very",
    r"crazy(?=\s+(?:busy|hard|stressful|fast|long)\b)": "very",
    r"(?<!\bthe\s)way(?=\s+(?:too|more|better|harder|easier|faster|slower|less)\b)": "much",
    r"(?:a heap|tons|a ton) of": "many (or a figure)",
    r"(?<=,\s)like(?=,)": "(remove)",
    r"(?:'|’)cause": "because",
    r"(?:messed|screwed) up": "made a mistake",
    r"(?:pissed|ticked) off": "annoyed",
    "a bunch of": "several",
}
BLAME = {
    "jerk": "describe the facts rather than the person",
    "idiot": "describe the facts rather than the person",
    "idiots": "describe the facts rather than the people",
    "moron": "describe the facts rather than the person",
    "lazy": "describe the facts rather than the person",
    "useless": "describe what was missing and its effect",
    "slob": "describe the facts rather than the person",
    "clueless": "describe the facts rather than the person",
    "incompetent": "describe the facts rather than the person",
    "stupid": "describe the facts",
    "dumb": "describe the facts",
}
BLAME_PHRASES = {
    r"(?:a )?waste of time": "of limited use to me (say why)",
    r"(?:didn't|did not) give a damn": "showed little interest in",
}
VULGAR = {
    "crap": "poor quality",
    "damn": "(remove)",
    "shit": "(remove)",
    "fuck": "(remove)",
    "fucking": "(remove)",
    "hell": "(remove)",
}
SMS = {
    "lol": "(remove)",
    "tbh": "to be honest",
    "idk": "I do not know",
    "omg": "(remove)",
    "btw": "by the way",
    "thx": "thank you",
    "plz": "please",
    "pls": "please",
    "u": "you",
    "ur": "your",
    "imo": "in my opinion",
    "ngl": "(remove)",
    "lmao": "(remove)",
    "ffs": "(remove)",
    "haha": "(remove)",
    "wtf": "(remove)",
    "rn": "right now",
    "bc": "because",
    "gr8": "great",
    "omw": "(remove)",
    "jk": "(remove)",
}

TRANSVERSAL_SKILLS = {
    "organisation": re.compile(r"\borgani[sz]\w*", re.IGNORECASE),
    "communication": re.compile(r"\bcommunicat\w*|public speaking|\bpresent\w*", re.IGNORECASE),
    "teamwork": re.compile(r"teamwork|team work|collaborat\w*|cooperat\w*", re.IGNORECASE),
    "time management": re.compile(
        r"time management|\bdeadlines?\b|prioriti\w*|\bschedul\w*|\bplann\w*", re.IGNORECASE
    ),
    "adaptability": re.compile(r"\badapt\w*", re.IGNORECASE),
    "autonomy": re.compile(r"\bautonom\w*|\bindependen\w*|\balone\b", re.IGNORECASE),
    "rigour": re.compile(r"\brigou?r\w*", re.IGNORECASE),
    "initiative": re.compile(r"\binitiative", re.IGNORECASE),
    "stress management": re.compile(r"\bstress\w*", re.IGNORECASE),
    "listening": re.compile(r"\blisten\w*|\bempath\w*", re.IGNORECASE),
    "problem solving": re.compile(r"problem.solving|\bsolv\w*", re.IGNORECASE),
}
TRAME = {
    "introduction": re.compile(r"introduction|context|background", re.IGNORECASE),
    "course": re.compile(r"course|tasks|missions?|activities|what i did|progress", re.IGNORECASE),
    "skills": re.compile(r"skills|competenc\w*", re.IGNORECASE),
    "difficulties": re.compile(r"difficult\w*|challenges?|obstacles?|problems?", re.IGNORECASE),
    "personal": re.compile(r"personal|takeaways?|what i gained|review", re.IGNORECASE),
    "outlook": re.compile(r"outlook|next steps|future|opening|conclusion", re.IGNORECASE),
}

MESSAGES = Messages(
    vague="General statement with no concrete illustration.",
    vague_suggestion=(
        "Add a precise fact: when? what? for whom? what result, with a figure if possible? "
        'Or follow it with "For example, ...".'
    ),
    vague_learning_suggestion=(
        'Say what you learned, with its content: "I learned to ..." followed by a precise '
        "situation (when, what, what result)."
    ),
    tone_familiar='Informal word: "{word}".',
    tone_familiar_suggestion='Replace "{word}" with "{alternative}".',
    tone_blame='Judgement of a person: "{word}".',
    tone_blame_suggestion=(
        "Describe the facts and their effect on your work rather than the person "
        '(hint: "{alternative}").'
    ),
    tone_vulgar='Vulgar word: "{word}".',
    tone_vulgar_suggestion='Remove this word; suggestion: "{alternative}".',
    tone_sms='Text-message spelling: "{word}".',
    tone_sms_suggestion='Write it out in full: "{alternative}".',
    tone_emoji='Emoji in a professional text: "{word}".',
    tone_emoji_suggestion="Remove the emoji and express the feeling in a sentence.",
    tone_punctuation='Excessive punctuation: "{word}".',
    tone_punctuation_suggestion="One full stop (or one exclamation mark) is enough.",
    difficulty_alone="Difficulty mentioned with no solution or lesson nearby.",
    difficulty_alone_suggestion=(
        "Add what you did or used to overcome it (person, tool, method) and what you learned "
        "from it."
    ),
    no_difficulty="No difficulty is discussed in the text.",
    no_difficulty_suggestion=(
        "Describe at least one difficulty you met, the solution or resources you used, and what "
        "you learned from it."
    ),
    mostly_descriptive=(
        "Mostly descriptive text: {share} % reflective sentences ({reflective} of {total})."
    ),
    mostly_descriptive_suggestion=(
        'For your main tasks, add what you learned or understood and what you would do differently ("I realised that ...", "In hindsight, ...").'  # noqa: E501
    ),
    few_skills="Transversal skills illustrated: {count} ({skills}); at least 2 are expected.",
    few_skills_suggestion=(
        "Illustrate at least two transversal skills (organisation, communication, teamwork, time "
        "management, adaptability, autonomy, rigour...) with a precise example."
    ),
    few_progress_axes="Areas for improvement stated: {count}; the checklist asks for at least 2.",
    few_progress_axes_suggestion=(
        'State two areas to strengthen in your own words: "My area for improvement is ...: for '
        'example ...".'
    ),
    no_future="No question or ambition about the future.",
    no_future_suggestion=(
        'End with an opening: a question to your tutor about what comes next ("Which points '
        'should I work on first?") or your career plan.'
    ),
    too_long="Text too long: about {words} words, nearly {pages} pages.",
    too_long_suggestion="Aim for 1 to 2 pages (about {limit} words at most): keep one example per skill.",  # noqa: E501
    missing_section='Section of the outline missing: "{section}".',
    missing_section_suggestion='Add a section "{section}": {hint}',
    text_too_long="Text too long: {size} characters (limit: {limit}). Split or shorten it.",
    section_names={
        "introduction": "Introduction",
        "course": "What I did",
        "skills": "Skills gained",
        "difficulties": "Difficulties and solutions",
        "personal": "Personal review",
        "outlook": "Outlook",
        "introduction_hint": "a short reminder of the context (mission, length, department).",
        "course_hint": "main tasks, in order or by theme.",
        "skills_hint": "one concrete example for each skill.",
        "difficulties_hint": "how you handled each difficulty or how things evolved.",
        "personal_hint": "what the internship gave you and the strengths it revealed.",
        "outlook_hint": "areas for improvement and the link with your career plans.",
    },
    none_word="none",
    label_names={
        "vague": "vague",
        "reflective": "reflective",
        "descriptive": "descriptive",
        "difficulty": "difficulty",
        "solution": "solution",
        "tone": "tone",
    },
)

LEXICON = Lexicon(
    code="en",
    stopwords=STOPWORDS,
    evaluative=EVALUATIVE,
    feeling_verbs=FEELING_VERBS,
    progress_verbs=PROGRESS_VERBS,
    acquisition_verbs=ACQUISITION_VERBS,
    skill_nouns=SKILL_NOUNS,
    generic=GENERIC,
    learning=LEARNING,
    change=CHANGE,
    hindsight=HINDSIGHT,
    progress_axis=PROGRESS_AXIS,
    weak_content=WEAK_CONTENT,
    difficulty_words=DIFFICULTY_WORDS,
    difficulty_phrases=DIFFICULTY_PHRASES,
    no_difficulty=NO_DIFFICULTY,
    remedy_words=REMEDY_WORDS,
    solution_phrases=SOLUTION_PHRASES,
    first_person_action=FIRST_PERSON_ACTION,
    negation=NEGATION,
    thanks=THANKS,
    future=FUTURE,
    example_start=EXAMPLE_START,
    months=MONTHS,
    tools=TOOLS,
    units=UNITS,
    familiar=FAMILIAR,
    familiar_phrases=FAMILIAR_PHRASES,
    blame=BLAME,
    blame_phrases=BLAME_PHRASES,
    vulgar=VULGAR,
    sms=SMS,
    transversal_skills=TRANSVERSAL_SKILLS,
    trame=TRAME,
    messages=MESSAGES,
)
