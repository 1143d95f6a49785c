"""The tables a release of the NRM statistics holds, in the layout of their CSV files.

Each table names its file, the columns it must have, and how a row becomes figures
(`Figure.a`, `b`, `c` are the table's dimensions). `figures.importer` reads and checks a
file against its table.
"""

from dataclasses import dataclass, field

ADULT = "Adult (18 or over)"
CHILD = "Child (17 or under)"
UNKNOWN_AGE = "Age not specified or unknown"
AGES = (ADULT, CHILD, UNKNOWN_AGE)
TOTAL = "Total"
LOCATIONS = ("Overseas", "UK", "UK and Overseas", "Not specified or unknown")
POLICE_AGES = (ADULT, CHILD, "Not specified or unknown")


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    columns: tuple
    # Columns that identify a row besides Year and Quarter (they become a, b, c).
    dimensions: tuple = ()
    # Columns holding numbers; with no dimensions, one figure per number column.
    values: tuple = ("NRM referrals",)
    # Whether a row may be a whole year ("Total" in the Quarter column).
    year_rows: bool = False
    allowed: dict = field(default_factory=dict)


def _decision_columns(kind):
    columns = []
    for age in AGES:
        columns += [f"{age} - Negative {kind}", f"{age} - Positive {kind}", f"{age} - Total"]
    return (*columns, TOTAL)


REFERRALS = Table(
    "referrals",
    "NRM referrals by quarter, age group and where the exploitation happened",
    ("Year", "Quarter", "Age at exploitation", "Location of exploitation", "NRM referrals"),
    dimensions=("Age at exploitation", "Location of exploitation"),
    allowed={"Age at exploitation": AGES, "Location of exploitation": (*LOCATIONS, TOTAL)},
)
REASONABLE_GROUNDS = Table(
    "reasonable_grounds",
    "Reasonable grounds decisions by age group",
    ("Year", "Quarter", *_decision_columns("reasonable grounds")),
    values=_decision_columns("reasonable grounds"),
    year_rows=True,
)
CONCLUSIVE_GROUNDS = Table(
    "conclusive_grounds",
    "Conclusive grounds decisions by age group",
    ("Year", "Quarter", *_decision_columns("conclusive grounds")),
    values=_decision_columns("conclusive grounds"),
    year_rows=True,
)
DUTY_TO_NOTIFY = Table(
    "duty_to_notify",
    "Duty to Notify reports",
    ("Year", "Quarter", TOTAL),
    values=(TOTAL,),
    year_rows=True,
)
POLICE = Table(
    "police",
    "NRM referrals made by each police force, by exploitation type and age group",
    (
        "Year",
        "Quarter",
        "Police force (first responder)",
        "Exploitation type",
        "Age at exploitation",
        "NRM referrals",
    ),
    dimensions=("Police force (first responder)", "Exploitation type", "Age at exploitation"),
    allowed={"Age at exploitation": (*POLICE_AGES, TOTAL)},
)

TABLES = {
    table.name: table
    for table in (REFERRALS, REASONABLE_GROUNDS, CONCLUSIVE_GROUNDS, DUTY_TO_NOTIFY, POLICE)
}
