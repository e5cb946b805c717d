"""The ungrounded-number count and the mixed-occupation check, on tiny hand-made answers."""

from __future__ import annotations

from coach.evals.dataset import Case
from coach.evals.metrics import case_metrics, mixed_occupation_disagreement, summarize, ungrounded

ANSWERABLE = Case("a", "What does a baker earn?", ["34,950"], ["$34,950"], True)
UNANSWERABLE = Case("u", "What does a nurse earn?", [], [], False)


def result(answer, cited=(), refused=False, roles=None):
    roles = roles or ["Baker"] * len(cited)
    return {
        "answer": answer,
        "refused": refused,
        "citations": [
            {"n": i + 1, "guide": f"{role} Guide", "role": role, "section": "S", "text": text}
            for i, (text, role) in enumerate(zip(cited, roles, strict=True))
        ],
        "retrieved": [{"chunk_id": f"c{i}", "text": t} for i, t in enumerate(cited)],
    }


def test_a_number_missing_from_the_cited_passage_counts():
    r = result("Bakers earn $34,950, and head bakers $60k [1].", ["Median $34,950. Head Baker | $52k"])
    assert case_metrics(ANSWERABLE, r)["ungrounded_numbers"] == 1
    assert ungrounded(r["answer"], [c["text"] for c in r["citations"]]) == ["60000"]


def test_equal_numbers_in_other_forms_are_grounded():
    assert ungrounded("Head bakers earn $52,000 [1].", ["Head Baker | $52k USD"]) == []


def test_citation_markers_are_not_numbers():
    r = result("Bakers learn on the job [1][2] in months [3].", ["learn on the job", "in months", "x"])
    assert case_metrics(ANSWERABLE, r)["ungrounded_numbers"] == 0


def test_every_number_in_a_refusal_counts():
    r = result("My guides don't cover nurses, but most nurses earn $77,600 after 2 years.", refused=True)
    m = case_metrics(UNANSWERABLE, r)
    assert m["ungrounded_numbers"] == 2 and m["correct_refusal"]
    assert ungrounded(r["answer"], []) == ["2", "77600"]
    plain = result("My guides don't cover that [1].", refused=True)
    assert case_metrics(UNANSWERABLE, plain)["ungrounded_numbers"] == 0


def test_disagreement_across_occupations_is_counted():
    text = (
        "The guides give different figures on this:\n- Baker guide: $34,950 [1]\n- Pilot guide: $219,140 [2]"
    )
    r = result(text, ["$34,950", "$219,140"], roles=["Baker", "Airline Pilot"])
    assert case_metrics(ANSWERABLE, r)["mixed_occupation_disagreement"] is True
    summary = summarize([ANSWERABLE, ANSWERABLE], [r, r], [case_metrics(ANSWERABLE, r)] * 2, [1.0, 2.0])
    assert summary["mixed_occupation_disagreements"] == 2


def test_disagreement_within_one_occupation_or_without_the_phrase_is_not():
    same = result("The guides give different figures: $34,950 [1] and $36k [2].", ["$34,950", "$36k"])
    assert not case_metrics(ANSWERABLE, same)["mixed_occupation_disagreement"]
    two_roles = result(
        "Bakers earn $34,950 [1]; pilots $219,140 [2].", ["$34,950", "$219,140"], ["Baker", "Pilot"]
    )
    assert not case_metrics(ANSWERABLE, two_roles)["mixed_occupation_disagreement"]


def test_disagreement_phrases_and_the_guide_fallback():
    cites = [{"guide": "Baker Guide", "text": "a"}, {"guide": "Pilot Guide", "text": "b"}]  # no role yet
    assert mixed_occupation_disagreement("These GUIDES DISAGREE on pay [1][2].", cites)
    assert mixed_occupation_disagreement("The guides differ: [1] and [2].", cites)
    assert not mixed_occupation_disagreement("The guides agree [1][2].", cites)
    assert not mixed_occupation_disagreement("The guides disagree [1].", cites[:1])


def test_the_jobs_a_citation_quotes_decide_whether_a_disagreement_mixes_jobs():
    answer = "The guides give different figures on this: - a [1] - b [2]"
    rows_of_one_job = [
        {"n": 1, "role": "Nurse Manager", "jobs": ["Midwife"], "text": ""},
        {"n": 2, "role": "Midwife", "jobs": ["Midwife"], "text": ""},
    ]
    assert not mixed_occupation_disagreement(answer, rows_of_one_job)
    two_jobs = [dict(rows_of_one_job[0], jobs=["Nurse Manager"]), rows_of_one_job[1]]
    assert mixed_occupation_disagreement(answer, two_jobs)
