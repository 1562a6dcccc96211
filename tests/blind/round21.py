"""Round 21 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

HADDAD = {"name:Salma Haddad", "name:Haddad"}
EGYPT_PA = {"egypt", "pa-government", "name:Egypt and the Palestinian government", "name:the two sides"}
EGYPT_SPOKESMAN = {
    "egypt",
    "name:an Egyptian foreign ministry spokesman",
    "name:An Egyptian foreign ministry spokesman",
    "name:the spokesman",
}
AFIFI = {"pa-government", "name:Jamal Afifi", "name:Afifi"}
ARMY_SPOKESWOMAN = {"israel", "name:An Israeli army spokeswoman", "name:an Israeli army spokeswoman"}
HUDA = {"name:Huda Awwad"}
QUTOB = {"name:Ziad Qutob", "name:Qutob"}
ISRAELI_OFFICIAL = {
    "israel",
    "name:An Israeli official familiar with the talks",
    "name:An Israeli official",
    "name:the official",
}
JORDAN_MINISTER = {"name:Jordan's water minister"}

GOLD = [
    Gold(
        "ho21-campus.txt",
        dt.date(2027, 5, 10),  # Monday
        "Jordan Valley Times",
        "held-out",
        events=[
            ("2027-05-05", "elected a new student council on Wednesday", "occurred"),
            ("2027-05-06", "the university suspended classes the following day", "occurred"),
            ("2027-05-08", "We spoke to Salma Haddad", "occurred"),
            # the Islamic Bloc's claim, carried by the question
            (
                "2027-05-04",
                "two of its candidates were detained by security forces the night before the vote",
                "reported",
            ),
            # the governor's office's account, relayed by Haddad
            ("2027-05-04", "questioned and released the same night", "reported"),
            ("2027-05-17", "The council meets for the first time on May 17", "planned"),
            ("2027-05-19", "it elects its president two days later", "planned"),
            ("2015", "In 2015 the Bloc won here too", "occurred"),
            ("2015-12", "In December of that year the council was dissolved by the board", "occurred"),
            ("2027-05-10", "They resumed this morning", "occurred"),
            ("2027-05-17/2027-05-23", "which will now be held next week", "planned"),
        ],
        # "JVT:" / "Haddad:" labels; answers are Haddad's direct quotes, chain empty.
        quotes=[
            # the question carries Nadir's words ("told reporters on Thursday")
            ("rushed through in the dark", {"nadir"}, ["told"]),
            ("Nobody from the university called the police", HADDAD, []),
            (
                "They came on their own after a fight broke out near the library, and they left within the hour",
                HADDAD,
                [],
            ),
            ("The lights went out for twenty minutes, that is true", HADDAD, []),
            (
                "The ballot boxes were sealed the whole time, and the observers from both lists signed every sheet",
                HADDAD,
                [],
            ),
            (
                "I asked the governor's office on Thursday and was told the two students were questioned and released"
                " the same night",
                HADDAD,
                [],
            ),
            ("The council meets for the first time on May 17, and it elects its president two days later", HADDAD, []),
            # conditional: no event
            ("If the Shabiba list boycotts the session, the statutes allow the vote to go ahead anyway", HADDAD, []),
            ("In December of that year the council was dissolved by the board", HADDAD, []),
            ("I did not answer a single call from a political office", HADDAD, []),
            ("They resumed this morning", HADDAD, []),
        ],
        dates=[
            ("May 10", "2027-05-10"),
            ("on Wednesday", "2027-05-05"),
            ("the following day", "2027-05-06"),
            ("on Saturday", "2027-05-08"),
            ("on Thursday", "2027-05-06"),
            ("the night before the vote", "2027-05-04"),
            ("the same night", "2027-05-04"),
            ("on May 17", "2027-05-17"),
            ("two days later", "2027-05-19"),
            ("In 2015", "2015"),
            ("In December of that year", "2015-12"),
            ("this morning", "2027-05-10"),
            ("next week", "2027-05-17/2027-05-23"),
        ],
    ),
    Gold(
        "ho21-crossing.txt",
        dt.date(2027, 5, 20),  # Thursday
        "Sinai Herald",
        "held-out",
        events=[
            ("2027-05-23", "will reopen to travellers on Sunday", "planned"),
            ("2027-05-19", "said in a joint statement on Wednesday", "occurred"),
            ("2027-05-07", "was beaten at the Gaza terminal on May 7", "occurred"),
            ("2027-05-08", "Egypt shut the crossing the next morning", "occurred"),
            ("2027-05-23", "The first buses are expected to leave Gaza at 9 a.m. on Sunday", "planned"),
            (
                "2027-05-22",
                "send 40 customs and passport officers to the terminal the day before the reopening",
                "planned",
            ),
            # Mansour's accusation
            ("2027-05-09", "leaking the officer's name to the press on May 9", "reported"),
            ("2027-06", "A joint committee will review the arrangements at the end of June", "planned"),
            ("2019", "In 2019 it shut for almost a month", "occurred"),
            ("2019-08", "in August of that year Egypt reopened it", "occurred"),
        ],
        quotes=[
            (
                "The crossing will operate five days a week, and priority will be given to patients, students and"
                " holders of foreign residency",
                EGYPT_PA,
                ["in a statement"],
            ),
            # continues the statement quote, no new verb
            (
                "Both parties are committed to the safety of every person who works at the terminal.",
                EGYPT_PA,
                ["in a statement"],
            ),
            ("overdue", {"hamas"}, []),
            ("We closed Rafah to protect the people who work there, not to punish anyone", EGYPT_SPOKESMAN, ["told"]),
            # continues the told quote, no new verb
            ("Our engineers have used the time to repair the departure hall.", EGYPT_SPOKESMAN, ["told"]),
            # conditional: no event
            ("If the terminal is attacked again, it will close again, and nobody will benefit from that", AFIFI, []),
            ("were the ones who carried the officer to hospital", {"mansour"}, ["published by"]),
        ],
        dates=[
            ("May 20", "2027-05-20"),
            ("on Sunday", "2027-05-23"),
            ("on Wednesday", "2027-05-19"),
            ("on May 7", "2027-05-07"),
            ("the next morning", "2027-05-08"),
            ("on Thursday", "2027-05-20"),
            ("the day before the reopening", "2027-05-22"),
            ("on May 9", "2027-05-09"),
            ("the end of June", "2027-06"),
            ("In 2019", "2019"),
            ("in August of that year", "2019-08"),
            ("this month", "2027-05"),
        ],
    ),
    Gold(
        "ho21-hungerstrike.txt",
        dt.date(2027, 6, 5),  # Saturday
        "Jericho Bulletin",
        "held-out",
        events=[
            ("2027-06-04", "Israeli troops arrested nine Palestinians on Friday", "occurred"),
            ("2027-03-31", "was placed in administrative detention on March 31", "occurred"),
            ("2027-04-14", "stopped eating two weeks later", "occurred"),
            ("2027-06-05", "five of the nine detainees were released on Saturday morning", "occurred"),
            # the Prisoners' Society's accusation; "The Israel Prison Service denied that he had been punished"
            ("2027-05-31", "moving Awwad to solitary confinement last Monday", "reported"),
            ("2027-05-20", "visited him in the Ofer prison clinic on May 20", "occurred"),
            ("2027-06-08", "will hear an appeal against the detention on Tuesday", "planned"),
            ("2027-06-07", "a general strike would be held across the West Bank on Monday", "planned"),
            ("2019", "He was first detained in 2019", "occurred"),
            ("2019-06", "in June of that year he went without food for 30 days", "occurred"),
        ],
        quotes=[
            ("a violent riot", ARMY_SPOKESWOMAN, ["told"]),
            ("standard dispersal means", ARMY_SPOKESWOMAN, ["told"]),
            ("He has lost 19 kilograms", HUDA, []),
            # continues the quote, no new verb
            ("He can barely stand, but he told me he will not stop.", HUDA, []),
            # "She added:" (pronoun); conditional: no event
            ("If they charge him or let him go, he will eat the same day.", HUDA, []),
            ("Every day Khalil goes without food is a day the world looks away", {"nadir"}, []),
        ],
        dates=[
            ("June 5", "2027-06-05"),
            ("on Friday", "2027-06-04"),
            ("on March 31", "2027-03-31"),
            ("two weeks later", "2027-04-14"),
            ("on Saturday morning", "2027-06-05"),
            ("last Monday", "2027-05-31"),
            ("on May 20", "2027-05-20"),
            ("on Tuesday", "2027-06-08"),
            ("on Monday", "2027-06-07"),
            ("in 2019", "2019"),
            ("in June of that year", "2019-06"),
        ],
    ),
    Gold(
        "ho21-water.txt",
        dt.date(2027, 6, 16),  # Wednesday
        "Tigris Wire",
        "held-out",
        events=[
            ("2027-06-15", "ended two days of talks in Amman on Tuesday", "occurred"),
            ("2027-06-27", "will meet again on June 27", "planned"),
            ("2027-06-14", "the talks opened the next day", "occurred"),
            # Qutob's accusation; "The company denied cutting the supply"
            ("2027-05-28", "cutting the supply to Yatta and two nearby villages on May 28", "reported"),
            ("2027-06-17", "would start trucking water to Yatta from Hebron on Thursday", "planned"),
            ("2027-06-24", "would circulate a revised draft three days before the next round", "planned"),
            ("2017", "met in 2017 for the first time in seven years", "occurred"),
            ("2017-07", "In July of that year the two sides agreed", "occurred"),
        ],
        quotes=[
            ("We are not asking for charity", QUTOB, ["told"]),
            ("We are asking for the water that is under our own feet", QUTOB, ["told"]),
            # continues the told quote, no new verb
            ("Every summer we have the same conversation, and every summer Yatta runs dry.", QUTOB, ["told"]),
            ("Trucks are a bandage, not a treatment", QUTOB, []),
            ("The offer is on the table", ISRAELI_OFFICIAL, []),
            # conditional: no event
            ("If they accept it, the pipes can be full by July", ISRAELI_OFFICIAL, []),
            ("narrowed the gaps", JORDAN_MINISTER, ["in a statement"]),
            ("is being pumped dry while Amman talks about the West Bank", {"mansour"}, ["published by"]),
        ],
        dates=[
            ("June 16", "2027-06-16"),
            ("on Tuesday", "2027-06-15"),
            ("this summer", "2027-06/2027-08"),
            ("on June 27", "2027-06-27"),
            ("on Sunday", "2027-06-13"),
            ("the next day", "2027-06-14"),
            ("on May 28", "2027-05-28"),
            ("on Thursday", "2027-06-17"),
            ("by July", "2027-07"),
            ("three days before the next round", "2027-06-24"),
            ("in 2017", "2017"),
            ("In July of that year", "2017-07"),
        ],
    ),
]

NEGATED = [
    # the university calling the police; Haddad answering political offices' calls
    ("ho21-campus.txt", "Nobody from the university called the police"),
    ("ho21-campus.txt", "I did not answer a single call from a political office"),
    # Hamas police involvement in the beating; consulting Hamas; telling Hamas of the closure
    ("ho21-crossing.txt", "denied that its officers had been involved"),
    ("ho21-crossing.txt", "said it had not been consulted on the new rules"),
    ("ho21-crossing.txt", "said Hamas had not been told of the closure in advance"),
    # charging Awwad; live fire (the Red Crescent's account); punishing Awwad (the Prisoners' Society's claim)
    ("ho21-hungerstrike.txt", "He has not been charged with any offence"),
    ("ho21-hungerstrike.txt", "The Israeli army denied that its soldiers had fired live ammunition"),
    ("ho21-hungerstrike.txt", "The Israel Prison Service denied that he had been punished"),
    # Palestinian police at the checkpoint
    ("ho21-hungerstrike.txt", "Palestinian police were not seen near the checkpoint during the clashes"),
    # an agreement on the volumes; the cut-off at Yatta (Qutob's accusation); signing the minutes; Hamas's part
    ("ho21-water.txt", "without agreeing on how much water Israel will sell"),
    ("ho21-water.txt", "The company denied cutting the supply"),
    ("ho21-water.txt", "The Palestinian side did not sign the draft minutes"),
    ("ho21-water.txt", "Hamas, which runs Gaza, was not part of the talks"),
]

ANCHORED = [
    ("ho21-campus.txt", "the following day", "2027-05-06"),  # after the Wednesday vote
    ("ho21-campus.txt", "the night before the vote", "2027-05-04"),  # the vote on Wednesday May 5
    ("ho21-campus.txt", "the same night", "2027-05-04"),  # the night of the detention
    ("ho21-campus.txt", "two days later", "2027-05-19"),  # after the first session on May 17
    ("ho21-campus.txt", "In December of that year", "2015-12"),  # the year of "In 2015"
    ("ho21-crossing.txt", "the next morning", "2027-05-08"),  # after the beating on May 7
    ("ho21-crossing.txt", "the day before the reopening", "2027-05-22"),  # the Sunday reopening
    ("ho21-crossing.txt", "in August of that year", "2019-08"),  # the year of "In 2019"
    ("ho21-hungerstrike.txt", "two weeks later", "2027-04-14"),  # after the detention on March 31
    ("ho21-hungerstrike.txt", "in June of that year", "2019-06"),  # the year of "in 2019"
    ("ho21-water.txt", "the next day", "2027-06-14"),  # after the Sunday statement
    ("ho21-water.txt", "three days before the next round", "2027-06-24"),  # the round on June 27
    ("ho21-water.txt", "In July of that year", "2017-07"),  # the year of "in 2017"
]
