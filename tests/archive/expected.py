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
        ("source", "claim", "speaker", "first_appeared_in", "verdict", "rating", "best"),
        {
            ("Maghawir al-Thawra", SEED + "#claim-meeting-discussed-the-region", "", "Maghawir al-Thawra", "", "", ""),
            ("Maghawir al-Thawra", SEED + "#claim-qassem-ordered-border-patrols", "", "Maghawir al-Thawra", "", "", ""),
            (
                "Maghawir al-Thawra",
                SEED + "#claim-proposal-at-request-of-jordan",
                "a military source from Maghawir al-Thawra",
                "Athr Press",
                "",
                "",
                "",
            ),
            (
                "Maghawir al-Thawra",
                SEED + "#claim-washington-meets-jordanian-intelligence",
                "a military source from Maghawir al-Thawra",
                "al-Modon",
                "",
                "",
                "",
            ),
            ("Rukban Relief Network", FACT + "#claim-camp-inside-55-km-zone", "", "", "True", "5", "5"),
            (
                "Rukban Relief Network",
                FACT + "#claim-weekly-un-convoys",
                "",
                "Rukban Relief Network",
                "False",
                "1",
                "5",
            ),
        },
    ),
    "articles-per-place-per-month": (
        ("place", "year", "month", "articles"),
        {("al-Tanf", "2022", "9", "2"), ("al-Tanf", "2023", "4", "1")},
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
        },
    ),
}


# query file stem -> its ORDER BY as (column, descending, numeric), for the queries that sort on a
# key of their own making (the key must give the order the columns give)
ORDER: dict[str, tuple[tuple[str, bool, bool], ...]] = {
    "claims-by-source": (("source", False, False), ("claim", False, False)),
    "organisations-co-mentioned": (("articles", True, True), ("name", False, False)),
    "unverified-or-disputed-claims": (("status", False, False), ("claim", False, False)),
}


def sort_keys(result: object, order: tuple[tuple[str, bool, bool], ...]) -> list[tuple[object, ...]]:
    """Each row's sort key by ``order`` (a descending number negated), in the result's order."""
    keys = []
    for row in result.rows:  # type: ignore[attr-defined]
        key: list[object] = []
        for column, descending, numeric in order:
            value = row[column].value
            key.append(-int(value) if descending and numeric else int(value) if numeric else value)
        keys.append(tuple(key))
    return keys


def rows_of(result: object, columns: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The result's rows projected on ``columns``, as a set of value tuples ('' when unbound)."""
    return {tuple(row[c].value if c in row else "" for c in columns) for row in result.rows}  # type: ignore[attr-defined]
