"""Round 14 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

AWAD = {"name:Suha Awad", "name:Awad"}
QATARI = {"qatar", "name:A senior Qatari official", "name:a senior Qatari official", "name:the official"}
EGYPTIAN = {
    "egypt",
    "name:A senior Egyptian official",
    "name:a senior Egyptian official",
    "name:A senior Egyptian official who attended the Cairo meeting",
    "name:the official",
}
SECURITY = {
    "pa-government",
    "name:A senior security official in Nablus",
    "name:A senior security official",
    "name:a senior security official",
    "name:the official",
}

GOLD = [
    Gold(
        "ho14-unity.txt",
        dt.date(2026, 4, 17),  # Friday
        "Eastwire",
        "held-out",
        events=[
            (
                "2026-04-13",
                "circulated a revised timetable for the handover of Gaza's civil ministries on Monday",
                "occurred",
            ),
            ("2026-04-15", "returned to the table in Doha two days later", "occurred"),
            ("2026-02", "the round collapsed in February", "occurred"),
            ("2026-04-16", "In a statement on Thursday", "occurred"),
            ("2026-04-06/2026-04-12", "detaining six of its students in Hebron last week", "reported"),
            ("2026-04-14", "said on Tuesday it would back any timetable", "occurred"),
            ("2026-04-19", "agreed to meet again on Sunday", "planned"),
            ("2026-04", "the prime minister would join them before the end of the month", "planned"),
        ],
        quotes=[
            ("This is the most concrete paper anyone has put in front of us since Cairo", {"mansour"}, ["told"]),
            (
                "If Fatah signs the annex on the police, we will sign the rest without reopening a single line",
                {"mansour"},
                ["told"],
            ),
            ("rewritten a page they had already initialled", {"nadir"}, []),
            # its own "he said"; the "told the Levant Ledger news agency" before it carries indirect speech only
            ("We are not going to hand over ministries and then argue about who guards the doors", {"nadir"}, []),
            ("poison the air in the negotiating room", {"hamas"}, ["in a statement"]),
            ("Goodwill cannot be demanded from one side only", {"hamas"}, ["in a statement"]),
            ("a story told every time the talks get serious", {"nadir"}, []),
            # "The spokeswoman" refers back to Layla Mansour, the Hamas spokeswoman (not to Nadir, the last speaker)
            ("We came here to finish something, not to collect new complaints", {"mansour"}, []),
            ("Nobody walked out this time, and in this file that already counts as progress", QATARI, ["told"]),
        ],
        dates=[
            ("April 17", "2026-04-17"),
            ("on Monday", "2026-04-13"),
            ("two days later", "2026-04-15"),
            ("in February", "2026-02"),
            ("on Thursday", "2026-04-16"),
            ("last week", "2026-04-06/2026-04-12"),
            ("on Tuesday", "2026-04-14"),
            ("on Sunday", "2026-04-19"),
            ("the end of the month", "2026-04"),
        ],
    ),
    Gold(
        "ho14-interview.txt",
        dt.date(2026, 4, 27),  # Monday
        "Harbour Post",
        "held-out",
        events=[
            ("2026-04-24", "flew back from Doha on Friday", "occurred"),
            ("2026-04-23", "Fatah handed over a new list of police commanders on Thursday night", "reported"),
            ("2018-01", "first agreed on a joint police force in January 2018", "occurred"),
            ("2018-03", "dropped it in March of that year", "occurred"),
            ("2026-04-20/2026-04-26", "Karim Nadir of Fatah accused you last week", "occurred"),
            ("2026-04-30", "The delegations go back to Doha on Thursday", "planned"),
        ],
        # Q&A: questions are marked "GHALI:" (the interviewer), answers "AWAD:" without quotation marks; each answer
        # is a direct quote of Suha Awad with an empty chain. The questions are not her words.
        quotes=[
            ("A list arrived, yes", AWAD, []),
            ("Two names were swapped, and both sides knew about the swap before we sat down", AWAD, []),
            ("In 2018 there was a text and no money", AWAD, []),
            ("If they sign it, the Qataris have promised to pay police salaries for six months", AWAD, []),
            ("If they do not, the money goes back to Doha", AWAD, []),
            # quoted inside a question, attributed to Nadir
            ("for Hamas's lawyers", {"nadir"}, []),
            ("I do not accept the sentence", AWAD, []),
            ("Those reports are false", AWAD, []),
            ("there are no talks about my replacement that I know of", AWAD, []),
            ("I will go with them, and I will bring the same pen", AWAD, []),
        ],
        dates=[
            ("most of April", "2026-04"),
            ("since February", "2026-02"),
            ("on Friday", "2026-04-24"),
            ("a day later", "2026-04-25"),
            ("on Thursday night", "2026-04-23"),  # past Thursday (the last session)
            ("January 2018", "2018-01"),
            ("March of that year", "2018-03"),
            ("In 2018", "2018"),
            ("last week", "2026-04-20/2026-04-26"),
            ("by May", "2026-05"),
            ("on Thursday", "2026-04-30"),  # the coming Thursday (planned return to Doha)
        ],
    ),
    Gold(
        "ho14-joint.txt",
        dt.date(2026, 5, 6),  # Wednesday
        "Levant Ledger",
        "held-out",
        events=[
            ("2026-05-05", "pledged on Tuesday to keep their armed members off the streets", "occurred"),
            # the statement came "a week after" the meeting: Tuesday May 5 - 7 days
            ("2026-04-28", "the two movements met in Cairo", "occurred"),
            ("2026-05-15", "the first four stations are due to change hands on May 15", "planned"),
            ("2026-05-29", "the rest two weeks later", "planned"),
            ("2026-05-06", "welcomed the pledge on Wednesday", "occurred"),
            ("2026-05-11/2026-05-17", "give its answer to the police committee next week", "planned"),
            ("2026-05-05", "faced reporters together in Gaza City hours after the statement was released", "occurred"),
        ],
        quotes=[
            (
                "No weapon will be carried in public by any member of either movement during the handover",
                {"fatah", "pij"},
                ["in a statement"],
            ),
            ("Any member who breaks this pledge will answer to both leaderships", {"fatah", "pij"}, ["in a statement"]),
            # "The statement ... called the handover '...'"
            ("a test the whole nation is watching", {"fatah", "pij"}, ["in a statement"]),
            # he said / she said: Bilal Zaqout (he) and Rana Khatib (she) alternate, no names on the lines
            ("Our own people, first", {"name:Bilal Zaqout"}, []),
            ("The police committee, second", {"name:Bilal Zaqout"}, []),
            ("And the public, always", {"name:Rana Khatib"}, []),
            ("Nobody in Gaza is shy about reporting a gun", {"name:Rana Khatib"}, []),
            ("If a member of Islamic Jihad breaks it, I will name him myself", {"name:Bilal Zaqout"}, []),
            ("So will I", {"name:Rana Khatib"}, []),
            ("and I will not wait for a committee", {"name:Rana Khatib"}, []),
            ("They wrote the first line in Cairo and argued over the last one for seven days", EGYPTIAN, []),
        ],
        dates=[
            ("May 6", "2026-05-06"),
            ("on Tuesday", "2026-05-05"),
            ("a week after the two movements met in Cairo", "2026-05-05"),
            ("October 2025", "2025-10"),
            ("May 15", "2026-05-15"),
            ("two weeks later", "2026-05-29"),
            ("on Wednesday", "2026-05-06"),
            ("next week", "2026-05-11/2026-05-17"),
            ("hours after the statement was released", "2026-05-05"),
        ],
    ),
    Gold(
        "ho14-clashes.txt",
        dt.date(2026, 5, 19),  # Tuesday
        "Northgate Agency",
        "held-out",
        events=[
            # casualties with no named faction: masked men and Palestinian police
            (
                "2026-05-17",
                "gunfights between masked men and Palestinian police in the old city of Nablus on Sunday night",
                "occurred",
            ),
            (
                "2026-05-17",
                "A drone dropped a grenade on a police station in the Balata camp on Sunday afternoon",
                "occurred",
            ),
            ("2026-05-18", "Police arrested 14 men in the old city a day later", "occurred"),
            ("2026-05-18", "sealed its gates to traffic", "occurred"),
            ("2026-04", "smuggling rifles into the old city in April", "reported"),
            ("2026-05-18", "In a statement late on Monday", "occurred"),
            ("2026-05-21", "schools in the old city would reopen on Thursday", "planned"),
            ("2026-05-25/2026-05-31", "due to meet in Doha next week", "planned"),
        ],
        quotes=[
            (
                "gangs that take their money from outside",
                {
                    "pa-government",
                    "name:The Palestinian interior ministry",
                    "name:the Palestinian interior ministry",
                    "name:the interior ministry",
                },
                [],
            ),
            ("If Hamas wants the police in Gaza, it cannot shoot at the police in Nablus", {"nadir"}, []),
            ("no cell, no rifle and no paymaster in Nablus", {"hamas"}, ["in a statement"]),
            ("came from the same warehouse", SECURITY, []),
            ("There are no talks with these men and there will be none", SECURITY, []),
            ("a wound that only Palestinians can close", {"egypt", "name:Egypt's foreign ministry"}, []),
        ],
        dates=[
            ("May 19", "2026-05-19"),
            ("on Sunday night", "2026-05-17"),
            ("on Sunday afternoon", "2026-05-17"),
            ("hours after the strike", "2026-05-17"),
            ("a day later", "2026-05-18"),
            ("in April", "2026-04"),
            ("late on Monday", "2026-05-18"),
            ("on Tuesday morning", "2026-05-19"),
            ("on Thursday", "2026-05-21"),
            ("next week", "2026-05-25/2026-05-31"),
        ],
    ),
]

NEGATED = [
    # Awad threatening to resign if the annex is not signed by May
    ("ho14-interview.txt", "Those reports are false"),
    ("ho14-interview.txt", "I have not threatened anyone"),
    # talks about replacing Awad
    ("ho14-interview.txt", "there are no talks about my replacement"),
    # Hamas being consulted on the Fatah-PIJ text (the welcome itself occurred)
    ("ho14-joint.txt", "denied that it had been consulted on the text"),
    # Hamas involvement with the gunmen; Hamas members among the detained (the arrests themselves occurred)
    ("ho14-clashes.txt", "Hamas denied any link to the gunmen"),
    ("ho14-clashes.txt", "reports that its members were among the men detained were false"),
    # talks with the gunmen
    ("ho14-clashes.txt", "There are no talks with these men and there will be none"),
]

ANCHORED = [
    ("ho14-unity.txt", "two days later", "2026-04-15"),  # after the timetable circulated on Monday Apr 13
    ("ho14-interview.txt", "a day later", "2026-04-25"),  # after she flew back on Friday Apr 24
    ("ho14-interview.txt", "March of that year", "2018-03"),  # the year of "January 2018"
    ("ho14-joint.txt", "a week after the two movements met in Cairo", "2026-05-05"),  # the statement's day
    ("ho14-joint.txt", "two weeks later", "2026-05-29"),  # May 15 + 14 days
    ("ho14-joint.txt", "hours after the statement was released", "2026-05-05"),  # the statement, Tuesday
    ("ho14-clashes.txt", "hours after the strike", "2026-05-17"),  # the drone strike, Sunday afternoon
    ("ho14-clashes.txt", "a day later", "2026-05-18"),  # the day after Sunday's fighting
]
