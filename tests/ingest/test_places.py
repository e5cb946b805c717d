"""Where a guide is about (coach/ingest/places.py)."""

from __future__ import annotations

from coach.ingest.places import guide_places


def test_an_abbreviation_that_is_a_region_of_the_addresss_country_is_that_region():
    text = "Florists in SA work in Adelaide. TAFE SA offers the Certificate III in Floristry."
    assert guide_places("https://www.tafesa.edu.au/florist", "Florist", text) == ["AU", "AU-SA"]
    assert guide_places(
        "https://example.co.za/nurse", "Nurse", "Nurses in SA earn R300,000. SA needs nurses."
    ) == ["ZA"]


def test_a_countrys_regular_adjective_names_it():
    text = (
        "Malaysian nurses register with the Malaysian Nursing Board. Most Malaysian hospitals hire graduates."
    )
    assert guide_places("https://example.com/nurse", "Nurse", text) == ["MY"]
