"""Stage 1: text repair, boilerplate rules, decoding."""

from coach.ingest.clean import decode, is_binary, repair_text, to_lines


def test_greek_western_mojibake_is_repaired():
    raw = "formal education β€” such as SΓ£o Paulo βœ… Pros and πŸ“ˆ Market Demand"
    fixed = repair_text(raw)
    assert fixed == "formal education — such as São Paulo ✅ Pros and 📈 Market Demand"


def test_legit_curly_quotes_are_left_alone():
    assert repair_text("bachelor’s degree “quoted”") == "bachelor’s degree “quoted”"


def test_ftfy_fixes_common_latin1_mojibake():
    assert repair_text("rÃ©sumÃ©") == "résumé"


def test_glued_call_to_action_is_split_off_and_dropped():
    lines = to_lines(
        "View examplesPros & Cons of Being a Baker\nExplore career guideAssess your Baker readiness"
    )
    assert [ln.text for ln in lines] == ["Pros & Cons of Being a Baker", "Assess your Baker readiness"]


def test_boilerplate_lines_dropped_and_footer_cut():
    text = "Real advice line here.\nSign up now and join over 85,000 remote workers\nGo to account ›\nLand your dream job with Himalayas Plus\nFree\nAI resume builder"
    assert [ln.text for ln in to_lines(text)] == ["Real advice line here."]


def test_bullets_and_whitespace_normalised():
    lines = to_lines("  •   Lead,\u00a0train   teams\n• • Unlimited applies")
    assert [(ln.text, ln.bullet, ln.indent) for ln in lines] == [
        ("Lead, train teams", True, 2),
        ("Unlimited applies", True, 0),
    ]


def test_decode_falls_back_with_a_warning_naming_the_file():
    decoded = decode("caf\xe9 r\xe9sum\xe9".encode("cp1252"), "old.txt")
    assert decoded.text == "café résumé"
    assert decoded.warnings and "old.txt" in decoded.warnings[0]


def test_binary_detection():
    assert is_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not is_binary(b"plain text\nwith lines")
