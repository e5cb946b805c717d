"""Stage 3: chunk offsets, coverage and boundaries (property tests on arbitrary text)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.ingest.chunk import chunk, chunk_id, split_units
from coach.ingest.clean import to_lines
from coach.ingest.load import load_guides
from coach.ingest.sections import parse_guide


def _guide(text: str):
    return parse_guide(to_lines(text), "prop.txt")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
def test_offsets_point_back_at_the_clean_text(text):
    guide = _guide(text)
    for c in chunk(guide, 5, 40):
        assert guide.clean_text[c.start : c.end] == c.text


words = st.lists(
    st.sampled_from(["alpha", "beta", "Gamma", "delta.", "épée", "naïve", "$45k", "3-5", "数据", "end."]),
    min_size=1,
    max_size=60,
)
lines = st.lists(words.map(" ".join), min_size=1, max_size=40)


@settings(max_examples=100, deadline=None)
@given(lines)
def test_no_body_text_is_lost(paragraphs):
    guide = _guide("Title Line\n" + "\n".join(paragraphs))
    pieces = chunk(guide, 10, 50)
    covered = " ".join(c.text for c in pieces)
    for block in (b for s in guide.sections for b in s.blocks):
        for word in block.text.split():
            assert word in covered


@settings(max_examples=100, deadline=None)
@given(lines)
def test_chunks_stay_within_one_section_and_size(paragraphs):
    guide = _guide("Title Line\n" + "\n".join(paragraphs))
    spans = [(b.start, b.end, s.path) for s in guide.sections for b in s.blocks]
    for c in chunk(guide, 10, 50):
        owners = {path for start, end, path in spans if start < c.end and end > c.start}
        assert len(owners) == 1
        assert " > ".join(next(iter(owners))) == c.section


def test_empty_and_whitespace_input():
    assert chunk(_guide("")) == []
    assert chunk(_guide("   \n\n \t ")) == []


def test_ids_are_stable_and_content_derived(guides_dir):
    first = [c.id for g in load_guides([guides_dir]).guides for c in chunk(g)]
    second = [c.id for g in load_guides([guides_dir]).guides for c in chunk(g)]
    assert first == second and len(set(first)) == len(first)
    assert chunk_id("a.txt", "S", "text") != chunk_id("b.txt", "S", "text")


def test_units_render_table_rows_with_their_header(guides_dir):
    baker = next(g for g in load_guides([guides_dir]).guides if g.source == "baker.txt")
    table = next(c for c in chunk(baker) if "Head Baker" in c.text)
    rows = [u.text for u in split_units(table) if u.kind == "row"]
    assert rows == [
        "Apprentice Baker: US Median $28k USD, US Average $30k USD",
        "Head Baker: US Median $52k USD, US Average $55k USD",
    ]
