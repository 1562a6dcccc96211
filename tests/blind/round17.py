"""Round 17 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

EGYPT_OFFICIAL = {
    "egypt",
    "name:an Egyptian official who sits in on the sessions",
    "name:an Egyptian official",
    "name:An Egyptian official",
    "name:the official",
}
HARBI = {"name:Ziad Harbi", "name:Harbi"}
SARRAJ = {"name:Fadi Sarraj", "name:Sarraj"}
PA_OFFICIAL = {
    "pa-government",
    "name:A senior official in the Fatah-led Palestinian Authority",
    "name:A senior official",
    "name:a senior official",
    "name:the official",
    "name:The PA official",
    "name:the PA official",
}
JABARI = {"name:Nizar Jabari", "name:Jabari", "name:The governor", "name:the governor"}
POLICE = {"name:A police spokesman", "name:a police spokesman"}
ABU_KHALIL = {"name:Abu Khalil"}

GOLD = [
    Gold(
        "ho17-unity.txt",
        dt.date(2026, 11, 17),  # Tuesday
        "Eastwire",
        "held-out",
        events=[
            (
                "2026-11-16",
                "resumed reconciliation talks at an Egyptian intelligence guesthouse in Cairo on Monday",
                "occurred",
            ),
            ("2026-11-19", "a joint session of the full delegations is scheduled for Thursday", "planned"),
            ("2026-10-30", "The previous round collapsed on October 30", "occurred"),
            ("2026-10-31", "Hamas published a draft commission law of its own the following day", "occurred"),
            # Nadir's accusation; Hamas "denied holding anyone"
            ("2026-11-14", "detaining two Fatah organisers in Khan Younis on Saturday", "reported"),
            ("2026-11-15", "exchanged lists of detainees through the mediators on Sunday night", "occurred"),
            ("2026-11-16", "agreed a day later to set up a joint committee to check them", "occurred"),
            ("2026-11-18", "its envoy would arrive in Cairo on Wednesday", "planned"),
            ("2022-10", "last signed a common text in Algiers in October 2022", "occurred"),
        ],
        quotes=[
            # "told Egypt's Middle East News Agency, according to a transcript carried by the Levant Ledger":
            # told, then a via (dropped by the scorer)
            ("We did not come back to Cairo to repeat October", {"mansour"}, ["told"]),
            ("The commission must answer to the law, not to a party", {"mansour"}, ["told"]),
            ("a pause, not a rupture", {"nadir"}, []),
            (
                "Nobody in Gaza is in a cell because of a membership card",
                {"hamas"},
                ["in a statement", "relayed by"],
            ),
            # "the spokesman" = Karim Nadir
            ("We will not sign a single page while our people sit in cells", {"nadir"}, ["published by"]),
            ("If the lists match, some of these men could be home before the weekend", EGYPT_OFFICIAL, []),
            ("Expect a meeting", {"mansour"}, []),
            ("Deals are for December", {"mansour"}, []),
        ],
        dates=[
            ("Nov 17", "2026-11-17"),
            ("on Monday", "2026-11-16"),
            ("for Thursday", "2026-11-19"),
            ("October 30", "2026-10-30"),
            ("the following day", "2026-10-31"),
            ("on Saturday", "2026-11-14"),
            ("on Tuesday", "2026-11-17"),
            ("on Sunday night", "2026-11-15"),
            ("a day later", "2026-11-16"),
            ("on Wednesday", "2026-11-18"),
            ("the Thursday session", "2026-11-19"),
            ("October 2022", "2022-10"),
            ("May of that year", "2022-05"),
            ("this week", "2026-11-16/2026-11-22"),
        ],
    ),
    Gold(
        "ho17-interview.txt",
        dt.date(2026, 11, 27),  # Friday
        "Harbour Post",
        "held-out",
        events=[
            ("2026-11-25", "he spoke to the Harbour Post by video link from Gaza", "occurred"),
            (
                "2026-11-24",
                "his movement's seat stayed empty at a session of the Cairo reconciliation talks",
                "occurred",
            ),
            # Fatah's accusation carried by the question; Harbi: "We boycotted nothing"
            ("2026-11-24", "your movement boycotted Tuesday's session", "reported"),
            ("2026-11-24", "Our delegate was at the Rafah crossing for nine hours on Tuesday", "occurred"),
            ("2026-11-15", "We arrived on November 15", "occurred"),
            ("2026-11-16", "the next morning we sat with the Egyptians for six hours", "occurred"),
            ("2026-11-19", "the Hamas and Fatah delegations were in the same room", "occurred"),
            ("2021", "In 2021 we registered a list for the legislative elections", "occurred"),
            ("2021-05", "In May of that year the vote was called off", "occurred"),
            ("2021-12-10", "two days before the vote our people withdrew", "occurred"),
            ("2026-11-30", "Our delegation is scheduled to meet Egyptian intelligence officials on Monday", "planned"),
            ("2026-11-30/2026-12-06", "I will travel next week", "planned"),
        ],
        # Bold questions as their own paragraphs, no markers; answers are Harbi's direct quotes, chain empty.
        quotes=[
            ("We boycotted nothing", HARBI, []),
            ("Our delegate was at the Rafah crossing for nine hours on Tuesday", HARBI, []),
            ("I have the stamp in his passport to prove it", HARBI, []),
            # the question carries Nadir's phrase ("called it")
            ("a convenient delay", {"nadir"}, []),
            ("He knows the crossing better than I do", HARBI, []),
            ("We arrived on November 15, and the next morning we sat with the Egyptians for six hours", HARBI, []),
            ("I thought then that we had a real chance", HARBI, []),
            ("Now I think we have a chance", HARBI, []),
            ("In May of that year the vote was called off", HARBI, []),
            ("Our delegation is scheduled to meet Egyptian intelligence officials on Monday", HARBI, []),
            ("If they give us a date, we will bring a list to the next session", HARBI, []),
            ("I am told I will travel next week", HARBI, []),
        ],
        dates=[
            ("Nov 27", "2026-11-27"),
            ("On Wednesday", "2026-11-25"),
            ("a day after his movement", "2026-11-24"),
            ("Tuesday's session", "2026-11-24"),
            ("on Tuesday", "2026-11-24"),
            ("November 15", "2026-11-15"),
            ("the next morning", "2026-11-16"),
            ("Four days after we arrived", "2026-11-19"),
            ("In 2021", "2021"),
            ("May of that year", "2021-05"),
            ("December 12, 2021", "2021-12-12"),
            ("two days before the vote", "2021-12-10"),
            ("on Monday", "2026-11-30"),
            ("next week", "2026-11-30/2026-12-06"),
        ],
    ),
    Gold(
        "ho17-joint.txt",
        dt.date(2026, 12, 3),  # Thursday
        "Levant Ledger",
        "held-out",
        events=[
            ("2026-12-02", "called on Wednesday for a general strike across Gaza and the West Bank", "occurred"),
            ("2026-12-04", "their supporters will march on Friday", "planned"),
            ("2026-12-01", "the arrest of 40 activists by Israeli forces in Jenin a day earlier", "occurred"),
            ("2026-11-30", "We sent them the text on Monday night", "occurred"),
            ("2026-12-02", "had received the draft only on Wednesday", "occurred"),
            ("2026-06-03", "most recently in Beirut on June 3, 2026", "occurred"),
            ("2026-06-24", "the list won 27 of the 51 seats", "occurred"),
            (
                "2026-12-05",
                "is scheduled to meet the heads of the security services in Ramallah on Saturday",
                "planned",
            ),
        ],
        quotes=[
            (
                "The arrests of Tuesday are an attack on every Palestinian who wants to vote",
                {"hamas", "pij"},
                ["in a statement"],
            ),
            (
                "We call on Fatah to stand with us in the streets, not behind a desk in Ramallah",
                {"hamas", "pij"},
                ["in a statement"],
            ),
            # he said / she said: Sarraj (he) and Mansour (she); the lines carry no names after the first
            ("We sent them the text on Monday night", SARRAJ, []),
            ("They answered with silence", SARRAJ, []),
            ("Silence is also an answer", {"mansour"}, []),
            ("But it is not a good one", {"mansour"}, []),
            ("We will give them until Friday morning", SARRAJ, []),
            ("And after that we march without them", {"mansour"}, []),
            # the unnamed PA official, later "the official" / "The PA official"
            ("You do not invite a partner by sending a press release", PA_OFFICIAL, []),
            ("We have not asked for permission", {"mansour"}, []),
            ("and we will not", {"mansour"}, []),
        ],
        dates=[
            ("Dec 3", "2026-12-03"),
            ("on Wednesday", "2026-12-02"),
            ("on Friday", "2026-12-04"),
            ("a day earlier", "2026-12-01"),
            ("The arrests of Tuesday", "2026-12-01"),
            ("on Monday night", "2026-11-30"),
            ("until Friday morning", "2026-12-04"),
            ("only on Wednesday", "2026-12-02"),
            ("June 3, 2026", "2026-06-03"),
            ("Three weeks later", "2026-06-24"),
            ("on Saturday", "2026-12-05"),
            ("the Friday march", "2026-12-04"),
        ],
    ),
    Gold(
        "ho17-clashes.txt",
        dt.date(2026, 12, 6),  # Sunday
        "Northgate Agency",
        "held-out",
        events=[
            # casualties, no named faction ("masked gunmen", "residents")
            ("2026-12-04", "Five people were killed and at least 22 wounded on Friday", "occurred"),
            ("2026-12-04", "was shot dead on Friday morning", "occurred"),
            ("2026-12-05", "His funeral was held on Saturday", "occurred"),
            ("2026-12-05", "hours later the governor imposed a night curfew on the old city", "occurred"),
            # residents' accusation
            ("2026-12-03", "storming three homes in the Bab al-Zawiya quarter on Thursday night", "reported"),
            ("2026-12-09", "The committee will meet the heads of both families on Wednesday", "planned"),
            ("2026-12-08", "Tribal elders from Yatta are expected to arrive in the city", "planned"),
            ("2026-04", "when three people died in a dispute over a well", "occurred"),
        ],
        quotes=[
            ("outside hands", JABARI, []),
            ("as long as one rifle is on the street", JABARI, []),
            # conditional inside the quote: no gold event
            (
                "If the families hand over the weapons by Tuesday, we will lift the curfew the same evening",
                JABARI,
                [],
            ),
            ("There are no detainees in this city who have not seen a lawyer", POLICE, []),
            (
                "This is a quarrel between two families over a piece of land that is older than any of the parties",
                ABU_KHALIL,
                [],
            ),
            ("People who say otherwise have not lived here", ABU_KHALIL, []),
        ],
        dates=[
            ("Dec 6", "2026-12-06"),
            ("on Friday", "2026-12-04"),
            ("hours after the ambush", "2026-12-04"),
            ("on Friday morning", "2026-12-04"),
            ("on Saturday", "2026-12-05"),
            ("hours later", "2026-12-05"),
            ("by Tuesday", "2026-12-08"),
            ("on Thursday night", "2026-12-03"),
            ("on Wednesday", "2026-12-09"),
            ("a day before the meeting", "2026-12-08"),
            ("since April", "2026-04"),
        ],
    ),
]

NEGATED = [
    # the detention of the two Fatah organisers (Nadir's accusation)
    ("ho17-unity.txt", "Hamas denied holding anyone"),
    # the boycott of Tuesday's session
    ("ho17-interview.txt", "We boycotted nothing"),
    # Fatah asked to sign the joint statement
    ("ho17-joint.txt", "had not been asked to sign it"),
    # a request for permission for the march
    ("ho17-joint.txt", "We have not asked for permission"),
    # police firing into the crowd
    ("ho17-clashes.txt", "He denied that police had fired into the crowd"),
    # detainees beaten in custody
    ("ho17-clashes.txt", "reports that the men had been beaten in custody were false"),
    # detainees held without a lawyer
    ("ho17-clashes.txt", "There are no detainees in this city who have not seen a lawyer"),
]

ANCHORED = [
    ("ho17-unity.txt", "the following day", "2026-10-31"),  # after October 30
    ("ho17-unity.txt", "a day later", "2026-11-16"),  # after the Sunday-night exchange
    ("ho17-unity.txt", "May of that year", "2022-05"),  # the year of "October 2022"
    ("ho17-interview.txt", "a day after his movement", "2026-11-24"),  # the day before the Wednesday interview
    ("ho17-interview.txt", "the next morning", "2026-11-16"),  # after November 15
    ("ho17-interview.txt", "Four days after we arrived", "2026-11-19"),  # after November 15
    ("ho17-interview.txt", "May of that year", "2021-05"),  # the year of "In 2021"
    ("ho17-interview.txt", "two days before the vote", "2021-12-10"),  # the vote of December 12, 2021
    ("ho17-joint.txt", "a day earlier", "2026-12-01"),  # the day before the Wednesday call
    ("ho17-joint.txt", "Three weeks later", "2026-06-24"),  # after June 3, 2026
    ("ho17-clashes.txt", "hours after the ambush", "2026-12-04"),  # the ambush, Friday morning
    ("ho17-clashes.txt", "hours later", "2026-12-05"),  # after the Saturday funeral
    ("ho17-clashes.txt", "a day before the meeting", "2026-12-08"),  # the Wednesday meeting
]
