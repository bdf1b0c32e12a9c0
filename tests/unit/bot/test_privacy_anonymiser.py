"""bot.privacy: names of every origin, numbers, addresses and schools leave; SEND words stay."""

from __future__ import annotations

import datetime
import re

import pytest

from bot.privacy import ANONYMISER_VERSION, anonymise, find_identifiers
from bot.privacy.evaluate import gold_spans, load_examples, score
from bot.privacy.patterns import nhs_number_is_valid

VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"  # what the views API accepts


def test_the_issue_example_loses_the_child_and_the_phone_but_keeps_the_story() -> None:
    text = (
        "3rd time the taxi hasnt turned up, Amira missed her speech therapy again, "
        "nobody at county hall answers 07700 900123"
    )
    assert anonymise(text) == (
        "3rd time the taxi hasnt turned up, [child] missed her speech therapy again, "
        "nobody at county hall answers [phone]"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My son Wojciech is in Year 4", "My son [child] is in Year 4"),
        ("my daughter Andreea is 9", "my daughter [child] is 9"),
        ("Chidera's EHCP is late", "[child]'s EHCP is late"),
        ("Hodan has been waiting 2 years", "[child] has been waiting 2 years"),
        ("we love Siobhan's new TA", "we love [child]'s new TA"),
        ("Xiao Ling still has no diagnosis", "[child] still has no diagnosis"),
        ("my son ionut is 15", "my son [child] is 15"),
        ("Zainab and Yusuf are twins", "[child] and [child] are twins"),
    ],
)
def test_first_names_of_many_origins_are_removed(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the SENCo Mrs Kowalczyk never replies", "the SENCo Mrs [name] never replies"),
        ("Dr Okonkwo was brilliant", "Dr [name] was brilliant"),
        ("our SENCo Mark Dobson is fab", "our SENCo [name] is fab"),
        ("the caseworker Faduma Warsame left", "the caseworker [name] left"),
        ("Sue from SENDIASS came with me", "[name] from SENDIASS came with me"),
        ("mrs patel the head said no", "mrs [name] the head said no"),
        ("My name is Kelechi Okafor", "My name is [name]"),
    ],
)
def test_parents_and_professionals_names_are_removed(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will the council ever sort the transport out?",
        "I will mark it in my diary",
        "There is a grace period of two weeks",
        "In April the club closed and in May it reopened",
        "May I say the review went well",
        "the bill for respite is ours now",
        "I had to sue the council in the end",
        "there's no hope of a diagnosis this year",
        "Patience is wearing thin",
        "Hope you can help, the SENCo is off sick",
    ],
)
def test_words_that_look_like_names_but_are_not_survive(text: str) -> None:
    assert anonymise(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My son Will has autism", "My son [child] has autism"),
        ("my daughter grace has autism", "my daughter [child] has autism"),
        ("Will has been out of school since April", "[child] has been out of school since April"),
        ("April (my daughter) loves the club", "[child] (my daughter) loves the club"),
        ("thank you Bill from the transport team", "thank you [name] from the transport team"),
    ],
)
def test_the_same_words_in_a_name_context_are_removed(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he is at Oakfield Primary now", "he is at [school] now"),
        ("St Mary's C of E Academy were great", "[school] were great"),
        ("Little Stars Nursery spotted it", "[school] spotted it"),
        ("he goes to oakfield primary", "he goes to [school]"),
        ("the local primary school is full", "the local primary school is full"),
        ("a Special School place", "a Special School place"),
    ],
)
def test_named_schools_and_settings_are_removed_and_generic_ones_kept(
    text: str, expected: str
) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we live at 27 Beech Grove, LS8 3QF", "we live at [address], LS8"),
        ("flat 12, 40 Station Road, Bradford", "[address], Bradford"),
        ("we live on Pasture Lane", "we live on [address]"),
        ("NHS number 943 476 5919 is wrong", "NHS number [nhs_number] is wrong"),
        ("his number is 9960308243", "his number is [nhs_number]"),
        ("my NI number is AB 12 34 56 C", "my NI number is [ni_number]"),
        ("dob 14/03/2018", "dob [dob]"),
        ("she was born on 2 June 2012", "she was born on [dob]"),
        ("email sarah.j@example.com", "email [email]"),
        ("text +44 7700 900789", "text [phone]"),
    ],
)
def test_contact_details_and_official_numbers_are_removed(text: str, expected: str) -> None:
    assert anonymise(text) == expected


def test_send_terms_durations_and_year_groups_are_kept() -> None:
    text = (
        "He is in Year 6 with an EHCP, autism and ADHD. The SENCo and the SALT, OT and "
        "CAMHS teams say 18 months on the waiting list and 20 weeks for the plan is normal"
    )
    assert anonymise(text) == text


def test_an_invalid_ten_digit_number_is_not_taken_for_an_nhs_number() -> None:
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")


def test_each_identifier_is_found_once_and_spans_do_not_overlap() -> None:
    spans = find_identifiers("Mrs Joy Adeyemi rang 07700 900123 about Amira at Oakfield Primary")
    assert [s.label for s in spans] == ["name", "name", "phone", "child", "school"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert anonymise("Mrs Joy Adeyemi rang") == "Mrs [name] rang"


def test_odd_input_is_handled() -> None:
    assert anonymise("") == ""
    assert anonymise("😀😀😀") == "😀😀😀"
    assert anonymise("<script>alert('Amira')</script>") == "<script>alert('[child]')</script>"
    urdu = "میرے بیٹے کو اسکول سے نکال دیا گیا"
    assert anonymise(urdu) == urdu
    long_view = "the taxi was late again and nobody rang. " * 120
    assert anonymise(long_view) == long_view


def test_the_version_is_one_the_api_accepts() -> None:
    assert re.match(VERSION_PATTERN, ANONYMISER_VERSION)


def test_the_labelled_data_is_large_enough_and_every_mark_is_in_its_message() -> None:
    dev, holdout = load_examples("dev"), load_examples("holdout")
    assert len(dev) + len(holdout) >= 150
    assert len(holdout) >= 50
    for example in dev + holdout:
        gold_spans(example)  # raises if a marked identifier is not in the text


def test_on_the_tuning_messages_recall_and_precision_meet_the_goals() -> None:
    result = score(load_examples("dev"))
    assert result.recall >= 0.98, result.missed
    assert result.kept_word_precision >= 0.95, result.over_removed


# -- names with no cue word (anon-2.1) ----------------------------------------------------


def test_a_name_alone_at_the_start_of_a_message_is_removed() -> None:
    assert anonymise("Wiremu can't cope with loud rooms") == "[child] can't cope with loud rooms"
    assert anonymise("Ifunanya only eats beige food") == "[child] only eats beige food"


def test_a_name_in_no_list_acting_as_a_person_is_removed_in_mid_sentence() -> None:
    assert anonymise("so Kaiah has now been offered a place") == (
        "so [child] has now been offered a place"
    )


def test_a_lower_case_name_in_no_dictionary_before_a_verb_is_removed() -> None:
    assert anonymise("tendai goes to a special school") == "[child] goes to a special school"
    assert anonymise("oyinkansola's ehcp is late") == "[child]'s ehcp is late"


def test_a_message_in_capitals_is_read_as_if_in_lower_case() -> None:
    assert anonymise("ZANELE GOT EXCLUDED AGAIN") == "[child] GOT EXCLUDED AGAIN"
    assert anonymise("THE TAXI GOES TO 14 WESTBOURNE AVENUE") == "THE TAXI GOES TO [address]"


def test_an_accented_name_from_the_international_list_is_removed() -> None:
    assert anonymise("JOSÉ NEEDS A 1:1 AT LUNCH") == "[child] NEEDS A 1:1 AT LUNCH"


def test_a_lower_case_name_that_is_also_a_rare_word_is_removed_where_a_person_stands() -> None:
    assert anonymise("we took jasper to the dentist") == "we took [child] to the dentist"


def test_a_word_name_with_an_age_or_a_child_noun_is_removed_even_in_lower_case() -> None:
    assert anonymise("peace is 6 and nonverbal") == "[child] is 6 and nonverbal"
    assert anonymise("Gift my eldest has sickle cell") == "[child] my eldest has sickle cell"
    assert anonymise("Lowenna and her sister both have EHCPs") == (
        "[child] and her sister both have EHCPs"
    )


def test_a_nickname_in_brackets_goes_with_the_name() -> None:
    assert anonymise("my son Ignas (Iggy) has ADHD") == "my son [child] ([child]) has ADHD"


def test_a_surname_with_a_one_letter_particle_is_removed_whole() -> None:
    assert anonymise("Mr Ó Briain said no") == "Mr [name] said no"


@pytest.mark.parametrize(
    "text",
    [
        "the Bill for the private assessment was huge",
        "Summer is 6 weeks away and still no plan",
        "Will my son get a place in September?",
        "in April my son started school",
        "Rotherham has no specialist places left",
        "Melatonin has helped her sleep",
        "Hypermobility has made PE hard",
        "Kooth has been helpful",
        "Rett syndrome is rare",
        "they've just said its being cut",
        "EHCP WAS LATE AGAIN AND THE SENCO HAS LEFT",
        "the reveiw was late",
    ],
)
def test_places_medicines_conditions_and_things_before_a_verb_survive(text: str) -> None:
    assert anonymise(text) == text


def test_the_blind_sets_score_at_least_what_the_docs_say() -> None:
    for split in ("dev2", "holdout", "holdout2"):
        result = score(load_examples(split))
        assert result.recall >= 0.98, (split, result.missed)
        assert result.kept_word_precision >= 0.95, (split, result.over_removed)


# anon-2.2.0: names with no cue word. The names below are in no labelled set.
@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("my ds bartosz kowalczyk is 9 and hates school", ["bartosz", "kowalczyk"]),
        ("nkechi eze has sickle cell and misses school", ["nkechi", "eze"]),
        ("tuyet nhung moved from nursery last year", ["tuyet", "nhung"]),
        ("gwenllian ap-rhys, yr 8, needs a laptop", ["gwenllian", "ap-rhys"]),
        ("aoife o'driscoll is the caseworker now", ["aoife", "o'driscoll"]),
        ("ADAEZE OKONKWO DOB 03/02/2015 PLEASE CALL", ["ADAEZE", "OKONKWO"]),
        ("yaretzi and ximena both go to the same unit", ["yaretzi", "ximena"]),
        ("my two, oskar, leni and hunter all have ADHD", ["oskar", "leni", "hunter"]),
        ("the consultant diagnosed Thandiwe with autism", ["Thandiwe"]),
        ("i sat with ivy for an hour on her reading", ["ivy"]),
        ("since holly started year 5 shes been anxious", ["holly"]),
        ("rocky's TA has gone off sick", ["rocky"]),
        ("the GP referred ella-rose to the clinic", ["ella-rose"]),
        ("we call him tymek at home", ["tymek"]),
    ],
)
def test_names_with_no_cue_word_are_removed(text: str, gone: list[str]) -> None:
    result = anonymise(text)
    for word in gone:
        assert word not in result, result


@pytest.mark.parametrize(
    ("text", "setting"),
    [
        ("the SENCO at Brackenwood is lovely", "Brackenwood"),
        ("he attends Moorside Pupil Referral Unit", "Moorside Pupil Referral Unit"),
        ("SHE NEEDS A PLACE AT ELMCROFT HIGH AND THEY SAID NO", "ELMCROFT HIGH"),
    ],
)
def test_settings_named_without_school_are_removed(text: str, setting: str) -> None:
    assert setting not in anonymise(text)


@pytest.mark.parametrize(
    "text",
    [
        "we are Roma and nobody explains the forms",
        "Roma families get no help with the forms",
        "she loves Drama and Art but they cut both",
        "my son's mainstream school cannot meet his needs",
        "no paediatrician anymore since he turned 18",
        "Hope things get better for everyone",
        "Mark my words they will cut it again",
        "MY SON HAS BEEN OFF SCHOOL FOR A YEAR",
        "the doctor diagnosed hypermobility last week",
    ],
)
def test_peoples_subjects_and_ordinary_words_survive(text: str) -> None:
    assert anonymise(text) == text


def test_letters_inside_a_code_of_letters_and_digits_are_not_taken_for_a_name() -> None:
    # "efe" is a first name, but in "plum93efe8" it is part of a reference code.
    assert anonymise("the taxi was late again, ref plum93efe8") == (
        "the taxi was late again, ref plum93efe8"
    )


# anon-2.3.0: the misses of dev4 and holdout4. The names below are in no labelled set.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mera beta bilal school nahi ja raha", "mera beta [child] school nahi ja raha"),
        ("Syn Bartosz, 9 lat, autyzm", "Syn [child], 9 lat, autyzm"),
        ("fiul meu Sorin are autism", "fiul meu [child] are autism"),
        ("mi hija Lucía tiene 6 años", "mi hija [child] tiene 6 años"),
        ("oğlum Yusuf okula gitmiyor", "oğlum [child] okula gitmiyor"),
    ],
)
def test_a_name_after_my_son_in_another_language_is_removed(text: str, expected: str) -> None:
    assert anonymise(text) == expected


def test_everyday_words_of_other_languages_are_kept() -> None:
    text = "salaam, meri beti school nahi jati, teacher kehti hai bas shy hai. kya karoon"
    assert anonymise(text) == text
    assert anonymise("Bună ziua, fiul meu are autism") == "Bună ziua, fiul meu are autism"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he goes to elm park nursery now", "he goes to [school] now"),
        ("son in year 8, moor lane community school.", "son in year 8, [school]."),
        ("the senco at brackenfold told me no", "the senco at [school] told me no"),
        ("mum of two at st aidan's, the head wont", "mum of two at [school], the head wont"),
        ("EXCLUDED FROM ST CUTHBERT'S CATHOLIC PRIMARY AGAIN", "EXCLUDED FROM [school] AGAIN"),
        ("Ms Begum from Brookside Children's Centre rang", "Ms [name] from [school] rang"),
    ],
)
def test_schools_in_lower_case_capitals_or_without_the_word_school_are_removed(
    text: str, expected: str
) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "to be honest the school has given up",
        "she is exhausted after school every day",
        "can the school refuse to give his meds",
        "we go to forest school on fridays",
        "we meet at St Mary's Church hall on Tuesdays",
    ],
)
def test_ordinary_talk_about_school_is_kept(text: str) -> None:
    assert anonymise(text) == text


def test_months_and_word_names_opening_a_sentence_as_a_child_are_removed() -> None:
    assert anonymise("April starts Year 7 in september") == "[child] starts Year 7 in september"
    assert anonymise("May is 7 and will not talk at school") == (
        "[child] is 7 and will not talk at school"
    )
    assert anonymise("my husband dave thinks we should appeal") == (
        "my husband [name] thinks we should appeal"
    )
    assert anonymise("in May my son will start") == "in May my son will start"


def test_names_in_three_parts_and_full_names_before_my_daughter_are_removed() -> None:
    assert anonymise("tsz yan chan yr 5, we came from hong kong") == (
        "[child] yr 5, we came from hong kong"
    )
    assert anonymise("gulalai hotak is my daughter, she is 6") == "[child] is my daughter, she is 6"


# anon-2.4.0: the misses of holdout5, after its one sealed run. Names in no labelled set.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am mother to Chiamaka (born 2014)", "I am mother to [child] (born 2014)"),
        ("hi am greta, grandma of baby leon", "hi am [name], grandma of baby [child]"),
        ("hi im hope, my sons are both autistic", "hi im [name], my sons are both autistic"),
        ("my son's name is miles okafor-reid", "my son's name is [child]"),
        ("hi, rosie-may is 10 and autistic", "hi, [child] is 10 and autistic"),
        ("my son JEAN-LUC is 12", "my son [child] is 12"),
        ("the ta says ruby is fine in class", "the ta says [child] is fine in class"),
        ("nursery: Little Acorns Armley. Needs help", "nursery: [school]. Needs help"),
        (
            "in year 4 at St Anne's Church of England Primary School",
            "in year 4 at [school]",
        ),
    ],
)
def test_names_and_settings_found_in_holdout5_shapes_are_removed(text: str, expected: str) -> None:
    assert anonymise(text) == expected


def test_hope_and_words_after_say_stay_words() -> None:
    assert anonymise("she says hope is not enough") == "she says hope is not enough"
    assert anonymise("school: no help at all") == "school: no help at all"


# anon-2.5.0: the misses of holdout6, after its one sealed run. Names in no labelled set.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SHE WAS EXCLUDED FROM ASHGROVE ACADEMY AGAIN", "SHE WAS EXCLUDED FROM [school] AGAIN"),
        ("HE STARTED AT ELM BANK PRIMARY IN MAY", "HE STARTED AT [school] IN MAY"),
        ("year 9 at lowfield high, no help", "year 9 at [school], no help"),
        ("can i ask for westgate special school instead", "can i ask for [school] instead"),
        ("she is at St Bede's RC in Bootle", "she is at [school] in Bootle"),
        ("a private school (Larchwood House) is best", "a private school ([school]) is best"),
        ("both at Our Lady of Walsingham now", "both at [school] now"),
        ("heath has been off since september", "[child] has been off since september"),
        ("robin here, dad of two", "[name] here, dad of two"),
        ("my brother dilshad can translate", "my brother [name] can translate"),
        ("his teacher miss carol say wait", "his teacher miss [name] say wait"),
        ("Is that allowed? Ирина", "Is that allowed? [name]"),
        ("we are the Nowaks and we need help", "we are the [name] and we need help"),
        ("my son is tomasz he is 6", "my son is [child] he is 6"),
    ],
)
def test_names_and_settings_found_in_holdout6_shapes_are_removed(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "HE HATES SCHOOL AND NOBODY HELPS",
        "HE IS AT A SPECIAL SCHOOL NOW",
        "we want to name an independent school",
        "Can I ask about Education Otherwise Than At School",
        "i miss will power some days",
    ],
)
def test_talk_about_schools_and_words_stay(text: str) -> None:
    assert anonymise(text) == text


# anon-3.1.0: kinds of school name that holdout8 showed missing. Names in no labelled set.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she goes to Bumble Bees nursery three days", "she goes to [school] three days"),
        ("they want him out of Elm Grove school by June", "they want him out of [school] by June"),
        ("he got into Northfield School for the Blind", "he got into [school]"),
        ("the meeting is at Kestrel Vale.", "the meeting is at [school]."),
        ("his review is at Brambleton, can I come?", "his review is at [school], can I come?"),
        ("Willow Bank is named in Section I now", "[school] is named in Section I now"),
        ("they named Foxwood in section I", "they named [school] in section I"),
        ("she is in year 3, Hatfield All Saints.", "she is in year 3, [school]."),
        ("the school st bedes rc said no", "the school [school] said no"),
        ("his nursery (tiny steps playgroup) said no", "his nursery ([school]) said no"),
        ("QEHS have said no to a place", "[school] have said no to a place"),
        (
            "two schools (Brackenwood and Hollins Park Academy)",
            "two schools ([school] and [school])",
        ),
        ("ابني في مدرسة Greystone الآن", "ابني في مدرسة [school] الآن"),
    ],
)
def test_schools_named_without_a_capitalised_kind_are_removed(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Forest school is on Fridays",
        "Started school today and loved it",
        "the Special school said no",
        "Sunday school is cancelled",
        "the SENCO, Mrs Hart, and the head came",
        "CAMHS have said no again",
        "All Saints Church hall on Tuesday",
        "we are at Christmas.",
        "his school (again) rang me",
    ],
)
def test_setting_look_alikes_stay(text: str) -> None:
    assert "[school]" not in anonymise(text)


# anon-3.1.0: dates of birth in other languages and after a name; invented examples.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("syn Tomek, ur. 03.09.2013, chodzi do szkoły", "syn [child], ur. [dob], chodzi do szkoły"),
        ("oğlumun doğum tarihi 21.11.2014", "oğlumun doğum tarihi [dob]"),
        ("ma fille est née le 5/6/2016", "ma fille est née le [dob]"),
        ("fecha de nacimiento: 12-01-2015", "fecha de nacimiento: [dob]"),
        ("my son Reuben Okafor (19/04/2015) has ADHD", "my son [child] ([dob]) has ADHD"),
        ("DOB 2015-04-19", "DOB [dob]"),
        # a date after an everyday word is no date of birth
        ("the review (12/03/2024) went badly", "the review (12/03/2024) went badly"),
    ],
)
def test_dates_of_birth_in_other_languages_and_after_a_name(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will is starting Year 7 soon", "[child] is starting Year 7 soon"),
        ("Will it be in the plan?", "Will it be in the plan?"),
        (
            "ako si Lorna, ang anak ko si Paolo ay autistic",
            "ako si [name], ang anak ko si [name] ay autistic",
        ),
        ("Doamna Popa de la școală spune nu", "Doamna [name] de la școală spune nu"),
        (
            "Nauczycielka pani Kowalczyk mówi, że on potrzebuje pomocy",
            "Nauczycielka pani [name] mówi, że on potrzebuje pomocy",
        ),
    ],
)
def test_will_as_a_name_tagalog_intros_and_titles_of_other_languages(
    text: str, expected: str
) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Miles away from any special school, an hour each way",
        "Penny finally dropped with the SENCO",
        "Pat on the back for all of us",
        "Carol service tonight and he can't cope with the noise",
        "Does Martin House do short breaks?",
        "We are moving to Chester in the summer",
        "Shalom, is there a Yiddish speaking worker?",
        "Salaan, waxaan u baahanahay caawimaad",
        "the panel is in Jan and the review since Sept",
    ],
)
def test_words_that_look_like_names_where_they_stand_stay(text: str) -> None:
    assert anonymise(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Me and Kezia went to the forum", "Me and [child] went to the forum"),
        ("Son Bartek, DOB 02/02/2016", "Son [child], DOB [dob]"),
        ("my son Miles is 6", "my son [child] is 6"),
        ("Penny is 7 and has ADHD", "[child] is 7 and has ADHD"),
        ("Jan is my son, he starts in Jan", "[child] is my son, he starts in Jan"),
    ],
)
def test_names_beside_the_traps_still_go(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dzień dobry, szkoła nie chce pomóc, bardzo dziękuję",
        "Merhaba, okul çok yardımcı değil, teşekkürler",
        "Laba diena, mokykla nepadeda, ačiū",
        "Bună ziua, școala nu vrea să ajute, mulțumesc",
        "Olá, a escola não está ajudando, obrigada",
        "Hi po, pwede po ba kayong tumawag? salamat po",
        "Fadlan i soo wac, mahadsanid",
    ],
)
def test_everyday_words_of_other_languages_stay(text: str) -> None:
    assert anonymise(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her school Our Lady of Fatima wants him out", "Her school [school] wants him out"),
        ("The nursery Busy Bumbles say they can't", "The nursery [school] say they can't"),
        ("St Aidan's are great with him", "[school] are great with him"),
        ("Will's new school say no", "[child]'s new school say no"),
        ("mój syn Kuba ma autyzm", "mój syn [child] ma autyzm"),
    ],
)
def test_settings_after_the_school_saints_and_titles_after_a_name(text: str, expected: str) -> None:
    assert anonymise(text) == expected


def test_a_title_after_the_name_stays() -> None:
    cleaned = anonymise("Öğretmeni Zeynep Hanım yardım etmiyor")
    assert "Zeynep" not in cleaned
    assert "Hanım yardım etmiyor" in cleaned


@pytest.mark.parametrize(
    "text",
    [
        "In Jan we had the needs assessment, in Feb the draft.",
        "Our meeting is at Starbucks, then at Greggs.",
        "He goes to Forest school on Fridays.",
        "We were told by the Virtual school head.",
        "PIPS have said they can help with the form.",
        "Bună ziua, nu inteleg scrisoarea de la consiliu",
        "vous parlez français?",
        "شكرا جزيلا",
        "আমার ছেলের অটিজম আছে",
    ],
)
def test_name_free_messages_keep_every_word(text: str) -> None:
    assert anonymise(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hola, me llamo Nerea y mi hijo tiene autismo",
            "Hola, me llamo [name] y mi hijo tiene autismo",
        ),
        (
            "Bonjour, je m'appelle Fanta, mon fils a 5 ans",
            "Bonjour, je m'appelle [name], mon fils a 5 ans",
        ),
        ("Nazywam się Bożena, mój syn ma 9 lat", "Nazywam się [name], mój syn ma 9 lat"),
        ("magacaygu waa Ubax", "magacaygu waa [name]"),
        ("Ciao, mio figlio Tommaso ha 7 anni", "Ciao, mio figlio [child] ha 7 anni"),
    ],
)
def test_my_name_is_in_other_languages(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he was at Hillside until year 4", "he was at [school] until year 4"),
        ("in year 5 he moved to Greenacre.", "in year 5 he moved to [school]."),
        (
            "she attends Broadlands, the senco cut her hours",
            "she attends [school], the senco cut her hours",
        ),
    ],
)
def test_a_bare_school_name_before_until_and_after_moved_to(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Can my child get Disability Living Allowance?",
        "the 20 week timescale is a joke",
        "ask the special needs coordinator, who is that",
        "senco is fab 10/10",
        "yillik degerlendirme ne zaman",
    ],
)
def test_process_words_and_text_speak_stay(text: str) -> None:
    assert anonymise(text) == text


# anon-3.2.0: the kinds of miss holdout9 showed, after its one sealed run. The names and
# schools below are invented and in no labelled set.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # born on the ..., bday, birthday is on
        (
            "my son Tobias, born on the 4th of May 2016, has CP",
            "my son [child], born on the [dob], has CP",
        ),
        ("her bday is 3rd March 2015", "her bday is [dob]"),
        ("dob: 5th Jan 16", "dob: [dob]"),
        ("his birthday is on 12/10/2014", "his birthday is on [dob]"),
        # months of other languages after their cue
        ("córka Hania (ur. 7 lutego 2016) ma autyzm", "córka [child] (ur. [dob]) ma autyzm"),
        ("doğum tarihi 3 mart 2015", "doğum tarihi [dob]"),
        ("nascido em 12 de março de 2016", "nascido em [dob]"),
        # Chinese and Persian dates
        ("女儿出生日期2015年9月3日", "女儿出生日期[dob]"),
        ("تاریخ تولد ۱۳۹۴/۰۶/۱۲", "تاریخ تولد [dob]"),
        # no cue word: after an age in brackets, right after a name
        ("Ffion (8, 14-02-2016) has a deletion", "[child] (8, [dob]) has a deletion"),
        ("Jarek 03.04.15 has autism", "[child] [dob] has autism"),
    ],
)
def test_dates_of_birth_since_3_2(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a meeting's date stays, with or without a name before it
        "the review is on Tuesday 12/03/2025 at the school",
        "we had the panel on 3 March 2024",
        "her birthday party is next week",
        "born in 2015 and waiting since 2019",
        "born on 3 March at 29 weeks",
    ],
)
def test_dates_that_are_not_of_birth_stay_since_3_2(text: str) -> None:
    assert "[dob]" not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # initials after what leads to a school
        ("Kai goes to HGS and they won't help", "[child] goes to [school] and they won't help"),
        ("he got a place at WRA for sixth form", "he got a place at [school] for sixth form"),
        # a bare name after "into", "late to"
        ("we are trying to get him into Stonecliffe", "we are trying to get him into [school]"),
        (
            "the taxi is late all term, he's late to Marlbrook every day",
            "the taxi is late all term, he's late to [school] every day",
        ),
        # lower case, a name ending like a place's, in a message about school
        (
            "he goes to ashcombe and the senco is useless",
            "he goes to [school] and the senco is useless",
        ),
        # sixth form, special school, pru as the kind
        (
            "She is at Elmcroft sixth form. We want her to stay.",
            "She is at [school]. We want her to stay.",
        ),
        ("we want Larkhill special school for him", "we want [school] for him"),
        ("he was moved to Brackley pru in march", "he was moved to [school] in march"),
        ("he's been excluded from Thornleigh again", "he's been excluded from [school] again"),
        # inside Chinese text
        ("儿子在Pinewood Primary上学", "儿子在[school]上学"),
    ],
)
def test_schools_since_3_2(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the school referred him to CAMHS and the GP.",
        "she is on the waiting list at GOSH for her review",
        "he goes to skool every day and hates it",
        "she comes home at lunchtime every day, school say so",
        "the call goes to voicemail every time, the school never answer",
        "she goes to Brownies and loves it",
        "my sons nursery wont help",
        "we went into town after school and he ran off",
    ],
)
def test_setting_look_alikes_stay_since_3_2(text: str) -> None:
    assert "[school]" not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer vouches for an odd name, and repeats it
        ("my son river (yes, river) is 4", "my son [child] (yes, [child]) is 4"),
        # a first name before "the TA is", in lower case
        ("gemma the TA is the only one he trusts", "[name] the TA is the only one he trusts"),
        # a rare word opening a clause before "said"
        (
            "Best day: Zephyr said 'more' for the first time",
            "Best day: [child] said 'more' for the first time",
        ),
        # a word in no dictionary after "our", ending the sentence
        ("so proud of our Zuzka", "so proud of our [child]"),
        # a capitalised word before a found name after "my son is"
        ("my son is Kofi Mensah Boateng, 6", "my son is [child], 6"),
        # Somali "my son"
        ("Wiilkeyga Abdiweli wuu ka baqaa dugsiga", "Wiilkeyga [child] wuu ka baqaa dugsiga"),
    ],
)
def test_names_since_3_2(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the sky is blue (yes, blue) today",
        "will the TA be there on Monday?",
        "Autism said nothing to them",
        "Amma says she is lazy",
        "proud of our Council.",
        "my son is Autistic and has ADHD",
        "He has Williams syndrome and loves Mr Tumble",
        "she was diagnosed with Prader-Willi at birth",
        "Thomas the Tank Engine calms him down",
        "the St John Ambulance team were at the SEND fair",
        "Hey, anyone else waiting for an assessment?",
    ],
)
def test_look_alikes_of_names_stay_since_3_2(text: str) -> None:
    assert "[child]" not in anonymise(text)
    assert "[name]" not in anonymise(text)
    assert "[school]" not in anonymise(text)


# --- anon-3.3.0: holdout10's kinds of miss (invented messages, none of holdout10's) ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a birthday's day and month, no year
        ("his bday is 9th June, no party", "his bday is [dob], no party"),
        ("bday 21st october, we never do parties", "bday [dob], we never do parties"),
        ("her birthday was Nov 3rd and it went badly", "her birthday was [dob] and it went badly"),
        # Portuguese "nasceu a", Arabic "مولود في" with an Arabic month
        ("O Tiago nasceu a 5 de março de 2017.", "O [child] nasceu a [dob]."),
        ("A filha nasceu a 11/09/2015 em Leeds", "A filha nasceu a [dob] em Leeds"),
        ("ابنتي مولودة في 3 مارس 2016 في ليدز", "ابنتي مولودة في [dob] في ليدز"),
        # Persian "his date of birth" with the ending joined, Bengali "birthday"
        ("تاریخ تولدش ۰۳/۰۷/۲۰۱۵ است", "تاریخ تولدش [dob] است"),
        ("ওর জন্মদিন ২ মে ২০১৭।", "ওর জন্মদিন [dob]।"),
    ],
)
def test_dates_of_birth_since_3_3(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "her birthday party is on 9th June at the soft play",
        "born on 3 March at 29 weeks",
        "the review is on 5 de março de 2026",
        "his birthday is in June",
    ],
)
def test_dates_that_are_not_of_birth_stay_since_3_3(text: str) -> None:
    assert "[dob]" not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Address: 7 Mill Cottages, Otley", "Address: [address], Otley"),
        ("we live at 14 Primrose Villas now", "we live at [address] now"),
    ],
)
def test_addresses_since_3_3(text: str, expected: str) -> None:
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # initials after "my son", "his sister"; initials opening a sentence before a sibling
        ("my daughter K and her brother D both have ADHD", ["K ", " D "], ["ADHD"]),
        ("BJ and his sister are both at home now", ["BJ"], ["sister"]),
        # "it's ..." opening the message or after a greeting says who writes
        ("Hiya Sue, it's Becks. The panel said no again", ["Becks"], ["panel"]),
        ("hi its shaz again, any news on the EHCP?", ["shaz"], ["EHCP"]),
        # Portuguese "o pai do ...", "a mãe da ..."
        ("Sou a mãe da Luana e ela tem autismo", ["Luana"], ["autismo"]),
        # a Latin name inside Chinese text, and a Chinese name found once, again
        ("我女儿的老师Mrs Pemberton说她很安静。", ["Pemberton"], ["Mrs"]),
        ("我是王芳的妈妈。王芳今年八岁。", ["王芳"], ["妈妈"]),
        # "his sister" in Arabic script before a name; a Bengali family name after a name
        ("ابني في المدرسة مع أخته مريم", ["مريم"], ["المدرسة"]),
        ("আমার মেয়ে ফাতেমা জাহান স্কুলে যায়।", ["ফাতেমা", "জাহান"], ["স্কুলে"]),
    ],
)
def test_names_since_3_3(text: str, gone: list[str], kept: list[str]) -> None:
    result = anonymise(text)
    for word in gone:
        assert word not in result
    for word in kept:
        assert word in result


@pytest.mark.parametrize(
    "text",
    [
        "my son I think is struggling",
        "MY SON IS 12 AND HAS NO PLACE",
        "my son's TA is lovely",
        "PE and his sister are his favourite things",
        "its hard, it's May already and its Autism week",
        "Hi all, it's Christmas soon and nothing is sorted",
        "it's really hard to get a reply",
        "我儿子在Leeds上学，有ADHD。",
    ],
)
def test_look_alikes_of_names_stay_since_3_3(text: str) -> None:
    result = anonymise(text)
    assert "[child]" not in result and "[name]" not in result


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("she is at Brookfield Secondary now", "Brookfield Secondary"),
        ("Kai starts at Ashgrove SEN unit in September", "Ashgrove SEN unit"),
        ("Ellis, year 8, BHGS. He is struggling", "BHGS"),
        ("he got sent home again from hollybank today", "hollybank"),
    ],
)
def test_schools_since_3_3(text: str, gone: str) -> None:
    result = anonymise(text)
    assert gone not in result and "[school]" in result


@pytest.mark.parametrize(
    "text",
    [
        "Starting Secondary in September is a worry",
        "Mainstream Secondary is hard for him",
        "The SEN unit is great",
        "Sam, year 9, ADHD. He needs help",
        "got sent home again from school today",
        "sent home from swimming today",
        "Ms Okafor from the Virtual School is helping with his PEP",
    ],
)
def test_look_alikes_of_schools_stay_since_3_3(text: str) -> None:
    result = anonymise(text)
    assert "[school]" not in result
    assert "Secondary" in result or "Secondary" not in text
    assert "Virtual School" in result or "Virtual" not in text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Frank opinion? the school is off-rolling him", "Frank"),
        ("Rose garden at the hospice calmed her", "Rose"),
        ("he was on Edith Cavell ward for a week", "Edith Cavell"),
        ("she was born at Bradford Royal, 10 weeks early", "Bradford Royal"),
        ("Waxaan ahay hooyada Sahra", "ahay hooyada"),
        ("Mano sūnus eina į mokyklą, mokosi gerai", "eina"),
        ("Il est élève en CM2, je peux le faire moi-même", "élève"),
        ("SEND Casework Officer: Jo Bell", "Casework"),
    ],
)
def test_words_kept_since_3_3(text: str, kept: str) -> None:
    assert kept in anonymise(text)


def test_version_is_3_6() -> None:
    assert ANONYMISER_VERSION == "anon-3.9.0"


# --- anon-3.4.0: holdout11's kinds of miss (invented messages, none of holdout11's) ---


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("her birthday was last week, 4th March, and she loved it", "4th March"),
        ("his bday is this Friday, May 9th!", "May 9th"),
        ("her birthday was yesterday, 2nd June, so cake", "2nd June"),
        ("Urodziny ma 7 lipca, ma 8 lat", "7 lipca"),
        ("Su cumpleaños es el 3 de mayo", "3 de mayo"),
        ("Doğum günü 9 ekim, okulda parti", "9 ekim"),
        ("ਉਸਦਾ ਜਨਮ 5 ਮਾਰਚ 2014 ਨੂੰ ਹੋਇਆ", "5 ਮਾਰਚ 2014"),
        ("Sūnus gimė 2015 m. birželio 8 d. Vilniuje", "2015 m. birželio 8 d."),
        ("የተወለደው 3/4/2012 ነው", "3/4/2012"),
    ],
)
def test_dates_of_birth_since_3_4(text: str, date: str) -> None:
    result = anonymise(text)
    assert date not in result
    assert "[dob]" in result


@pytest.mark.parametrize(
    "text",
    [
        "her birthday and the annual review are both on 4th March",
        "birthday party went fine. Review on 12th May",
        "her birthday party is this Saturday at the soft play, review 12th May",
        "Spotkanie jest 7 lipca w szkole",
        "La reunión es el 3 de mayo",
    ],
)
def test_look_alikes_of_birthdays_stay_since_3_4(text: str) -> None:
    assert "[dob]" not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("Mój syn chodzi w St Bernard's od września", "Bernard"),
        ("Діти ходять до St Cuthbert's. Дякую", "Cuthbert"),
        ("ابنتي في حضانة Happy Days كل يوم", "Happy Days"),
        ("He is in the Kestrel unit attached to the high school", "Kestrel"),
        ("she moved to the Lighthouse base at her new school", "Lighthouse"),
    ],
)
def test_schools_since_3_4(text: str, school: str) -> None:
    result = anonymise(text)
    assert school not in result
    assert "[school]" in result


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Pomogli nam w St John's Ambulance", "St John's Ambulance"),
        ("Byliśmy w St Mary's Church w niedzielę", "St Mary's Church"),
        ("he is in the ASD unit at his school", "ASD unit"),
        ("she is in the Nurture base at school", "Nurture base"),
        ("he was on the Neonatal unit at birth", "Neonatal unit"),
    ],
)
def test_look_alikes_of_saint_schools_stay_since_3_4(text: str, kept: str) -> None:
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Pani Kowalska z rady nie odpowiada", "Pani [name]"),
        ("Öğretmeni Bayan Smith çok iyi", "Bayan [name]"),
        ("Tita Rosa picks him up from school", "Tita [name]"),
        ("Lo pregunto con cariño jaja", "jaja"),
        ("Servis şoförü çok iyi, okula gidiyor", "gidiyor"),
        ("Macalinka ayaa sheegay in aysan jirin lacag", "aysan jirin lacag"),
    ],
)
def test_titles_and_words_kept_since_3_4(text: str, kept: str) -> None:
    assert kept in anonymise(text)


# --- anon-3.5.0: holdout12's kinds of miss (invented messages, none of holdout12's) ---

_THIS_YEAR = datetime.date.today().year


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Keira turns 9 on the 2nd of August and still no plan", "2nd of August"),
        ("he's 11 tomorrow (4th Nov) and no school place yet", "4th Nov"),
        ("she will be 6 next Tuesday, 19th March, and still no EHCP", "19th March"),
        (f"my daughter is 10, 03.06.{_THIS_YEAR - 10}, and autistic", f"03.06.{_THIS_YEAR - 10}"),
        ("Ngày sinh của bé là 02/09/2016.", "02/09/2016"),
        ("Taariikhda dhalashadeeda waa 07/03/2014.", "07/03/2014"),
        ("دخترم متولد ۳ آبان ۱۳۹۴ است", "۳ آبان ۱۳۹۴"),
    ],
)
def test_dates_of_birth_since_3_5(text: str, date: str) -> None:
    result = anonymise(text)
    assert date not in result
    assert "[dob]" in result


@pytest.mark.parametrize(
    "text",
    [
        "the review is 2 weeks on 3rd May",
        "he turns 5 in 3 weeks and the plan is still late",
        f"she was 7, and on 03/05/{_THIS_YEAR - 2} she was excluded",
        "Ngày họp là 12/05/2026",
    ],
)
def test_look_alikes_of_birthdays_stay_since_3_5(text: str) -> None:
    assert "[dob]" not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("MY GRANDSON WAS SENT HOME FROM HORIZON PRU AGAIN TODAY", "HORIZON"),
        ("she goes to Cardinal Heenan and the SENCO is new", "Heenan"),
        ("Mój syn chodzi do Bishop Milner od września", "Milner"),
        ("Fiul meu merge la Elmbridge Vale din septembrie", "Elmbridge"),
        ("Con trai tôi học ở Brackenfield, lớp 5", "Brackenfield"),
        ("Kurê min li Hazelmere dixwîne", "Hazelmere"),
        ("Kızım Ayşe Ravenscroft'a gidiyor", "Ravenscroft"),
        ("she starts at Marsden on Wye Primary in September", "Marsden"),
        ("he is applying to Kendal and Lakes College for next year", "Kendal"),
        ("Leo is at Oasis Academy Brookhurst, year 8", "Brookhurst"),
        ("the EP recommended Hinton Lodge but the LA named our local school", "Hinton"),
    ],
)
def test_schools_since_3_5(text: str, school: str) -> None:
    result = anonymise(text)
    assert school not in result
    assert "[school]" in result


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("We live near Bishop Auckland and the school is miles away", "Bishop Auckland"),
        ("The Bishop of Durham visited the school", "Bishop of Durham"),
        ("Leeds and Hillcrest School both said no", "Leeds and"),
        ("we visited Martin House for respite, school was fine", "Martin House"),
        ("she is at Oakfield Academy Monday to Friday", "Monday to Friday"),
        ("Mój syn chodzi do Pani Nowak na terapię", "chodzi do Pani"),
        ("HE HAS BEEN OFF SCHOOL ALL WEEK AND I AM WORRIED", "OFF SCHOOL ALL WEEK"),
        ("WE WENT BACK TO SCHOOL TODAY AND IT WAS FINE", "BACK TO SCHOOL TODAY"),
    ],
)
def test_look_alikes_of_schools_stay_since_3_5(text: str, kept: str) -> None:
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("The head is Mrs K. Okafor and she won't reply", "Okafor"),
        ("my boy rj is 4 and non verbal", "rj"),
        ("her brother kj at the same nursery", "kj"),
    ],
)
def test_names_since_3_5(text: str, gone: str) -> None:
    assert not re.search(rf"\b{gone}\b", anonymise(text))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("We are on plan B. Then we appeal", "Then we appeal"),
        ("So did I. Then we left", "Then we left"),
        ("Appeal, refused, appeal again and Bob's your uncle, another year gone", "Bob's"),
        ("Alder Hey were brilliant with him", "Alder Hey"),
        ("Judge Patel chaired the tribunal", "Judge [name]"),
        ("Laba diena, ar galiu gauti pagalbą?", "galiu gauti"),
        ("Salaan, macallinka ayaa diiday inuu galo fasalka", "diiday inuu galo fasalka"),
    ],
)
def test_words_kept_since_3_5(text: str, kept: str) -> None:
    assert kept in anonymise(text)


# --- anon-3.6.0: holdout13's kinds of miss (invented messages, none of holdout13's) ---


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a family name closed by a comma or the age, in a script with no capitals
        ("என் மகள் கவிதா செல்வராஜ், வயது 7, பள்ளிக்கு போகவில்லை", ["கவிதா", "செல்வராஜ்"]),
        ("મારી દીકરી ખુશી વાઘેલા ૯ વર્ષની છે", ["ખુશી", "વાઘેલા"]),
        ("मेरो छोरी सृष्टि तामाङ ६ वर्षकी भइन्", ["सृष्टि", "तामाङ"]),
        ("আমার ছেলে তানভীর মোল্লা, বয়স ১০", ["তানভীর", "মোল্লা"]),
        # Cantonese "my son", "my daughter"
        ("我個仔黃志明今年八歲，有自閉症", ["黃志明"]),
        ("我个女子晴喺幼稚園好開心", ["子晴"]),
        # Kurdish (Kurmanji) and Albanian "my son/daughter" in Latin letters
        ("Roj baş, keça min Berfîn Xelîl 8 salî ye", ["Berfîn", "Xelîl"]),
        ("djali im Dritëro ka nevojë për ndihmë", ["Dritëro"]),
        # Thai: the name after "named"
        ("ลูกสาวชื่อ ปริม อายุ 6 ขวบ", ["ปริม"]),
    ],
)
def test_names_since_3_6(text: str, gone: list[str]) -> None:
    result = anonymise(text)
    for word in gone:
        assert word not in result
    assert "[child]" in result


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("என் மகன் பிறந்த தேதி தெரியவில்லை", "பிறந்த"),
        ("پسرم متولد ۱۵ مهر است", "متولد"),
        ("سلام، من مریم هستم، مادر یک پسر", "هستم"),
        ("my son im not sure what to do", "im not sure"),
        ("我個仔今年八歲，有自閉症", "今年八歲"),
        ("ครูชื่ออะไร", "ครูชื่ออะไร"),
    ],
)
def test_look_alikes_of_names_stay_since_3_6(text: str, kept: str) -> None:
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("出世日期係2017年11月20號，而家讀小二", "2017年11月20號"),
        ("Wiilkayga wuxuu dhashay 02/11/2012, dugsiga ma caawiyo", "02/11/2012"),
        ("Kurê min roja jidayikbûnê 04.05.2015 e", "04.05.2015"),
        ("mio figlio è nato il 9 maggio 2014 a Napoli", "9 maggio 2014"),
        ("மகன் பிறந்த தேதி 12/08/2013", "12/08/2013"),
        ("દીકરીની જન્મ તારીખ 21/01/2016 છે", "21/01/2016"),
        ("วันเกิด 05/07/2015", "05/07/2015"),
        ("the letter has her birthday wrong, it is 3rd July 2012 not 13th", "3rd July 2012"),
        ("his date of birth on the plan still says 14/02/2011", "14/02/2011"),
    ],
)
def test_dates_of_birth_since_3_6(text: str, date: str) -> None:
    result = anonymise(text)
    assert date not in result
    assert "[dob]" in result


@pytest.mark.parametrize(
    "text",
    [
        f"his birthday party is booked for 3rd May {_THIS_YEAR}",
        f"birthday card came late. The review was 4th June {_THIS_YEAR - 1}",
    ],
)
def test_look_alikes_of_birthdays_stay_since_3_6(text: str) -> None:
    assert "[dob]" not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("he was excluded for 3 days from the Grange last week", "Grange"),
        ("she started at the Priory in September and hates it", "Priory"),
        ("has anyone heard if happy kidz nursery take funded 2 year olds", "happy kidz"),
        ("the LA want Bryn yr Eos Primary in section I", "Bryn yr Eos"),
        ("Mae hi yn Ysgol y Wern ers mis Medi", "Wern"),
        ("He goes to Ysgol Maes Garmon and Ysgol Bryn Coch", "Garmon"),
    ],
)
def test_schools_since_3_6(text: str, school: str) -> None:
    result = anonymise(text)
    assert school not in result
    assert "[school]" in result


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("the council meeting at the Grange hotel was cancelled", "the Grange hotel"),
        ("we met the SENCO in the Hall before assembly", "the Hall"),
        ("moving from Ysgol Gymraeg to an English secondary", "Ysgol Gymraeg"),
        ("He goes to Ysgol Maes Garmon and Ysgol Bryn Coch", " and "),
        ("Okulu Birchwood Primary yardım etmiyor", "Okulu"),
        ("Dugsiga Hillcrest Academy ma caawiyo", "Dugsiga"),
    ],
)
def test_look_alikes_of_schools_stay_since_3_6(text: str, kept: str) -> None:
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Our address is Flat 7, Linden Court, 41 Elm Road, please write", "Linden Court"),
        ("send it to Harbour Heights 9 Quay Street", "Harbour Heights"),
    ],
)
def test_addresses_since_3_6(text: str, gone: str) -> None:
    result = anonymise(text)
    assert gone not in result
    assert "[address]" in result


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hi Hope you had a good weekend, any news on the panel?", "Hope you"),
        ("Hello, hope all is well with the review", "hope all"),
        ("the nursery is by Holloway Road station", "Holloway Road station"),
        ("we get off at Victoria station and walk", "Victoria station"),
        ("Trường cần giúp đỡ làm đơn cho con tôi", "cần giúp đỡ làm đơn"),
        ("Școala nu vrea să facă evaluarea", "vrea să"),
        ("el colegio no lo pide y no hay solicitud", "pide y no hay solicitud"),
        ("Ew 9 salî ye û diçe dibistanê", "9 salî ye"),
    ],
)
def test_words_kept_since_3_6(text: str, kept: str) -> None:
    assert kept in anonymise(text)


def test_hope_is_still_a_name_after_a_cue_since_3_6() -> None:
    assert "Hope" not in anonymise("my daughter Hope you see is 8 and autistic")


# --- anon-3.7.0: holdout14's kinds of miss (invented messages, none of holdout14's) ---


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a school with a house's name after "at the", after what a child has there
        ("she has 1:1 funding at the Priory but it keeps being cut", "Priory"),
        # a nursery by its playful last word, doing what a setting does
        ("Sunny Tots rang me about his speech today", "Sunny Tots"),
        ("Little Owls said he is not ready for reception", "Little Owls"),
        # dates of birth: Chinese with "born" after; Latvian and Hungarian year first;
        # a corrected date and the one it corrects
        ("我個女係2015年3月9號出世", "2015年3月9號"),
        ("Mana meita (dzimusi 2013. gada 14. februārī) mācās skolā", "2013. gada 14. februārī"),
        ("A lányom született 2014. április 2. és autista", "2014. április 2."),
        ("DOB on the letter is 03/08/2015 not 08/03/2015, can they fix it", "08/03/2015"),
        ("DOB wrong again, it says 11/02/2016, should be 12/02/2016", "11/02/2016"),
        # a name after Malayalam "my son"
        ("എന്റെ മകൻ റിയാൻ ജോസഫ്, 9 വയസ്സ്, സ്കൂളിൽ പോകുന്നു", "റിയാൻ"),
        # a lower-case name-word before a modal and what a person does
        ("does anyone know if ruby could attend a special school? she is 6", "ruby"),
        # a person's name that is also a word, with a role in brackets
        ("Present: Karen Hill (SENCO), Joe Banks (class teacher)", "Hill"),
        # a lower-case surname after a lower-case title
        ("the deputy mrs okafor said no again", "okafor"),
        # an unknown name opening a sentence, then what is done to a child
        ("Thanks for replying. Zoriyan was assessed last week by the EP.", "Zoriyan"),
        # a family nickname with an honorific, a name in brackets after a relative
        ("his dadi (Nani ji) collects him on Fridays", "Nani"),
        ("my uncle (Big Tony) does pick up", "Tony"),
    ],
)
def test_identifiers_since_3_7(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("we had a party at the Grange hotel and it was lovely", "the Grange hotel"),
        ("下次覆診係2026年7月22號", "2026年7月22號"),
        # (a diagnosis date three or more years back goes as [date] since 3.9; a recent one stays)
        ("born 01/02/2015 and was diagnosed on 03/04/2025", "03/04/2025"),
        ("if bill can be paid monthly that helps", "bill can be paid"),
        ("the dr appointment is on Monday", "appointment"),
        ("Melatonin was prescribed in May", "Melatonin"),
        ("Speech and Language Therapy (SALT) came to school", "Language Therapy"),
        ("he was on Rose Ward (the children's ward) for a week", "Ward"),
        ("The stars were out. Five Stars have a deal on", "Five Stars"),
        ("we went to the gurdwara and Guru ji's words helped", "Guru ji"),
    ],
)
def test_words_kept_since_3_7(text: str, kept: str) -> None:
    assert kept in anonymise(text)


# --- anon-3.8.0: holdout15's kinds of miss (invented messages, none of holdout15's) ---


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a name of two words after "my son/daughter" in other scripts, closed by the age,
        # "is called", a spelled-out number, "born" or, after "name", the sentence's end
        ("سلام، پسر من کاوه نوری متولد ۱۳۹۷ است", "کاوه"),
        ("سلام، پسر من کاوه نوری ۶ ساله است", "نوری"),
        ("سڵاو، کچەکەم ژیلا ئەحمەدی تەمەنی ٩ ساڵە", "ئەحمەدی"),
        ("زما لور مینه ولي پنځه کلنه ده", "ولي"),
        ("என் மகன் பெயர் கவின் ராஜேஷ். அவன் பள்ளியில் படிக்கிறான்.", "ராஜேஷ்"),
        ("ልጄ ዮናስ ገብሩ ይባላል። ትምህርት ቤት ይሄዳል።", "ገብሩ"),
        # titles in those scripts
        ("مامۆستاکەی، خاتوو جۆنسن، دەڵێت باشە", "جۆنسن"),
        ("ஆசிரியை திருமதி பிரவுன் உதவி செய்யவில்லை", "பிரவுன்"),
        # a brother or sister in Chinese, with a surname
        ("我儿子很好，他的姐姐林美玲也有自闭症。", "林美玲"),
        # Korean and Japanese: after "my son/daughter", and before a title
        ("제 아들 박지훈은 자폐 진단을 받았어요.", "박지훈"),
        ("우리 딸 수아가 학교에 안 가요.", "수아"),
        ("이수진 선생님이 도와주셨어요.", "이수진"),
        ("娘の高橋サクラは自閉症と診断されました。", "高橋サクラ"),
        ("担任のブラウン先生に相談しました。", "ブラウン"),
        # dates of birth: Vietnamese; Ukrainian "year of birth" after; day and month after
        # an age
        ("Con gái tôi sinh ngày 3 tháng 11 năm 2014, cháu bị tự kỷ.", "3 tháng 11 năm 2014"),
        ("Моя донька, 21.09.2015 р.н., ходить до школи.", "21.09.2015"),
        ("she is 6, born 2nd September so always the youngest", "2nd September"),
        # schools: after "excluded ... from" in capitals; moved from one to a setting; in
        # brackets after "school"; "sent to the X centre"; chosen with another
        ("HE WAS EXCLUDED TWICE THIS YEAR FROM HOLLYMEAD.", "HOLLYMEAD"),
        ("we are moving Ollie from Beechgrove to a special school next year", "Beechgrove"),
        ("his school (the laurels) says he is fine", "laurels"),
        ("she got sent to the harbour centre and nobody rang me", "harbour"),
        ("i want brookfield or St Anne's for him", "brookfield"),
        # a lower-case first name after "for", ending the message; a nickname after
        # "calling her"
        ("can i ask for a taxi for ellis", "ellis"),
        ("school keep calling her Bex but she hates it", "Bex"),
    ],
)
def test_identifiers_since_3_8(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # ordinary words right after the cue words stay
        ("زما لور ډېره ناروغه ده.", "ډېره ناروغه"),
        ("کچەکەم زۆر نەخۆشە.", "زۆر نەخۆشە"),
        ("پسر من خیلی مریض است.", "خیلی مریض"),
        ("هل يحق للمدرسة أن تمنع ابني من الرحلة المدرسية؟", "الرحلة المدرسية"),
        ("আমার মেয়ে তানিয়া এর বয়স ৮ বছর।", "এর বয়স"),
        ("弟弟和我都喜欢画画", "弟弟和我"),
        ("우리 딸 지금 학교에 다니고 있어요. 담임 선생님이 좋아요.", "지금 학교에"),
        ("우리 딸 지금 학교에 다니고 있어요. 담임 선생님이 좋아요.", "담임 선생님"),
        ("娘は今年小学校に入りました。担任の先生とお医者さんに相談しました。", "担任の先生"),
        ("息子さんは元気ですか？", "息子さん"),
        # dates that are not of a birth; a birth without an age first
        ("Hẹn khám ngày 5 tháng 8 năm 2025.", "5 tháng 8 năm 2025"),
        ("Зустріч 14.05.2025 о 10 годині.", "14.05.2025"),
        ("she was born on 3 March at 29 weeks", "3 March"),
        # places and generic settings
        ("HE WAS SUSPENDED FROM MONDAY TO FRIDAY.", "MONDAY"),
        ("we are moving from Leeds to a new house near a special school", "Leeds"),
        ("Dafydd is moving from Ysgol Gymraeg to secondary", "Ysgol Gymraeg"),
        ("his school (the local one) is fine", "local one"),
        ("he was sent to the assessment centre for a week", "assessment centre"),
        ("want mainstream or St Mary's", "mainstream"),
        ("we are waiting for will.", "will"),
        ("calling him names is bullying", "names"),
    ],
)
def test_words_kept_since_3_8(text: str, kept: str) -> None:
    assert kept in anonymise(text)


# --- anon-3.9.0: a full date of a child's birth year needs no cue (holdout16's kinds) ---


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # cues in languages no list has: Greek, Bulgarian, Arabic "من مواليد", Nepali
        ("Η κόρη μου η Ελένη γεννήθηκε στις 9 Μαρτίου 2016 στο Λονδίνο.", "9 Μαρτίου 2016"),
        ("Дъщеря ми е родена на 03.11.2017 г. в Лондон.", "03.11.2017"),
        ("ابني من مواليد 2016/03/09 وعنده توحد", "2016/03/09"),
        # a Nepali Bikram Sambat year (2073 BS is 2016) in Devanagari digits
        ("छोरीको जन्म २०७३/०५/२१ मा भएको हो", "२०७३/०५/२१"),
        # an Iranian solar year (1396 is 2017) in Persian digits
        ("دخترم ۱۳۹۶/۰۲/۱۴ به دنیا آمد", "۱۳۹۶/۰۲/۱۴"),
        # Somali, Czech and Dutch month names
        ("Wiilkaygu wuxuu dhashay 12 Maarso 2015", "12 Maarso 2015"),
        ("Dcera se narodila 5. května 2016", "5. května 2016"),
        ("mijn zoon is op 7 mei 2014 geboren", "7 mei 2014"),
    ],
)
def test_full_dates_of_birth_years_need_no_cue(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the last two years are mostly meetings and letters; a future date is a deadline
        (f"the review on 12/03/{datetime.date.today().year - 1} went badly", "12/03/"),
        (f"tribunal is 4 June {datetime.date.today().year + 1}", "4 June"),
        # a year alone, or a day and month alone, are no full date
        ("she was diagnosed in 2016 and started school in September", "2016"),
        ("she is 7 and her review is 3 March", "3 March"),
    ],
)
def test_recent_and_partial_dates_stay(text: str, kept: str) -> None:
    assert kept in anonymise(text)


def test_a_cueless_date_goes_as_a_date_not_a_date_of_birth() -> None:
    assert (
        anonymise("EHCP issued 14/02/2018, never reviewed") == "EHCP issued [date], never reviewed"
    )


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a unit or base of a school named in apposition, and "X and Y Nursery"
        ("The base at Moorside Academy, called the Harbour, has a place for him", "Harbour"),
        ("he's in the Orchard, the autism base at his school", "Orchard"),
        ("she goes to the Compass, its a resource base for autistic kids", "Compass"),
        ("they moved him to the Sunflower Room which is the nurture group", "Sunflower"),
        ("Ama started at Tiddlers and Toddlers Nursery in May", "Tiddlers"),
        # French "M." before a surname; a word-name or month before a found surname
        ("Son professeur, M. Lefebvre, ne répond pas.", "Lefebvre"),
        ("June Okonkwo is my mum and she helps with the school run", "June"),
        ("Mark Olawale from the council never rang back", "Mark"),
    ],
)
def test_units_french_titles_and_word_names_before_surnames_since_3_9(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("his class is called the Owls. he loves it", "Owls"),
        ("We went to the Children's Centre, the one near the library", "Centre"),
        ("Leeds and Hillcrest School both said no", "Leeds"),
        ("In June Okonkwo said the plan was late", "June"),
        ("The Local Offer is a resource for parents", "Local Offer"),
    ],
)
def test_class_names_places_and_months_stay_since_3_9(text: str, kept: str) -> None:
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a house's name with no number, then its street; plural street words
        ("we live at Ivy Cottage, Church Lane. The bus is late", "Ivy Cottage"),
        ("Adresa jonë: 14 Harehills Lanes, LS8", "Harehills"),
        # a word-name before "the <role>": a volunteer, an interpreter
        ("Hope the Contact volunteer rang me back", "Hope"),
        ("Frank the interpreter was so kind", "Frank"),
        # a family name after a name found from a cue, in a script with no capitals
        ("دخترم نازنین کریمی کلاس سوم است", "کریمی"),
        ("المعلمة اسمها هدى الزعبي ولا ترد", "الزعبي"),
    ],
)
def test_addresses_roles_and_family_names_since_3_9(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # words of a message in another language stay, not taken as unknown names
        ("Vajza ime ka autizëm dhe kemi nevojë për ndihmë me shkollën", "ndihmë"),
        ("em không biết tiếng Anh nhiều, hội đồng gửi thư em không hiểu", "không biết"),
        ("Servis aracı her sabah geç geliyor, okul hiçbir şey yapmıyor", "yapmıyor"),
        # a name's house alone is a hospice, not an address
        ("He goes to Martin House, Leeds for respite", "Martin House"),
        ("the bill the council sent was wrong", "bill"),
    ],
)
def test_words_of_other_languages_and_look_alikes_stay_since_3_9(text: str, kept: str) -> None:
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a form's setting field in lower case
        ("Name of child - kofi. Setting - busy bees", "busy bees"),
        ("school: meadowbank primary\nyear: 4", "meadowbank"),
        # the particles of a family name go with it
        ("my son is Pieter van den Heuvel and he is 9", "van den Heuvel"),
        ("Joana dos Santos is my daughter", "dos Santos"),
    ],
)
def test_form_fields_and_name_particles_since_3_9(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Setting: Home educated since Year 3", "Home educated"),
        ("School: none at the moment", "none at the moment"),
        ("Speech and Language Therapy (SALT) came to school", "Language Therapy"),
        ("we went to the Lake District with Omar", "Lake District"),
    ],
)
def test_no_setting_and_therapies_stay_since_3_9(text: str, kept: str) -> None:
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # email addresses spelled out or with spaces around the "@"
        ("email me at tom dot briggs at gmail dot com", "briggs"),
        ("my email is dee_88 @ hotmail.co.uk", "hotmail"),
        ("its ade.k(at)yahoo.co.uk thanks", "yahoo"),
        ("write to r.ahmed at bradford dot gov dot uk", "ahmed"),
        # a Hungarian date of birth with its case ending
        ("A lányom 2016. május 9-én született", "május"),
        # Arabizi, Swahili, Igbo and Yoruba cue words
        ("binti esmha rahaf w 3omrha 6", "rahaf"),
        ("mtoto wangu Baraka ana miaka 6", "Baraka"),
        ("nwa m nwoke Obinna di afọ 8", "Obinna"),
        ("omo mi Tolu ko le soro", "Tolu"),
    ],
)
def test_spelled_emails_dates_and_cues_since_3_9(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


@pytest.mark.parametrize(
    "text",
    [
        "we meet at school at 9 dot on",
        "I was at home at lunch and at work dot dot dot",
    ],
)
def test_at_and_dot_alone_are_no_email(text: str) -> None:
    assert anonymise(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # holdout18's kinds of miss, as invented messages
        ("school = Hollybrook Juniors. Son = Kacper", "Hollybrook"),
        ("Wiilkayga Cabdi wuxuu dhashay 3da Maarso 2014", "Maarso"),
        ("môj syn (nar. 4. 9. 2013) má autizmus", "2013"),
        ("Ipinanganak siya noong Hunyo 12, 2016", "Hunyo"),
        ("我女儿在 Brookvale 小学读书", "Brookvale"),
        ("mojego męża Tomasza nie ma w domu", "Tomasza"),
        ("मेरे पति राकेश से बात कीजिए", "राकेश"),
        ("salam, ana om 7amza, howa 3ando autism", "7amza"),
        ("ਉਹ ਸ੍ਰੀ ਗੁਰੂ ਹਰਿਕ੍ਰਿਸ਼ਨ ਅਕੈਡਮੀ ਵਿੱਚ ਪੜ੍ਹਦਾ ਹੈ", "ਹਰਿਕ੍ਰਿਸ਼ਨ"),
    ],
)
def test_holdout18_kinds_since_3_9(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ana 3ayza a3raf 7aga", "3ayza"),
        ("the meeting is on 3. 12. 2026", "3. 12. 2026"),
        ("Vielen Dank! Mein Sohn hat Asperger und die Schule versteht das nicht", "Vielen Dank"),
        ("میرا بیٹا پرائمری اسکول میں ہے", "پرائمری"),
    ],
)
def test_holdout18_look_alikes_stay_since_3_9(text: str, kept: str) -> None:
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # holdout19's kinds of miss, as invented messages
        ("letter says 'Amelia Rowe, DOB 04-Mar-2016, NHS 943 476 5919'", "Mar"),
        ("dzimšanas datums ir 2014. gada 9. marts", "marts"),
        ("Учителят г-н Brown не отговаря", "Brown"),
        ("என் மகள் 2015 மே 12 அன்று பிறந்தாள்", "2015"),
        ("He goes to Oak Lodge, the autism base attached to Hill Top School", "Oak Lodge"),
        ("je suis la maman d'Ousmane, il a 7 ans", "Ousmane"),
        ("شکریہ، رخسانہ بی بی", "بی بی"),
    ],
)
def test_holdout19_kinds_since_3_9(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


def test_a_town_before_a_unit_is_no_school() -> None:
    assert "Leeds" in anonymise("we moved to Leeds, the local unit is full")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # holdout20 and holdout21's kinds of miss, as invented messages
        ("Mon fils est né le 1er mars 2015.", "mars"),
        ("আমার মেয়ে, জন্ম ২০১৪ সালের ১২ জুন।", "জুন"),
        ("the final plan names Brackenwood. Can we appeal?", "Brackenwood"),
        ("the escort's name is just 'Shaz' and she is lovely", "Shaz"),
    ],
)
def test_holdout20_and_21_kinds_since_3_9(text: str, gone: str) -> None:
    assert gone not in anonymise(text)


def test_a_service_the_plan_names_stays() -> None:
    assert "SALT" in anonymise("the EHCP names SALT as a provision")
