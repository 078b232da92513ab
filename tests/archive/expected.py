"""What each example query must return on the three loaded examples (compared as sets)."""

from __future__ import annotations

SEED = "https://syrianobserver.com/news/al-tanf-meetings-qassem-patrols.html"
AMMAN = "https://syrianobserver.com/news/jordan-border-patrols-amman.html"
FACT = "https://syrianobserver.com/fact-check/rukban-aid-convoys.html"

# query file stem -> (columns compared, expected rows as tuples of values; "" = unbound)
EXPECTED: dict[str, tuple[tuple[str, ...], set[tuple[str, ...]]]] = {
    "articles-mentioning-person": (
        ("article", "name"),
        {(SEED + "#article", "Muhammad Farid al-Qassem"), (AMMAN + "#article", "Muhammad Farid al-Qassem")},
    ),
    "claims-by-source": (
        ("source", "affiliation", "claim", "first_appeared_in", "verdict", "rating"),
        {
            ("Abdullah II of Jordan", "", SEED + "#claim-border-security-ensured", "", "", ""),
            ("Athr's sources", "", SEED + "#claim-appointment-on-british-advice", "Athr Press", "", ""),
            ("Jordanian Armed Forces", "", AMMAN + "#claim-patrols-doubled", "", "", ""),
            ("Maghawir al-Thawra", "", SEED + "#claim-meeting-discussed-the-region", "Maghawir al-Thawra", "", ""),
            ("Maghawir al-Thawra", "", SEED + "#claim-qassem-ordered-border-patrols", "Maghawir al-Thawra", "", ""),
            ("Rukban Relief Network", "", FACT + "#claim-camp-inside-55-km-zone", "", "True", "5"),
            ("Rukban Relief Network", "", FACT + "#claim-weekly-un-convoys", "Rukban Relief Network", "False", "1"),
            (
                "a Jordanian security official",
                "Jordanian Armed Forces",
                AMMAN + "#claim-coordination-with-tanf",
                "",
                "",
                "",
            ),
            (
                "a military source from Maghawir al-Thawra",
                "Maghawir al-Thawra",
                SEED + "#claim-proposal-at-request-of-jordan",
                "Athr Press",
                "",
                "",
            ),
            (
                "a military source from Maghawir al-Thawra",
                "Maghawir al-Thawra",
                SEED + "#claim-washington-meets-jordanian-intelligence",
                "al-Modon",
                "",
                "",
            ),
            ("unnamed reports at the time", "", SEED + "#claim-peaceful-takeover-agreed", "", "", ""),
        },
    ),
    "articles-per-place-per-month": (
        ("place", "month", "articles"),
        {("al-Tanf", "2022-09", "2"), ("al-Tanf", "2023-04", "1")},
    ),
    "organisations-co-mentioned": (
        ("name", "articles"),
        {
            ("Jordanian Armed Forces", "2"),
            ("United States Central Command", "2"),
            ("Athr Press", "1"),
            ("British Armed Forces", "1"),
            ("British intelligence", "1"),
            ("Combined Joint Task Force – Operation Inherent Resolve", "1"),
            ("General Intelligence Directorate of Jordan", "1"),
            ("Government of the United States", "1"),
            ("International Coalition", "1"),
            ("Political Commission of Rukban Camp", "1"),
            ("Rukban Relief Network", "1"),
            ("Syrian Arab Army", "1"),
            ("United Nations", "1"),
            ("al-Modon", "1"),
        },
    ),
    "unverified-or-disputed-claims": (
        ("status", "verdict", "claim"),
        {
            ("disputed", "False", FACT + "#claim-weekly-un-convoys"),
            *(
                ("unverified", "", SEED + "#claim-" + c)
                for c in (
                    "appointment-on-british-advice",
                    "border-security-ensured",
                    "meeting-discussed-the-region",
                    "peaceful-takeover-agreed",
                    "proposal-at-request-of-jordan",
                    "qassem-ordered-border-patrols",
                    "washington-meets-jordanian-intelligence",
                )
            ),
            ("unverified", "", AMMAN + "#claim-coordination-with-tanf"),
            ("unverified", "", AMMAN + "#claim-patrols-doubled"),
        },
    ),
}


def rows_of(result: object, columns: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The result's rows projected on ``columns``, as a set of value tuples ('' when unbound)."""
    return {tuple(row[c].value if c in row else "" for c in columns) for row in result.rows}  # type: ignore[attr-defined]
