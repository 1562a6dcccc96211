"""Round 12 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

GOLD = [
    Gold(
        "ho12-unity.txt",
        dt.date(2025, 12, 11),  # Thursday
        "Northgate Agency",
        "held-out",
        events=[
            ("2025-12-09", "handed Hamas and Fatah a revised draft", "occurred"),
            ("2025-12-10", "sat down to discuss it in Cairo a day later", "occurred"),
            ("2025-11", "its members were named in mid-November", "occurred"),
            ("2025-11", "asked for the talks to be postponed in late November", "occurred"),
            ("2025-12-08", "In a statement on Monday", "occurred"),
            ("2025-12", "arresting eleven of its members in Nablus earlier this month", "reported"),
            ("2017-03/2017-05", "first floated it in the spring of 2017", "occurred"),
            ("2017-11", "dropped it in November of that year", "occurred"),
            ("2017-11", "signed an accord in Cairo without it", "occurred"),
            ("2025-12-14", "promised an answer by Sunday", "planned"),
            ("2025-12-17", "due to meet on December 17", "planned"),
            ("2025-12-20", "announce a chairman three days later", "planned"),
        ],
        quotes=[
            ("This is the first text in months that neither of us wrote", {"mansour"}, ["told"]),
            ("That may be why it has a chance", {"mansour"}, ["told"]),
            (
                "If the lot is drawn in public and the three names are really agreed, we can accept it",
                {"nadir"},
                ["told"],
            ),
            ("If not, we are back where we were in the summer", {"nadir"}, ["told"]),
            ("sat on the last proposal for three weeks", {"nadir"}, []),
            ("a tired story", {"mansour"}, []),
            ("Arrests in Nablus and handshakes in Cairo cannot go together", {"hamas"}, ["in a statement"]),
            # "the spokesman" refers back to Fatah spokesman Karim Nadir (not to Hamas, the last issuer named)
            ("We are not changing horses in the middle of the river", {"nadir"}, []),
            (
                "a way of letting both sides lose a little, and nobody lose a lot",
                {
                    "name:One Western diplomat",
                    "name:one Western diplomat",
                    "name:One Western diplomat who follows the talks",
                    "name:a Western diplomat",
                },
                [],
            ),
            ("Both delegations have promised an answer by Sunday", {"egypt", "name:an Egyptian official"}, ["told"]),
        ],
        dates=[
            ("Dec 11", "2025-12-11"),
            ("on Tuesday", "2025-12-09"),
            ("a day later", "2025-12-10"),
            ("mid-November", "2025-11"),
            ("on Wednesday", "2025-12-10"),
            ("the summer", "2025-06/2025-08"),
            ("late November", "2025-11"),
            ("on Monday", "2025-12-08"),
            ("earlier this month", "2025-12"),
            ("the spring of 2017", "2017-03/2017-05"),
            ("November of that year", "2017-11"),
            ("by Sunday", "2025-12-14"),
            ("December 17", "2025-12-17"),
            ("three days later", "2025-12-20"),
        ],
    ),
    Gold(
        "ho12-interview.txt",
        dt.date(2025, 12, 15),  # Monday
        "Harbour Post",
        "held-out",
        events=[
            ("2025-12-12", "agreed on Friday on the three names", "occurred"),
            ("2025-11", "Fatah delayed the talks in November", "reported"),
            ("2025-10", "kept the previous proposal for three weeks in October", "occurred"),
            ("2025-12-11", "statement on Thursday accused Hamas", "occurred"),
            ("2025-12-20", "On Saturday, in public, at the Egyptian foreign ministry", "planned"),
            ("2025-12-14", "Qasem left for Ramallah on Sunday", "occurred"),
            ("2025-12-22/2025-12-28", "due to discuss the outcome of the round next week", "planned"),
        ],
        # Q&A: the answers have no quotation marks; each is a direct quote of the interviewee, unchained.
        # The questions are the Harbour Post's, not Qasem's words (except the phrase he is quoted as having said).
        quotes=[
            ("a gamble with Gaza", {"name:Ibrahim Qasem"}, []),
            ("The names changed", {"name:Ibrahim Qasem"}, []),
            ("Now every name on it is a name we proposed or accepted", {"name:Ibrahim Qasem"}, []),
            ("We asked for one week, and we said why", {"name:Ibrahim Qasem"}, []),
            ("I stand by every word", {"name:Ibrahim Qasem"}, []),
            (
                "If the files are handed over before the chairman is drawn, we will withdraw that statement ourselves",
                {"name:Ibrahim Qasem"},
                [],
            ),
            ("The Egyptians wanted a closed room", {"name:Ibrahim Qasem"}, []),
            ("Then I will congratulate him and go home", {"name:Ibrahim Qasem"}, []),
            ("Only if the Central Committee sends me", {"name:Ibrahim Qasem"}, []),
        ],
        dates=[
            ("on Friday", "2025-12-12"),
            ("a day later", "2025-12-13"),
            ("Last month", "2025-11"),
            ("in November", "2025-11"),
            ("in October", "2025-10"),
            ("on Thursday", "2025-12-11"),
            ("December 1", "2025-12-01"),
            ("On Saturday", "2025-12-20"),  # the coming Saturday (the lot is still to be drawn)
            ("on Sunday", "2025-12-14"),
            ("next week", "2025-12-22/2025-12-28"),
        ],
    ),
    Gold(
        "ho12-joint.txt",
        dt.date(2025, 12, 23),  # Tuesday
        "Levant Ledger",
        "held-out",
        events=[
            ("2025-12-21", "said in a joint statement on Sunday", "occurred"),
            ("2025-12-20", "drawn by lot in Cairo the day before", "occurred"),
            ("2026-01-05", "expected to take office on January 5", "planned"),
            ("2025-12-22", "said on Monday that it welcomed the statement", "occurred"),
            ("2026-01-01/2026-01-07", "The files will be handed over in the first week of January", "planned"),
            ("2025-12", "the arrests in Nablus earlier this month", "occurred"),
            (
                "2026-01-12",
                "hold its first full session in Gaza City a week after the chairman takes office",
                "planned",
            ),
        ],
        quotes=[
            ("full and equal support", {"hamas", "fatah"}, ["in a statement"]),
            (
                "The two movements will not interfere in the committee's appointments",
                {"hamas", "fatah"},
                ["in a statement"],
            ),
            (
                "Whoever tries to drag the committee into factional quarrels will find both movements against him",
                {"hamas", "fatah"},
                ["in a statement"],
            ),
            ("as long as the committee stays out of the question of weapons", {"pij"}, []),
            # the he said / she said passage: Nadir (he) and Mansour (she) alternate
            ("It means the quarrel now has an address", {"nadir"}, []),
            ("The files will be handed over in the first week of January", {"mansour"}, []),
            ("We have said so in writing", {"mansour"}, []),
            ("In writing is good", {"nadir"}, []),
            ("In practice is better", {"nadir"}, []),
            ("Then come to Gaza and count them with us", {"mansour"}, []),
            ("the least bad way", {"nadir"}, []),
            (
                "Ten days ago they would not sit in the same car",
                {
                    "egypt",
                    "name:One Egyptian diplomat",
                    "name:one Egyptian diplomat",
                    "name:One Egyptian diplomat who attended the draw",
                    "name:the diplomat",
                },
                [],
            ),
        ],
        dates=[
            ("on Sunday", "2025-12-21"),
            ("the day before", "2025-12-20"),
            ("January 5", "2026-01-05"),
            ("on Monday", "2025-12-22"),
            ("the first week of January", "2026-01-01/2026-01-07"),
            ("earlier this month", "2025-12"),
            ("Ten days ago", "2025-12-13"),
            ("a week after the chairman takes office", "2026-01-12"),
        ],
    ),
    Gold(
        "ho12-clashes.txt",
        dt.date(2026, 1, 14),  # Wednesday
        "Eastwire",
        "held-out",
        events=[
            # casualties with no named faction: gunmen and security forces
            ("2026-01-12", "in Jenin on Monday killed at least 19 people", "occurred"),
            ("2026-01-05/2026-01-11", "took office last week", "occurred"),
            # the strike happened; Hamas carrying it out did not (see NEGATED)
            ("2026-01-12", "a drone carrying explosives struck a security post", "occurred"),
            ("2026-01", "arresting 27 of the movement's supporters in Jenin earlier this month", "reported"),
            ("2026-01-12", "officers tried to detain two more on Monday morning", "reported"),
            ("2026-01-12", "arrested three men in the camp hours after the strike", "occurred"),
            ("2026-01-13", "imposed a curfew on the camp", "occurred"),
            ("2026-01-13", "called on both movements on Tuesday", "occurred"),
            ("2026-01-18", "due to meet both delegations in Cairo on Sunday", "planned"),
        ],
        quotes=[
            ("We have no drones in Jenin and no interest in burning the Cairo agreement", {"name:Fadi Nassar"}, []),
            ("There are no negotiations with people who fire on our officers", {"nadir"}, []),
            ("If Hamas hands over those responsible, we can talk about everything else", {"nadir"}, []),
            (
                "The camp is quiet, but it is the quiet of people reloading",
                {"pa-government", "name:a Palestinian security official"},
                [],
            ),
            ("protect what was signed in Cairo", {"egypt", "name:the foreign ministry"}, ["in a statement"]),
        ],
        dates=[
            ("Jan 14", "2026-01-14"),
            ("on Monday", "2026-01-12"),
            ("last week", "2026-01-05/2026-01-11"),
            ("Later that day", "2026-01-12"),
            ("on Tuesday", "2026-01-13"),
            ("earlier this month", "2026-01"),
            ("on Monday morning", "2026-01-12"),
            ("hours after the strike", "2026-01-12"),
            ("A day later", "2026-01-13"),
            ("on Wednesday morning", "2026-01-14"),
            ("on Sunday", "2026-01-18"),
        ],
    ),
]

NEGATED = [
    # Hamas carrying out the drone strike (it denied it); the strike itself is in GOLD
    ("ho12-clashes.txt", "Hamas denied carrying out the strike"),
    # Nadir meeting Hamas officials in Nablus on Tuesday (he called the reports false)
    ("ho12-clashes.txt", "he had met Hamas officials in Nablus on Tuesday to arrange a truce were false"),
    # negotiations between Fatah and Hamas over the clashes
    ("ho12-clashes.txt", "There are no negotiations with people who fire on our officers"),
    # the handover of the ministries' records on December 1 ("and they did not")
    ("ho12-interview.txt", "supposed to hand over their records on December 1, and they did not"),
]

ANCHORED = [
    ("ho12-unity.txt", "a day later", "2025-12-10"),  # after the draft handed over on Tuesday Dec 9
    ("ho12-unity.txt", "November of that year", "2017-11"),  # the year of "the spring of 2017"
    ("ho12-unity.txt", "three days later", "2025-12-20"),  # after the members' meeting on December 17
    ("ho12-interview.txt", "a day later", "2025-12-13"),  # after the agreement on Friday Dec 12
    ("ho12-joint.txt", "the day before", "2025-12-20"),  # before the statement on Sunday Dec 21
    ("ho12-joint.txt", "a week after the chairman takes office", "2026-01-12"),  # January 5 + 7 days
    ("ho12-clashes.txt", "Later that day", "2026-01-12"),  # the day of the clashes, Monday
    ("ho12-clashes.txt", "hours after the strike", "2026-01-12"),  # the strike, Monday
    ("ho12-clashes.txt", "A day later", "2026-01-13"),  # the day after the arrests/strike
]
