"""Stage 1: text repair, boilerplate rules, decoding."""

from coach.ingest.clean import (
    Line,
    clean_lines,
    compile_rules,
    decode,
    generic_rules,
    is_binary,
    is_labelled_figure,
    load_rules,
    repair_text,
    repeated_furniture,
    to_lines,
)


def test_greek_western_mojibake_is_repaired():
    raw = "formal education β€” such as SΓ£o Paulo βœ… Pros and πŸ“ˆ Market Demand"
    fixed = repair_text(raw)
    assert fixed == "formal education — such as São Paulo ✅ Pros and 📈 Market Demand"


def test_legit_curly_quotes_are_left_alone():
    assert repair_text("bachelor’s degree “quoted”") == "bachelor’s degree “quoted”"


def test_ftfy_fixes_common_latin1_mojibake():
    assert repair_text("rÃ©sumÃ©") == "résumé"


def test_compatibility_forms_are_normalised_but_a_fraction_keeps_its_figure():
    assert repair_text("ﬁtters work ４０ hours") == "fitters work 40 hours"
    assert (
        repair_text("an apprenticeship of 3½ years, ¾ of it paid")
        == "an apprenticeship of 3½ years, ¾ of it paid"
    )


SITE = {  # a corpus's own furniture, as a guides.toml [boilerplate] table would give it
    "glued_prefixes": ["View examples", "Explore career guide"],
    "furniture": {"site_cta": ["view examples", "explore career guide", "go to account.*"]},
    "cut_from": ["land your dream job with .*"],
}


def test_glued_call_to_action_is_split_off_and_dropped():
    rules = compile_rules(generic_rules(), SITE)
    lines = to_lines(
        "View examplesPros & Cons of Being a Baker\nExplore career guideAssess your Baker readiness", rules
    )
    assert [ln.text for ln in lines] == ["Pros & Cons of Being a Baker", "Assess your Baker readiness"]


def test_site_lines_dropped_and_footer_cut_with_reasons():
    text = "Real advice line here.\nSign up now\nGo to account ›\nLand your dream job with Acme Plus\nFree\nAI resume builder"
    lines, dropped = clean_lines(text, compile_rules(generic_rules(), SITE))
    assert [ln.text for ln in lines] == ["Real advice line here."]
    assert [(d.text, d.reason) for d in dropped] == [
        ("Sign up now", "account"),
        ("Go to account ›", "site cta"),
        ("Land your dream job with Acme Plus", "footer (with the 2 lines after it)"),
    ]


def test_generic_furniture_in_any_wording_is_dropped():
    text = "\n".join(
        [
            "Skip to main content",
            "An official website of the United States government",
            "The .gov means it's official.",
            "Department of Labor Logo United States Department of Labor",
            "Please enable javascript to play this video.",
            "Video transcript available at https://www.youtube.com/watch?v=abc.",
            "Facebook share linkTwitter share link",
            "We use cookies to improve your experience. Accept all",
            "https://www.example.org/careers/nurse",
            "KKT_Logo_Blue_RGB.JPG",
            "IMG_1563.jpg",
            "Nurses care for patients.",
        ]
    )
    lines, dropped = clean_lines(text)
    assert [ln.text for ln in lines] == ["Nurses care for patients."]
    assert [d.reason for d in dropped] == [
        "skip link",
        "official banner",
        "official banner",
        "logo",
        "javascript",
        "video",
        "share",
        "cookies",
        "url",
        "media",
        "media",
    ]


def test_labelled_figures_survive_every_furniture_pattern():
    figures = [
        "2022 Median Pay $81,220 per year",
        "Number of Jobs, 2022 3,172,500",
        "Job Outlook, 2022-32 6% (Faster than average)",
        "Hours: 37.5 per week",
    ]
    rules = compile_rules(generic_rules(), {"furniture": {"greedy": [".*"]}})
    assert [ln.text for ln in to_lines("\n".join(figures), rules)] == figures
    assert all(is_labelled_figure(f) for f in figures)
    assert not is_labelled_figure("USD $8/month")
    assert not is_labelled_figure(
        "Nurses care for patients in hospitals, clinics and homes across the country every day."
    )


def test_lines_repeated_on_pages_of_one_site_are_furniture_only_in_head_or_tail():
    def page(job: str) -> list[Line]:
        body = [f"{job} section {i} explains one more thing about the work." for i in range(12)]
        return (
            [Line("Explore all our career pages today")]
            + [Line(t) for t in body]
            + [
                Line("Pay"),
                Line("Median Pay $50,000 per year for every job here"),
                Line("Write to us for any question you have"),
            ]
        )

    pages = {"a.txt": page("Nurse"), "b.txt": page("Baker"), "c.txt": page("Pilot")}
    sites = {"a.txt": "one.example", "b.txt": "one.example", "c.txt": "two.example"}
    found = repeated_furniture(pages, sites, load_rules())
    assert found["a.txt"] == {
        0: "repeated on other pages of the site",
        15: "repeated on other pages of the site",
    }
    assert found["c.txt"] == {}  # the only page of its site


def test_a_template_line_repeated_within_a_page_is_furniture():
    lines = [Line("A growing field with similar skill requirements."), Line("Nurse")] * 3
    found = repeated_furniture({"a.txt": lines}, {}, load_rules())
    assert sorted(found["a.txt"]) == [0, 2, 4]


def test_bullets_and_whitespace_normalised():
    lines = to_lines("  •   Lead,\u00a0train   teams\n• • Unlimited applies")
    assert [(ln.text, ln.bullet, ln.indent) for ln in lines] == [
        ("Lead, train teams", True, 2),
        ("Unlimited applies", True, 0),
    ]


def test_a_bullet_alone_on_its_line_marks_the_next_line_as_its_item():
    lines = to_lines("Placed by:\n-\nAcademic qualifications\n-\nYears of experience\nThere are five grades.")
    assert [(ln.text, ln.bullet) for ln in lines] == [
        ("Placed by:", False),
        ("Academic qualifications", True),
        ("Years of experience", True),
        ("There are five grades.", False),
    ]


def test_decode_falls_back_with_a_warning_naming_the_file():
    decoded = decode("caf\xe9 r\xe9sum\xe9".encode("cp1252"), "old.txt")
    assert decoded.text == "café résumé"
    assert decoded.warnings and "old.txt" in decoded.warnings[0]


def test_binary_detection():
    assert is_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not is_binary(b"plain text\nwith lines")


def test_a_trivia_box_stating_the_jobs_facts_is_kept_other_trivia_goes():
    text = "\n".join(
        [
            "Did you know?",
            "The average cyber security salary in South Africa is R 990 000 per year.",
            "",
            "Interesting Fact",
            "The following words were all invented by advertising agencies: glamorize, sanitize.",
            "",
            "Analysts protect networks.",
        ]
    )
    lines, dropped = clean_lines(text)
    assert [ln.text for ln in lines] == [
        "The average cyber security salary in South Africa is R 990 000 per year.",
        "Analysts protect networks.",
    ]
    assert [d.text for d in dropped] == [
        "Did you know?",
        "Interesting Fact",
        "The following words were all invented by advertising agencies: glamorize, sanitize.",
    ]
