"""Finding personal names in a view: children, parents and professionals.

A word is taken as a name from what it is and where it stands:

- a first name that is not also an everyday word ("Amira", "Wojciech", "Chidera") is a
  name wherever it is, capitalised or not ("my son ionut");
- a surname from the list ("Patel", "Okafor") is a name when capitalised;
- a name that is also a word ("Will", "Grace", "Mark", "May") is a name only in a name
  context: after a title ("Mrs Grace ..."), after "my son"/"my daughter", after a role
  ("the SENCo Mark ..."), after "called"/"named"/"mum of", before "(my daughter)", as the
  subject of a sentence about a person ("Grace has been waiting"), or capitalised in the
  middle of a sentence (months only with a context: "in April" stays);
- any capitalised word after a title or a role ("Ms Achterberg"), or right after a name
  ("Faduma Warsame"), is part of the name.
- a word in no dictionary, or a first name whose dictionary sense is rare ("arjun"),
  acting as a person is a name with no cue word: at the start of a sentence or after
  "and"/"with"/"so" before what a person does ("Mursal only speaks Pashto", "navneet goes
  to nursery", "Semhar is 5"), owning a child's things ("robel's teacher"), or taken
  somewhere ("took tilly to the dentist"); never a place, a medicine, a condition or a
  service (``data/places.txt``, ``data/send_vocabulary.txt``);
- a message in capitals ("KEMAR GOT EXCLUDED") is read as if in lower case;
- a name-word after an article stays ("the Bill for the assessment").
- since 2.2, in any case: a word after a found first name that is a listed surname or in
  no dictionary ("kacper zieliński", "siobhan o'sullivan"); two name-like words opening a
  clause before what a person does or an age, "year 4" or "DOB" ("tatenda moyo has");
  the other members of a list with a name ("mirwais and zarlasht", "callum, evie and
  mason all"); a name as what a verb acts on ("diagnosed Parth with", "sat with summer
  for"); a word-name opening a clause before a person verb ("since ruby started") or
  owning a child's things ("jack's TA"); hyphenated first names ("lily-mae"). Peoples
  ("we are Roma") and school subjects ("Art and Music") stay.

Names of children (after "my son", before "'s teacher", with an age...) become
``[child]``; others ``[name]``. Once a word is found to be a name, its other
occurrences in the same view go too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.privacy.lexicon import (
    NOT_NAMES,
    SEND_TERMS,
    TEXT_SPEAK,
    TITLES,
    Lexicon,
    fold,
    in_another_language,
    load_lexicon,
)
from bot.privacy.other_scripts import in_other_script
from bot.privacy.patterns import Span, tag

_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*(?!\w)")
_SENTENCE_END = re.compile(r"[.!?\n;]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")

CHILD_NOUNS = {
    "son",
    "sons",
    "daughter",
    "daughters",
    "child",
    "children",
    "boy",
    "boys",
    "girl",
    "girls",
    "kid",
    "kids",
    "kiddo",
    "baby",
    "twins",
    "twin",
    "eldest",
    "youngest",
    "oldest",
    "stepson",
    "stepdaughter",
    "grandson",
    "granddaughter",
    "nephew",
    "niece",
    "ds",
    "dd",
    "toddler",
    "teenager",
    "teen",
    "lo",
    "sibling",
    "siblings",
    # "my son" in the other languages parents write in (folded: no accents)
    "beta",
    "beti",
    "bacha",
    "bachay",
    "bache",
    "bachi",
    "baccha",
    "puttar",
    "kudi",
    "syn",
    "syna",
    "synek",
    "corka",
    "corke",
    "fiul",
    "fiica",
    "baiatul",
    "hijo",
    "hija",
    "filho",
    "filha",
    "fils",
    "fille",
    "oglum",
    "kizim",
    "cocugum",
    "sunus",
    "dukra",
    "ibni",
    "binti",
    "wiilkayga",
    "wiilkeyga",
    "wiilashayda",
    "gabadhayda",
    "gabadheyda",
    "inanteyda",
    "inantayda",
    "ilmahayga",
    "cunugayga",
    "donka",
    "dochka",
    "chele",
    "meye",
    "wiil",
    "gabar",
    "anak",
    "figlio",
    "figlia",
    "sohn",
    "tochter",
    "djali",
    "vajza",
    "dcera",
    "fiam",
    "lanyom",
    "dels",
    "meita",
    "mwanangu",
    # since 3.6: Kurdish (Kurmanji "kurê min", "keça min"; Sorani "kurekem"), Tamil,
    # Gujarati, Nepali, Pashto, Persian and Amharic as typed in Latin letters
    "kur",
    "kure",
    "keca",
    "kece",
    "zarok",
    "zaroke",
    "zaroka",
    "lawe",
    "kurekem",
    "kicekem",
    "magan",
    "magal",
    "dikro",
    "dikri",
    "chhora",
    "chhori",
    "zoy",
    "pesaram",
    "dokhtaram",
    "lije",
    # since 3.9: Arabic typed in Latin letters (Arabizi), Swahili, Shona, Lingala, Igbo,
    # Yoruba, Twi, Hausa, Bengali and Punjabi as typed in Latin letters
    "ebni",
    "ibnti",
    "bnti",
    "benti",
    "bintii",
    "binty",
    "waladi",
    "mtoto",
    "mwana",
    "mwanakomana",
    "mwanasikana",
    "nwa",
    "omo",
    "omokunrin",
    "omobinrin",
    "dana",
    "yata",
    "cheler",
    "meyer",
    "munda",
    "kuri",
}
# Words that are first names but also help a verb: "my son will", "my daughter may".
_HELPING_VERBS = {
    "will",
    "may",
    "can",
    "could",
    "would",
    "might",
    "must",
    "shall",
    "did",
    "does",
    "do",
    "has",
}
_THING_ADJECTIVES = {"new", "old", "current", "previous", "last", "first", "little", "big"}
# "my" after the noun ("fiul meu Andrei", "syn mój Kacper").
_POSSESSIVE_AFTER = {
    "meu",
    "mea",
    "mio",
    "mia",
    "moj",
    "moja",
    "mano",
    "mon",
    "mine",
    "mera",
    "ko",
    "min",  # since 3.6: Kurdish "kurê min Rêbîn", "keça min Jînda"
    "im",  # Albanian "djali im Arben"
    "wangu",  # since 3.9: Swahili and Shona "mwana wangu Tatenda"
    "yangu",
}
ROLE_NOUNS = {
    "senco",
    "sendco",
    "teacher",
    "ta",
    "head",
    "headteacher",
    "deputy",
    "caseworker",
    "worker",
    "officer",
    "manager",
    "nurse",
    "visitor",
    "therapist",
    "physio",
    "paediatrician",
    "paed",
    "psychologist",
    "ep",
    "ot",
    "salt",
    "slt",
    "adviser",
    "advisor",
    "mediator",
    "driver",
    "escort",
    "assessor",
    "consultant",
    "doctor",
    "gp",
    "coordinator",
    "keyworker",
    "chair",
    "lead",
    "mentor",
    "tutor",
    "assistant",
    "partner",
    "wife",
    "husband",
    "brother",
    "sister",
    "cousin",
    "friend",
    "neighbour",
    "grandma",
    "grandad",
    "granny",
    "grandpa",
    "dad",
    "mum",
    "mam",
    "mom",
    "ex",
    "childminder",
    "carer",
    "practitioner",
    "navigator",
    "psychiatrist",
    "counsellor",
    "solicitor",
    "advocate",
    "mother",
    "father",
    "stepdad",
    "stepmum",
    "nan",
    "boyfriend",
    # since 3.9: more people who help a family ("Bill the IPSEA volunteer")
    "volunteer",
    "befriender",
    "nanny",
    "aunt",
    "auntie",
    "uncle",
    "midwife",
    "dentist",
    "optician",
    "pharmacist",
    "chaplain",
    "imam",
    "vicar",
    "priest",
    "pastor",
    "rabbi",
    "coach",
    "instructor",
    "interpreter",
    "translator",
    "councillor",
    "mp",
    # Polish, Romanian, Portuguese, Spanish, Turkish, Lithuanian husband and wife (also as
    # objects: "do mojego męża Łukasza")
    "maz",
    "meza",
    "mezem",
    "mezowi",
    "zona",
    "zony",
    "zone",
    "sotul",
    "sotia",
    "marido",
    "esposo",
    "esposa",
    "mulher",
    "esim",
    "kocam",
    "vyras",
    "zmona",
    "girlfriend",
    "director",
    "inspector",
    "senior",
    "principal",
    "secretary",
    "receptionist",
    "dietitian",
    "audiologist",
    "clinician",
    "specialist",
}
# Words after a child's name with "'s": "Fatima's teacher", "Hodan's EHCP".
CHILD_THINGS = {
    "teacher",
    "teachers",
    "school",
    "class",
    "classroom",
    "ehcp",
    "plan",
    "ta",
    "ot",
    "salt",
    "speech",
    "needs",
    "diagnosis",
    "nursery",
    "key",
    "support",
    "social",
    "paediatrician",
    "therapist",
    "review",
    "annual",
    "transport",
    "taxi",
    "anxiety",
    "behaviour",
    "hearing",
    "sensory",
    "senco",
    "ep",
    "assessment",
    "place",
    "timetable",
    "report",
    "mum",
    "dad",
    "brother",
    "sister",
    "siblings",
    "college",
    "wheelchair",
    "medication",
    "meds",
    "condition",
    "epilepsy",
    "autism",
    "adhd",
    "health",
    "education",
    "dla",
    "pip",
    "case",
    "referral",
    "provision",
    "hours",
    "carer",
    "bus",
    "school's",
    "name",
    "birthday",
    "age",
}
# Verbs that follow a person as the subject of a sentence ("Grace has been waiting").
SUBJECT_VERBS = {
    "joined",
    "joins",
    "arrived",
    "arrives",
    "moved",
    "thinks",
    "thought",
    "turns",
    "is",
    "was",
    "has",
    "had",
    "loves",
    "loved",
    "likes",
    "hates",
    "gets",
    "got",
    "goes",
    "went",
    "needs",
    "needed",
    "can't",
    "cant",
    "cannot",
    "couldn't",
    "won't",
    "doesn't",
    "didn't",
    "isn't",
    "wasn't",
    "hasn't",
    "started",
    "starts",
    "attends",
    "attended",
    "struggles",
    "struggled",
    "refuses",
    "refused",
    "missed",
    "misses",
    "still",
    "who",
    "aged",
    "turned",
    "says",
    "said",
    "told",
    "came",
    "comes",
    "does",
    "did",
    "settled",
    "seems",
    "also",
    "now",
    "never",
    "always",
    "finally",
    "sorted",
    "helped",
    "explained",
    "visited",
    "rang",
    "called",
    "wrote",
    "took",
    "gave",
    "spotted",
    "noticed",
}
# After a word that is also a name, these say little: "Patience is wearing thin",
# "Art is the only subject". A person needs a stronger verb ("Grace has been waiting").
WEAK_VERBS = {"is", "was", "still", "also", "now", "never", "always", "finally", "who"}
# What a word that is in no dictionary does when it is a person: the strong subject verbs
# and more ("Mursal only speaks Pashto", "Kemar will start in May").
PERSON_VERBS = (SUBJECT_VERBS - WEAK_VERBS) | {
    "only",
    "just",
    "really",
    "speaks",
    "spoke",
    "talks",
    "talked",
    "signs",
    "signed",
    "uses",
    "used",
    "plays",
    "played",
    "cries",
    "cried",
    "screams",
    "screamed",
    "sleeps",
    "slept",
    "eats",
    "ate",
    "walks",
    "walked",
    "runs",
    "ran",
    "reads",
    "writes",
    "lives",
    "lived",
    "stays",
    "stayed",
    "joined",
    "moved",
    "left",
    "became",
    "hit",
    "bit",
    "kicked",
    "can",
    "could",
    "will",
    "would",
    "should",
    "must",
    "might",
    "adores",
    "enjoys",
    "wants",
    "wanted",
    "tried",
    "tries",
    "keeps",
    "kept",
    "feels",
    "felt",
    "thinks",
    "knows",
    "understands",
    "communicates",
    "learned",
    "learnt",
    "finished",
    "begins",
    "began",
    "won't",
    "wont",
    "doesnt",
    "didnt",
    "isnt",
    "wasnt",
    "hasnt",
}
# After "X's" (= "X has"/"X is"): "Navneet's been excluded".
_AFTER_CONTRACTION = {"been", "got", "gone", "started", "now", "still", "always", "never", "just"}
# Words after which a word starting a clause may be a person's name ("... and arjun loves").
# What someone says about a child: "the ta says ruby is fine".
_REPORTING_VERBS = {"says", "said", "say", "thinks", "reckons", "claims", "claimed", "insists"}
_PERSON_STATE = re.compile(
    r"\s+(?:is|was|seems|seemed)\s+(?:so\s+|really\s+|very\s+|just\s+)?"
    r"(?:fine|ok|okay|happy|sad|upset|anxious|scared|settled|coping|struggling|masking"
    r"|exhausted|distressed|thriving|doing)\b"
)
_PERSON_AFTER = re.compile(
    r"(?:['\u2019]s|\s+(?:has|had))\s+(?:his|her|been\s+(?:on|in|off|out|excluded|diagnosed"
    r"|waiting|refused|bullied|sent|put|moved|given|offered|placed|struggling))\b"
    r"|\s+had\s+(?:his|her)\b|\s+here\s*[,.!]|\s+from\s+the\b",
    re.IGNORECASE,
)
_CLAUSE_OPENERS = {
    "and",
    "with",
    "but",
    "then",
    "so",
    "because",
    "cos",
    "coz",
    "when",
    "while",
    "as",
    "since",
    "if",
    "until",
    "though",
    "although",
    "now",
    "me",
}
# Before a name-word, these make it a thing: "the Bill for", "a Grace period".
_ARTICLES = {"the", "a", "an", "every", "each", "any", "no"}
# Before a capitalised unknown word, these make it a place or a setting ("at Treetops").
_PLACE_WORDS = _ARTICLES | {"at", "in", "from", "to", "of", "on", "for", "by", "into", "via"}
# "took tilly to the dentist": a name between these is a person being taken somewhere.
_ESCORT_VERBS = {
    "took",
    "take",
    "takes",
    "taking",
    "bring",
    "brings",
    "brought",
    "bringing",
    "picked",
    "pick",
    "collect",
    "collected",
    "collecting",
    "dropped",
    "drop",
    "dropping",
    "drove",
    "drive",
    "driving",
    "walked",
    "get",
    "got",
    "getting",
    "left",
}
_ESCORT_AFTER = {"to", "up", "off", "home", "out", "for", "into", "in", "from", "back", "round"}
_PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "who", "there", "that", "what"}
# "we are the Kaminskis", "we're the Okafors": a family by its name.
_FAMILY_NAME = re.compile(r"\b(?:we\s+are|we're|were)\s+the\s+(?P<family>[A-Z][a-z]+s)\b")
_NEVER_NAMES = _PRONOUNS | {
    "here",
    "im",
    "i'm",
    "him",
    "her",
    "his",
    "oldest",
    "eldest",
    "youngest",
}
_BARE_APPOSITION = re.compile(
    r"\s+(?:my|our)\s+(?:(?:little|middle|baby|big)\s+)?(?P<noun>"
    + "|".join(sorted(CHILD_NOUNS, key=len, reverse=True))
    + r")\s+(?P<verb>[\w']+)"
)
# Endings of words in no dictionary that are conditions or abstract nouns, not names.
_NOT_NAME_ENDINGS = (
    "ity",
    "ism",
    "osis",
    "itis",
    "phalus",
    "pathy",
    "plegia",
    "ectomy",
    "ostomy",
    "ology",
    "therapy",
    "ness",
    "ment",
    "tion",
    "sion",
    "phobia",
    "algia",
    "aemia",
    "emia",
    "trophy",
    "lexia",
    "praxia",
    "phasia",
    "ectomy",
    "scopy",
    "gram",
)
# After these a capitalised word names a condition ("Rett syndrome", "Perthes disease").
_CONDITION_NOUNS = {"syndrome", "disease", "disorder", "palsy", "dystrophy", "anomaly"}
_SEASONS = {"spring", "summer", "autumn", "winter"}
# A person's name after these: "diagnosed Parth with", "sat with summer for", "spoke to kerry".
_PERSON_OBJECT_PHRASES = [
    ("diagnosed",),
    ("referred",),
    ("assessed",),
    ("sat", "with"),
    ("sit", "with"),
    ("sitting", "with"),
    ("played", "with"),
    ("plays", "with"),
    ("playing", "with"),
    ("stayed", "with"),
    ("spoke", "to"),
    ("speak", "to"),
    ("speaking", "to"),
    ("talked", "to"),
    ("talking", "to"),
    ("spoken", "to"),
    ("took",),
    ("picked",),
    ("collected",),
]
# After a word-name so placed, these keep it a person ("sat with summer for 2 hours").
_PERSON_OBJECT_AFTER = {"with", "to", "for", "at", "from", "and", "up", "off", "home", "into"}
# What a person does, after a word-name in lower case opening a clause ("since ruby started").
_LOWER_WORD_NAME_VERBS = {
    "started",
    "starts",
    "attends",
    "attended",
    "loves",
    "loved",
    "likes",
    "hates",
    "adores",
    "enjoys",
    "speaks",
    "spoke",
    "talks",
    "talked",
    "cries",
    "cried",
    "screams",
    "screamed",
    "struggles",
    "struggled",
    "refuses",
    "refused",
    "goes",
    "went",
    "sleeps",
    "slept",
    "eats",
    "ate",
    "walks",
    "walked",
    "plays",
    "played",
    "wants",
    "wanted",
    "says",
    "said",
    "told",
    "moved",
    "joined",
    "bit",
    "hit",
    "kicked",
}
# Since 3.7 (``cued_since_3_7``).
_LOWER_TITLES = {"mr", "mrs", "ms", "mx", "dr", "mister", "missus"}
_COMMON_WORD_RANK = 3000
_COMMON_RANK_WORD_NAME = 1000
_ROLE_IN_BRACKETS = re.compile(
    r"\s*\(\s*(?:the\s+)?(?:senco|sendco|senco's|class\s+teacher|teacher|head(?:teacher)?"
    r"|deputy\s+head|dht|ht|ta|lsa|ep|educational\s+psychologist|salt|slt|ot|sw|social\s+worker"
    r"|case\s*worker|caseworker|paediatrician|parent|mum|dad|mother|father|carer|chair|minutes"
    r"|la|la\s+officer|ehcp\s+coordinator|key\s*worker|advocate|ipsea|sendiass|governor)"
    r"\s*[),;/]",
    re.IGNORECASE,
)
_MODAL_PERSON_VERB = re.compile(
    r"\s+(?:can|could|cant|can't|can\u2019t|couldn't|couldnt|should|would|might|must|will"
    r"|won't|wont|doesn't|doesnt|didn't|didnt|does|did)\s+(?:still\s+|not\s+|now\s+|also\s+)?"
    r"(?:get|go|attend|start|stay|join|have|keep|sit|move|see|come|access|apply|use|qualify"
    r"|cope|manage|walk|talk|speak|read|write|eat|sleep)\b",
    re.IGNORECASE,
)
_PASSIVE_CHILD = re.compile(
    r"\s+(?:was|is|has\s+been|had\s+been|got|will\s+be|is\s+being|was\s+being)\s+(?:finally\s+"
    r"|first\s+|only\s+|just\s+)?(?:seen|assessed|diagnosed|referred|excluded|suspended"
    r"|discharged|admitted|observed|bullied|restrained|statemented|transferred|born|adopted"
    r"|fostered|reviewed|examined|sent\s+home|kept\s+in|moved\s+up)\b",
    re.IGNORECASE,
)
_HONORIFIC_AFTER = re.compile(r" ji\b(?!\s*[-'\u2019]\w)")
# Not a person before "ji": God, the Gurus, "Mummy ji" is still a relative's name.
_NOT_HONOURED = {"guru", "waheguru", "baba", "babaji", "maharaj", "sant", "bhagwan", "mata"}
_RELATIVE_THEN_BRACKET = re.compile(
    r"\b(?:nan|nana|nanna|nanny|nani|nanni|gran|granny|grandma|grandmother|grandad|granddad"
    r"|grandpa|grandfather|grandparents?|aunt|auntie|aunty|uncle|cousin|step-?dad|step-?mum"
    r"|godmother|godfather|childminder)\s*\(\s*$",
    re.IGNORECASE,
)
# After a name in a list these keep a word-name a person ("callum, evie and mason all have").
_LIST_AFTER = {"all", "both", "are", "r", "have", "were", "go", "attend", "went", "and", "&"}
# Peoples and communities that are also first names: "we are Roma", "Roma people".
_PEOPLE_WORDS = {"roma", "romani", "romany", "traveller", "travellers", "gypsy"}
_PEOPLE_AFTER = {
    "people",
    "community",
    "communities",
    "family",
    "families",
    "children",
    "culture",
    "heritage",
    "background",
    "traveller",
    "travellers",
    "gypsy",
    "women",
    "men",
}
_BE = {"is", "are", "am", "was", "were", "we're", "being"}
# School subjects: "she loves Art and Music" names no one.
_SUBJECTS = {
    "art",
    "music",
    "drama",
    "maths",
    "math",
    "english",
    "science",
    "history",
    "geography",
    "pe",
    "re",
    "computing",
    "dance",
    "french",
    "spanish",
    "german",
    "design",
    "technology",
    "cooking",
    "sport",
    "sports",
    "games",
    "reading",
    "writing",
    "phonics",
}
_SUBJECT_NOUNS = {"class", "classes", "lesson", "lessons", "therapy", "club", "teacher", "gcse"}
_SURNAME_PREFIXES = ("o'", "mc", "mac", "al-", "el-", "d'")
_SIBLING_AFTER = re.compile(
    r"\s+(?:and|&)\s+(?:his|her|their)\s+(?:(?:little|big|older|younger|baby|twin)\s+)?"
    r"(?:brother|sister|brothers|sisters|twin|sibling|siblings|cousin|cousins)\b",
    re.IGNORECASE,
)
_CHILD_INTROS = {
    ("mum", "of"),
    ("mum", "to"),
    ("mom", "of"),
    ("mam", "of"),
    ("dad", "of"),
    ("dad", "to"),
    ("mother", "of"),
    ("father", "of"),
    ("parent", "of"),
    ("parent", "to"),
    ("carer", "of"),
    ("mother", "to"),
    ("father", "to"),
    ("mam", "to"),
    ("mom", "to"),
    ("grandma", "of"),
    ("grandmother", "of"),
    ("grandad", "of"),
    ("grandfather", "of"),
    ("nan", "of"),
    ("nana", "of"),
    ("auntie", "of"),
    ("aunt", "of"),
    ("carer", "for"),
    ("carer", "to"),
    ("guardian", "of"),
    # since 3.3: Portuguese "o pai do Thiago", "a mãe da Beatriz"
    ("pai", "do"),
    ("pai", "da"),
    ("mae", "do"),
    ("mae", "da"),
}
_OWNERS = {"my", "our", "his", "her", "their"}
# Two letters in lower case that are shorthand, not a child's initials ("my son rn").
_TWO_LETTER_SHORTHAND = {
    "rn", "bc", "tb", "fb", "ig", "ds", "dd", "dh", "dp", "ty", "np", "gp", "ot", "ta", "ep",
    "la", "hv", "sw", "ok", "pm", "am", "xx", "lo", "yo", "ya", "ye", "ur", "im", "iv", "id",
    "ad", "ab", "ah", "oh", "eh", "uh", "hm", "ft", "pt", "wk", "yr", "ie", "eg", "nb",
}  # fmt: skip
_CHILD_RELATIVES = {
    "son", "daughter", "brother", "sister", "twin", "stepson", "stepdaughter", "grandson",
    "granddaughter", "boy", "girl", "child", "nephew", "niece",
}  # fmt: skip
_GREETINGS = {"hi", "hello", "hey", "hiya", "heya", "morning", "evening", "afternoon"}
_INTRO_PHRASES = [
    ("it", "is"),
    ("called",),
    ("named",),
    ("name", "is"),
    ("known", "as"),
    ("i'm",),
    ("im",),
    ("i", "am"),
    ("call", "her"),
    ("call", "him"),
    ("calls", "her"),
    ("calls", "him"),
    ("called", "her"),
    ("called", "him"),
    # since 3.8: "keeps calling him Mo"
    ("calling", "her"),
    ("calling", "him"),
    ("this", "is"),
    ("am",),
    ("thank", "you"),
    ("thanks",),
    ("thanks", "to"),
    ("dear",),
    ("hi",),
    ("hello",),
    ("cheers",),
    # Tagalog "ako si Marisol" (I am), "anak ko si Paolo" (my child is)
    ("ako", "si"),
    ("ko", "si"),
    # "my name is" in other languages
    ("llamo",),
    ("m'appelle",),
    ("appelle",),
    ("nombre", "es"),
    ("nome", "e"),
    ("chamo",),
    ("nazywam", "sie"),
    ("numesc",),
    ("benim", "adim"),
    ("vardas",),
    ("magacaygu", "waa"),
    ("mera", "naam"),
    ("amar", "nam"),
    ("pangalan", "ko"),
    ("jmenuji", "se"),
    ("heisse",),
    # since 3.9: Arabizi "my/his/her name (is)"
    ("esmi",),
    ("ismi",),
    ("esmo",),
    ("esmou",),
    ("ismuhu",),
    ("esmha",),
    ("esmaha",),
    ("ismaha",),
    ("ismha",),
    *sorted(_CHILD_INTROS),
]
_MONTHS = {"april", "may", "june", "august", "january", "march"}
# "my son blue (yes, blue)", "my daughter River (really!)": the writer vouches for a name.
_REALLY_A_NAME = re.compile(
    r"\s*[(,\-]\s*(?:yes|yep|yeah|really|honestly|i\s+know|seriously|his\s+real\s+name"
    r"|her\s+real\s+name|that'?s\s+(?:his|her|their)\s+(?:real\s+)?name)\b",
    re.IGNORECASE,
)
# What a child calls a parent or relative in the languages parents here speak ("Amma
# says she is lazy"): no name.
_FAMILY_WORDS = {
    "amma", "ammi", "ammu", "ami", "abbu", "abba", "appa", "abu", "baba", "mama", "papa",
    "nani", "nanu", "dadi", "dada", "chacha", "chachi", "khala", "mami", "mamu", "phupho",
    "auntie", "aunty", "uncle", "anne", "ata", "ana", "tata", "bunica", "babcia",
    "dziadek", "nonna", "nonno", "abuela", "abuelo", "oma", "opa", "yaya", "teta", "tete",
}  # fmt: skip
_SPEECH_VERBS = {
    "said", "says", "asked", "asks", "shouted", "screamed", "cried", "laughed", "smiled",
    "whispered", "signed", "told", "tells", "hugged", "waved", "sang", "giggled", "answered",
}  # fmt: skip
# What a month-name opening a sentence does when it is a child ("April starts Year 7").
_MONTH_AS_CHILD_VERBS = {"starts", "started", "joined", "joins", "attends", "loves", "hates"}
_AGE_AFTER = re.compile(
    r"^\s*(?:\(\s*\d{1,2}\s*\)|,\s*\d{1,2}\s*,|\s+aged\s+\d"
    r"|\s+(?:is|was|has\s+been)\s+(?:now\s+|also\s+|still\s+|nearly\s+|almost\s+|only\s+|just\s+)?"
    r"(?:\d{1,2}\b(?!\s*(?:%|weeks?|wks?|months?|mths?|days?|hours?|hrs?|minutes?|mins?"
    r"|years?\s+(?:ago|away|late|long|wait|waiting))\b)"
    r"|in\s+year|in\s+reception|in\s+y\d"
    r"|autistic|disabled|deaf|blind|non[- ]?verbal|dyslexic|dyspraxic|epileptic|diagnosed|excluded"
    r"|refused|bullied|assessed|suspended|referred|born|statemented"
    r"|an?\s+(?:\w+\s+){0,2}?(?:girl|boy|lad|child|kid|teenager|toddler|baby)\b"
    # "Bartek who is 12"
    r"|\s+who\s+(?:is|was|turns|turned)\s+\d{1,2}\b(?!\s*(?:weeks?|months?|days?))"
    # "parwana stanikzai is my daughter"
    r"|(?:my|our)\s+(?:\w+\s+)?(?:son|daughter|child|boy|girl|grandson|granddaughter|nephew"
    r"|niece|stepson|stepdaughter|foster\s+child)\b)"
    # "ghaith year 4", "prabesh, yr 10", "hauwa DOB", "ines 5 yrs old"
    r"|\s*,?\s*(?:d\.?o\.?b\b|date\s+of\s+birth|born\s+(?:on\s+)?\d)"
    r"|\s*,?\s*(?:year|yr|y)\s*\d{1,2}\b(?!\s*(?:%|weeks?|months?|days?))"
    r"|\s*,?\s*\d{1,2}\s*(?:(?:yrs?|years?)\s*old\b|y/?o\b)"
    r"|\s+(?:are|r)\s+(?:both\s+)?(?:my|our)\s+(?:\w+\s+)?(?:boys|girls|kids|children|sons"
    r"|daughters|twins|youngest|eldest|oldest|babies)\b)",
    re.IGNORECASE,
)


@dataclass
class _Token:
    index: int
    start: int  # first character of the token
    end: int  # end of the name part (before a possessive 's)
    full_end: int  # end of the whole token
    text: str  # the name part ("Fatima" of "Fatima's")
    key: str  # folded text
    possessive: bool
    capitalised: bool
    all_caps: bool
    sentence_start: bool
    label: str | None = None
    reasons: list[str] = field(default_factory=list)


def _breaks(gap: str, before_key: str | None, before_text: str | None = None) -> bool:
    """Whether the gap after a word (its folded key) ends a sentence ("Dr. Khan" does not;
    since 3.5 nor does an initial's full stop: "Mr D. Wright")."""
    if not gap.strip():
        return False
    if before_key is not None and before_key in TITLES and gap.strip() == ".":
        return False
    if (
        before_text is not None
        and len(before_text) == 1
        and before_text.isupper()
        and before_text not in "IA"
        and gap.strip() == "."
    ):
        return False
    return bool(_SENTENCE_END.search(gap))


def _tokenise(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        possessive = len(word) > 2 and word[-2] in "'\u2019" and word[-1] in "sS"
        name_part = word[:-2] if possessive else word
        gap = text[previous_end : match.start()]
        tokens.append(
            _Token(
                index=index,
                start=match.start(),
                end=match.start() + len(name_part),
                full_end=match.end(),
                text=name_part,
                key=fold(name_part),
                possessive=possessive,
                capitalised=name_part[:1].isupper()
                and not (name_part.isupper() and len(name_part) > 1),
                all_caps=name_part.isupper() and len(name_part) > 1,
                sentence_start=index == 0 or _breaks(gap, tokens[-1].key, tokens[-1].text),
            )
        )
        previous_end = match.end()
    return tokens


class _Finder:
    """One pass over one text."""

    def __init__(self, text: str, covered: list[tuple[int, int]], lexicon: Lexicon) -> None:
        self.text = text
        self.lex = lexicon
        self.tokens = [
            t
            for t in _tokenise(text)
            if not any(s < t.full_end and t.start < e for s, e in covered)
        ]
        for position, token in enumerate(self.tokens):
            token.index = position
        # Capitals tell names apart only if the text does not capitalise ordinary words
        # too ("The School Will Not Listen To Us").
        ordinary = [
            t
            for t in self.tokens
            if not t.sentence_start
            and len(t.text) > 1
            and self.everyday(t.key)
            and t.key not in SEND_TERMS
            and not self.lex.is_first_name(t.key)
        ]
        shouted = sum(t.capitalised or t.all_caps for t in ordinary)
        self.capitals_mean_names = shouted < 4 or shouted / len(ordinary) < 0.5
        # A message in capitals ("KEMAR GOT EXCLUDED") is read as if in lower case.
        longer = [t for t in self.tokens if len(t.text) > 1]
        self.shouted = len(longer) >= 3 and sum(t.all_caps for t in longer) >= 0.7 * len(longer)
        if self.shouted:
            self.capitals_mean_names = False
        if not self.capitals_mean_names:
            for token in self.tokens:
                token.capitalised = False
                token.all_caps = False

    # -- what surrounds a token ------------------------------------------------------
    def gap_before(self, token: _Token) -> str:
        if token.index == 0:
            return self.text[: token.start]
        return self.text[self.tokens[token.index - 1].full_end : token.start]

    def gap_after(self, token: _Token) -> str:
        if token.index + 1 >= len(self.tokens):
            return self.text[token.full_end :]
        return self.text[token.full_end : self.tokens[token.index + 1].start]

    def previous(self, token: _Token, count: int) -> list[_Token]:
        """Up to ``count`` tokens before ``token`` in the same sentence, nearest last."""
        found: list[_Token] = []
        current = token
        while len(found) < count and current.index > 0:
            earlier = self.tokens[current.index - 1]
            if _breaks(self.gap_before(current), earlier.key, earlier.text):
                break
            current = self.tokens[current.index - 1]
            found.insert(0, current)
        return found

    def next_token(self, token: _Token) -> _Token | None:
        if token.index + 1 >= len(self.tokens):
            return None
        if _breaks(self.gap_after(token), token.key, token.text):
            return None
        return self.tokens[token.index + 1]

    def everyday(self, key: str) -> bool:
        return self.lex.is_everyday_word(key) or self.lex.is_everyday_word(key.replace("'", ""))

    def is_clear_name(self, token: _Token) -> bool:
        if len(token.key) < 2 or token.key in NOT_NAMES or token.key in TITLES:
            return False
        if self.lex.is_clear_first_name(token.key, capitalised=token.capitalised):
            return True
        parts = token.key.split("-")
        return len(parts) > 1 and token.capitalised and self.lex.is_clear_first_name(parts[0])

    def could_be_name(self, token: _Token) -> bool:
        """Capitalised and not an everyday word, or any first name or surname."""
        if (
            token.key in SEND_TERMS
            or token.key in NOT_NAMES
            or token.key.rstrip(".") in TITLES
            or len(token.key) < 2
        ):
            return False
        if token.all_caps:
            return False
        if self.lex.is_first_name(token.key) or self.lex.is_surname(token.key):
            return token.capitalised or not self.everyday(token.key)
        return token.capitalised and (
            not self.everyday(token.key) or token.key in self.lex.rare_name_words
        )

    # -- contexts --------------------------------------------------------------------
    def after_title(self, token: _Token) -> bool:
        before = self.previous(token, 1)
        if not before:
            return False
        # since 3.9 French "M." (Monsieur) before a capitalised word: "M. Dupont"
        if before[-1].text == "M" and self.gap_before(token).strip() == ".":
            return token.capitalised and not self.everyday(token.key)
        return before[-1].key.rstrip(".") in TITLES

    def after_child_noun(self, token: _Token) -> bool:
        before = self.previous(token, 2)
        if not before:
            return False
        if before[-1].key in CHILD_NOUNS:
            return True
        if len(before) == 2 and before[-1].key in _POSSESSIVE_AFTER:
            return before[-2].key in CHILD_NOUNS
        # "my little one Amira"
        return len(before) == 2 and before[-1].key == "one" and before[-2].key == "little"

    def after_role(self, token: _Token) -> bool:
        before = self.previous(token, 1)
        return bool(before) and before[-1].key in ROLE_NOUNS and not before[-1].possessive

    def after_intro(self, token: _Token) -> tuple[str, ...] | None:
        before = [t.key for t in self.previous(token, 2)]
        # "name's Folake": the tokeniser reads "name's" as "name" + possessive.
        previous = self.previous(token, 1)
        if previous and previous[-1].key == "name" and previous[-1].possessive:
            return ("name", "is")
        # Since 3.3: "Hi Jo, it's Abi", "hi its tash again": "it's" opening the message
        # or a clause after a greeting says who writes.
        if previous and (
            previous[-1].key == "its" or (previous[-1].key == "it" and previous[-1].possessive)
        ):
            opener = self.previous(previous[-1], 1)
            gap = self.gap_before(previous[-1])
            if (not opener or opener[-1].key in _GREETINGS or "," in gap) and not (
                token.key in NOT_NAMES or token.key in _MONTHS or token.key in _SEASONS
            ):
                return ("it", "is")
        for phrase in _INTRO_PHRASES:
            if tuple(before[-len(phrase) :]) == phrase:
                return phrase
        return None

    def child_initials(self, token: _Token) -> bool:
        """Since 3.3: a child written as initials ("his brother R is next", "my son TJ"),
        or initials opening a sentence before "and his sister" ("TJ and his sister")."""
        text = token.text
        if self.lower_initials_after_relative(token):
            return True
        if not (1 <= len(text) <= 3 and text.isalpha() and text.isupper()) or text == "I":
            return False
        if not self.capitals_mean_names:
            return False
        if token.key in SEND_TERMS or token.key in NOT_NAMES or token.key in _SUBJECTS:
            return False
        if (
            token.sentence_start
            and len(text) >= 2
            and token.key not in TEXT_SPEAK
            and self.before_sibling(token)
        ):
            return True
        return self.right_after_my_relative(token)

    def right_after_my_relative(self, token: _Token) -> bool:
        """Whether ``token`` comes straight after "my son", "her brother"... (not "my son's")."""
        before = self.previous(token, 2)
        return (
            len(before) == 2
            and before[-2].key in _OWNERS
            and before[-1].key in _CHILD_RELATIVES
            and not before[-1].possessive
            and not self.gap_before(token).strip()
        )

    def lower_initials_after_relative(self, token: _Token) -> bool:
        """Since 3.5: two initials in lower case right after "my son"/"my boy" ("my boy
        jj at nursery", "her brother tj"); not text-speak ("my son rn", "my dd")."""
        text = token.text
        if not (len(text) == 2 and text.isalpha() and text.islower()):
            return False
        key = token.key
        if key in TEXT_SPEAK or key in NOT_NAMES or key in SEND_TERMS or key in _PRONOUNS:
            return False
        if key in _TWO_LETTER_SHORTHAND or key in _CHILD_RELATIVES or key in _OWNERS:
            return False
        if self.lex.looks_like_word(key):
            return False
        return self.right_after_my_relative(token)

    def before_child_apposition(self, token: _Token) -> bool:
        """ "April (my daughter)", "Jack, my son,", "Mercy my youngest has ..."."""
        after = self.text[token.full_end : token.full_end + 40].lower()
        if re.match(
            r"\s*[,(\-]\s*(?:my|our)\s+(?:\w+\s+)?(?:son|daughter|boy|girl|child)\b", after
        ):
            return True
        # Without a comma only at the start of a sentence and before a verb, so that
        # "Will my son get a place?" and "in April my son started" stay.
        match = _BARE_APPOSITION.match(after)
        return (
            match is not None
            and token.sentence_start
            and token.key not in _MONTHS
            and token.key not in _SEASONS
            and match.group("verb") in SUBJECT_VERBS
            and match.group("verb") not in WEAK_VERBS - {"is", "was"}
        )

    def before_subject_verb(self, token: _Token) -> bool:
        nxt = self.next_token(token)
        return (
            nxt is not None
            and not token.possessive
            and nxt.key in SUBJECT_VERBS
            and not self.gap_after(token).strip()
        )

    def before_person_verb(self, token: _Token) -> bool:
        """Like ``before_subject_verb``, without the verbs an abstract noun also takes."""
        nxt = self.next_token(token)
        return self.before_subject_verb(token) and nxt is not None and nxt.key not in WEAK_VERBS

    def before_and_i(self, token: _Token) -> bool:
        """ "June and I run a group", "Grace and me"."""
        after = self.text[token.full_end : token.full_end + 10]
        return bool(re.match(r"\s+and\s+(?:I|me)\b", after))

    def after_saint(self, token: _Token) -> bool:
        """ "St Andrew's Church": a place named after a saint, not a person."""
        before = self.previous(token, 1)
        return bool(before) and before[-1].key.rstrip(".") in ("st", "saint")

    def before_child_thing(self, token: _Token) -> bool:
        nxt = self.next_token(token)
        # "Will's new school", "Ruby's old TA": one describing word may come between
        if nxt is not None and nxt.key in _THING_ADJECTIVES:
            nxt = self.next_token(nxt)
        return token.possessive and nxt is not None and nxt.key in CHILD_THINGS

    def before_from_service(self, token: _Token) -> bool:
        """ "Sue from SENDIASS", "Dawn at the short breaks service"."""
        after = self.text[token.full_end : token.full_end + 30]
        return bool(
            re.match(
                r"\s+(?:from|at|in)\s+(?:the\s+|our\s+)?[A-Z]{2,}|\s+(?:from|at)\s+the\b", after
            )
        )

    def before_role_apposition(self, token: _Token) -> bool:
        """ "Sue the SENDIASS adviser", "Mark, our social worker"."""
        nxt = self.next_token(token)
        if nxt is None or nxt.key not in ("the", "our", "my", "his", "her"):
            return False
        following = self.tokens[nxt.index + 1 : nxt.index + 4]
        return any(t.key in ROLE_NOUNS for t in following)

    def before_adult_role(self, token: _Token) -> bool:
        """ "Elena is our social worker", "Tom, that's my husband"."""
        after = self.text[token.full_end : token.full_end + 50].lower()
        match = re.match(
            r"\s*(?:,\s*)?(?:is|was|,|-|\(|that's|thats|who is)\s*(?:our|my|the|his|her|a)\s+"
            r"(?:\w+\s+){0,2}?(?P<role>\w+)",
            after,
        )
        return bool(match) and match.group("role") in ROLE_NOUNS

    def with_age(self, token: _Token) -> bool:
        return bool(_AGE_AFTER.match(self.text[token.full_end : token.full_end + 24]))

    def before_sibling(self, token: _Token) -> bool:
        """ "Autumn and her brother ..."."""
        return bool(_SIBLING_AFTER.match(self.text[token.full_end : token.full_end + 40]))

    def after_article(self, token: _Token) -> bool:
        before = self.previous(token, 1)
        return bool(before) and before[-1].key in _ARTICLES

    def name_like(self, token: _Token) -> bool:
        """In no dictionary ("Mursal", "navneet"), or a first name whose dictionary sense
        is rare ("arjun", "tilly"); never a place, a title or a SEND term."""
        key = token.key
        if len(key) < 3 or key in SEND_TERMS or key in NOT_NAMES or key in TITLES:
            return False
        if key in self.lex.places or key in self.lex.word_names or key in TEXT_SPEAK:
            return False
        if "'" in key:
            # "they've", "should've", "kids'": a word with an ending, not a name
            head = key.split("'", 1)[0]
            if self.lex.looks_like_word(head) or head in _PRONOUNS:
                return False
        if not self.lex.looks_like_word(key):
            # "Hypermobility", "Hydrocephalus": endings of conditions and abstract nouns
            return self.lex.is_first_name(key) or not key.endswith(_NOT_NAME_ENDINGS)
        return self.lex.is_first_name(key) and (
            key in self.lex.rare_name_words or self.lex.is_rare_word(key)
        )

    def after_reporting(self, token: _Token) -> bool:
        """After what someone says: "the ta says ruby is fine"."""
        before = self.previous(token, 1)
        return bool(before) and before[-1].key in _REPORTING_VERBS

    def person_after(self, token: _Token) -> bool:
        """ "hunter has been in a PRU", "ivy's been on the list", "will has his review",
        "robin here,", "pat from the forum": what follows only a person."""
        return bool(_PERSON_AFTER.match(self.text[token.end : token.end + 40]))

    def in_a_state(self, token: _Token) -> bool:
        """ "ruby is fine in class", "jack was so upset": how a child is."""
        return bool(_PERSON_STATE.match(self.text[token.full_end : token.full_end + 30]))

    def opens_clause(self, token: _Token) -> bool:
        """At the start of a sentence or clause, or after "and", "with", "but"..."""
        before = self.previous(token, 1)
        return not before or before[-1].key in _CLAUSE_OPENERS or "," in self.gap_before(token)

    def after_person_object(self, token: _Token) -> bool:
        """A name as what a person verb acts on: "diagnosed Parth with", "sat with summer
        for", "spoke to kerry from"; never after an article."""
        key = token.key
        before = [t.key for t in self.previous(token, 2)]
        if not any(tuple(before[-len(p) :]) == p for p in _PERSON_OBJECT_PHRASES):
            return False
        if key in NOT_NAMES or key in SEND_TERMS or key in _MONTHS or len(key) < 3:
            return False
        nxt = self.next_token(token)
        followed = nxt is None or (nxt.key in _PERSON_OBJECT_AFTER and not token.possessive)
        if self.name_like(token) or self.is_clear_name(token):
            return followed or token.capitalised
        if key in self.lex.word_names or self.lex.is_first_name(key):
            return followed
        return False

    def people_word(self, token: _Token) -> bool:
        """ "we are Roma", "Roma people": a people, not a person."""
        if token.key not in _PEOPLE_WORDS:
            return False
        before = self.previous(token, 1)
        nxt = self.next_token(token)
        return (bool(before) and before[-1].key in _BE) or (
            nxt is not None and nxt.key in _PEOPLE_AFTER
        )

    def school_subject(self, token: _Token) -> bool:
        """ "loves Art and Music", "Art therapy": a subject, not a person."""
        if token.key not in _SUBJECTS:
            return False
        nxt = self.next_token(token)
        if nxt is not None and nxt.key in _SUBJECT_NOUNS:
            return True
        before = self.previous(token, 2)
        after = self.tokens[token.index + 1 : token.index + 3]
        joined = ("and", "&", "or")
        return (len(before) == 2 and before[1].key in joined and before[0].key in _SUBJECTS) or (
            len(after) == 2 and after[0].key in joined and after[1].key in _SUBJECTS
        )

    def surname_like(self, token: _Token) -> bool:
        """After a first name, in any case: a listed surname or first name, or a word in
        no dictionary ("zieliński", "o'sullivan", "al-khatib")."""
        key = token.key
        if (
            len(key) < 2
            or key in SEND_TERMS
            or key in NOT_NAMES
            or key in TEXT_SPEAK
            or key in TITLES
            or key in self.lex.places
            or key in _MONTHS
        ):
            return False
        if not token.capitalised and key in self.lex.foreign_words:
            # "Kacper ma autyzm": a word of the message's language, not "Ma" the surname
            return False
        if self.lex.is_surname(key) or self.lex.is_clear_first_name(key):
            return True
        for prefix in _SURNAME_PREFIXES:
            if (
                key.startswith(prefix)
                and len(key) > len(prefix) + 2
                and not self.lex.looks_like_word(key)
            ):
                rest = key[len(prefix) :].lstrip("-'")
                if self.lex.is_surname(rest) or not self.lex.looks_like_word(rest):
                    return True
        return (
            self.name_like(token)
            and not self.lex.looks_like_word(key)
            and (token.capitalised or not key.endswith(("ed", "ing", "ly", "est")))
        )

    def acts_as_person(self, token: _Token) -> bool:
        """Followed by what a person does or is: "X only speaks", "X is 8", "X's been"."""
        nxt = self.next_token(token)
        if nxt is not None and not self.gap_after(token).strip():
            if token.possessive and nxt.key in _AFTER_CONTRACTION:
                return True
            if not token.possessive and nxt.key in PERSON_VERBS:
                return True
        return (not token.possessive and self.with_age(token)) or self.before_sibling(token)

    def escorted(self, token: _Token) -> bool:
        """ "took tilly to the dentist", "picked arjun up"."""
        before = self.previous(token, 1)
        nxt = self.next_token(token)
        return (
            bool(before)
            and before[-1].key in _ESCORT_VERBS
            and nxt is not None
            and nxt.key in _ESCORT_AFTER
        )

    def unknown_person(self, token: _Token) -> bool:
        """A word in no dictionary, or a rare-sense first name, used as a person."""
        if not self.name_like(token):
            return False
        if token.capitalised:
            before = self.previous(token, 1)
            placed = bool(before) and before[-1].key in _PLACE_WORDS
            return not placed and self.acts_as_person(token)
        if self.opens_clause(token) and self.acts_as_person(token):
            return True
        return self.lex.is_first_name(token.key) and (
            self.escorted(token) or self.after_with_or_and(token)
        )

    def after_with_or_and(self, token: _Token) -> bool:
        """ "me and tilly went", "played with arjun.": a listed first name joined to a
        person, at the end of a clause or before what a person does."""
        before = self.previous(token, 1)
        if not before or before[-1].key not in ("and", "with", "&"):
            return False
        nxt = self.next_token(token)
        return nxt is None or nxt.key in PERSON_VERBS or nxt.key in ("and", "&")

    def cued_since_3_2(self, token: _Token) -> str | None:
        """ "my son blue (yes, blue)", "jade the TA is", "Onyx said 'mama'", "proud of our
        Kuba": a name that is a word, or in no list, in a context that only a name has."""
        key = token.key
        if key in NOT_NAMES or key in TITLES or key in _PRONOUNS or len(key) < 2:
            return None
        after = self.text[token.full_end : token.full_end + 30]
        # "my son blue (yes, blue)": a writer saying the odd word is really the name
        if self.after_child_noun(token) and _REALLY_A_NAME.match(after):
            return "child"
        # ... and the word again in the brackets: "(yes, blue)"
        for earlier in self.tokens[max(0, token.index - 3) : token.index]:
            if (
                earlier.key == key
                and earlier.label
                and _REALLY_A_NAME.match(self.text[earlier.full_end : earlier.full_end + 30])
            ):
                return "child"
        ordinary = key in _HELPING_VERBS or key in _MONTHS or key in _SEASONS
        # "jade the TA is the only one": a first name opening a clause before "the TA"
        nxt = self.next_token(token)
        if (
            self.lex.is_first_name(key)
            and not ordinary
            and not token.possessive
            and self.opens_clause(token)
            and nxt is not None
            and nxt.key in ("the", "our", "my")
            and not self.gap_after(token).strip()
        ):
            role = self.next_token(nxt)
            then = self.next_token(role) if role is not None else None
            if (
                role is not None
                and role.key in ROLE_NOUNS
                and then is not None
                and (then.key in SUBJECT_VERBS or then.key in _HELPING_VERBS)
            ):
                return "name"
        # "Onyx said 'mama'": a rare word, capitalised, opening a clause before "said"
        if (
            token.capitalised
            and not token.possessive
            and (self.opens_clause(token) or ":" in self.gap_before(token))
            and not ordinary
            and key not in SEND_TERMS
            and key not in self.lex.places
            and self.lex.is_rare_word(key)
            and key not in _FAMILY_WORDS
            and nxt is not None
            and nxt.key in _SPEECH_VERBS
            and not self.gap_after(token).strip()
        ):
            return "child"
        # "proud of our Kuba", "love my Zuza.": a capitalised word in no dictionary after
        # "our"/"my", ending the sentence
        before = self.previous(token, 1)
        if (
            token.capitalised
            and before
            and before[-1].key in ("our", "my")
            and (nxt is None or _breaks(self.gap_after(token), key))
            and self.name_like(token)
            and not self.lex.looks_like_word(key)
        ):
            return "child"
        return None

    def surname_before_role(self, token: _Token) -> bool:
        """Since 3.7 "Helen Ward (SENCO)", "Sam Hill (class teacher)": a first name, a word
        as a surname, then a role in brackets."""
        before = self.previous(token, 1)
        return (
            token.capitalised
            and not token.all_caps
            and bool(before)
            and before[-1].capitalised
            and not self.gap_before(token).strip()
            and self.lex.is_first_name(before[-1].key)
            and before[-1].key not in NOT_NAMES
            and before[-1].key not in TITLES
            and not self.everyday(before[-1].key)
            and bool(_ROLE_IN_BRACKETS.match(self.text, token.full_end))
        )

    def cued_since_3_7(self, token: _Token) -> str | None:
        """ "the head mr gibbs", "Helen Ward (SENCO)", "if jack can get", "Junhao was
        seen in March", "Bibi ji": names that a title, a role, a modal verb, a passive or
        an honorific makes sure of."""
        key = token.key
        if key in NOT_NAMES or key in TITLES or key in _PRONOUNS or key in _MONTHS:
            return None
        before = self.previous(token, 1)
        after = self.text[token.full_end : token.full_end + 40]
        rank = self.lex.word_rank.get(key)
        # Since 3.8: "want X or Y for ava": a lower-case first name (no everyday word)
        # after "for" that ends the message or its sentence
        if (
            before
            and before[-1].key == "for"
            and not token.capitalised
            and len(key) > 2
            and self.lex.is_first_name(key)
            and (rank is None or rank > _COMMON_WORD_RANK)
            and key not in self.lex.word_names
            and key not in _HELPING_VERBS
            and not self.gap_before(token).strip()
            and re.match(r"\s*(?:[.!?]|$)", after)
        ):
            return "child"
        # "the head mr gibbs just rings": a lower-case surname after a lower-case title
        # (not "miss", a verb; not a common word: "the dr said", "mr men")
        if (
            before
            and before[-1].key in _LOWER_TITLES
            and not before[-1].capitalised
            and not self.gap_before(token).strip()
            and not token.capitalised
            and len(key) > 2
            and (rank is None or rank > _COMMON_WORD_RANK or self.lex.is_surname(key))
        ):
            return "name"
        # "if jack can get free school meals": a lower-case name-word (not a very common
        # word: "if bill can be paid") before a modal verb and what a person does
        if (
            not token.capitalised
            and key in self.lex.word_names
            and (rank is None or rank > _COMMON_RANK_WORD_NAME)
            and key not in _SEASONS
            and not token.possessive
            and self.opens_clause(token)
            and _MODAL_PERSON_VERB.match(after)
        ):
            return "child"
        # "Junhao was seen in March": a capitalised word in no dictionary, then what is
        # done to a child (not "prescribed", "given": medicines)
        if (
            token.capitalised
            and not token.possessive
            and self.name_like(token)
            and not self.lex.looks_like_word(key)
            and key not in self.lex.places
            and _PASSIVE_CHILD.match(after)
        ):
            return "child"
        # "her nan (Bibi ji)", "Nani ji": a Punjabi or Hindi honorific after a name
        if (
            token.capitalised
            and key not in _NOT_HONOURED
            and key not in SEND_TERMS
            and _HONORIFIC_AFTER.match(after)
        ):
            return "name"
        if (
            key == "ji"
            and before
            and before[-1].capitalised
            and before[-1].key not in _NOT_HONOURED
            and before[-1].key not in NOT_NAMES
            and not self.gap_before(token).strip()
        ):
            return "name"
        # "my nan (Pat)", "his grandad (Papa Joe)": a name in brackets after a relative
        if (
            token.capitalised
            and not token.all_caps
            and key not in SEND_TERMS
            and _RELATIVE_THEN_BRACKET.search(self.text[max(0, token.start - 30) : token.start])
        ):
            return "name"
        return None

    # -- deciding ----------------------------------------------------------------------
    def decide(self, token: _Token) -> str | None:
        """``child``, ``name`` or ``None`` for one token, from the token and its context."""
        key = token.key
        if len(key) == 1 and token.capitalised and self.after_title(token):
            # "Ms Ó Súilleabháin": a one-letter particle of a surname
            nxt = self.next_token(token)
            return "name" if nxt is not None and nxt.text[:1].isupper() else None
        if self.child_initials(token):
            return "child"
        if token.all_caps and self.after_child_noun(token) and len(key) > 2:
            # "my daughter JOY-ANN is 15": a name in capitals in a message that is not
            parts = key.split("-")
            if all(self.lex.is_first_name(p) or not self.lex.looks_like_word(p) for p in parts):
                return "child"
        if self.surname_before_role(token):
            return "name"
        if len(key) < 2 or key in SEND_TERMS or token.all_caps:
            return None
        nxt = self.next_token(token)
        if nxt is not None and nxt.key in _CONDITION_NOUNS:
            return None
        # Since 3.2: names a cue makes sure of, even when they are everyday words.
        cued = self.cued_since_3_2(token) or self.cued_since_3_7(token)
        if cued:
            return cued
        # "the Bill for the assessment", "a Grace period": a name-word after an article
        if self.after_article(token) and (
            key in self.lex.word_names or (self.lex.is_first_name(key) and self.everyday(key))
        ):
            return None
        # A lower-case everyday word that is in no list of names is never one.
        if (
            not token.capitalised
            and self.everyday(key)
            and not self.lex.is_first_name(key)
            and not self.lex.is_surname(key)
        ):
            return None
        if self.after_saint(token):
            return None
        if self.people_word(token) or self.school_subject(token):
            return None
        child_context = (
            self.after_child_noun(token)
            or self.before_child_apposition(token)
            or self.before_child_thing(token)
            or self.with_age(token)
        )
        intro = self.after_intro(token)
        if intro in _CHILD_INTROS:
            child_context = True
        if intro in (("called",), ("named",), ("name", "is")):
            # "my daughter is called Priya", "my son's name is Oisin"
            child_context = child_context or any(
                t.key in CHILD_NOUNS for t in self.previous(token, 5)
            )
        is_word_name = key in self.lex.word_names or (
            self.lex.is_first_name(key) and self.everyday(key)
        )

        adult_context = (
            self.after_role(token)
            or (intro is not None and intro not in _CHILD_INTROS and not child_context)
            or self.before_from_service(token)
            or self.before_role_apposition(token)
            or self.before_adult_role(token)
        )

        def label() -> str:
            # Parents mostly name their own children; adults come with a role or title.
            if child_context:
                return "child"
            return "name" if adult_context else "child"

        if self.after_title(token):
            if token.capitalised and key not in NOT_NAMES:
                return "name"
            if not self.lex.looks_like_word(key) or self.lex.is_surname(key):
                return "name"
            # "his teacher miss dale say": a first name in lower case ("i miss will" stays)
            if self.lex.is_first_name(key) and key not in _HELPING_VERBS and key not in NOT_NAMES:
                return "name"
            return None

        if self.is_clear_name(token) and (token.capitalised or len(key) > 2):
            return label()

        strong = (
            self.after_child_noun(token)
            or self.before_child_apposition(token)
            or self.after_role(token)
            or intro is not None
        )
        # "lily-mae", "Anna-Sofia": every part of a hyphenated word is a first name
        parts = key.split("-")
        if len(parts) > 1 and all(self.lex.is_first_name(part) for part in parts):
            return label()
        if strong:
            if token.capitalised and (
                self.could_be_name(token) or is_word_name or self.lex.is_rare_word(key)
            ):
                if intro in (("i'm",), ("im",), ("i", "am")) and not (
                    self.lex.is_first_name(key) or not self.everyday(key)
                ):
                    return None
                return label()
            # Lower case after "my son": a name only if it is one and acts like one.
            if key in self.lex.word_names and (
                self.before_subject_verb(token) or intro in (("called",), ("named",))
            ):
                return label()
            # "hi im rose, my sons...", "my son's name is miles okoro-fletcher"
            if (
                intro is not None
                and intro not in (("hi",), ("hello",), ("dear",), ("cheers",), ("thanks",))
                and self.lex.is_first_name(key)
                and key not in _PRONOUNS
                and key not in _HELPING_VERBS
                and (
                    self.gap_after(token).strip()[:1] in (",", ".", "(", "-", "!")
                    or self.next_token(token) is None
                    or intro in (("name", "is"),)
                )
            ):
                return label()
            # "my husband mark thinks": any first name, not a helping verb ("my son will go")
            if (
                self.lex.is_first_name(key)
                and key not in _HELPING_VERBS
                and key not in _PRONOUNS
                and (self.before_person_verb(token) or self.before_and_i(token))
            ):
                return label()
            # "my brother rebwar can translate": a word in no dictionary after a relative
            nxt_word = self.next_token(token)
            if (
                self.after_role(token)
                and not self.lex.looks_like_word(key)
                and nxt_word is not None
                and (nxt_word.key in SUBJECT_VERBS or nxt_word.key in _HELPING_VERBS)
            ):
                return "name"
            # "my dd sachini is", "we call her zuzia at home": a word in no dictionary
            # acting as a person ("my son's mainstream school" stays)
            nxt = self.next_token(token)
            if (
                self.name_like(token)
                and not self.after_role(token)
                and not key.endswith(("ed", "ing", "ly"))
                and (
                    self.lex.is_first_name(key)
                    or nxt is None
                    or self.acts_as_person(token)
                    or self.gap_after(token).strip() in (",", "(")
                    or nxt.key in _PERSON_OBJECT_AFTER
                    or nxt.key in ("in", "on", "is", "was")
                    or self.surname_like(nxt)
                )
            ):
                return label()
            return None

        # "diagnosed Parth with", "sat with summer for 2 hours", "spoke to kerry from"
        if self.after_person_object(token):
            return label()

        # "Mursal only speaks Pashto", "navneet goes to nursery", "robel's teacher",
        # "KEMAR GOT EXCLUDED": a word in no dictionary acting as a person.
        if self.unknown_person(token):
            return label()
        if self.before_child_thing(token) and len(key) > 2 and self.name_like(token):
            return "child"
        if (
            not token.capitalised
            and key in self.lex.word_names
            and key not in _MONTHS
            and key not in _SEASONS
            and self.opens_clause(token)
        ):
            # "since ruby started year 2", "jack's TA left"
            nxt = self.next_token(token)
            if self.before_child_thing(token) or (
                nxt is not None
                and not token.possessive
                and not self.gap_after(token).strip()
                and nxt.key in _LOWER_WORD_NAME_VERBS
            ):
                return "child"
        if (
            not token.capitalised
            and key in self.lex.word_names
            and key not in _MONTHS
            and key not in _SEASONS
            and (self.opens_clause(token) or self.after_reporting(token))
            and (
                self.with_age(token)
                or self.before_sibling(token)
                or self.in_a_state(token)
                or self.person_after(token)
            )
        ):
            # "joy is 9 and has ehlers danlos", "hope is a lovely girl"; "robin here" is
            # the parent writing, "pat from the forum" a helper.
            after = self.text[token.end : token.end + 12].lower()
            return "name" if re.match(r"\s+(?:here\b|from\s)", after) else "child"

        if not token.capitalised:
            return None
        if key in NOT_NAMES and key not in self.lex.word_names:
            return None
        if key in _MONTHS:
            if self.before_child_thing(token) or self.before_and_i(token):
                return label()
            # "May is 7 and...", "April starts Year 7": a month opening a sentence as a child
            nxt = self.next_token(token)
            opening = token.sentence_start and not self.gap_after(token).strip()
            if (
                opening
                and nxt is not None
                and (
                    self.with_age(token)
                    or nxt.key in _MONTH_AS_CHILD_VERBS
                    or self.person_after(token)
                )
            ):
                return "child"
            return None
        if key in self.lex.word_names:
            if not token.sentence_start:
                return label()
            if (
                self.before_person_verb(token)
                or self.before_and_i(token)
                or self.before_child_thing(token)
                or self.before_from_service(token)
                or self.before_role_apposition(token)
                or self.with_age(token)
                or self.before_sibling(token)
                or self.modal_before_be(token)
            ):
                return label()
            return None
        if self.lex.is_surname(key) and (not self.everyday(key) or key in self.lex.rare_name_words):
            return "name"
        # "Tayo's key worker": an unknown capitalised word owning a child's things.
        if self.before_child_thing(token) and not self.everyday(key) and key not in NOT_NAMES:
            return "child"
        # "Jo who visits", "..., Jo has been": a first name in mid-sentence acting as a person.
        if (
            not token.sentence_start
            and self.lex.is_first_name(key)
            and self.before_subject_verb(token)
        ):
            return label()
        return None

    def modal_before_be(self, token: _Token) -> bool:
        """ "Will is going to ...": a modal is never followed by "is", so this is a name."""
        nxt = self.next_token(token)
        return (
            token.key in _HELPING_VERBS
            and nxt is not None
            and nxt.key in ("is", "was", "isnt", "isn't", "wasnt", "wasn't")
            and not self.gap_after(token).strip()
        )

    def signature(self, token: _Token) -> bool:
        """ "... Is that allowed? Олена": a capitalised last word alone after a sentence."""
        return (
            token.index == len(self.tokens) - 1
            and token.capitalised
            and not token.all_caps
            and bool(re.search(r"[.!?]\s*(?:-\s*)?$", self.gap_before(token)))
            and not self.lex.looks_like_word(token.key)
            and token.key not in NOT_NAMES
            and token.key not in SEND_TERMS
            and token.key not in self.lex.places
        )

    def find(self) -> list[_Token]:
        for token in self.tokens:
            token.label = self.decide(token)
            if token.label is None and self.signature(token):
                token.label = "name"
        for match in _FAMILY_NAME.finditer(self.text):
            for token in self.tokens:
                if token.start == match.start("family"):
                    token.label = "name"
        self._name_before_name()
        self._pairs()
        self._extend_names()
        self._spread()
        # "mirwais and zarlasht ..., zarlasht has": a name found later joins its list too
        self._extend_names()
        self._spread()
        # Whatever the context, a pronoun or "here" is never part of a name ("my son is
        # hassan he is 6", "mum of 3 here").
        for token in self.tokens:
            # ... nor a word for a child ("Gabadhayda Ifrah", "Son Tomasz")
            if token.key in _NEVER_NAMES or token.key in CHILD_NOUNS:
                token.label = None
        self._keep_words_of_another_language()
        return [t for t in self.tokens if t.label]

    def _keep_words_of_another_language(self) -> None:
        """Since 3.9, in a message in another language written in Latin letters ("em
        không biết tiếng Anh nhiều", "Vajza ime ka sindromën Down dhe kemi nevojë"), a
        word in lower case that no list knows as a first name, and that no cue word
        ("my son", a title, a role, "my name is") comes right before, stays: every word
        there is in no English dictionary, so the rules for unknown words next to a name
        would otherwise take them all. A message is in another language when under a
        third of its words are English."""
        rest = [t.key for t in self.tokens if len(t.key) > 1]
        if len(rest) < 5 or not in_another_language(rest, self.lex):
            return
        foreign = self.lex.latin_language_words
        for token in self.tokens:
            cued = (
                self.after_child_noun(token)
                or self.after_title(token)
                or self.after_role(token)
                or self.after_intro(token)
            )
            if (
                token.label
                and not token.capitalised
                and not self.lex.is_clear_first_name(token.key)
                # after a cue too, a frequent word of some language ("Doamna de la")
                and (not cued or token.key in foreign)
            ):
                token.label = None

    def _name_before_name(self) -> None:
        """ "my son is Nana Kwame Asante": a capitalised word right before a found name,
        after "my son is", "called" or "named", is the first part of that name."""
        for token in self.tokens:
            if not token.label or token.index < 2:
                continue
            first = self.tokens[token.index - 1]
            cue = self.tokens[token.index - 2]
            if (
                first.label
                or not first.capitalised
                or first.possessive
                or self.gap_after(first).strip()
                or _breaks(self.gap_before(first), cue.key)
                or first.key in SEND_TERMS
                or first.key in TITLES
                or first.key in _PRONOUNS
                or first.key in self.lex.places
            ):
                continue
            is_cue = cue.key in ("called", "named") or (
                cue.key == "is" and cue.index > 0 and self.tokens[cue.index - 1].key in CHILD_NOUNS
            )
            if is_cue:
                first.label = token.label

    def _pairs(self) -> None:
        """ "tatenda moyo has", "dhruv desai is 5", "ghaith al-khatib year 4": two words
        that may be names, opening a clause, before what a person does or an age."""
        for token in self.tokens:
            nxt = self.next_token(token)
            if token.label or nxt is None or self.gap_after(token).strip() or token.possessive:
                continue
            if not (self.name_like(token) or self.is_clear_name(token)):
                continue
            if not (
                self.opens_clause(token)
                or self.after_child_noun(token)
                or self.after_role(token)
                or self.after_title(token)
            ):
                continue
            if not (self.name_like(nxt) or self.surname_like(nxt)):
                continue
            if self.acts_as_person(nxt) or self.with_age(nxt) or self.before_child_thing(nxt):
                adult = self.after_role(token) or self.before_adult_role(nxt)
                token.label = "name" if adult else "child"
                nxt.label = nxt.label or token.label
                continue
            # Three parts ("tsz ching wong yr 8", "nguyen thi mai is 6")
            last = self.next_token(nxt)
            if (
                last is not None
                and not self.gap_after(nxt).strip()
                and not nxt.possessive
                and (self.name_like(last) or self.surname_like(last))
                and (self.acts_as_person(last) or self.with_age(last))
            ):
                token.label = nxt.label = last.label = "child"

    def _list_member(self, other: _Token) -> bool:
        """A word joined to a name by "and", "n" or a comma that is a name too."""
        if other.label or other.key in NOT_NAMES or other.key in SEND_TERMS or other.possessive:
            return False
        if not other.capitalised and other.key in self.lex.foreign_words:
            # "je m'appelle Awa, mon fils": a word of the message's language
            return False
        if self.is_clear_name(other) or self.name_like(other):
            return True
        if other.capitalised and (self.lex.is_first_name(other.key) or self.could_be_name(other)):
            return True
        if (
            self.lex.is_first_name(other.key)
            and other.key not in _MONTHS
            and other.key not in _PRONOUNS
            and (other.key in self.lex.word_names or other.key in self.lex.rare_name_words)
        ):
            after = self.next_token(other)
            return (
                after is None
                or after.key in _LIST_AFTER
                or after.key in PERSON_VERBS
                # "jack and tyler are": the first of a list, before its "and"
                or (after.key in ("and", "&", "n") and not self.gap_after(other).strip())
            )
        return False

    def could_be_surname(self, token: _Token) -> bool:
        """After a first name: a listed surname, or a capitalised word that is rare."""
        if token.key in SEND_TERMS or token.key in NOT_NAMES or token.all_caps:
            return False
        if token.key in TITLES:
            # "Ayşe Hanım": a title after the name
            return False
        return self.lex.is_surname(token.key) or self.lex.is_rare_word(token.key)

    def _extend_names(self) -> None:
        """Surnames after a first name, a first name before a surname, "A and B"."""
        changed = True
        rounds = 0
        while changed and rounds < 10:
            changed = False
            rounds += 1
            for token in self.tokens:
                if not token.label:
                    continue
                # "Grace Okoro", "Will Thompson": a first name just before a found name.
                if token.index > 0 and not self.gap_before(token).strip():
                    before = self.tokens[token.index - 1]
                    if (
                        not before.label
                        and not before.possessive
                        and before.key not in NOT_NAMES
                        and before.key not in _MONTHS
                        and before.key not in SEND_TERMS
                        and (
                            (before.capitalised and self.lex.is_first_name(before.key))
                            # "jhon rey's school", "Sofiia Shevchenko needs"
                            or (
                                self.name_like(before)
                                and not self.lex.looks_like_word(before.key)
                                and not self.after_article(before)
                                and before.key not in CHILD_NOUNS
                                and before.key not in ROLE_NOUNS
                                and not before.key.endswith(("ed", "ing", "ly", "est"))
                            )
                        )
                    ):
                        before.label = token.label
                        changed = True
                # "mirwais and zarlasht", "hamza n zayan": a name before "and" a name
                joined = self.previous(token, 2)
                if (
                    len(joined) == 2
                    and joined[1].key in ("and", "&", "n")
                    and self._list_member(joined[0])
                ):
                    joined[0].label = token.label
                    changed = True
                if self._alias(token):
                    changed = True
                nxt = self.next_token(token)
                if nxt is None:
                    continue
                gap = self.gap_after(token)
                if nxt.label:
                    # "Faduma Warsame": one person, one kind of tag.
                    if nxt.label != token.label and not gap.strip() and not token.possessive:
                        nxt.label = token.label
                        changed = True
                    continue
                # (since 3.5 also after an initial's full stop: "Mr D. Wright")
                initial = len(token.text) == 1 and token.text.isupper() and gap.strip() == "."
                if (
                    not token.possessive
                    and (gap.strip() == "" or initial)
                    and nxt.capitalised
                    and (self.could_be_name(nxt) or self.could_be_surname(nxt))
                ):
                    nxt.label = token.label
                    changed = True
                    continue
                # "kacper zieliński", "siobhan o'sullivan": a surname in lower case
                if not token.possessive and gap.strip() == "" and self.surname_like(nxt):
                    nxt.label = token.label
                    changed = True
                    continue
                # "callum, evie and mason all have", "hamza n zayan"
                if nxt.key in ("and", "&", "n") or gap.strip() in ("&", ","):
                    other = nxt if gap.strip() in ("&", ",") else self.next_token(nxt)
                    if other is not None and not other.label and self._list_member(other):
                        other.label = token.label
                        changed = True
                        continue
                # "Zainab and Yusuf", "Adam and Eve"
                if nxt.key in ("and", "&") or gap.strip() in ("&", ","):
                    other = nxt if gap.strip() in ("&", ",") else self.next_token(nxt)
                    if other is not None and other.label and "child" in (other.label, token.label):
                        if other.label != token.label:
                            other.label = token.label = "child"
                            changed = True
                        continue
                    if (
                        other is not None
                        and not other.label
                        and other.capitalised
                        and (
                            self.lex.is_first_name(other.key)
                            or self.is_clear_name(other)
                            or self.could_be_name(other)
                        )
                        and other.key not in NOT_NAMES
                    ):
                        other.label = token.label
                        changed = True

    def _alias(self, token: _Token) -> bool:
        """ "Zuzanna (Zuza)", "Mo (Mohamed)": a name and another in brackets are one child."""
        changed = False
        following = self.tokens[token.index + 1] if token.index + 1 < len(self.tokens) else None
        if (
            following is not None
            and not following.label
            and self.gap_after(token).strip() == "("
            and self.gap_after(following).lstrip().startswith(")")
            and self._alias_word(following)
        ):
            following.label = token.label
            changed = True
        before = self.tokens[token.index - 1] if token.index > 0 else None
        if (
            before is not None
            and not before.label
            and self.gap_before(token).strip() == "("
            and self.gap_after(token).lstrip().startswith(")")
            and self._alias_word(before)
        ):
            before.label = token.label
            changed = True
        return changed

    def _alias_word(self, token: _Token) -> bool:
        # "oluwadamilare (dami)": in lower case, a first name or a word in no dictionary
        lower_ok = self.lex.is_first_name(token.key) or not self.lex.looks_like_word(token.key)
        return (
            (token.capitalised or lower_ok)
            and len(token.key) > 1
            and token.key not in SEND_TERMS
            and token.key not in NOT_NAMES
            and token.key not in TITLES
        )

    def _spread(self) -> None:
        """Every other occurrence of a name found once goes too, as the same kind."""
        labels: dict[str, str] = {}
        for token in self.tokens:
            if token.label and labels.get(token.key) != "child":
                labels[token.key] = token.label
        for token in self.tokens:
            if token.key not in labels:
                continue
            wanted = labels[token.key]
            if token.label:
                token.label = wanted
                continue
            if token.key in self.lex.word_names or self.everyday(token.key):
                # "Bill ... the bill": only the capitalised word, and never a month.
                if token.capitalised and token.key not in _MONTHS:
                    token.label = wanted
            else:
                token.label = wanted


# Since 3.9 Arabic typed in Latin letters (Arabizi) writes some letters as digits ("3omar"
# is Omar, "7amza" Hamza): such a word after "mother/father of", "my son/daughter" or "my
# name is" is a name.
_ARABIZI_NAME = re.compile(
    r"(?i)\b(?:om|omm|umm|um|abu|abo|ebni|ibni|binti|bnti|benti|bintii|ibnti|waladi|esmo|esmi"
    r"|esmha|esmaha|ismi|ismaha|ismuhu|ismo)\s+(?P<name>[a-z']*[235789][a-z0-9']*)\b"
)


# Since 3.9 French "la maman d'Ibrahima", "le papa d'Éloïse": the name joined to "d'".
_PARENT_OF_ELIDED = re.compile(
    r"(?i:maman|m[èe]re|papa|p[èe]re|grand-m[èe]re|grand-p[èe]re|tante|oncle|s[oœ]e?ur|fr[èe]re)"
    r"\s+d['\u2019](?P<name>[A-ZÀ-Ý][\w\-]+)"
)


# Since 3.9 a name in quotes after "his name is (just)", "called", "known as": "'Gaz'"
_QUOTED_NAME = re.compile(
    r"(?i:name\s+is|name's|called|named|known\s+as|goes\s+by)\s+"
    r"(?i:just\s+|only\s+|simply\s+|actually\s+)?['\"\u2018\u201c](?P<name>[^\W\d_]{2,20})"
    r"['\"\u2019\u201d]"
)


def _names_by_pattern(text: str) -> list[Span]:
    found = [
        Span(m.start("name"), m.end("name"), "child", tag("child"))
        for m in _ARABIZI_NAME.finditer(text)
        if sum(ch.isalpha() for ch in m.group("name")) >= 2
    ]
    found += [
        Span(m.start("name"), m.end("name"), "name", tag("name"))
        for m in _QUOTED_NAME.finditer(text)
    ]
    return found + [
        Span(m.start("name"), m.end("name"), "child", tag("child"))
        for m in _PARENT_OF_ELIDED.finditer(text)
    ]


def find_names(
    text: str, covered: list[tuple[int, int]] | None = None, lexicon: Lexicon | None = None
) -> list[Span]:
    """Find personal names in ``text``.

    Args:
        text: The view.
        covered: ``(start, end)`` ranges already found to be something else (a school, an
            address...), whose words are not looked at again.
        lexicon: The word lists; by default the shipped ones.

    Returns:
        One span per name word, labelled ``child`` or ``name``.
    """
    # Since 3.3 a Latin name inside Chinese or Japanese text ("老师Mrs White说") is read
    # as a word of its own: those characters stand as blanks (the offsets are the same).
    if _CJK.search(text):
        text = _CJK.sub(lambda m: " " * len(m.group()), text)
    finder = _Finder(text, covered or [], lexicon or load_lexicon())
    # Words in other scripts are judged by other_scripts.py (Cyrillic capitals mark
    # places and greetings as often as names).
    found = [
        Span(t.start, t.end, t.label or "name", tag(t.label or "name"))
        for t in finder.find()
        if not in_other_script(t.text)
    ]
    return found + [
        span
        for span in _names_by_pattern(text)
        if not any(s.start < span.end and span.start < s.end for s in found)
        and not any(s < span.end and span.start < e for s, e in covered or [])
    ]
