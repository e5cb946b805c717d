"""A city names its country (GeoNames), unless cities of several countries share its name."""

from __future__ import annotations

from coach.ingest.cities import city_countries_in, city_country


def test_a_city_names_its_country_and_a_shared_name_names_none():
    assert (
        city_country("Helsingborg") == "SE"
        and city_country("Riga") == "LV"
        and city_country("bogotá") == "CO"
    )
    assert city_country("Tamboril") is None  # towns of Brazil and the Dominican Republic, about as big
    assert city_country("Nowhere-on-Sea") is None


def test_common_words_and_words_the_text_writes_in_lower_case_name_no_city():
    common = frozenset(["most", "march", "police"])
    assert city_countries_in("Most Police Officers In Riga Start In March", common) == ["LV"]
    assert (
        city_countries_in("Most nurses say most shifts are long", frozenset()) == []
    )  # "most", in lower case too
    assert city_countries_in("Do bus drivers in Riga or Tartu earn more?", common) == ["LV", "EE"]
