"""Invented demo reviewers and their replicability reviews.

Chosen so the demo shows every case: replicable practices, practices below the threshold, one
with a single review (never replicable), one whose reviewers disagree by 4 points (flagged for
the editor), one replicable practice with a 2-point disagreement, and one assignment waiting.
"""

# email, name, organisation, city, languages, expertise themes
REVIEWERS = [
    ("reviewer1@demo.safercities.invalid", "Sopheap Demo-Reviewer", "urban-safety-lab", "phnom-penh", ["km", "en"], ["youth", "urban-poverty"]),
    ("reviewer2@demo.safercities.invalid", "Wulan Demo-Reviewer", "safe-streets-asia", "jakarta", ["id", "en"], ["womens-safety", "public-transport"]),
    ("reviewer3@demo.safercities.invalid", "Minh Demo-Reviewer", "local-gov-training-institute", "hanoi", ["vi", "en"], ["safety-planning", "slum-upgrading"]),
]  # fmt: skip

# practice slug → [(reviewer number, default score, {criterion: score})]
REVIEWS = {
    "demo-khlong-toei-safety-walks": [(1, 4, {"impact": 5}), (2, 4, {"sustainability": 3})],
    "demo-steung-meanchey-youth-centre": [(1, 4, {}), (3, 4, {"innovation": 3})],
    "demo-tanah-abang-angkot-aman": [(2, 4, {}), (3, 4, {"sustainability": 3, "impact": 5})],
    "demo-tatalon-women-children-desk": [(1, 5, {"innovation": 4}), (2, 4, {})],
    "demo-korail-youth-forum": [(1, 4, {}), (3, 4, {"inclusion": 5})],
    "demo-delhi-resettlement-safety-audits": [(2, 5, {}), (3, 4, {})],
    "demo-kamrangirchar-solar-lights": [(1, 4, {"innovation": 3}), (2, 4, {"innovation": 5})],
    "demo-kenh-doi-canal-lighting": [(1, 3, {"sustainability": 2, "leadership": 2}), (3, 4, {"sustainability": 3})],
    "demo-kampung-akuarium-rebuild": [(2, 5, {"innovation": 4}), (3, 4, {"impact": 1})],
    "demo-thapathali-riverside-dialogue": [(1, 3, {}), (2, 3, {"partnership": 4})],
    "demo-tambaksari-green-alleys": [(3, 5, {})],
}  # fmt: skip

# Assigned, review not yet in.
WAITING = {"demo-quezon-city-victimization-survey": [1]}

# criterion → (reason for 1–2, for 3, for 4–5)
REASONS = {
    "impact": (
        "Activities are described, but no change in safety is shown for the people concerned.",
        "Some improvement for the people reached, but the evidence is thin.",
        "A clear, measured improvement for the people most affected.",
    ),
    "partnership": (
        "Essentially one organisation acting alone.",
        "Several partners, but one carried almost all the work.",
        "Partners shared decisions and resources, and still meet.",
    ),
    "sustainability": (
        "Depends entirely on project money that has ended or will end.",
        "Parts continue, but rest on one budget line or one person.",
        "Written into a regular budget or by-law and run by lasting institutions.",
    ),
    "leadership": (
        "Done for the community rather than with it.",
        "Residents were consulted and took part in some activities.",
        "Residents lead parts of the work and take decisions.",
    ),
    "inclusion": (
        "Women's and vulnerable groups' needs were not considered.",
        "Women's needs considered in some activities, without results by group.",
        "Designed with women and vulnerable groups, with results shown for them.",
    ),
    "innovation": (
        "Common practice, or tied to very particular local conditions.",
        "New here; another city could adapt it with some effort.",
        "New here, well documented, and cheap enough for other cities to adapt.",
    ),
}


def reason_for(criterion: str, score: int) -> str:
    low, mid, high = REASONS[criterion]
    return low if score <= 2 else mid if score == 3 else high


# City slug → (themes of concern, budget band)
CONCERNS = {
    "bangkok": (["womens-safety", "street-lighting", "youth", "drugs"], ""),
    "phnom-penh": (["youth", "slum-upgrading", "domestic-violence", "public-transport"], "low"),
    "hanoi": (["domestic-violence", "public-transport", "street-lighting"], "medium"),
    "jakarta": (["slum-upgrading", "womens-safety", "public-transport", "land-tenure"], ""),
    "quezon-city": (["urban-poverty", "domestic-violence", "safety-planning"], ""),
    "dhaka": (["youth", "womens-safety", "street-lighting"], "low"),
}
