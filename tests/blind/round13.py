"""Round 13 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

GOLD = [
    Gold(
        "ho13-unity.txt",
        dt.date(2026, 2, 12),  # Thursday
        "Harbour Post",
        "held-out",
        events=[
            ("2026-02-10", "received delegations from Hamas, Fatah and Palestinian Islamic Jihad", "occurred"),
            ("2026-02-09", "The delegations arrived on Monday", "occurred"),
            ("2026-02-10", "the consultations ran late into the night on Tuesday", "occurred"),
            ("2026-02-11", "A closing session was held the following morning", "occurred"),
            ("2026-01", "paid only a third of Gaza's civil servants in January", "occurred"),
            ("2026-01", "detaining two of its commanders in Rafah last month", "reported"),
            ("2026-02-10", "raised the matter with the Russian side on Tuesday", "occurred"),
            ("2026-02-11", "issued a short communique on Wednesday", "occurred"),
            ("2019-01", "first gathered the factions in January 2019", "occurred"),
            ("2019-06", "tried again in June of the same year", "occurred"),
            ("2026-04", "due to return to Moscow in April", "planned"),
            ("2026-02-16/2026-02-22", "travel to Cairo next week", "planned"),
        ],
        quotes=[
            ("Moscow is not competing with Cairo or Doha", {"bogdanov"}, ["told"]),
            ("We are offering a room, not a plan", {"bogdanov"}, ["told"]),
            ("listen more than speak", {"abu-marzouk"}, []),
            ("If the committee asks for it, we will not object", {"abu-marzouk"}, ["told"]),
            ("If Moscow asks for it, we will think", {"abu-marzouk"}, ["told"]),
            ("outside money", {"zomlot"}, []),
            # "The ambassador" refers back to Hossam Zomlot
            ("a scandal, not a detail", {"zomlot"}, []),
            (
                "The participants confirmed their commitment to the unity of Palestinian land and people",
                {
                    "russia",
                    "name:the Russian foreign ministry",
                    "name:The Russian foreign ministry",
                    "name:the communique",
                },
                ["in a statement"],
            ),
            (
                "In the autumn, these people would not share a lift",
                {"name:A European diplomat", "name:a European diplomat", "name:A European diplomat in Moscow"},
                [],
            ),
            # "the deputy minister" refers back to Mikhail Bogdanov
            ("The door stays open", {"bogdanov"}, []),
            ("Whether anyone walks through it is not up to us", {"bogdanov"}, []),
        ],
        dates=[
            ("on Tuesday", "2026-02-10"),
            ("February 2024", "2024-02"),
            ("on Monday", "2026-02-09"),
            ("the following morning", "2026-02-11"),
            ("in January", "2026-01"),
            ("last month", "2026-01"),
            ("on Wednesday", "2026-02-11"),
            ("In the autumn", "2025-09/2025-11"),
            ("January 2019", "2019-01"),
            ("June of the same year", "2019-06"),
            ("in April", "2026-04"),
            ("next week", "2026-02-16/2026-02-22"),
        ],
    ),
    Gold(
        "ho13-interview.txt",
        dt.date(2026, 3, 2),  # Monday
        "Levant Ledger",
        "held-out",
        events=[
            ("2025-09/2025-11", "sat in on the Doha talks as Palestinian Islamic Jihad's observer", "occurred"),
            ("2026-02", "Last month she was appointed legal adviser", "occurred"),
            ("2026-01-20", "detained two of your commanders in Rafah on January 20", "occurred"),
            ("2026-01-22", "They were released two days later", "occurred"),
            ("2026-03", "The next round there is planned for mid-March", "planned"),
            ("2026-03-04", "due in Cairo on Wednesday", "planned"),
        ],
        # Q&A with bold questions: the answers have no quotation marks; each is a direct quote of Qudsi, unchained.
        quotes=[
            ("Not at the table", {"name:Salma Qudsi"}, []),
            (
                "An observer is the only person in the room whom everybody can talk to, because she cannot vote",
                {"name:Salma Qudsi"},
                [],
            ),
            ("Because a seat is politics and an adviser is law", {"name:Salma Qudsi"}, []),
            ("They were released two days later", {"name:Salma Qudsi"}, []),
            ("Pay people", {"name:Salma Qudsi"}, []),
            (
                "If the March salaries are late too, the committee will lose the street before it has found it",
                {"name:Salma Qudsi"},
                [],
            ),
            ("I believe he is tired", {"name:Salma Qudsi"}, []),
            ("If I am invited, I will go", {"name:Salma Qudsi"}, []),
        ],
        dates=[
            ("the autumn of 2025", "2025-09/2025-11"),
            ("Last month", "2026-02"),
            ("on Thursday", "2026-02-26"),
            ("in October", "2025-10"),
            ("January 20", "2026-01-20"),
            ("two days later", "2026-01-22"),
            ("on Friday", "2026-02-27"),
            ("last week", "2026-02-23/2026-03-01"),
            ("the end of March", "2026-03"),
            ("mid-March", "2026-03"),
            ("on Wednesday", "2026-03-04"),
        ],
    ),
    Gold(
        "ho13-joint.txt",
        dt.date(2026, 3, 14),  # Saturday
        "Eastwire",
        "held-out",
        events=[
            ("2026-03-13", "agreed on Friday to pay the salaries", "occurred"),
            ("2026-03-14", "said in a joint statement issued in the early hours of Saturday", "occurred"),
            ("2026-03-18", "The account will be opened on March 18", "planned"),
            ("2026-03-20", "the first payments are to follow two days after that", "planned"),
            ("2026-03-11", "The talks had been suspended on Wednesday", "occurred"),
            ("2026-03-12", "resumed the next day", "occurred"),
            ("2026-03-10", "arresting the official, a former mayor, on Tuesday night", "reported"),
            ("2026-03-12", "The former mayor was freed on Thursday", "reported"),
            ("2025-12", "first been raised by Egypt in Cairo in December", "occurred"),
            ("2026-03-28", "meet again in Doha on March 28", "planned"),
        ],
        quotes=[
            (
                "No movement will collect taxes or fees in Gaza on its own account from the first of April",
                {"hamas", "fatah", "pij"},
                ["in a statement"],
            ),
            (
                "Any movement that breaks this rule will answer to the other two, and to the people",
                {"hamas", "fatah", "pij"},
                ["in a statement"],
            ),
            # the he said / she said passage: Abu Marzouk (he) and Rana Khatib (she) alternate
            ("We have put our money where our statements are", {"abu-marzouk"}, []),
            ("For once", {"name:Rana Khatib"}, []),
            ("Let us see if the money arrives", {"name:Rana Khatib"}, []),
            ("It will arrive if Ramallah releases its share", {"abu-marzouk"}, []),
            ("Ramallah has already released it", {"name:Rana Khatib"}, []),
            ("Ask the bank", {"name:Rana Khatib"}, []),
            # "The spokeswoman" refers back to Rana Khatib
            ("a test the agreement has passed", {"name:Rana Khatib"}, []),
            ("a bank that fears everyone except the people it should serve", {"pij"}, []),
            (
                "We only found the bank",
                {
                    "qatar",
                    "name:A Qatari official",
                    "name:a Qatari official",
                    "name:A Qatari official involved in the talks",
                    "name:the official",
                },
                [],
            ),
        ],
        dates=[
            ("March 14", "2026-03-14"),
            ("on Friday", "2026-03-13"),
            ("the early hours of Saturday", "2026-03-14"),
            ("the first of April", "2026-04-01"),
            ("March 18", "2026-03-18"),
            ("two days after that", "2026-03-20"),
            ("on Wednesday", "2026-03-11"),
            ("the next day", "2026-03-12"),
            ("on Tuesday night", "2026-03-10"),
            ("on Thursday", "2026-03-12"),
            ("in December", "2025-12"),
            ("March 28", "2026-03-28"),
        ],
    ),
    Gold(
        "ho13-clashes.txt",
        dt.date(2026, 3, 26),  # Thursday
        "Northgate Agency",
        "held-out",
        events=[
            # casualties with no named faction: "armed families"
            ("2026-03-24", "in Khan Younis on Tuesday killed at least 12 people", "occurred"),
            ("2026-01", "took office in January", "occurred"),
            # the shelling happened; Islamic Jihad carrying it out did not (see NEGATED)
            ("2026-03-24", "mortar shells landed near the committee's offices", "occurred"),
            ("2026-03-24", "Police sealed off the city centre hours after the shelling", "occurred"),
            ("2026-02", "smuggling mortar rounds into Khan Younis last month", "reported"),
            ("2026-03-25", "The committee said in a statement on Wednesday", "occurred"),
            ("2026-03-25", "visited the damaged offices on Wednesday", "occurred"),
            ("2026-03-25", "took hold on Wednesday evening", "occurred"),
            ("2026-03-30/2026-04-05", "due to return to Khan Younis next week", "planned"),
        ],
        quotes=[
            ("a cheap way of hiding a police failure", {"pij"}, []),
            ("No one is negotiating with the families, and no one will", {"name:Ayman Sabbah"}, ["told"]),
            ("If they lay down their weapons, the courts will do the rest", {"name:Ayman Sabbah"}, ["told"]),
            (
                "The committee belongs to no family and no faction",
                {"name:the committee", "name:The committee"},
                ["in a statement"],
            ),
            # "the chairman" refers back to Adnan Shurrab
            ("I was a judge for thirty years", {"name:Adnan Shurrab"}, []),
            ("I have seen worse buildings and better men", {"name:Adnan Shurrab"}, []),
            (
                "People are more afraid of their neighbours than of the drones",
                {"name:one aid worker", "name:one aid worker in the city"},
                [],
            ),
        ],
        dates=[
            ("March 26", "2026-03-26"),
            ("on Tuesday", "2026-03-24"),
            ("in January", "2026-01"),
            ("Later on Tuesday", "2026-03-24"),
            ("hours after the shelling", "2026-03-24"),
            ("last month", "2026-02"),
            ("on Wednesday", "2026-03-25"),
            ("on Wednesday evening", "2026-03-25"),
            ("next week", "2026-03-30/2026-04-05"),
        ],
    ),
]

NEGATED = [
    # Islamic Jihad shelling the committee's offices (it denied any role); the shelling itself is in GOLD
    ("ho13-clashes.txt", "Islamic Jihad denied any role in it"),
    # Rana Khatib travelling to Khan Younis on Wednesday to mediate (reports dismissed as untrue)
    ("ho13-clashes.txt", "she had travelled to Khan Younis on Wednesday to mediate between the families"),
    # negotiations with the families
    ("ho13-clashes.txt", "No one is negotiating with the families, and no one will"),
    # casualties at the committee's offices
    ("ho13-clashes.txt", "damaging the building but causing no casualties"),
    # payment of February's salaries on Friday Feb 27
    ("ho13-interview.txt", "The salaries for February were due on Friday and were not paid"),
    # PIJ sitting on the committee ("we would not sit on the committee, and we have not")
    ("ho13-interview.txt", "we would not sit on the committee, and we have not"),
]

ANCHORED = [
    ("ho13-unity.txt", "the following morning", "2026-02-11"),  # after the Tuesday night session, Feb 10
    ("ho13-unity.txt", "June of the same year", "2019-06"),  # the year of "January 2019"
    ("ho13-interview.txt", "two days later", "2026-01-22"),  # after the detention on January 20
    ("ho13-joint.txt", "two days after that", "2026-03-20"),  # after the account opens on March 18
    ("ho13-joint.txt", "the next day", "2026-03-12"),  # after the suspension on Wednesday Mar 11
    ("ho13-clashes.txt", "hours after the shelling", "2026-03-24"),  # the shelling, later on Tuesday
]
