"""Round 20 of held-out drafting articles (written blind, gold first, by a separate evaluator session).

Conventions as in tests/drafting_gold.py. Extra lists:
NEGATED  = [(file, words)]        events the text says did NOT happen (must not be drafted as occurred)
ANCHORED = [(file, words, edtf)]  dates relative to another event in the text, with their resolved EDTF
Status "reported" is used for acts that the article only carries as someone's accusation or claim.
"""

import datetime as dt

from tests.drafting_gold import Gold

AWAD = {"name:Rima Awad", "name:Awad"}
EGYPT_QATAR = {"egypt", "qatar", "name:Egypt and Qatar", "name:the two governments"}
PA_GOV = {"pa-government", "name:The Palestinian government"}
ISRAELI_OFFICIAL = {"israel", "name:An Israeli official", "name:the official"}
HASSOUNA = {
    "name:Nabil Hassouna",
    "name:Hassouna",
    "name:a spokesman for the interior ministry in Gaza",
    "name:A spokesman for the interior ministry in Gaza",
}
AHMAD = {"name:Ahmad", "name:A protester", "name:a protester"}
ISRAEL_PMO = {"israel", "name:Israel's prime minister's office"}
QATARI_OFFICIAL = {"qatar", "name:A Qatari official", "name:a Qatari official", "name:the official"}

GOLD = [
    Gold(
        "ho20-municipal.txt",
        dt.date(2027, 3, 9),  # Tuesday
        "Amman Courier",
        "held-out",
        events=[
            ("2027-03-06", "A court in Ramallah ruled on the dispute on Saturday", "occurred"),
            ("2027-03-08", "we met her at the committee's offices two days later", "occurred"),
            ("2027-02-20", "The polls closed on February 20", "occurred"),
            ("2027-02-21", "we published the provisional results the following evening", "occurred"),
            # Hamas's accusation, carried by the question; "Nobody destroyed anything"
            ("2027-02-21", "destroyed a box of ballots in Bab al-Zawiya the day after the vote", "reported"),
            ("2027-03-04", "the judges inspected it on Thursday", "occurred"),
            ("2027-03-15", "We start on March 15", "planned"),
            ("2027-03-18", "the result will be announced three days later", "planned"),
            ("2017", "In 2017 we counted by hand under gas lamps", "occurred"),
            ("2017-10", "In October of that year a court threw out the results in two villages", "occurred"),
            ("2027-06", "I step down in June", "planned"),
        ],
        # "Q:" / "Awad:" labels; answers are Awad's direct quotes, chain empty.
        quotes=[
            # the question carries Nadir's words ("told reporters last week")
            ("a tantrum dressed up as a legal case", {"nadir"}, ["told"]),
            (
                "The polls closed on February 20, and we published the provisional results the following evening",
                AWAD,
                [],
            ),
            ("It was a lawful complaint and we treated it as one", AWAD, []),
            ("The judges agreed with part of it and ordered a recount of two stations, not three", AWAD, []),
            ("No ballot box left our sight", AWAD, []),
            ("The problem was arithmetic, not fraud", AWAD, []),
            ("the judges inspected it on Thursday", AWAD, []),
            ("Nobody destroyed anything", AWAD, []),
            (
                "We start on March 15, with two judges present, and the result will be announced three days later",
                AWAD,
                [],
            ),
            # conditional: no event
            ("If both lists accept it, the new council can be sworn in before the end of March", AWAD, []),
            ("In October of that year a court threw out the results in two villages", AWAD, []),
            ("I step down in June, when my term ends", AWAD, []),
        ],
        dates=[
            ("March 9", "2027-03-09"),
            ("last month", "2027-02"),
            ("on Saturday", "2027-03-06"),
            ("two days later", "2027-03-08"),
            ("on February 20", "2027-02-20"),
            ("the following evening", "2027-02-21"),
            ("last week", "2027-03-01/2027-03-07"),
            ("on Sunday", "2027-03-07"),
            ("the day after the vote", "2027-02-21"),
            ("on Thursday", "2027-03-04"),
            ("on March 15", "2027-03-15"),
            ("three days later", "2027-03-18"),
            ("the end of March", "2027-03"),
            ("since 2017", "2017"),
            ("In 2017", "2017"),
            ("In October of that year", "2017-10"),
            ("in June", "2027-06"),
            ("in January", "2027-01"),
        ],
    ),
    Gold(
        "ho20-donors.txt",
        dt.date(2027, 3, 25),  # Thursday
        "Gulf Dispatch",
        "held-out",
        events=[
            ("2027-03-24", "pledged $2.4 billion for the reconstruction of Gaza", "occurred"),
            ("2027-03-24", "said in a joint statement on Wednesday night", "occurred"),
            ("2027-04-15", "the first tranche is due on April 15", "planned"),
            ("2027-04-29", "meet again to review the pledges two weeks after the first payment", "planned"),
            ("2027-06", "a follow-up conference will be held in Doha in June", "planned"),
            (
                "2027-03-23",
                "Egyptian officials had hosted Hamas and Fatah negotiators in Cairo the day before the conference",
                "occurred",
            ),
            # Qatar's claim; the Israeli official "denied that any trucks had been turned back"
            (
                "2027-03-22",
                "had turned back 40 trucks of building materials at the Kerem Shalom crossing on Monday",
                "reported",
            ),
            ("2014", "A similar conference in Cairo in 2014 raised $5.4 billion for Gaza", "occurred"),
        ],
        quotes=[
            (
                "The reconstruction of Gaza is a shared responsibility and cannot wait for the politics to be settled",
                EGYPT_QATAR,
                ["in a statement"],
            ),
            ("a start, not a solution", PA_GOV, []),
            ("from the television", {"mansour"}, []),
            ("Nobody asked the people who will actually clear the rubble", {"mansour"}, ["told"]),
            # continues the told quote, no new verb
            ("Let them send the cement, and we will see who stops it.", {"mansour"}, ["told"]),
            ("The crossing worked normally all week", ISRAELI_OFFICIAL, []),
            # continues the quote, no new verb
            ("Every truck with the right papers went through.", ISRAELI_OFFICIAL, []),
            ("Pledges are easy in a hotel ballroom", {"name:one European diplomat"}, []),
            ("Trucks are harder.", {"name:one European diplomat"}, []),
        ],
        dates=[
            ("March 25", "2027-03-25"),
            ("on Wednesday night", "2027-03-24"),
            ("on April 15", "2027-04-15"),
            ("two weeks after the first payment", "2027-04-29"),
            ("in June", "2027-06"),
            ("the day before the conference", "2027-03-23"),
            ("on Thursday", "2027-03-25"),
            ("on Monday", "2027-03-22"),
            ("in 2014", "2014"),
            ("December of that year", "2014-12"),
        ],
    ),
    Gold(
        "ho20-protest.txt",
        dt.date(2027, 4, 10),  # Saturday
        "Crescent Wire",
        "held-out",
        events=[
            ("2027-04-09", "arrested at least 23 people on Friday", "occurred"),
            ("2027-04-09", "hundreds of residents marched through Jabalia", "occurred"),
            ("2027-04-10", "Eight of them were released on Saturday morning", "occurred"),
            ("2027-04-05", "shut down its last turbine on Monday", "occurred"),
            ("2027-04-07", "cut supply to four hours a day two days later", "occurred"),
            # the rights commission's account; "No protester was beaten"
            ("2027-04-09", "were beaten with batons near the Jabalia market on Friday afternoon", "reported"),
            ("2019-03", "police dispersed marches against price rises", "occurred"),
            ("2027-04-13", "they would march again on Tuesday", "planned"),
            ("2027-04-12/2027-04-18", "will publish a report on the arrests next week", "planned"),
            ("2027-04-20", "is expected to reach the plant on April 20", "planned"),
        ],
        quotes=[
            ("No protester was beaten", HASSOUNA, ["told"]),
            # continues the told quote, no new verb
            (
                "Our officers detained people who set fire to tyres and blocked the main road, nothing more.",
                HASSOUNA,
                ["told"],
            ),
            ("asked to leave the area", HASSOUNA, []),
            ("I did not throw anything", AHMAD, []),
            ("I was holding a sign with my daughter's name on it.", AHMAD, []),
            ("organised by phone from Ramallah", {"mansour"}, ["published by"]),
            # "said in remarks carried by the Levant Ledger": a relay (via), dropped by the scorer
            ("People in Jabalia do not need Ramallah to tell them they are sitting in the dark", {"nadir"}, []),
        ],
        dates=[
            ("April 10", "2027-04-10"),
            ("on Friday", "2027-04-09"),
            ("on Saturday morning", "2027-04-10"),
            ("on Monday", "2027-04-05"),
            ("two days later", "2027-04-07"),
            ("on Friday afternoon", "2027-04-09"),
            ("in 2019", "2019"),
            ("In March of that year", "2019-03"),
            ("on Tuesday", "2027-04-13"),
            ("next week", "2027-04-12/2027-04-18"),
            ("on April 20", "2027-04-20"),
        ],
    ),
    Gold(
        "ho20-exchange.txt",
        dt.date(2027, 4, 23),  # Friday
        "Meridian Press",
        "held-out",
        events=[
            ("2027-04-25", "will resume indirect talks on a prisoner exchange in Doha on Sunday", "planned"),
            ("2027-04-21", "a round in Cairo ended on Wednesday", "occurred"),
            ("2027-04-15", "Egyptian mediators delivered a revised list to both sides", "occurred"),
            ("2027-04-18", "the Cairo round opened on April 18", "occurred"),
            ("2027-04-24", "would travel to Doha on Saturday", "planned"),
            # Hamas's accusation; the army called the arrests routine (not a denial of the act)
            ("2027-04-20", "arresting 14 of the men on its list in raids in Nablus and Jenin on Tuesday", "reported"),
            ("2027-04-26", "is due in Doha the day after the talks resume", "planned"),
            ("2006", "Negotiations for that deal began in 2006", "occurred"),
            ("2011", "the first prisoners walked free five years later", "occurred"),
        ],
        quotes=[
            ("We gave the mediators 300 names, and we will not bring them a shorter list", {"mansour"}, ["told"]),
            # continues the told quote, no new verb
            ("The occupation wants to choose our prisoners for us.", {"mansour"}, ["told"]),
            ("men with blood on their hands", ISRAEL_PMO, ["in a statement"]),
            ("serious but far from complete", ISRAEL_PMO, ["in a statement"]),
            # conditional: no event
            (
                "If both delegations come with the authority to sign, this can be closed within days",
                QATARI_OFFICIAL,
                [],
            ),
            ("a matter for all Palestinians, not for one movement", {"nadir"}, ["in a statement"]),
            ("We have heard 'within days' before", {"name:Umm Khaled"}, []),
        ],
        dates=[
            ("April 23", "2027-04-23"),
            ("on Sunday", "2027-04-25"),
            ("on Wednesday", "2027-04-21"),
            ("three days before the Cairo round opened", "2027-04-15"),
            ("on April 18", "2027-04-18"),
            ("on Saturday", "2027-04-24"),
            ("on Tuesday", "2027-04-20"),
            ("the day after the talks resume", "2027-04-26"),
            ("on Thursday", "2027-04-22"),
            ("in 2006", "2006"),
            ("five years later", "2011"),
        ],
    ),
]

NEGATED = [
    # ballot boxes leaving the committee's sight; observers' complaints during the count
    ("ho20-municipal.txt", "No ballot box left our sight"),
    ("ho20-municipal.txt", "not one of them signed a complaint while the count was going on"),
    # the destruction of the Bab al-Zawiya box (Hamas's accusation)
    ("ho20-municipal.txt", "Nobody destroyed anything"),
    # an invitation to Hamas
    ("ho20-donors.txt", "Hamas was not invited to the conference"),
    # the trucks at Kerem Shalom (Qatar's claim)
    ("ho20-donors.txt", "denied that any trucks had been turned back"),
    # an Israeli delegation
    ("ho20-donors.txt", "Israel did not send a delegation to the conference"),
    # the beatings (the rights commission's account)
    ("ho20-protest.txt", "No protester was beaten"),
    # arrests of journalists
    ("ho20-protest.txt", "He denied that journalists had been arrested"),
    # the protester throwing anything
    ("ho20-protest.txt", "I did not throw anything"),
    # a Fatah role in the protests
    ("ho20-protest.txt", "denied that the movement had any role in the protests"),
    # an agreement to exile 40 prisoners (the newspaper's report)
    ("ho20-exchange.txt", "Hamas denied a report in an Israeli newspaper"),
    # Fatah being consulted on the list
    ("ho20-exchange.txt", "Fatah was not consulted on the list"),
]

ANCHORED = [
    ("ho20-municipal.txt", "two days later", "2027-03-08"),  # after the Saturday ruling
    ("ho20-municipal.txt", "the following evening", "2027-02-21"),  # after the polls closed on February 20
    ("ho20-municipal.txt", "the day after the vote", "2027-02-21"),  # the vote on February 20
    ("ho20-municipal.txt", "three days later", "2027-03-18"),  # after the recount starts on March 15
    ("ho20-municipal.txt", "In October of that year", "2017-10"),  # the year of "In 2017"
    ("ho20-donors.txt", "two weeks after the first payment", "2027-04-29"),  # the tranche due April 15
    ("ho20-donors.txt", "the day before the conference", "2027-03-23"),  # the Wednesday conference
    ("ho20-donors.txt", "December of that year", "2014-12"),  # the year of "in 2014"
    ("ho20-protest.txt", "two days later", "2027-04-07"),  # after the Monday shutdown
    ("ho20-protest.txt", "In March of that year", "2019-03"),  # the year of "in 2019"
    ("ho20-exchange.txt", "three days before the Cairo round opened", "2027-04-15"),  # the opening on April 18
    ("ho20-exchange.txt", "the day after the talks resume", "2027-04-26"),  # the Sunday resumption
    ("ho20-exchange.txt", "five years later", "2011"),  # after "in 2006"
]
