"""Round 18 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

DIPLOMAT = {"name:a diplomat who attended the Cairo round", "name:a diplomat", "name:the diplomat"}
KHOURY = {"name:Samira Khoury", "name:Khoury", "name:KHOURY"}
ZAKI = {"name:Ahmad Zaki", "name:Zaki", "name:The political officer", "name:the political officer"}
PA_OFFICIAL = {
    "pa-government",
    "name:A senior official in the Palestinian Authority's interior ministry",
    "name:A senior official",
    "name:a senior official",
    "name:the official",
    "name:The ministry official",
    "name:the ministry official",
}
MOUSA = {
    "name:Khaled Mousa",
    "name:Mousa",
    "name:The district governor",
    "name:the district governor",
    "name:the governor",
}
SPOKESMAN = {"name:A security spokesman", "name:a security spokesman", "name:the spokesman"}
SALEM = {"name:Huda Salem", "name:Salem", "name:The committee member", "name:the committee member"}

GOLD = [
    Gold(
        "ho18-unity.txt",
        dt.date(2026, 12, 16),  # Wednesday
        "Northgate Agency",
        "held-out",
        events=[
            ("2026-12-15", "met for five hours in Doha on Tuesday", "occurred"),
            ("2027-01-05", "The delegations will reconvene on January 5", "planned"),
            # Nadir's accusation; "Hamas denied the arrest"
            (
                "2026-12-15",
                "arresting a Fatah youth leader in Gaza City hours after the Doha session ended",
                "reported",
            ),
            ("2026-11-19", "the talks collapsed in Cairo on November 19", "occurred"),
            ("2026-11-17", "the mediators had circulated a draft on a joint electoral commission", "occurred"),
            ("2026-12-14", "sent an observer to Doha on Monday", "occurred"),
            ("2027-01", "will send a deputy intelligence chief in January", "planned"),
            ("2023-03", "last agreed on a common text in Algiers in March 2023", "occurred"),
            ("2023-06", "both named delegates to a follow-up committee that never met", "occurred"),
            (
                "2027-01",
                "A third session, with Palestinian Islamic Jihad invited, is planned for later in January",
                "planned",
            ),
        ],
        quotes=[
            # "told Qatar's state news agency QNA, in remarks carried by the Levant Ledger": told, then a dropped via
            ("The two delegations listened to each other, which has not happened for some time", {"mansour"}, ["told"]),
            ("Listening is where agreements begin", {"mansour"}, ["told"]),
            ("go nowhere", {"nadir"}, []),
            ("No one in Gaza has been detained for his politics", {"hamas"}, ["in a statement", "relayed by"]),
            # "The spokesman added" = Karim Nadir
            ("will not bargain over people", {"nadir"}, ["published by"]),
            ("Nobody wanted to be the first to sign it", DIPLOMAT, []),
            ("So nobody signed", DIPLOMAT, []),
            # conditional: no event
            ("If there is a name, give us the name, and we will look into it tonight", {"mansour"}, []),
        ],
        dates=[
            ("Dec 16", "2026-12-16"),
            ("on Tuesday", "2026-12-15"),
            ("in November", "2026-11"),
            ("on January 5", "2027-01-05"),
            ("hours after the Doha session ended", "2026-12-15"),
            ("on Wednesday", "2026-12-16"),
            ("November 19", "2026-11-19"),
            ("Two days before the collapse", "2026-11-17"),
            ("on Monday", "2026-12-14"),
            ("in January", "2027-01"),
            ("March 2023", "2023-03"),
            ("June of that year", "2023-06"),
            ("later in January", "2027-01"),
        ],
    ),
    Gold(
        "ho18-interview.txt",
        dt.date(2026, 12, 21),  # Monday
        "Levant Ledger",
        "held-out",
        events=[
            ("2026-12-19", "We spoke to her in Ramallah on Saturday", "occurred"),
            ("2026-12-17", "she had returned from the Doha talks two days earlier", "occurred"),
            ("2026-12-14", "We landed in Doha on December 14", "occurred"),
            ("2026-12-15", "the next morning we sat across from the Hamas delegation for five hours", "occurred"),
            # Khoury's claim against Hamas's denial (carried by the question)
            ("2026-12-15", "was taken from his home in Gaza City on Tuesday night", "reported"),
            ("2026-12-17", "He was released on Thursday", "occurred"),
            ("2022-10-12", "We signed there on October 12, 2022", "occurred"),
            ("2022-10-26", "A fortnight later the first meeting of the follow-up committee was cancelled", "occurred"),
            ("2027-01-05", "We go back to Doha on January 5", "planned"),
            ("2026-12-23", "I will meet President Abbas in Ramallah on Wednesday", "planned"),
        ],
        # "LEVANT LEDGER:" / "KHOURY:" labels; answers are Khoury's direct quotes, chain empty.
        quotes=[
            (
                "We landed in Doha on December 14, and the next morning we sat across from the Hamas delegation",
                KHOURY,
                [],
            ),
            ("Nobody shouted", KHOURY, []),
            ("A young man from our youth office was taken from his home in Gaza City on Tuesday night", KHOURY, []),
            ("He was released on Thursday", KHOURY, []),
            ("I called his mother myself", KHOURY, []),
            # the question carries Mansour's word ("told reporters")
            ("a beginning", {"mansour"}, ["told"]),
            ("A beginning is what we called Algiers too", KHOURY, []),
            ("We signed there on October 12, 2022", KHOURY, []),
            ("A fortnight later the first meeting of the follow-up committee was cancelled", KHOURY, []),
            ("Because the people are tired of us", KHOURY, []),
            ("We go back to Doha on January 5", KHOURY, []),
            ("If they refuse, we will publish our draft so people can judge for themselves", KHOURY, []),
            ("I am stubborn, which is more useful", KHOURY, []),
        ],
        dates=[
            ("Dec 21", "2026-12-21"),
            ("since 2017", "2017"),
            ("on Saturday", "2026-12-19"),
            ("two days earlier", "2026-12-17"),
            ("December 15", "2026-12-15"),
            ("December 14", "2026-12-14"),
            ("the next morning", "2026-12-15"),
            ("on Tuesday night", "2026-12-15"),
            ("on Thursday", "2026-12-17"),
            ("last week", "2026-12-14/2026-12-20"),
            ("October 12, 2022", "2022-10-12"),
            ("A fortnight later", "2022-10-26"),
            ("on January 5", "2027-01-05"),
            ("on Wednesday", "2026-12-23"),
        ],
    ),
    Gold(
        "ho18-joint.txt",
        dt.date(2027, 1, 7),  # Thursday
        "Harbour Post",
        "held-out",
        events=[
            ("2027-01-06", "said in a joint statement on Wednesday", "occurred"),
            ("2027-01-04", "The delegations arrived in Doha on Monday", "occurred"),
            ("2027-01-05", "the text was agreed a day later", "occurred"),
            ("2027-01-20", "The committee will meet for the first time on January 20", "planned"),
            # Mansour's accusation
            ("2027-01-05", "arresting two Hamas candidates in Nablus on Tuesday", "reported"),
            ("2027-02", "expected to issue a decree setting an election date before the end of February", "planned"),
            ("2027-03", "Doha would host a follow-up meeting in March", "planned"),
        ],
        quotes=[
            (
                "The movements agree that the ballot box, and only the ballot box, decides who governs",
                {"hamas", "fatah", "pij"},
                ["in a statement"],
            ),
            # he said / she said: Nadir (he) and Mansour (she), named only in the paragraph before
            ("We have written down what we used to only say", {"nadir"}, []),
            ("Now we have to do it", {"mansour"}, []),
            ("The committee will meet for the first time on January 20", {"nadir"}, []),
            ("And it will meet in Gaza", {"mansour"}, []),
            ("not in a hotel", {"mansour"}, []),
            ("signed every word", ZAKI, ["told"]),
            # the unnamed interior-ministry official, later "the official" / "The ministry official"
            ("We read about this committee on the news like everyone else", PA_OFFICIAL, []),
            ("Elections without rolls are a poster, not a vote", PA_OFFICIAL, []),
        ],
        dates=[
            ("Jan 7", "2027-01-07"),
            ("on Wednesday", "2027-01-06"),
            ("October 2022", "2022-10"),
            ("on Monday", "2027-01-04"),
            ("a day later", "2027-01-05"),
            ("on January 20", "2027-01-20"),
            ("on Tuesday", "2027-01-05"),
            ("since 2021", "2021"),
            ("the end of February", "2027-02"),
            ("on Thursday", "2027-01-07"),
            ("in March", "2027-03"),
        ],
    ),
    Gold(
        "ho18-clashes.txt",
        dt.date(2027, 1, 16),  # Saturday
        "Eastwire",
        "held-out",
        events=[
            # casualties, no named faction ("armed men", "security forces")
            (
                "2027-01-14",
                "At least seven people were killed and 30 wounded in clashes between armed men and security forces",
                "occurred",
            ),
            ("2027-01-14", "The station was hit by mortar rounds before dawn on Thursday", "occurred"),
            ("2027-01-15", "police pulled back from the camp's main road", "occurred"),
            ("2027-01-15", "ambulances were able to reach the wounded for the first time", "occurred"),
            # residents' accusation
            ("2027-01-13", "cutting the water supply to the camp on Wednesday", "reported"),
            ("2027-01-16", "The funerals of five of the dead are to be held on Saturday", "planned"),
            ("2027-01-18", "will visit the camp on Monday", "planned"),
            ("2024-04", "a raid left 11 dead in April", "occurred"),
            ("2024-06", "the camp's committee signed a truce with the governor's office", "occurred"),
        ],
        quotes=[
            ("criminal gangs", MOUSA, []),
            ("will not be held hostage by a few rifles.", MOUSA, []),
            # conditional inside the quote: no gold event
            ("If the men hand in their weapons by Sunday, nobody will be arrested", MOUSA, ["told"]),
            ("After that, we will go in.", MOUSA, ["told"]),
            ("There are no snipers on the roofs of Nur Shams", SPOKESMAN, []),
            ("There are only frightened people", SPOKESMAN, []),
            ("Nobody here asked for this war", SALEM, []),
            ("We asked for water", SALEM, []),
        ],
        dates=[
            ("Jan 16", "2027-01-16"),
            ("on Thursday", "2027-01-14"),
            ("hours after the shelling", "2027-01-14"),
            ("before dawn on Thursday", "2027-01-14"),
            ("by Sunday", "2027-01-17"),
            ("on Friday", "2027-01-15"),
            ("Two days before the deadline", "2027-01-15"),
            ("on Wednesday", "2027-01-13"),
            ("on Saturday", "2027-01-16"),
            ("on Monday", "2027-01-18"),
            ("in 2024", "2024"),
            ("in April", "2024-04"),
            ("June of that year", "2024-06"),
            ("on Friday night", "2027-01-15"),
        ],
    ),
]

NEGATED = [
    # the arrest of the Fatah youth leader (Nadir's accusation)
    ("ho18-unity.txt", "Hamas denied the arrest"),
    # a request for the voter rolls
    ("ho18-joint.txt", "the ministry had received no request for the voter rolls"),
    # an update of the rolls since 2021
    ("ho18-joint.txt", "the rolls had not been updated since 2021"),
    # a claim of the mortar attack
    ("ho18-clashes.txt", "No group has claimed the attack"),
    # security forces firing on homes
    ("ho18-clashes.txt", "He denied that his forces had fired on homes in the camp"),
    # ambulances turned back at checkpoints
    ("ho18-clashes.txt", "reports that ambulances had been turned back at checkpoints were false"),
    # snipers on the roofs
    ("ho18-clashes.txt", "There are no snipers on the roofs of Nur Shams"),
]

ANCHORED = [
    ("ho18-unity.txt", "hours after the Doha session ended", "2026-12-15"),  # the Tuesday session
    ("ho18-unity.txt", "Two days before the collapse", "2026-11-17"),  # the collapse of November 19
    ("ho18-unity.txt", "June of that year", "2023-06"),  # the year of "March 2023"
    ("ho18-interview.txt", "two days earlier", "2026-12-17"),  # before the Saturday interview
    ("ho18-interview.txt", "the next morning", "2026-12-15"),  # after December 14
    ("ho18-interview.txt", "A fortnight later", "2022-10-26"),  # after October 12, 2022
    ("ho18-joint.txt", "a day later", "2027-01-05"),  # after the Monday arrival
    ("ho18-clashes.txt", "hours after the shelling", "2027-01-14"),  # the shelling before dawn on Thursday
    ("ho18-clashes.txt", "Two days before the deadline", "2027-01-15"),  # the deadline "by Sunday" (Jan 17)
    ("ho18-clashes.txt", "in April", "2024-04"),  # the year of "in 2024"
    ("ho18-clashes.txt", "June of that year", "2024-06"),  # the year of "in 2024"
]
