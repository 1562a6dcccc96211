"""Round 15 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

ABU_EID = {"name:Nisreen Abu Eid", "name:Abu Eid"}
SABBAH = {"name:Ahmad Sabbah", "name:Sabbah"}
NASSAR = {"name:Dalia Nassar", "name:Nassar"}
ODEH = {"name:Colonel Samer Odeh", "name:Samer Odeh", "name:Odeh"}
DIPLOMAT = {
    "name:A Western diplomat briefed on the talks",
    "name:A Western diplomat",
    "name:a Western diplomat",
    "name:the diplomat",
}
DIPLOMAT_RAMALLAH = {
    "name:A Western diplomat in Ramallah",
    "name:A Western diplomat",
    "name:a Western diplomat",
    "name:the diplomat",
}
INTERIOR = {
    "pa-government",
    "name:A senior official in the Palestinian interior ministry",
    "name:A senior official",
    "name:a senior official",
    "name:the official",
    "name:The official",
}
JENIN_BRANCH = {
    "pij",
    "name:Islamic Jihad",
    "name:the movement's Jenin branch",
    "name:The movement's Jenin branch",
    "name:Islamic Jihad's Jenin branch",
}

GOLD = [
    Gold(
        "ho15-unity.txt",
        dt.date(2026, 6, 11),  # Thursday
        "Harbour Post",
        "held-out",
        events=[
            ("2026-06-10", "ended a third day of talks in Cairo on Wednesday", "occurred"),
            (
                "2026-06-10",
                "Egyptian mediators tabled what they described as the final draft of a border protocol",
                "occurred",
            ),
            ("2026-06-09", "In a statement on Tuesday", "occurred"),
            ("2026-06", "arresting 23 of its supporters in Jenin and Tubas earlier this month", "reported"),
            ("2026-06-14", "The delegations are due back in Cairo on Sunday", "planned"),
            ("2026-06-15", "expected to receive both of them a day later", "planned"),
            ("2026-06", "announce a deal before the end of the month", "planned"),
        ],
        quotes=[
            # partial quote inside indirect speech after "told the Northgate Agency"
            ("nine of the eleven articles", {"mansour"}, ["told"]),
            # its own "she said" after the indirect "told" sentence: empty chain
            ("We did not come to Cairo to sign a page we have not read to the end", {"mansour"}, []),
            # "told the Levant Ledger in remarks carried by Eastwire": told, then a via (the scorer drops via)
            ("moved the goalposts twice in one afternoon", {"nadir"}, ["told"]),
            (
                "If they want the crossing for themselves, they should say so and stop hiding behind the annexes",
                {"nadir"},
                ["told"],
            ),
            ("cast a shadow over every line on the table", {"hamas"}, ["in a statement"]),
            (
                "You cannot ask us to share a border with people who are filling their prisons with our students",
                {"mansour"},
                [],
            ),
            # "The spokesman" = Karim Nadir ("the movement's spokesman"), not Mansour, the last speaker
            ("reopen every article they lose", {"nadir"}, []),
            ("They were picked up with rifles, not with leaflets", {"nadir"}, []),
            ("a fairy tale for people who were not in the room", {"mansour"}, []),
            ("smaller than either of them admits in public", DIPLOMAT, []),
        ],
        dates=[
            ("June 11", "2026-06-11"),
            ("on Wednesday", "2026-06-10"),
            ("hours after Egyptian mediators tabled", "2026-06-10"),
            ("on Tuesday", "2026-06-09"),
            ("earlier this month", "2026-06"),
            ("on Wednesday evening", "2026-06-10"),
            ("on Sunday", "2026-06-14"),
            ("a day later", "2026-06-15"),
            ("the end of the month", "2026-06"),
        ],
    ),
    Gold(
        "ho15-interview.txt",
        dt.date(2026, 6, 22),  # Monday
        "Eastwire",
        "held-out",
        events=[
            ("2026-06-18", "She came home from the latest round on Thursday", "occurred"),
            ("2026-06-03", "the prosecutor charged them on June 3", "occurred"),
            ("2017-10", "We signed an arrangement in Cairo in October 2017", "occurred"),
            ("2017-11", "our staff took over the terminal in November of that year", "occurred"),
            (
                "2026-06-15/2026-06-21",
                "You warned last week that the Authority could walk away from the talks",
                "occurred",
            ),
            ("2026-06-28", "The delegations go back on Sunday", "planned"),
        ],
        # Q&A without markers: each question is its own paragraph ending in "?", each answer the paragraph(s) after
        # it, without quotation marks. Answers are direct quotes of Nisreen Abu Eid with an empty chain; the
        # questions are the interviewer's (Yusuf Darwish) words, except the phrase attributed to Mansour.
        quotes=[
            ("It did not finish, which is not the same thing", ABU_EID, []),
            ("We closed nine articles out of eleven", ABU_EID, []),
            ("The two that are left are the ones that decide who holds the stamp at the gate", ABU_EID, []),
            # quoted inside a question, attributed to Mansour ("Layla Mansour called it ...")
            ("a border drawn through our prisons", {"mansour"}, []),
            ("She is wrong about the students", ABU_EID, []),
            ("There are no students among them and there are no political prisoners in Jenin", ABU_EID, []),
            ("People forget that it worked while it lasted", ABU_EID, []),
            ("A customs officer, yes", ABU_EID, []),
            ("It was a description", ABU_EID, []),
            ("Reports that I told the Egyptians we would withdraw were false", ABU_EID, []),
            (
                "If Hamas brings an answer on the last two articles, I think we can sign in the same week",
                ABU_EID,
                [],
            ),
            ("I have packed the same suitcase four times this month", ABU_EID, []),
        ],
        dates=[
            ("June 22", "2026-06-22"),
            ("on Thursday", "2026-06-18"),  # the past Thursday
            ("three days later", "2026-06-21"),
            ("June 3", "2026-06-03"),
            ("October 2017", "2017-10"),
            ("November of that year", "2017-11"),
            ("in 2017", "2017"),
            ("last week", "2026-06-15/2026-06-21"),
            ("on Sunday", "2026-06-28"),  # the coming Sunday ("go back"), not "three days later"'s Sunday
            ("this month", "2026-06"),
        ],
    ),
    Gold(
        "ho15-joint.txt",
        dt.date(2026, 7, 1),  # Wednesday
        "Northgate Agency",
        "held-out",
        events=[
            (
                "2026-07-02",
                "will stage a sit-in outside the Red Cross office in Gaza City on Thursday",
                "planned",
            ),
            ("2026-06-30", "the two movements said in a joint statement on Tuesday", "occurred"),
            ("2026-06-18", "the Cairo talks broke up on June 18", "occurred"),
            ("2026-06-30", "read the text to reporters in Gaza City hours after it was released", "occurred"),
            ("2026-07-01", "rejected the figures on Wednesday", "occurred"),
            # the official's claim; Nassar says "nobody has been freed"
            ("2026-06-29", "three of those held had been released on bail on Monday", "reported"),
        ],
        quotes=[
            ("quiet campaign", {"hamas", "pij"}, ["in a statement"]),
            ("Every name on our list is a student, a teacher or a father", {"hamas", "pij"}, ["in a statement"]),
            ("We are not asking for favours", {"hamas", "pij"}, ["in a statement"]),
            ("We are asking for the law the Authority claims to enforce", {"hamas", "pij"}, ["in a statement"]),
            # he said / she said: Ahmad Sabbah (he, Hamas) and Dalia Nassar (she, PIJ), no names on the lines
            ("Then it becomes a celebration", SABBAH, []),
            ("But nobody has been freed", NASSAR, []),
            ("Not one", NASSAR, []),
            ("We talk to Cairo", SABBAH, []),
            ("And Cairo talks to them every day, whether they admit it or not", NASSAR, []),
            ("with weapons in their cars", ABU_EID, []),
            # "The deputy minister" = Nisreen Abu Eid, across the interior official's paragraph
            ("will not change a single file", ABU_EID, []),
            ("before the street does it for us", ABU_EID, []),
            # "The official" = the senior interior ministry official; own "he said", so the chain is empty
            (
                "If the families come to us instead of to the cameras, most of these cases can be closed by the end "
                "of the month",
                INTERIOR,
                [],
            ),
        ],
        dates=[
            ("July 1", "2026-07-01"),
            ("on Thursday", "2026-07-02"),
            ("on Tuesday", "2026-06-30"),
            ("June 18", "2026-06-18"),
            ("hours after it was released", "2026-06-30"),
            ("on Wednesday", "2026-07-01"),
            ("on Monday", "2026-06-29"),
            ("the end of the month", "2026-07"),  # said on Wednesday July 1
        ],
    ),
    Gold(
        "ho15-clashes.txt",
        dt.date(2026, 7, 10),  # Friday
        "Levant Ledger",
        "held-out",
        events=[
            # casualties with no named faction: "gunmen and Palestinian security forces"
            ("2026-07-08", "fought for several hours in the Jenin refugee camp on Wednesday night", "occurred"),
            ("2026-07-08", "a security unit arrested a man it described as a local commander", "occurred"),
            ("2026-07-03", "storming a police post in Qabatiya last Friday", "reported"),
            ("2026-07-09", "the camp had been sealed since early on Thursday", "occurred"),
            ("2026-07-11", "open a shelter for displaced families in the city's sports hall on Saturday", "planned"),
            ("2026-07-13/2026-07-19", "which are due to resume next week", "planned"),
        ],
        quotes=[
            ("turning a political quarrel into a street war", {"hamas"}, []),
            ("cells paid from abroad", {"nadir"}, []),
            ("a week too late", {"nadir"}, []),
            ("There are no negotiations with gunmen and there is no amnesty", ODEH, []),
            ("If they hand in their weapons by Saturday noon, they will go home to their mothers", ODEH, []),
            ("If not, we will go in and get them", ODEH, []),
            # "A statement from the movement's Jenin branch called the arrested man '...'"
            ("a son of the camp", JENIN_BRANCH, ["in a statement"]),
            ("whoever enters the camp will be answered", JENIN_BRANCH, ["in a statement"]),
            ("could not have come at a worse moment", DIPLOMAT_RAMALLAH, []),
        ],
        dates=[
            ("July 10", "2026-07-10"),
            ("on Wednesday night", "2026-07-08"),
            ("hours after a security unit arrested", "2026-07-08"),
            ("last Friday", "2026-07-03"),  # published on a Friday: the Friday a week before
            ("on Wednesday", "2026-07-08"),
            ("early on Thursday", "2026-07-09"),
            ("by Saturday noon", "2026-07-11"),
            ("on Friday morning", "2026-07-10"),
            ("on Saturday", "2026-07-11"),
            ("next week", "2026-07-13/2026-07-19"),
        ],
    ),
]

NEGATED = [
    # students / political prisoners among the men arrested in Jenin
    ("ho15-interview.txt", "There are no students among them"),
    ("ho15-interview.txt", "there are no political prisoners in Jenin"),
    # Abu Eid telling the Egyptians the Authority would withdraw
    ("ho15-interview.txt", "Reports that I told the Egyptians we would withdraw were false"),
    # PIJ members taking part in the fighting (the fighting itself occurred)
    ("ho15-clashes.txt", "denied that its members had taken part"),
    # Hamas sending men from Nablus to the camp
    ("ho15-clashes.txt", "reports that it had sent men from Nablus to reinforce the camp were false"),
    # negotiations with the gunmen, an amnesty
    ("ho15-clashes.txt", "There are no negotiations with gunmen and there is no amnesty"),
]

ANCHORED = [
    ("ho15-unity.txt", "hours after Egyptian mediators tabled", "2026-06-10"),  # the talks ended Wednesday
    ("ho15-unity.txt", "a day later", "2026-06-15"),  # the day after the Sunday return
    ("ho15-interview.txt", "three days later", "2026-06-21"),  # after she came home on Thursday June 18
    ("ho15-interview.txt", "November of that year", "2017-11"),  # the year of "October 2017"
    ("ho15-joint.txt", "hours after it was released", "2026-06-30"),  # the joint statement, Tuesday
    ("ho15-clashes.txt", "hours after a security unit arrested", "2026-07-08"),  # the arrest, Wednesday
]
