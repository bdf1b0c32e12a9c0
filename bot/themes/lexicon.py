"""What parents' words mean for each theme: text-speak spelt out, and keyword patterns.

``normalise`` turns "skl", "wiv", "no1", "ehcp 40 wks" into plain words before the
classifier sees them. ``KEYWORDS`` holds, for each theme code of ``themes.yml``, phrases
that point to it; ``keyword_hits`` gives the classifier one feature per theme.
"""

from __future__ import annotations

import re

import numpy as np

_SPELLINGS = {
    "skl": "school",
    "skool": "school",
    "sch": "school",
    "scl": "school",
    "wiv": "with",
    "wit": "with",
    "u": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "no1": "nobody",
    "noone": "nobody",
    "wk": "week",
    "wks": "weeks",
    "yr": "year",
    "yrs": "years",
    "mnth": "month",
    "mnths": "months",
    "mth": "month",
    "mths": "months",
    "hrs": "hours",
    "hr": "hour",
    "mins": "minutes",
    "waitin": "waiting",
    "im": "i am",
    "dont": "do not",
    "cant": "cannot",
    "wont": "will not",
    "didnt": "did not",
    "doesnt": "does not",
    "isnt": "is not",
    "hasnt": "has not",
    "havent": "have not",
    "wouldnt": "would not",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "thx": "thanks",
    "pls": "please",
    "tbh": "to be honest",
    "echp": "ehcp",
    "ehc": "ehcp",
    "senco's": "senco",
    "paed": "paediatrician",
    "paeds": "paediatrician",
    "salt": "speech therapy",
    "slt": "speech therapy",
    "ot": "occupational therapy",
    "dd": "daughter",
    "ds": "son",
}
_TOKEN = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")


def normalise(text: str) -> str:
    """Lower-case, straighten apostrophes and spell out common text-speak."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"\[(child|name|school|phone|email|address|number|dob)\]", " ", text)
    return " ".join(_SPELLINGS.get(token, token) for token in _TOKEN.findall(text))


KEYWORDS: dict[str, str] = {
    "communication": (
        r"\b(?:nobody|no one|never|not)\b[^.]{0,25}\b(?:answer|reply|replies|replied|rang back"
        r"|ring back|rings back|call back|calls back|called back|got back|tell|told|let us know"
        r"|heard back|acknowledg)|\bno (?:reply|response|named contact|acknowledg\w*|call back)"
        r"|voicemail|\bchas(?:e|ing)\b|\bemail|\bphone|rings out|\bcut off\b|updat(?:e|ed|es)"
        r"|kept informed|keep me informed|different story|passed from one"
        r"|\brings? (?:me )?back|rang (?:me )?(?:back|to)|get hold of|no (?:notice|reasons?"
        r"|explanation)|without (?:a |any )?(?:reason|explanation|warning|notice)|warn(?:ed|ing)"
        r"|explain\w*|standard letter|different things|\bletters?\b|never said"
    ),
    "ehcp_process": (
        r"\behcp|\bplan\b|needs assessment|request for assessment|refus\w* to assess"
        r"|agree\w* to assess|20 ?week|\bweek \d+|draft|final plan|section [a-k]\b"
        r"|annual review|amend|ceas\w*|\bpanel\b|\bprovision\b"
        r"|\breview\b|deadline|decision|\bep\b|ed psych|educational psycholog"
        r"|assessment had been agreed|in (?:his|her) plan"
    ),
    "school_support": (
        r"\bsenco|teaching assistant|\bta\b|reasonable adjust|in class|\bteacher|sen support"
        r"|mainstream|pupil passport|movement breaks?|quiet room|school trip|homework|inclusi\w+"
        r"|top ?up funding|graduated approach|isolation|visual timetable|fidget|ear defenders"
        r"|assembl|autism outreach|training|restrain"
        r"|\bstaff\b|class of|small class|laptop|home school diary|\bclass\b|break times?"
        r"|supply teachers|\bhead\b|the school (?:have|has) been|school (?:put|worked)"
        r"|special school are"
    ),
    "school_places": (
        r"school place|\ba place\b|specialist (?:school|place|placement|setting)"
        r"|special schools?|no school|without a school|first choice|phase transfer"
        r"|secondary transfer|consultation|named (?:a )?school|residential school"
        r"|independent special|resourced provision|\bbase\b|semh school|alternative provision"
        r"|waiting for a place|(?:are|is) full|which school|no school will"
        r"|visited \d+ \w* ?schools|meet (?:his|her|their) needs|can ?not stay|nearest"
        r"|no special school|specialist"
    ),
    "exclusions_attendance": (
        r"exclu(?:ded|sion|sions)|reduced timetable|part ?time timetable|sent home|sending \w+ home"
        r"|pick \w+ up|cooling off|attendance|\bebsa\b|school refus|avoidance|\bfines?\b|\bfine us"
        r"|prosecut|\bpru\b|out of (?:school|education)|hours? a day|missed school|in school since"
        r"|keep \w+ (?:at )?home|isolation booth|without a school|been in school"
        r"|at home (?:all|for)|been at home|off school|gradual return|back in|punish"
        r"|no school at all|not been in school|left the house|isolation"
    ),
    "health_therapies": (
        r"speech therap|speech and language|occupational therap|physio|paediatrician|continence"
        r"|wheelchair|equipment|\bnurs(?:e|ing)\b|sleep clinic|orthotic|hearing|\bpeg\b|\bfeeds?\b"
        r"|\bmeds\b|medication|dentist|therap(?:y|ist)|melatonin|splints|\bgp\b|makaton"
    ),
    "diagnosis_waits": (
        r"diagnos\w+|autism assessment|adhd assessment|asd assessment|assessment (?:list|date)"
        r"|neurodevelopmental|pathway|right to choose|private (?:assessment|asd|adhd)"
        r"|referral (?:was )?(?:rejected|refused)|list (?:is |has been )?closed|refuse\w* to refer"
        r"|wait and see|assessed for autism|on the waiting list|off the waiting list"
        r"|long wait|refer\w*|go private|gone private|under 18s"
    ),
    "mental_health": (
        r"camhs|anxi(?:ety|ous)|self ?harm|suicid|wants? to die|crisis|mental health"
        r"|emotional wellbeing|counsell|depress(?:ed|ion)|eating disorder|\bcbt\b|psychologist"
        r"|a and e|a&e|panic"
        r"|feelings|wellbeing"
    ),
    "short_breaks": (
        r"short breaks?|respite|holiday (?:club|scheme|provision|clubs)|after ?school clubs?"
        r"|saturday club|summer scheme|play ?scheme|youth club|football club|\bclubs?\b"
        r"|swimming|activities|overnight|highlight of his week"
        r"|\bgroup\b|night off|day off"
    ),
    "transport": (
        r"\btaxi|transport|\bbus\b|escort|passenger assistant|\bdriver|travel training"
        r"|pick ?up time|miles away|petrol|journey|drops? (?:him|her) at"
    ),
    "social_care": (
        r"social (?:care|worker|services)|care package|direct payments?|personal budget|\bpas?\b"
        r"|personal assistant|carers? assessment|disabled children|children with disabilities"
        r"|threshold|safeguarding|care agency|case (?:closed|after)|closed our case"
        r"|respite unit|overnight respite"
    ),
    "preparing_for_adulthood": (
        r"adult(?:hood| services| social care| health| mental health)|turns? 1[6-9]"
        r"|\b1[6-9]\b|post ?1[69]|\bcollege|supported internship|transition|independen"
        r"|day (?:centre|services)|supported housing|\bneet\b|careers|\bjob\b|year 9 review"
        r"|\ban adult\b|he will be an adult|adult services"
    ),
    "early_years": (
        r"nursery|pre ?school|portage|early years|reception|toddler|health visitor"
        r"|2 year check|children's centre|baby|area senco|starting school|key worker"
    ),
    "information_local_offer": (
        r"local offer|website|didn't know|did not know|nobody (?:told|mentioned)|found out"
        r"|leaflets?|information|jargon|acronyms|in (?:english|urdu|polish|arabic)|interpreter"
        r"|plain english|who (?:do i|to) ask|directory|newsletter|know nothing|facebook group"
        r"|workshop|phone line"
        r"|who (?:do i|to|should i)(?: even)? ask|told us about|drop ins?|\bhub\b|out of date"
        r"|google|every service says"
    ),
    "attitudes_trust": (
        r"believe[ds]?|judged|blame[ds]?|pushy|difficult|problem parent|anxious mum|overanxious"
        r"|parenting|listen\w*|talk\w* over|respect|enemy|fabricat|\bfii\b|\bmasks?\b|dismiss"
        r"|criminal|treated (?:us |me )?(?:like|as)|equal partner|naughty|rude|useless|shocking"
        r"|give up|see us as|see me as|ignored|without (?:ever )?meeting"
        r"|seriously|just autism|wait and see|\bviews\b|nothing has changed|broken|made to feel"
        r"|made me feel|felt stupid|hopes parents"
    ),
    "parent_wellbeing": (
        r"exhaust|\bsleep|breaking point|wits end|running on empty|isolat|lonely|\balone\b"
        r"|stress|antidepress|breakdown|give up (?:my )?(?:job|work)|part time and|lost my job"
        r"|siblings?|his sister|her brother|other (?:kids|children)|marriage|\bcry|\bcope\b"
        r"|coping|day off|\bbreak\b|sanity|support group|peer support|carers centre"
        r"|struggling with money|kept me going|how i was|fight"
        r"|killing me|night off|zombies|soul destroying|single mum|full time and|\bcaring\b"
        r"|\bi work\b|\bjob\b|nightmare every night|manage .{0,20} at home"
    ),
    "disputes_complaints": (
        r"tribunal|mediat|complain|complaint|appeal\w*|ombudsman|solicitor|legal|judicial review"
        r"|ipsea|conceded|governors|upheld"
    ),
    "other": (
        r"housing|benefits|universal credit|parking|car park|toilet|leisure|cinema|library"
        r"|play park|\bdla\b|thank you|keep up|good work|damp|asthma|shopping|town centre"
        r"|doing a good job|where to start|everything is wrong"
    ),
}
_COMPILED = {code: re.compile(pattern) for code, pattern in KEYWORDS.items()}
THEME_ORDER = tuple(KEYWORDS)


def keyword_hits(texts: list[str] | np.ndarray) -> np.ndarray:
    """One column per theme (``THEME_ORDER``): 1.0 where a keyword pattern matches.

    Args:
        texts: Normalised texts (see ``normalise``).

    Returns:
        A float array of shape ``(len(texts), len(THEME_ORDER))``.
    """
    rows = [
        [1.0 if _COMPILED[code].search(text) else 0.0 for code in THEME_ORDER] for text in texts
    ]
    return np.asarray(rows, dtype=float).reshape(len(rows), len(THEME_ORDER))
