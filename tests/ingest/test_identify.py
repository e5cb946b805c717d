"""A page's title, role and other names for its job, from its lines and its address (roles.identify, aliases.py)."""

import pytest

from coach.ingest.aliases import own_names
from coach.ingest.clean import Line
from coach.ingest.identity import singular
from coach.ingest.profile import GuideInfo, build_profile
from coach.ingest.role_clues import as_written
from coach.ingest.roles import identify


def _lines(*texts: str) -> list[Line]:
    return [Line(t) for t in texts]


def test_a_bare_head_takes_the_kind_the_heading_or_the_address_writes_in_the_pages_letters():
    kiosk = _lines(
        "How Much SIM Agents Make Daily in Lagos",
        "You can find SIM agents at every bus stop.",
        "SIM agents earn a small fee on each card they register.",
        "Most SIM agents work from a kiosk; an agent needs a licence.",
    )
    url = "https://example.ng/how-much-sim-agents-make-daily-in-lagos"
    assert identify(kiosk, "sim.txt", url=url)[1] == "SIM Agent"
    # a headline the address spells out is the title, figure and all, and leaves the body
    ferry = _lines(
        "A village ferry-rower earns Rs 9,000 a month",
        "The monthly income of a ferry rower is Rs 9,000, a survey found.",
        "Most ferry rowers rent their boats; ferry rowers work ten hours a day.",
    )
    url = "https://news.example/a-village-ferry-rower-earns-rs-9000-a-month"
    title, role, body = identify(ferry, "ferry.txt", url=url)
    assert title == "A village ferry-rower earns Rs 9,000 a month"
    assert [ln.text for ln in body][0].startswith("The monthly income")


def test_a_name_before_the_head_is_a_kind_of_person_not_of_job():
    from collections import Counter

    from coach.ingest.doers import usual_kind

    butlers = _lines(
        "Hotels abroad want British butlers.",
        "A butler trained here earns well; British butlers earn more.",
        "Agencies place British butlers in Dubai.",
    )
    assert usual_kind("Butler", butlers, Counter({"butler": 4}), ["British butlers wanted"]) is None


def test_the_pages_other_names_for_its_job_come_from_its_heading_or_address_and_its_text():
    text = "Paramedics and ambulance attendants work shifts. Paramedics earn $30 an hour. Read the guide."
    url = "https://example.ca/salaries-for-ambulance-attendants-paramedics.html"
    assert own_names("Ambulance Attendant", "Salaries Guide", url, text) == ["paramedic"]
    # the page's own word for itself ("Guide"), a word of its role, and a name said once are no other names
    assert own_names("Ambulance Attendant", "Salaries Guide", None, text) == []
    assert own_names("Ambulance Attendant", "Paramedics", None, "Paramedics work shifts.") == []


def test_another_name_is_a_synonym_of_the_role_only_where_no_other_guide_uses_it():
    def info(source: str, role: str, names: list[str]) -> GuideInfo:
        return GuideInfo(source, role, role, None, None, None, "txt", {}, names=names, places=["CA"])

    profile = build_profile(
        [
            info("a.txt", "Ambulance Attendant", ["paramedic"]),
            info("b.txt", "Paralegal", []),
            info("c.txt", "Hairdresser", ["barber"]),
            info("d.txt", "Stylist", ["barber"]),
        ],
        [],
        {},
    )
    assert profile.synonyms.get("paramedic") == "ambulance attendant"
    assert "barber" not in profile.synonyms


def test_a_job_the_prose_names_ends_before_a_pronoun_or_an_auxiliary():
    boda = _lines(
        "Monday, February 25, 2013",
        "How To Do The Boda Boda Business",
        "The boda boda business is one where a person is almost certainly assured of making some money.",
        "Visible on nearly every street corner in Dar es Salaam, the number of Boda Boda riders has skyrocketed.",
        "Lucky riders that find passengers who pay more can earn up to Shs100,000 per day.",
    )
    assert (
        identify(
            boda, "boda.txt", url="http://msongo.blogspot.com/2013/02/how-to-do-boda-boda-business.html"
        )[1]
        == "Boda Boda Rider"
    )


def test_a_vacancy_names_its_post_a_news_page_its_subject_not_who_is_quoted():
    vacancy = _lines(
        "Job Summary",
        "Department: Ministry of Health",
        "Allowances: Travelling (payable only if officer is in possession of a motor vehicle)",
        "The Government is inviting applications from suitably qualified persons for the post of Psychiatrist.",
    )
    assert identify(vacancy, "job.txt")[1] == "Psychiatrist"
    news = _lines(
        "RSTA to top the number of taxis using TOP",
        "No new taxis will be registered in Thimphu. Chief Transport Officer, RSTA, Karma Pemba, said that the "
        "registration of taxis is suspended.",
        "Karma Pemba said that under the new rule, taxi operators may buy a taxi only after another is scrapped.",
        "Taxi operators who break the rule lose their permit, and taxi operators in other towns are not affected.",
    )
    assert identify(news, "taxis.txt")[1] == "Taxi Operator"
    # a hyphen between two phrases, not inside a word; a sentence's last word is no job ("decry poor")
    heading = _lines("Employment Opportunity-Fisheries Observer", "Observers are trained.")
    assert identify(heading, "o.txt")[1] == "Fisheries Observer"
    # a speaker named with the body they lead ("President of the ... Company, Mr ..., said") is who is quoted
    quoted = _lines(
        "Motorcycle taxis gain pace, tuk-tuks lag behind",
        "Tuk-tuk drivers earn less each year.",
        "President of the Lao Motorbike Service Company, Mr Boualavong Sengvongdeuane, said business is good.",
    )
    assert identify(quoted, "taxis.txt")[1] != "President"


def test_a_job_the_address_names_is_written_as_the_page_writes_it():
    page = _lines(
        "Students",
        "Ten students signed up for the fisheries observer training course.",
        "They will graduate to become fisheries observers; observers go to sea on purse seiners.",
    )
    url = "https://marshallislandsjournal.com/new-crop-observers"
    assert identify(page, "o.txt", url=url)[1] == "Fisheries Observer"


def test_an_address_that_lost_a_headings_comma_adds_no_word_to_the_job():
    # "after-12-months-plumbers-...": the heading's "After 12 Months, Plumbers", not a "months plumber"
    page = _lines(
        "After 12 Months, Plumbers Still Wait For Their Pay",
        "Plumbers on the new hospital site say their wages are late.",
    )
    assert as_written("months plumbers", page) == "plumbers"
    assert as_written("site welders", page) == "site welders"  # none of it written: the address's words


def test_the_trainee_of_a_training_page_is_its_job_not_its_trainer():
    school = _lines(
        "SPMS",
        "A unique seafaring project: the Marine Training Centre trains young Kiribati as seafarers.",
        "Seafaring training at the school takes twelve months; the seafarers then serve on board.",
        "The school's training is paid for by the shipping companies, and seafaring is a family tradition.",
    )
    from coach.ingest.doers import frequent_doer
    from coach.ingest.identity import word_counts

    assert frequent_doer(word_counts(school), school) == "seafarer"


def test_a_heading_naming_a_place_gives_way_to_the_workers_the_page_keeps_naming():
    from coach.ingest.roles import identify

    page = _lines(
        "Lisbon: not enough trammeliers for the hills",
        "Lisbon is short of trammeliers to take visitors up its hills in the old trams.",
        "The trammeliers train for six months; 120 trammeliers are licensed today.",
    )
    assert identify(page, "lisbon-trams.txt")[1] == "Trammelier"


def test_a_site_name_in_another_script_run_onto_the_title_is_no_part_of_the_job():
    from coach.ingest.identity import role_from_title

    assert (
        role_from_title("Police Officer대한민국청소년영어뉴스/KOREAN YOUTH ENGLISH NEWS") == "Police Officer"
    )
    assert role_from_title("Café Owner") == "Café Owner"  # Latin letters with accents are one script


def test_a_page_kind_label_over_the_title_and_a_site_section_in_the_address_name_no_job():
    lines = _lines(
        "Career Guide",
        "Care Work Job in Japan",
        "Care Work Job in Japan",
        "Demand for nursing care for the elderly is high in Japan. To solve its severe care worker shortage, the "
        "government accepts foreign workers.",
        "Care work is one of the perfect jobs for your career plan, and a care worker can train as a care manager.",
    )
    url = "https://example.jp/career-guide/starting-job/care-work-job-in-japan"
    title, role, _ = identify(lines, "care.txt", url=url, site="example.jp")
    assert (title, role) == ("Care Work Job in Japan", "Care Worker")  # not "Guide" of "Career Guide"


def test_a_title_from_the_file_name_drops_the_tags_neither_the_page_nor_the_standard_list_uses():
    banana = _lines(
        "Most banana plantation workers say their salary is inadequate.",
        "Banana workers lack formal contracts.",
    )
    assert identify(banana, "ec-banana-worker.txt")[0] == "Banana Worker"
    assert identify(banana, "empleospr-banana-worker.txt")[0] == "Banana Worker"
    # a word the standard list knows stays, whether the page writes it or not
    from coach.ingest.roles import _file_title

    assert _file_title("senior-nurse.txt", _lines("A nurse works shifts.")) == "Senior Nurse"
    assert _file_title("xq-nurse.txt", _lines("A nurse works shifts.")) == "Nurse"
    # a stop word is no job's first word, though the page says it ("I am a teacher")
    assert _file_title("am-teacher.txt", _lines("I am a teacher in Yerevan.")) == "Teacher"
    # a two-letter word the page never writes is a tag, though some standard title has it ("AI", "RE", "CD");
    # one the page writes stays ("HR managers")
    police = _lines("Eleven police officers return after thirty weeks of training.")
    assert _file_title("ai-police-officer.txt", police) == "Police Officer"
    assert _file_title("hr-manager.txt", _lines("HR managers hire staff.")) == "Hr Manager"
    # a word the page writes as two ("sugar cane") or inside a longer one ("motorcyclists") is said
    cane = _lines("The sugar cane harvest runs from July to December.")
    assert _file_title("re-sugarcane-cutter.txt", cane) == "Sugarcane Cutter"
    moto = _lines("There are 300,000 motorcyclists; each taxi driver earns $20 a day.")
    assert _file_title("cd-moto-taxi-driver.txt", moto) == "Moto Taxi Driver"


@pytest.mark.parametrize(
    ("lines", "url", "role"),
    [
        # the kind a headline writes names the job, however few times the page repeats it
        (
            (
                "Bitter Harvest for Kurdish Hazelnut Pickers in Turkey’s Black Sea Region",
                "Pickers work seven days a week, 11 hours a day.",
                "Like most pickers, he made the 700-kilometer journey.",
                "He and the other pickers sleep in a cattle shed.",
            ),
            "https://news.example/bitter-harvest-for-kurdish-hazelnut-pickers-in-turkeys-black-sea-region/",
            "Hazelnut Picker",
        ),
        # of the jobs a headline and its address name, the one the page keeps naming is its job
        (
            (
                "“Driver shortage will become critical” – regional carriers demand pay raises",
                "The association asks the ministry to raise the minimum wages of bus drivers on regional routes.",
                "The wages paid to drivers are half of what the state sets; carriers cannot fill the routes.",
                "The minimum hourly wage for bus drivers was set at 5.50 euros; bus drivers want 9 euros.",
            ),
            "https://news.example/driver-shortage-will-become-critical-regional-carriers-demand-pay-raises",
            "Bus Driver",
        ),
    ],
)
def test_a_headlines_job_is_the_one_the_page_writes(lines: tuple[str, ...], url: str, role: str) -> None:
    assert identify(_lines(*lines), "page.txt", url=url)[1] == role


def test_how_many_how_new_and_which_sex_are_no_kind_of_the_job_and_men_singularise():
    page = _lines(
        "Eighteen new drivers are now being trained",
        "Eighteen new drivers are being trained as bus drivers; drivers work shifts.",
        "New drivers earn 5 euros an hour; experienced drivers earn more.",
    )
    assert identify(page, "drivers.txt")[1] == "New Driver"  # not "Eighteen New Driver"
    assert singular("postmen") == "postman" and singular("specimen") == "specimen"


def test_a_headline_no_line_of_the_page_repeats_names_the_job_its_body_writes():
    news = _lines(
        "Minimum pay eludes saltpanning workers",
        "In 2019 Amal came to the coast in search of work and started as a novice saltpanning worker at a pan.",
        "This took his monthly earning to 9,000, less than the minimum wage of 16,000.",
        "Some 15,000 workers are engaged in this profession.",
        "Saltpanning workers say they cannot switch to other jobs.",
    )
    assert identify(news, "q.txt")[1] == "Saltpanning Worker"
    # a short page whose body names the job once: its job, not the headline's verb and modifier
    short = _lines("Overtime ban angers tileglazing workers", "He became a tileglazing worker in 2019.")
    assert identify(short, "t.txt")[1] == "Tileglazing Worker"
    # a title of four words the page writes again is a title
    title = _lines(
        "Civil Service Administrative Officer",
        "A Civil Service Administrative Officer supports a ministry's senior staff.",
    )
    assert identify(title, "cs.txt")[1] == "Civil Service Administrative Officer"
