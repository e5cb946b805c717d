"""A city names its country (GeoNames), unless cities of several countries share its name."""

from __future__ import annotations

from coach.ingest.cities import city_countries_in, city_country
from coach.ingest.place_names import city_short_names


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


def test_the_cities_table_is_built_once_however_many_threads_ask_at_once(monkeypatch):
    import threading
    import time

    from coach.ingest import cities

    builds: list[int] = []

    def slow_build() -> dict[str, str | None]:
        builds.append(1)
        time.sleep(0.2)  # the real build takes about a second
        return {"paris": "FR"}

    monkeypatch.setattr(cities, "_TABLE", [])
    monkeypatch.setattr(cities, "_build", slow_build)
    found: list[str | None] = []
    threads = [threading.Thread(target=lambda: found.append(cities.city_country("Paris"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert builds == [1] and found == ["FR"] * 8


def test_a_city_is_also_its_shorter_name_that_says_no_other_place():
    from coach.ask.where import place_pattern

    assert city_short_names("Klagenfurt am Wörthersee") == ["Klagenfurt"]
    assert city_short_names("Kota Kinabalu") == ["Kinabalu"]
    assert place_pattern("Klagenfurt am Wörthersee").search("the hotels of KLAGENFURT pay little")
    # a country's name, or another country's city, is another place
    assert city_short_names("Mexico City") == [] and city_short_names("Los Angeles") == []
