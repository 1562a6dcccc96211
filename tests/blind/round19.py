"""Round 19 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

PA_MINISTRY = {"pa-government", "name:the Authority's interior ministry", "name:the ministry"}
QASEM = {
    "pa-government",
    "name:Fadi Qasem",
    "name:Qasem",
    "name:A ministry spokesman",
    "name:a ministry spokesman",
    "name:The spokesman",
    "name:the spokesman",
}
HAMDAN = {"name:Nour Hamdan", "name:Hamdan"}
SALEH = {
    "name:Anwar Saleh",
    "name:Brigadier Anwar Saleh",
    "name:Saleh",
    "name:A spokesman for the security services",
    "name:the spokesman",
}
ABU_SAMI = {"name:Abu Sami", "name:A shopkeeper who gave his name only as Abu Sami", "name:A shopkeeper"}
PIJ_SPOKESMAN = {"pij", "name:Its spokesman", "name:its spokesman"}

GOLD = [
    Gold(
        "ho19-release.txt",
        dt.date(2027, 1, 22),  # Friday
        "Eastwire",
        "held-out",
        events=[
            ("2027-01-20", "were released on Wednesday", "occurred"),
            ("2027-01-21", "said in a statement on Thursday", "occurred"),
            ("2027-01-20", "met for the first time in Gaza City", "occurred"),
            ("2027-01", "an agreement reached in Doha earlier this month", "occurred"),
            ("2027-01-05", "had been detained on January 5 in Jenin", "occurred"),
            # Mansour's accusation; "Qasem denied the re-arrest"
            (
                "2027-01-21",
                "re-arresting one of the freed men in Tulkarm hours after the statement was issued",
                "reported",
            ),
            ("2021-05", "it released 30 men", "occurred"),
            ("2027-02-03", "The committee will meet again in Gaza on February 3", "planned"),
            ("2027-02", "could come before the end of February", "planned"),
        ],
        quotes=[
            ("a gesture of good faith", PA_MINISTRY, ["in a statement"]),
            (
                "The government has kept its word and expects the same from the other side",
                PA_MINISTRY,
                ["in a statement"],
            ),
            # continues the statement quote, no new verb
            ("Political arrests have no place in a country preparing for elections.", PA_MINISTRY, ["in a statement"]),
            ("We do not thank anyone for opening a door they locked themselves", {"mansour"}, []),
            # conditional: no event
            ("If they release the rest, we will answer in kind in Gaza.", {"mansour"}, []),
            ("invited for a conversation", QASEM, ["told"]),
        ],
        dates=[
            ("Jan 22", "2027-01-22"),
            ("on Wednesday", "2027-01-20"),
            ("on Thursday", "2027-01-21"),
            ("on the same day", "2027-01-20"),
            ("earlier this month", "2027-01"),
            ("on January 5", "2027-01-05"),
            ("hours after the statement was issued", "2027-01-21"),
            ("in 2021", "2021"),
            ("May of that year", "2021-05"),
            ("on February 3", "2027-02-03"),
            ("the end of February", "2027-02"),
        ],
    ),
    Gold(
        "ho19-qa.txt",
        dt.date(2027, 2, 1),  # Monday
        "Harbour Post",
        "held-out",
        events=[
            ("2027-01-25/2027-01-31", "spent last week in Gaza reopening registration centres", "occurred"),
            ("2027-01-30", "We spoke to him by telephone on Saturday", "occurred"),
            ("2027-01-29", "he had returned to Ramallah the day before", "occurred"),
            ("2027-01-25", "We reopened the first of them on January 25", "occurred"),
            ("2027-01-28", "by Thursday we had registered more than 9,000 new voters", "occurred"),
            ("2027-01-27", "He was questioned by the internal security service on Wednesday", "occurred"),
            ("2027-01-27", "released the same night", "occurred"),
            ("2027-01-19", "We delivered our technical report to the president's office on January 19", "occurred"),
            ("2021-01", "In January 2021 the decree was signed", "occurred"),
            ("2021-04", "in April of that year the vote was postponed", "occurred"),
            ("2027-02-08", "I return on February 8", "planned"),
            ("2027-02-15/2027-02-21", "we will open the remaining centres the following week", "planned"),
        ],
        # "Q:" / "A:" labels; answers are Hamdan's direct quotes, chain empty.
        quotes=[
            ("Of our 42 registration centres there, 31 are in working order", HAMDAN, []),
            (
                "We reopened the first of them on January 25, and by Thursday we had registered more than 9,000 new voters",
                HAMDAN,
                [],
            ),
            ("Most of them were children the last time we called an election", HAMDAN, []),
            # the question carries Mansour's words ("told reporters on Tuesday")
            ("takes its orders from Ramallah", {"mansour"}, ["told"]),
            ("We take our orders from the election law", HAMDAN, []),
            ("Nobody in Ramallah phoned me in Gaza, and nobody in Gaza stopped our staff from working", HAMDAN, []),
            ("He was questioned by the internal security service on Wednesday and released the same night", HAMDAN, []),
            ("He was not charged, and he was at his desk the next morning", HAMDAN, []),
            ("We delivered our technical report to the president's office on January 19", HAMDAN, []),
            # conditional: no event
            ("If the decree comes before the end of February, a vote in May is possible", HAMDAN, []),
            ("In January 2021 the decree was signed, and in April of that year the vote was postponed", HAMDAN, []),
            (
                "I return on February 8 with the commission's chairman, and we will open the remaining centres the following week",
                HAMDAN,
                [],
            ),
            ("After that, the parties have no excuse left", HAMDAN, []),
        ],
        dates=[
            ("Feb 1", "2027-02-01"),
            ("last week", "2027-01-25/2027-01-31"),
            ("on Saturday", "2027-01-30"),
            ("the day before", "2027-01-29"),
            ("since 2021", "2021"),
            ("on January 25", "2027-01-25"),
            ("by Thursday", "2027-01-28"),
            ("on Tuesday", "2027-01-26"),
            ("on Wednesday", "2027-01-27"),
            ("the same night", "2027-01-27"),
            ("the next morning", "2027-01-28"),
            ("on January 19", "2027-01-19"),
            ("the end of February", "2027-02"),
            ("in May", "2027-05"),
            ("January 2021", "2021-01"),
            ("April of that year", "2021-04"),
            ("on February 8", "2027-02-08"),
            ("the following week", "2027-02-15/2027-02-21"),
        ],
    ),
    Gold(
        "ho19-balata.txt",
        dt.date(2027, 2, 10),  # Wednesday
        "Northgate Agency",
        "held-out",
        events=[
            ("2027-02-09", "A 19-year-old man was shot dead", "occurred"),
            ("2027-02-08", "was detained at a checkpoint outside the camp on Monday", "occurred"),
            ("2027-02-09", "moved to a prison in Jericho the following day", "occurred"),
            # the Al-Quds Brigades' claim; the security spokesman "denied that any convoy had been ambushed"
            (
                "2027-02-09",
                "had ambushed a security convoy at the camp's western entrance on Tuesday night",
                "reported",
            ),
            ("2023-07", "security forces besieged the camp for nine days in July", "occurred"),
            ("2023", "later that year local notables brokered a truce", "occurred"),
            ("2027-02-11", "will meet camp elders on Thursday", "planned"),
            ("2027-02-16", "would hear his case on February 16", "planned"),
        ],
        quotes=[
            ("Our sons are not bargaining chips for anyone's elections", {"pij"}, ["in a statement"]),
            ("We did not fire a single live round into the camp", SALEH, ["told"]),
            # continues the told quote, no new verb
            ("Our men fired into the air and withdrew.", SALEH, ["told"]),
            ("shooting at anything that moved", ABU_SAMI, []),
            ("I pulled two boys into my shop", ABU_SAMI, []),
            ("One of them did not make it.", ABU_SAMI, []),
            # "said in remarks carried by the Levant Ledger": a relay (via), dropped by the scorer
            ("Every bullet fired in Balata is a bullet fired at the Cairo talks", {"mansour"}, []),
        ],
        dates=[
            ("Feb 10", "2027-02-10"),
            ("late on Tuesday", "2027-02-09"),
            ("on Monday", "2027-02-08"),
            ("the following day", "2027-02-09"),
            ("on Tuesday night", "2027-02-09"),
            ("by Wednesday morning", "2027-02-10"),
            ("since 2022", "2022"),
            ("In 2023", "2023"),
            ("in July", "2023-07"),
            ("later that year", "2023"),
            ("most of 2024", "2024"),
            ("on Thursday", "2027-02-11"),
            ("February 16", "2027-02-16"),
        ],
    ),
    Gold(
        "ho19-decree.txt",
        dt.date(2027, 2, 26),  # Friday
        "Levant Ledger",
        "held-out",
        events=[
            ("2027-03-08", "will meet in Cairo on March 8", "planned"),
            ("2027-02-24", "Abbas signed the decree in Ramallah on Wednesday", "occurred"),
            ("2027-02-25", "it was published in the official gazette a day later", "occurred"),
            ("2027-06-12", "Polling stations will open on June 12", "planned"),
            ("2027-06-14", "results will be announced two days after the vote", "planned"),
            ("2027-04-20", "Candidate lists must be submitted by April 20", "planned"),
            ("2027-04-13", "will publish the final voter roll a week before the deadline", "planned"),
            (
                "2027-02-23",
                "Hamas and Fatah negotiators met Egyptian intelligence officials in Cairo the day before the decree was signed",
                "occurred",
            ),
            # Nadir's accusation; "Hamas denied blocking anyone"
            (
                "2027-02-15/2027-02-21",
                "blocking commission staff from two registration centres in Rafah last week",
                "reported",
            ),
            ("2006", "boycotted the 2006 vote", "occurred"),
            ("2027-03-15/2027-03-21", "will arrive in Ramallah the week after the Cairo meeting", "planned"),
            ("2006", "Hamas won the 2006 elections", "occurred"),
            ("2007-06", "its takeover of Gaza in June 2007", "occurred"),
        ],
        quotes=[
            ("A parliament without a president is half an election", {"mansour"}, ["told"]),
            # continues the told quote, no new verb
            ("We will register our list anyway, because the people have waited long enough", {"mansour"}, ["told"]),
            (
                "The commission asked for the keys and was told to come back after the decree",
                {"nadir"},
                ["published by"],
            ),
            # continues the published quote, no new verb
            ("Well, the decree is here.", {"nadir"}, ["published by"]),
            # conditional: no event
            ("If the rolls are clean, we will accept the result, whatever it is", {"mansour"}, []),
            ("after the Cairo meeting, not before", PIJ_SPOKESMAN, []),
        ],
        dates=[
            ("Feb 26", "2027-02-26"),
            ("on March 8", "2027-03-08"),
            ("on Friday", "2027-02-26"),
            ("on Wednesday", "2027-02-24"),
            ("a day later", "2027-02-25"),
            ("on June 12", "2027-06-12"),
            ("two days after the vote", "2027-06-14"),
            ("by April 20", "2027-04-20"),
            ("a week before the deadline", "2027-04-13"),
            ("the day before the decree was signed", "2027-02-23"),
            ("last week", "2027-02-15/2027-02-21"),
            ("the 2006 vote", "2006"),
            ("this week", "2027-02-22/2027-02-28"),
            ("the week after the Cairo meeting", "2027-03-15/2027-03-21"),
            ("the 2006 elections", "2006"),
            ("June 2007", "2007-06"),
        ],
    ),
]

NEGATED = [
    # charges against the 14 released men
    ("ho19-release.txt", "none of the 14 men had been charged with a crime"),
    # a lawyer's visit to the man detained on January 5
    ("ho19-release.txt", "had not seen a lawyer since"),
    # the re-arrest in Tulkarm (Mansour's accusation)
    ("ho19-release.txt", "Qasem denied the re-arrest"),
    # a phone call from Ramallah; Gaza stopping the commission's staff
    ("ho19-qa.txt", "Nobody in Ramallah phoned me in Gaza"),
    ("ho19-qa.txt", "nobody in Gaza stopped our staff from working"),
    # a charge against the clerk
    ("ho19-qa.txt", "He was not charged"),
    # the ambush the Al-Quds Brigades claimed
    ("ho19-balata.txt", "denied that any convoy had been ambushed"),
    # live fire into the camp
    ("ho19-balata.txt", "We did not fire a single live round into the camp"),
    # mistreatment of Odeh in custody
    ("ho19-balata.txt", "He denied that Odeh had been mistreated"),
    # arrests during the clashes
    ("ho19-balata.txt", "No arrests were made during the clashes"),
    # a date for a presidential vote
    ("ho19-decree.txt", "Abbas did not set a date for a presidential vote"),
    # the blocking of commission staff in Rafah (Nadir's accusation)
    ("ho19-decree.txt", "Hamas denied blocking anyone"),
    # an Islamic Jihad delegation to Cairo
    ("ho19-decree.txt", "did not send a delegation to Cairo this week"),
]

ANCHORED = [
    ("ho19-release.txt", "on the same day", "2027-01-20"),  # the day of the releases, Wednesday
    ("ho19-release.txt", "hours after the statement was issued", "2027-01-21"),  # the Thursday statement
    ("ho19-release.txt", "May of that year", "2021-05"),  # the year of "in 2021"
    ("ho19-qa.txt", "the day before", "2027-01-29"),  # before the Saturday interview
    ("ho19-qa.txt", "the same night", "2027-01-27"),  # the Wednesday questioning
    ("ho19-qa.txt", "the next morning", "2027-01-28"),  # after the Wednesday night release
    ("ho19-qa.txt", "April of that year", "2021-04"),  # the year of "January 2021"
    ("ho19-qa.txt", "the following week", "2027-02-15/2027-02-21"),  # the week after February 8
    ("ho19-balata.txt", "the following day", "2027-02-09"),  # after the Monday detention
    ("ho19-balata.txt", "in July", "2023-07"),  # the year of "In 2023"
    ("ho19-balata.txt", "later that year", "2023"),  # the year of "In 2023"
    ("ho19-decree.txt", "a day later", "2027-02-25"),  # after the Wednesday signing
    ("ho19-decree.txt", "two days after the vote", "2027-06-14"),  # the vote on June 12
    ("ho19-decree.txt", "a week before the deadline", "2027-04-13"),  # the deadline "by April 20"
    ("ho19-decree.txt", "the day before the decree was signed", "2027-02-23"),  # the Wednesday signing
    ("ho19-decree.txt", "the week after the Cairo meeting", "2027-03-15/2027-03-21"),  # the meeting of March 8
]
