"""Where a guide is about (coach/ingest/places.py)."""

from __future__ import annotations

from coach.ingest.figures import currency_country
from coach.ingest.places import guide_places, named_places


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


def test_a_figure_in_a_countrys_own_currency_places_the_guide_there():
    assert guide_places(None, "Tech lead", "Tech leads earn SGD 180,000 to SGD 300,000.") == ["SG"]
    assert guide_places(None, "Tapper", "A tapper earns RM 900 a month.") == ["MY"]
    assert guide_places(None, "Planner", "Planners earn 53,000 CAD a year.") == ["CA"]
    # the US dollar and the euro say nothing of the country; "N" (naira or another) is no currency of its own
    assert guide_places(None, "Helper", "It rose from US$ 200 to US$ 400 per month.") == [
        "US"
    ]  # places.toml's sign
    assert guide_places(None, "Analyst", "Analysts earn €30,000.") == []
    assert currency_country("Ksh 41,260") == "KE" and currency_country("N180,000") == ""
    # a currency named after the sum by a name only it has, tender in one country alone
    assert guide_places(None, "Spinner", "A spinner earns 30 soles a day.") == ["PE"]
    assert (
        currency_country("300,000 kip") == "LA" and currency_country("3,000 shekels") == ""
    )  # also Palestine's
    assert currency_country("300 rand") == "" and currency_country("500 pesos") == ""


def test_a_region_named_only_as_a_name_places_a_page_that_names_no_country():
    text = (
        "We woke in Kisumu to rain. The market in Kisumu opens early, and traders come to Kisumu from the "
        "lake shore. Most traders sell fish."
    )
    assert guide_places("https://example.com/fish-trader", "Fish trader", text) == ["KE-17"]
    # a short name, or one the page also writes in lower case ("Most"), is a word, not a place
    assert guide_places(None, "Trader", "Most traders sell fish. Most buy at dawn. Most days are long.") == []


def test_a_word_of_the_address_is_no_region_of_another_country():
    # "central" in a UK host is not Botswana's Central district; a region in a host of no country is kept
    assert guide_places("https://www.agencycentral.co.uk/jobs", "Porter", "Porters work shifts.") == ["GB"]
    assert guide_places("https://alaskapest.com/jobs", "Technician", "Technicians work outdoors.") == [
        "US-AK"
    ]


def test_a_word_of_a_longer_place_or_of_its_peoples_name_is_no_region_of_its_own():
    text = (
        "South Africans direct ire toward car guards. This is the largest group of unemployed people in South "
        "Africa. Young South Africans guard cars, and foreign guards too."
    )
    # "South" of "South Africans" is not Cameroon's South region: the longer name, or its people's, wins
    assert guide_places("https://example.com/car-guards", "Car guards", text) == ["ZA"]


def test_a_withdrawn_currency_code_a_country_used_is_its_money_and_its_place():
    # "3,660 ZMK": the kwacha before 2013, still quoted by salary pages; Zambia's, as ZMW is
    assert currency_country("3,660 ZMK") == "ZM" and currency_country("ZMW 5,000") == "ZM"


def test_a_currency_names_initials_are_its_letters_and_its_place():
    # "NIS" of ISO 4217's "New Israeli Sheqel", "NTD" of CLDR's "New Taiwan Dollar": no code, but one currency's
    assert currency_country("NIS 4,500") == "IL" and currency_country("NTD 30,000") == "TW"
    assert guide_places(None, "Nurse", "A nurse's take-home pay is NIS 6,200 a month.") == ["IL"]
    assert guide_places(None, "Police Officer", "An officer typically earns around 3,660 ZMK per month.") == [
        "ZM"
    ]


def test_the_one_region_a_countrys_site_names_is_where_it_is_about_even_named_once():
    text = "You will need a full driving licence and you must be able to work legally in Northern Ireland."
    assert guide_places("https://www.nidirect.gov.uk/taxi", "Becoming a taxi driver", text) == [
        "GB",
        "GB-NIR",
    ]
    # a page of no country's address is not placed by one mention, even where its money is a country's
    assert guide_places("https://example.com/taxi", "Taxi driver", text) == []
    assert guide_places("https://example.com/qa", "QA", "QA technicians earn £24,500 in England.") == ["GB"]


def test_a_country_the_address_spells_out_places_the_page():
    text = (
        "I work in the mining industry as a boilermaker. Zimbabwe is basing its economy on mining, "
        "as South Africa did."
    )
    url = "https://mining-jobs.com/boilermaker-and-pipe-fitter-with-3-years-experience-in-zimbabwe/"
    assert guide_places(url, "Boilermaker", text) == ["ZW"]
    assert guide_places("https://mining-jobs.com/boilermaker/", "Boilermaker", text) == []
    # a country's other name in the address counts too ("Swaziland" for Eswatini), but not its adjective
    assert guide_places("https://news.example.com/Swaziland_News/story.asp", "Cane cutters resign", "") == [
        "SZ"
    ]
    assert guide_places("https://news.example.com/swazi-life/story.asp", "Cane cutters resign", "") == []
    assert guide_places("https://news.example.com/latin-america/story", "Cane cutters resign", "") == []


def test_the_one_country_a_page_placed_nowhere_else_names_is_its_place():
    # named once, by a page whose address, money and repeated names give no place: that country; two: neither
    one = "I work in the mining industry as a boilermaker. Zimbabwe is basing its economy on mining."
    assert guide_places("https://mining-jobs.com/boilermaker/", "Boilermaker", one) == ["ZW"]
    two = one + " South Africa did the same."
    assert guide_places("https://mining-jobs.com/boilermaker/", "Boilermaker", two) == []


def test_a_country_is_known_by_its_everyday_english_name():
    # CLDR's English names, as people write them: "Brunei", "St. Kitts", "Saint Vincent", "St Lucia"
    assert named_places("Nurses in Brunei earn more.") == [("Brunei", "BN")]
    assert named_places("Join the police in St. Kitts") == [("St. Kitts", "KN")]
    assert named_places("Teachers in Saint Vincent") == [("Saint Vincent", "VC")]
    assert named_places("Firefighters of St Lucia") == [("St Lucia", "LC")]
    assert named_places("Work in Russia") == [("Russia", "RU")]
    # a name written with its marks
    assert named_places("The cane harvest in Réunion") == [("Réunion", "RE")]
    assert named_places("Nurses in Curaçao and São Tomé") == [("Curaçao", "CW"), ("São Tomé", "ST")]


def test_a_countrys_people_in_the_plural_and_in_ese_name_it():
    from coach.ingest.place_names import place_codes

    assert place_codes("Senegalese") == {"SN"} and place_codes("Lebanese") == {"LB"}
    assert place_codes("Togolese") == {"TG"} and place_codes("Maltese") == {"MT"}
    assert place_codes("Nauruans") == {"NR"} and place_codes("Yemenis") == {"YE"}
    # the plural is the singular's country: "Nigerian" is Nigeria's, so "Nigerians" is not Niger's
    assert place_codes("Nigerian") == {"NG"} and place_codes("Nigerians") == {"NG"}
    assert place_codes("Fishermen") == frozenset()


def test_everyday_names_no_iso_list_writes_are_the_countrys():
    from coach.ingest.place_names import place_codes

    # "KSA" is no Micronesian state's code here, and the names the ISO and CLDR lists no longer write still count
    assert place_codes("KSA") == {"SA"} and place_codes("Saudi") == {"SA"}
    assert place_codes("Macau") == {"MO"} and place_codes("Swaziland") == {"SZ"}


def test_a_regions_adjective_that_is_a_languages_name_is_the_language():
    text = (
        "English Language Assistant. I teach English in two schools in Martinique, and English is all I "
        "speak in class. Martinique is lovely."
    )
    assert guide_places(None, "English Language Assistant", text) == ["MQ"]
    # the region itself, named, still counts
    text = "Nurses in England earn more. England needs nurses; English hospitals hire."
    assert guide_places("https://example.co.uk/nurse", "Nurse", text) == ["GB", "GB-ENG"]


def test_a_region_name_several_countries_share_is_the_region_of_the_country_the_page_names():
    # "Central" is a region of Botswana, Fiji, Kenya, ...: on a page about Fiji it is Fiji's, and no country's
    # on a page that names none of them
    text = "Drivers at Central Depot earn $3 an hour. Central Depot runs 40 buses. Central Depot drivers protest."
    assert guide_places("https://example.com/drivers", "Bus drivers", text) == []
    assert guide_places("https://example.com/drivers", "Bus drivers", text + "\nFiji News") == ["FJ", "FJ-C"]


def test_a_countrys_irregular_adjective_from_the_standard_list_names_it_in_a_guide():
    text = "Polish drivers earn 4,000 zloty a month. Most Polish hauliers pay per kilometre."
    assert guide_places("https://example.com/truckers", "Truckers", text) == ["PL"]
    text = "Mexicans pick berries for 300 pesos a day. The Mexicans work 10-hour shifts."
    assert guide_places("https://example.com/pickers", "Pickers", text) == ["MX"]


def test_a_demonym_read_in_guides_is_no_place_a_question_asks_figures_for():
    # "in the Peruvian highlands", "Turkish families": a question names no place by them (a guide does)
    from coach.ingest.place_names import guide_names, place_codes

    assert guide_names()["peruvian"] == "PE"
    assert place_codes("Peruvian") == frozenset()
    assert named_places("How much do yarn spinners earn in the Peruvian highlands?") == []


def test_an_iso_name_with_a_qualifier_is_known_by_its_name_alone_unless_two_share_it():
    from coach.ingest.place_names import countries

    assert named_places("Cooks in Palestine earn less") == [("Palestine", "PS")]
    assert countries()["micronesia"] == "FM"
    assert "virgin islands" not in countries()  # British and U.S.: which one is not said


def test_a_country_geonames_and_cldr_both_list_is_a_country_iso_has_not_assigned():
    from coach.ingest.place_names import country_codes

    assert named_places("How much do the Kosovo police cadets earn?") == [("Kosovo", "XK")]
    assert "XK" in country_codes()
    assert not {"EU", "ZZ", "CS", "AN"} & country_codes()  # a grouping, no region; a state since split


def test_a_name_joined_by_of_the_or_and_is_one_place_else_its_parts_are_named():
    assert named_places("Nurses in the Democratic Republic of the Congo") == [
        ("Democratic Republic of the Congo", "CD")
    ]
    assert named_places("Moto drivers in Democratic Republic of Congo") == [
        ("Democratic Republic of Congo", "CD")
    ]
    assert named_places("Welders in Trinidad and Tobago") == [("Trinidad and Tobago", "TT")]
    assert named_places("A licence in Port of Spain") == [("Port of Spain", "TT-POS")]  # not Spain
    assert named_places("Pay in Canada, India and South Africa") == [
        ("Canada", "CA"),
        ("India", "IN"),
        ("South Africa", "ZA"),
    ]
    assert named_places("Join the Puerto Rico National Guard") == [("Puerto Rico", "PR")]
    assert named_places("Lecturers at the University of Texas") == [("Texas", "US-TX")]


def test_a_name_with_an_elided_article_is_one_place_and_a_possessive_keeps_its_place():
    assert named_places("Cocoa growers in Côte d'Ivoire earn") == [("Côte d'Ivoire", "CI")]
    assert named_places("Cocoa growers in Côte d’Ivoire earn") == [("Côte d’Ivoire", "CI")]
    assert named_places("Guides in Valle d'Aosta") == [("Valle d'Aosta", "IT-23")]
    assert named_places("Ghana's cocoa growers") == [("Ghana", "GH")]
    assert guide_places(None, "", "Cocoa growers in Côte d'Ivoire sold 800 kg in Côte d’Ivoire.") == ["CI"]


def test_a_region_the_standard_list_names_with_another_in_brackets_goes_by_both():
    from coach.ingest.place_names import place_codes, subdivision_names

    assert subdivision_names("Wales [Cymru GB-CYM]") == ["Wales [Cymru GB-CYM]", "Wales", "Cymru"]
    assert subdivision_names("Sofia (stolitsa)") == [
        "Sofia (stolitsa)",
        "Sofia",
    ]  # a qualifier, no other name
    assert subdivision_names("Old Harbour [town]") == ["Old Harbour [town]", "Old Harbour"]  # what it is
    assert place_codes("Wales") == place_codes("Cymru") == {"GB-WLS"}
    assert place_codes("City") == set()


def test_a_guide_in_another_language_names_its_country_in_that_language():
    # CLDR's French name, its marks kept or dropped as the page writes it; a name of two words or more only
    text = "Guinée Equatoriale\n\nLes salaires des fonctionnaires connaîtront dès janvier d'importantes augmentations."
    assert guide_places(None, "Salaires", text) == ["GQ"]
    assert guide_places(None, "Salaires", "Maurice a dit que les salaires augmentent.") == []
