"""Round 16 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

HADDAD = {"name:Rima Haddad", "name:Haddad"}
EGYPT_OFFICIAL = {
    "egypt",
    "name:A senior Egyptian official who sat in on Sunday's exchange as an observer",
    "name:A senior Egyptian official",
    "name:a senior Egyptian official",
    "name:the official",
}
QATAR_MINISTRY = {"qatar", "name:Qatar's foreign ministry", "name:Qatar foreign ministry"}
AWWAD = {"name:Samia Awwad", "name:Awwad", "name:Samia"}
HAMDAN = {"name:Basel Hamdan", "name:Hamdan"}
INTEL = {
    "egypt",
    "name:A senior official in Egypt's General Intelligence Service",
    "name:A senior official",
    "name:a senior official",
    "name:The official",
    "name:the official",
}
JABER = {"name:Deputy Interior Minister Tareq Jaber", "name:Tareq Jaber", "name:Jaber"}
SAADEH = {"name:Walid Saadeh", "name:Saadeh"}
EU_OFFICIAL = {
    "name:A European Union official in Jerusalem",
    "name:A European Union official",
    "name:a European Union official",
    "name:the official",
}

GOLD = [
    Gold(
        "ho16-unity.txt",
        dt.date(2026, 8, 18),  # Tuesday
        "Eastwire",
        "held-out",
        events=[
            (
                "2026-08-17",
                "kept the Hamas and Fatah delegations in separate wings of a Doha hotel on Monday",
                "occurred",
            ),
            ("2026-08-16", "the two movements swapped written proposals for a joint caretaker cabinet", "occurred"),
            ("2026-08-20", "a first face-to-face session had been pencilled in for Thursday", "planned"),
            # Nadir's accusation; Haddad "denied any leak"
            ("2026-08-15", "leaking the draft to a Gaza radio station on Saturday night", "reported"),
            ("2026-08-22", "will hold a rally in Gaza City on Saturday", "planned"),
            ("2026-07-29", "last sat in one room on July 29 in Cairo", "occurred"),
            ("2026-07-31", "Hamas suspended its participation in the joint security committee", "occurred"),
        ],
        quotes=[
            # "told Qatar's state news agency QNA, according to a transcript carried by the Northgate Agency":
            # told, then a relay through another outlet (via, dropped by the scorer)
            ("The Fatah paper reads like a list of conditions, not a proposal", {"mansour"}, ["told"]),
            # continuation of the told quote, no new verb
            ("We answered every point they raised in Cairo", {"mansour"}, ["told"]),
            ("We are still waiting for them to answer ours", {"mansour"}, ["told"]),
            ("nothing Hamas did not accept in Algiers", {"nadir"}, []),
            (
                "Whoever handed our text to a radio station wanted these talks buried before they began",
                {"nadir"},
                ["published by"],
            ),
            # "The spokeswoman" = Rima Haddad, not Nadir (the last person named)
            ("Let him call it theatre", HADDAD, []),
            ("Tens of thousands of people will be in the square, and they will not be actors", HADDAD, []),
            (
                "If Thursday goes the way Monday went, Cairo will ask both of them to come home and think",
                EGYPT_OFFICIAL,
                [],
            ),
            ("remain in contact with all parties", QATAR_MINISTRY, []),
        ],
        dates=[
            ("Aug 18", "2026-08-18"),
            ("on Monday", "2026-08-17"),
            ("a day after the two movements swapped", "2026-08-16"),
            ("for Thursday", "2026-08-20"),
            ("on Saturday night", "2026-08-15"),  # the past Saturday
            ("on Saturday", "2026-08-22"),  # the coming Saturday (the rally, "will hold")
            ("Sunday's exchange", "2026-08-16"),
            ("July 29", "2026-07-29"),
            ("two days after that", "2026-07-31"),
        ],
    ),
    Gold(
        "ho16-interview.txt",
        dt.date(2026, 9, 5),  # Saturday
        "Harbour Post",
        "held-out",
        events=[
            ("2026-09-02", "On Wednesday she crossed into the West Bank", "occurred"),
            ("2026-09-03", "she sat down with the Harbour Post in Ramallah the following evening", "occurred"),
            # the interviewer carries Hamas's accusation; Awwad: "Not one name has been deleted"
            ("2026-08", "deleting 4,000 names from the Gaza roll in August", "reported"),
            ("2024-03", "We reopened the register in March 2024", "occurred"),
            ("2024-09", "in September of that year we closed it", "occurred"),
            ("2026-09-21", "We will publish the updated roll on September 21", "planned"),
            ("2026-08-31", "Someone called my office on Monday", "occurred"),
        ],
        # Markers "Interviewer:" and "Samia:" (the interviewee's first name). Answers are direct quotes of Samia
        # Awwad with an empty chain; the questions are the interviewer's, except the phrases of Mansour and Nadir.
        quotes=[
            ("I believe they want to win them", AWWAD, []),
            ("That is not quite the same thing", AWWAD, []),
            ("cooked in Ramallah", {"mansour"}, []),
            ("I have read the accusation", AWWAD, []),
            ("Not one name has been deleted", AWWAD, []),
            ("every family can appeal", AWWAD, []),
            ("We reopened the register in March 2024", AWWAD, []),
            ("Nobody complained then", AWWAD, []),
            # "told Eastwire on Thursday that a vote could be held '...'"
            ("before the olive harvest", {"nadir"}, ["told"]),
            ("He is a spokesman and I am an administrator", AWWAD, []),
            (
                "If the two movements sign the electoral decree this month, the law gives us ninety days after that",
                AWWAD,
                [],
            ),
            ("We will publish the updated roll on September 21, decree or no decree", AWWAD, []),
            ("Someone called my office on Monday and asked whether I had thought about my children", AWWAD, []),
            ("There is no investigation that I know of", AWWAD, []),
            ("Until the vote", AWWAD, []),
        ],
        dates=[
            ("Sept 5", "2026-09-05"),
            ("On Wednesday", "2026-09-02"),
            ("the following evening", "2026-09-03"),
            ("last week", "2026-08-24/2026-08-30"),
            ("in August", "2026-08"),
            ("March 2024", "2024-03"),
            ("September of that year", "2024-09"),
            ("on Thursday", "2026-09-03"),
            ("this month", "2026-09"),
            ("September 21", "2026-09-21"),
            ("on Monday", "2026-08-31"),  # the past Monday
        ],
    ),
    Gold(
        "ho16-joint.txt",
        dt.date(2026, 9, 24),  # Thursday
        "Levant Ledger",
        "held-out",
        events=[
            ("2026-09-23", "pledged on Wednesday to form a joint committee to run the Rafah crossing", "occurred"),
            ("2026-09-24", "read out in Gaza City the next morning", "occurred"),
            ("2026-10-15", "its nine members would be named on October 15", "planned"),
            ("2026-09-22", "Israeli forces had shut the Kerem Shalom crossing", "occurred"),
            ("2026-09-28", "The committee will meet for the first time in Khan Younis on Monday", "planned"),
        ],
        quotes=[
            (
                "The crossing belongs to the people of Gaza, not to any one movement",
                {"hamas", "fatah", "pij"},
                ["in a statement"],
            ),
            ("a first test of whether our signatures mean anything", {"hamas", "fatah", "pij"}, ["in a statement"]),
            # he said / she said: Nadir (he) and Mansour (she), no names on the lines
            ("Someone from Gaza", {"nadir"}, []),
            ("Someone Gaza trusts", {"mansour"}, []),
            ("That is not always the same person", {"mansour"}, []),
            ("It can be", {"nadir"}, []),
            ("We have thirty days to find out", {"nadir"}, []),
            ("Twenty-nine", {"mansour"}, []),
            ("because the alternative was another winter of closed gates", HAMDAN, []),
            # "The official" = the unnamed Egyptian intelligence official, across Hamdan's paragraph; own "he said"
            (
                "If the text had said 'security' instead of 'administration', they would have walked out, and they "
                "told us so",
                INTEL,
                [],
            ),
        ],
        dates=[
            ("Sept 24", "2026-09-24"),
            ("on Wednesday", "2026-09-23"),
            ("the next morning", "2026-09-24"),
            ("on October 15", "2026-10-15"),
            ("A day earlier", "2026-09-22"),
            ("on Monday", "2026-09-28"),
        ],
    ),
    Gold(
        "ho16-clashes.txt",
        dt.date(2026, 10, 9),  # Friday
        "Northgate Agency",
        "held-out",
        events=[
            # casualties, no named faction ("rival gunmen")
            ("2026-10-06", "rival gunmen fought in the alleys of the Balata refugee camp on Tuesday", "occurred"),
            ("2026-10-06", "police seized what they called a workshop for pipe bombs", "occurred"),
            ("2026-10-07", "the funeral of the boy, Yazan Qasem, drew several thousand mourners", "occurred"),
            ("2026-10-07", "firing tear gas into a girls' school on Wednesday morning", "reported"),
            ("2026-10-10", "will hold a general strike on Saturday", "planned"),
        ],
        quotes=[
            # Hamas "said ... and blamed the police for '...'": no statement, empty chain
            ("lighting a fire and then asking who brought the matches", {"hamas"}, []),
            ("There are no plans to send security forces into the camp", JABER, []),
            (
                "If the camp committee hands over the men who shot at our officers, nobody else will be touched",
                JABER,
                [],
            ),
            ("The children were sitting their exams", {"mansour"}, []),
            ("Who raids a camp during exams?", {"mansour"}, []),
            ("not hand anyone to anyone", SAADEH, []),
            # "The deputy minister" = Tareq Jaber, not Saadeh (the last person named)
            ("We will wait until Sunday", JABER, []),
            ("and then we will take decisions", JABER, []),
            ("Balata is the kind of place where a week of anger becomes a year", EU_OFFICIAL, []),
        ],
        dates=[
            ("Oct 9", "2026-10-09"),
            ("on Tuesday", "2026-10-06"),
            ("hours after the raid", "2026-10-06"),
            ("A day later", "2026-10-07"),
            ("on Wednesday", "2026-10-07"),
            ("on Wednesday morning", "2026-10-07"),
            ("on Saturday", "2026-10-10"),
            ("until Sunday", "2026-10-11"),  # said on Thursday evening
            ("on Thursday evening", "2026-10-08"),
        ],
    ),
]

NEGATED = [
    # the leak of the Fatah draft (Nadir's accusation)
    ("ho16-unity.txt", "denied any leak"),
    # Fatah sending someone to watch the rally
    ("ho16-unity.txt", "Fatah would not send anyone to watch it"),
    # names deleted from the Gaza roll
    ("ho16-interview.txt", "Not one name has been deleted"),
    # a police investigation of the threatening call
    ("ho16-interview.txt", "There is no investigation that I know of"),
    # Fatah members armed in the camp (the fighting itself occurred)
    ("ho16-clashes.txt", "denied that any of its members had carried weapons in the camp"),
    # Hamas supporters firing the first shots
    ("ho16-clashes.txt", "reports that its supporters had fired the first shots were false"),
    # security forces sent into the camp
    ("ho16-clashes.txt", "There are no plans to send security forces into the camp"),
]

ANCHORED = [
    ("ho16-unity.txt", "a day after the two movements swapped", "2026-08-16"),  # the day before Monday
    ("ho16-unity.txt", "two days after that", "2026-07-31"),  # after July 29
    ("ho16-interview.txt", "the following evening", "2026-09-03"),  # after Wednesday September 2
    ("ho16-interview.txt", "September of that year", "2024-09"),  # the year of "March 2024"
    ("ho16-joint.txt", "the next morning", "2026-09-24"),  # after the Wednesday-night agreement
    ("ho16-joint.txt", "A day earlier", "2026-09-22"),  # the day before the Wednesday pledge
    ("ho16-clashes.txt", "hours after the raid", "2026-10-06"),  # the fighting, Tuesday
    ("ho16-clashes.txt", "A day later", "2026-10-07"),  # after the Tuesday fighting
]
