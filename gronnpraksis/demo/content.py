"""Demo content for `manage.py seed_demo`: organisations, two editions, people and contributions.

Sources and assumptions
-----------------------
- Grønn Praksis 22: the KS article in `docs/../seed/gronn-praksis-22.txt` (host, co-organiser, partners,
  dates, audience, perspective, the award, Miljøuka, Kortreist kvalitet). The venue (Hotel Norge), the
  number of participants (over 100), the ten nominees, the participant vote, the winner (Mulighetenes Hus
  in Vennesla), Agder fylkeskommune as a further organiser and Klimapartnere Agder as funder come from
  Kristiansand's own report, kristiansander.no/miljouka/aktuelt/gronnpraksis-22 (published 1 June 2022).
  Mulighetenes Hus' figures (about 60 tonnes of food a year, climate café, 50–60 volunteers) come from
  the organisation's own op-ed in Vennesla Tidende. Everything else about GP22 (deadlines, ticket prices,
  capacities, the street address) is an assumption and marked so where it is set.
- Grønn Praksis 27 is invented (is_demo=True): its people, figures and most contributions are fictional.
- Organisation numbers are real ones from Brønnøysundregistrene, taken only where two independent public
  sources agree (for municipalities: SSB's own reference list). Where unsure, the number is left blank.
  Note: Kristiansand's number is the one of the municipality formed on 1 January 2020 (820852982);
  963296746 was the number of the old Kristiansand kommune before the merger with Søgne and Songdalen.
- Fictional organisations carry "(demo)" in their name. Fictional people have @example.no addresses.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from gronnpraksis.contributions.models import Format, Kind, Length
from gronnpraksis.organisations.models import Sector
from gronnpraksis.registrations.models import Role

NAMESPACE = uuid.UUID("5d0c4b1e-6f3a-5e0b-9a57-67726f6e6e70")  # fixed: the demo's keys never change


def demo_key(*parts: str) -> uuid.UUID:
    """A stable idempotency key for a demo row, so re-running finds the same row."""
    return uuid.uuid5(NAMESPACE, "/".join(parts))


# --- Organisations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    name: str
    number: str = ""
    sector: str = Sector.OTHER
    municipality: str | None = None  # municipality number
    website: str = ""


ORGANISATIONS: dict[str, Org] = {
    # The organisers named in the article.
    "kristiansand": Org(
        "Kristiansand kommune",
        "820852982",
        Sector.MUNICIPALITY,
        "4204",
        "https://www.kristiansand.kommune.no",
    ),
    "ks": Org("KS – Kommunesektorens organisasjon", "971032146", Sector.OTHER, "0301", "https://www.ks.no"),
    "insam": Org("Insam", "", Sector.BUSINESS),
    "civitas": Org("Civitas", "", Sector.BUSINESS),
    "cicero": Org("CICERO Senter for klimaforskning", "", Sector.RESEARCH, "0301", "https://cicero.oslo.no"),
    "include": Org(
        "Include – senter for forskning på sosialt inkluderende omstilling (Universitetet i Oslo)",
        "",
        Sector.RESEARCH,
        "0301",
    ),
    # Named in Kristiansand's report from the event.
    "agder_fk": Org("Agder fylkeskommune", "921707134", Sector.COUNTY, "4204", "https://agderfk.no"),
    "klimapartnere_agder": Org("Klimapartnere Agder", "", Sector.OTHER),
    "mulighetenes_hus": Org("Mulighetenes Hus", "", Sector.CIVIL_SOCIETY, "4223"),
    # Municipalities and counties used by demo participants and contributions.
    "vennesla": Org("Vennesla kommune", "936846777", Sector.MUNICIPALITY, "4223"),
    "arendal": Org("Arendal kommune", "940493021", Sector.MUNICIPALITY, "4203"),
    "bodo": Org("Bodø kommune", "972418013", Sector.MUNICIPALITY, "1804", "https://bodo.kommune.no"),
    "oslo": Org("Oslo kommune", "958935420", Sector.MUNICIPALITY, "0301"),
    "bergen": Org("Bergen kommune", "964338531", Sector.MUNICIPALITY, "4601"),
    "trondheim": Org("Trondheim kommune", "942110464", Sector.MUNICIPALITY, "5001"),
    "tromso": Org("Tromsø kommune", "940101808", Sector.MUNICIPALITY, "5501"),
    "steinkjer": Org("Steinkjer kommune", "840029212", Sector.MUNICIPALITY, "5006"),
    "tynset": Org("Tynset kommune", "940837685", Sector.MUNICIPALITY, "3427"),
    "lillehammer": Org("Lillehammer kommune", "945578564", Sector.MUNICIPALITY, "3405"),
    "fredrikstad": Org("Fredrikstad kommune", "940039541", Sector.MUNICIPALITY, "3107"),
    "porsgrunn": Org("Porsgrunn kommune", "939991034", Sector.MUNICIPALITY, "4001"),
    "ringsaker": Org("Ringsaker kommune", "864950582", Sector.MUNICIPALITY, "3411"),
    "snasa": Org("Snåase tjïelte – Snåsa kommune", "964982031", Sector.MUNICIPALITY, "5041"),
    "kautokeino": Org("Guovdageainnu suohkan – Kautokeino kommune", "945475056", Sector.MUNICIPALITY, "5612"),
    "karasjok": Org("Kárášjoga gielda – Karasjok kommune", "963376030", Sector.MUNICIPALITY, "5610"),
    "nordland_fk": Org("Nordland fylkeskommune", "964982953", Sector.COUNTY, "1804"),
    "statsforvalteren_nordland": Org("Statsforvalteren i Nordland", "", Sector.STATE, "1804"),
    # Research and education.
    "uio": Org("Universitetet i Oslo", "971035854", Sector.RESEARCH, "0301"),
    "ntnu": Org("NTNU", "974767880", Sector.RESEARCH, "5001"),
    "uit": Org("UiT Norges arktiske universitet", "970422528", Sector.RESEARCH, "5501"),
    "uia": Org("Universitetet i Agder", "970546200", Sector.RESEARCH, "4204"),
    "nord": Org("Nord universitet", "970940243", Sector.RESEARCH, "1804"),
    "samas": Org("Sámi allaskuvla – Samisk høgskole", "971519363", Sector.RESEARCH, "5612"),
    # Fictional businesses and associations.
    "nordlys_ombruk": Org("Nordlys Ombruk AS (demo)", "", Sector.BUSINESS, "1804"),
    "solglott": Org("Solgløtt Energi AS (demo)", "", Sector.BUSINESS, "5037"),
    "bygdeverkstedet": Org("Bygdeverkstedet Hamarøy (demo)", "", Sector.CIVIL_SOCIETY, "1875"),
    "reparasjonskafe": Org("Reparasjonskafeen i Tromsø (demo)", "", Sector.CIVIL_SOCIETY, "5501"),
    "biogass_hedmark": Org("Hedmarken Biogass SA (demo)", "", Sector.BUSINESS, "3411"),
}

# --- Editions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    date: datetime.date
    label: str
    capacity_label: str
    limit: int
    starts_at: datetime.time = datetime.time(9, 0)
    ends_at: datetime.time = datetime.time(16, 0)


@dataclass(frozen=True)
class Ticket:
    key: str
    name: str
    description: str
    price: int
    quota: int | None  # None: no quota of its own


@dataclass(frozen=True)
class EditionSpec:
    slug: str
    fields: dict
    # (organisation key, role, position)
    organisers: list[tuple[str, str, int]]
    total_label: str
    total_limit: int
    days: list[Day]
    tickets: list[Ticket]


def oslo_time(year: int, month: int, day: int, hour: int = 23, minute: int = 59) -> datetime.datetime:
    from zoneinfo import ZoneInfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/Oslo"))


GP22 = EditionSpec(
    slug="gp22",
    fields={
        "name": "Grønn Praksis 22",
        "headline": "Nasjonal arena for bærekraftig omstilling – endring nedenfra og opp",
        "intro": (
            "Grønn Praksis 22 var en nasjonal arena for bærekraftig omstilling i Kristiansand 30. og 31. mai "
            "2022. Kristiansand kommune var vertskap og KS medarrangør, sammen med Insam, Civitas, CICERO og "
            "Include.\n\n"
            "Arenaen skulle vise hvordan endringene faktisk skjer, og hva som er nøkkelfaktorene når kommuner, "
            "næringsliv og lokalsamfunn legger om til lavutslippssamfunnet. Deltakerne meldte selv på seg og "
            "sitt – eksempler på lokal praksis og uferdige ideer – og programmet vokste i takt med påmeldingene.\n\n"
            "«Vi må tenke nasjonalt og globalt, men også bidra til utvikling av bærekraftig praksis nedenfra», "
            "sa Kjetil Bjørklund, fagleder for samferdsel, plan og miljø i KS, før arenaen. Han pekte på at "
            "kommunen har en nøkkelrolle i samspillet med innbyggere, næringsliv og andre aktører.\n\n"
            "For KS vokste Grønn Praksis fram etter prosjektet Kortreist kvalitet og nettverket av kommuner og "
            "fylkeskommuner som ble bygd opp der. Over 100 deltakere fra hele landet kom til Kristiansand."
        ),
        "audience": (
            "Folkevalgte og tillitsvalgte, ledere og fagpersoner fra kommuner og fylkeskommuner, næringsliv, "
            "staten, sivilsamfunnet og forsknings- og utviklingsmiljøer – alle som sammen vil gi mer kraft til "
            "den lokale og regionale klimaomstillingen.\n\n"
            "KS anbefalte kommunene å delta: arenaen gir impulser til klimaarbeidet, skaper utviklingskraft "
            "gjennom en kultur for å dele, og gjør synlig det arbeidet som allerede gjøres i lokalsamfunn, "
            "næringsliv og kommuner."
        ),
        "perspective": (
            "Hovedperspektivet er endring nedenfra og opp. Derfor fikk eksempler på lokal praksis god plass: "
            "hva ble gjort, hva ga det, og hva var avgjørende for å lykkes?\n\n"
            "Like viktig var de uferdige ideene. De ble tatt med for å bli diskutert og utviklet videre sammen "
            "med andre deltakere, ikke bare for å bli presentert."
        ),
        "award_text": (
            "GrønnPraksisPrisen 2022 ble kåret under arenaen. Ti av prosjektene som ble presentert, var "
            "nominert, og deltakerne stemte fram vinneren: Mulighetenes Hus i Vennesla, som gjør overskuddsmat "
            "fra lokale butikker om til måltider i en klimakafé og samtidig gir arbeidstrening til folk som "
            "står utenfor arbeidslivet."
        ),
        "starts_on": datetime.date(2022, 5, 30),
        "ends_on": datetime.date(2022, 5, 31),
        "timezone": "Europe/Oslo",
        # Venue: Kristiansand's report from the event. The street address is an assumption.
        "venue_name": "Hotel Norge",
        "venue_address": "Dronningens gate 5, 4610 Kristiansand",
        "host_municipality": "4204",
        "phase": "archived",
        # Deadlines: assumptions (the article only says the website took registrations and examples).
        "registration_deadline": oslo_time(2022, 5, 23),
        "contribution_deadline": oslo_time(2022, 5, 9),
        "nomination_deadline": oslo_time(2022, 5, 16),
        # Demo placeholder: the article links a film, but its address is not in the text we have.
        "film_url": "https://www.youtube.com/watch?v=GP22demo001",
        "film_title": "Film om Grønn Praksis (demo-lenke)",
        "partner_programme_name": "Miljøuka",
        "partner_programme_url": "https://www.kristiansander.no/miljouka",
        "partner_programme_text": (
            "Grønn Praksis 22 ble holdt samme uke som Miljøuka i Kristiansand, og arenaen var en del av ukas "
            "program. Miljøuka samler arrangementer om miljø, klima og bærekraft for innbyggere, næringsliv og "
            "organisasjoner i byen, slik at deltakerne på arenaen også kunne få med seg det som skjedde i "
            "Kristiansand den uka."
        ),
        "contact_email": "",
        "is_demo": False,
    },
    organisers=[
        ("kristiansand", "vertskap", 1),
        ("ks", "medarrangor", 2),
        ("insam", "partner", 3),
        ("civitas", "partner", 4),
        ("cicero", "partner", 5),
        ("include", "partner", 6),
        # From Kristiansand's report from the event, not the article.
        ("agder_fk", "partner", 7),
        ("klimapartnere_agder", "finansiering", 8),
    ],
    # Capacities and prices for GP22 are assumptions (the report says over 100 came).
    total_label="Grønn Praksis 22 – totalt",
    total_limit=150,
    days=[
        Day(datetime.date(2022, 5, 30), "Dag 1: Praksis nedenfra", "Dag 1 (30. mai 2022)", 150),
        Day(datetime.date(2022, 5, 31), "Dag 2: Fordypning", "Dag 2 (31. mai 2022)", 120),
    ],
    tickets=[
        Ticket("deltaker", "Deltaker", "Deltakelse begge dager med lunsj.", 0, None),
        Ticket(
            "middag", "Deltaker med middag", "Deltakelse begge dager og felles middag 30. mai.", 450, None
        ),
    ],
)

GP27 = EditionSpec(
    slug="gp27",
    fields={
        "name": "Grønn Praksis 27",
        "headline": "Omstilling i nord – praksis som kan deles",
        "intro": (
            "Grønn Praksis 27 samler kommuner, fylkeskommuner, næringsliv, statlige virksomheter, frivillige og "
            "forskere i Bodø 2. og 3. juni 2027. Bodø kommune er vertskap og KS medarrangør.\n\n"
            "Årets arena løfter fram omstilling i nord: hvordan små og store kommuner i Nord-Norge og Sápmi "
            "kutter utslipp, tilpasser seg et klima i endring og tar hensyn til natur, reindrift og lokalsamfunn "
            "når nye arealer tas i bruk.\n\n"
            "Som før melder deltakerne på seg og sitt. Send inn et eksempel på praksis, en uferdig idé, et tema "
            "til debatt, et verksted eller en stand – programmet vokser med bidragene.\n\n"
            "Dette er en demoårgang: personer, tall og de fleste bidragene er laget for å vise hvordan "
            "plattformen virker."
        ),
        "audience": (
            "Folkevalgte og tillitsvalgte, ledere og fagpersoner fra kommuner og fylkeskommuner, næringsliv, "
            "statlige virksomheter, sivilsamfunn og forskningsmiljøer. Studenter er velkomne på egne billetter."
        ),
        "perspective": (
            "Endring nedenfra og opp, med vekt på distriktene og samisk medvirkning. Dag 1 er viet eksempler på "
            "lokal praksis i plenum og parallelle sesjoner. Dag 2 er en fordypningsdag i mindre grupper, med "
            "verksteder og uferdige ideer, og har derfor færre plasser."
        ),
        "award_text": (
            "GrønnPraksisPrisen 2027 deles ut på arenaen. Alle kan nominere et prosjekt innen fristen. Juryen "
            "velger ti finalister etter de fire kriteriene samarbeid og entusiasme, reduserte "
            "klimagassutslipp, bred måloppnåelse og ringvirkninger, og deltakerne stemmer fram vinneren."
        ),
        "starts_on": datetime.date(2027, 6, 2),
        "ends_on": datetime.date(2027, 6, 3),
        "timezone": "Europe/Oslo",
        # Demo: a real concert hall in Bodø, chosen for the demo; nothing is booked.
        "venue_name": "Stormen konserthus",
        "venue_address": "Bodø",
        "host_municipality": "1804",
        "phase": "open",
        "registration_deadline": oslo_time(2027, 5, 15),
        "contribution_deadline": oslo_time(2027, 3, 1),
        "nomination_deadline": oslo_time(2027, 4, 15),
        "film_url": "",
        "film_title": "",
        "partner_programme_name": "Grønn uke i Bodø (demo)",
        "partner_programme_url": "",
        "partner_programme_text": (
            "Demo: i uka rundt arenaen arrangerer kommunen sammen med lag og foreninger byvandringer, "
            "reparasjonskafé, sykkelverksted og åpne dører hos lokale bedrifter. Arrangementene er åpne for "
            "alle og vises ved siden av arenaens eget program."
        ),
        "contact_email": "arrangor@example.no",
        "is_demo": True,
    },
    organisers=[
        ("bodo", "vertskap", 1),
        ("ks", "medarrangor", 2),
        ("nordland_fk", "partner", 3),
        ("nord", "partner", 4),
        ("cicero", "partner", 5),
        ("include", "partner", 6),
    ],
    total_label="Grønn Praksis 27 – totalt",
    total_limit=280,
    days=[
        Day(datetime.date(2027, 6, 2), "Dag 1: Praksis fra hele landet", "Dag 1 (2. juni 2027)", 250),
        Day(datetime.date(2027, 6, 3), "Dag 2: Fordypning og verksteder", "Dag 2 (3. juni 2027)", 30),
    ],
    tickets=[
        Ticket("ordinaer", "Ordinær", "Gratis deltakelse med lunsj begge dager.", 0, 300),
        Ticket("student", "Student", "For studenter. Gratis, men med et begrenset antall plasser.", 0, 5),
        Ticket(
            "middag",
            "Deltaker med festmiddag",
            "Deltakelse begge dager og festmiddag med prisutdeling 2. juni. Faktura til arbeidsgiver.",
            650,
            80,
        ),
    ],
)

# --- People -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    municipality: str
    organisation: str  # key in ORGANISATIONS
    sector: str
    role: str
    ticket: str
    days: tuple[int, ...]
    phone: str = ""
    dietary_needs: str = ""
    accessibility_needs: str = ""
    invoice_reference: str = ""
    news_opt_in: bool = False


CONTRIBUTOR_EMAIL = "bidragsyter@example.no"

# Registered for GP27 through the registration service, in this order: the sixth and seventh
# student find the student quota (5) full and land on the waitlist.
GP27_PARTICIPANTS = [
    Person(
        "Ingrid Haugen",
        "ingrid.haugen@example.no",
        "1804",
        "bodo",
        Sector.MUNICIPALITY,
        Role.LEADER,
        "middag",
        (1, 2),
        invoice_reference="Ansvar 1804-7100",
        news_opt_in=True,
    ),
    Person(
        "Ole-Martin Sørensen",
        "ole-martin.sorensen@example.no",
        "1804",
        "bodo",
        Sector.MUNICIPALITY,
        Role.ELECTED,
        "middag",
        (1, 2),
        invoice_reference="Politisk sekretariat",
    ),
    Person(
        "Sigrid Bakke",
        CONTRIBUTOR_EMAIL,
        "5006",
        "steinkjer",
        Sector.MUNICIPALITY,
        Role.PROFESSIONAL,
        "ordinaer",
        (1, 2),
        phone="+47 400 00 101",
        news_opt_in=True,
    ),
    Person(
        "Elle Kristine Hætta",
        "elle.kristine.haetta@example.no",
        "5612",
        "kautokeino",
        Sector.MUNICIPALITY,
        Role.PROFESSIONAL,
        "ordinaer",
        (1,),
    ),
    Person(
        "Nils Johan Utsi",
        "nils.johan.utsi@example.no",
        "5610",
        "karasjok",
        Sector.MUNICIPALITY,
        Role.ELECTED,
        "ordinaer",
        (1, 2),
    ),
    Person(
        "Tone Lie Kristiansen",
        "tone.kristiansen@example.no",
        "5501",
        "tromso",
        Sector.MUNICIPALITY,
        Role.PROFESSIONAL,
        "ordinaer",
        (1, 2),
        dietary_needs="Vegetar",
    ),
    Person(
        "Henrik Moe",
        "henrik.moe@example.no",
        "5001",
        "trondheim",
        Sector.MUNICIPALITY,
        Role.PROFESSIONAL,
        "ordinaer",
        (1,),
    ),
    Person(
        "Aisha Rahman",
        "aisha.rahman@example.no",
        "0301",
        "oslo",
        Sector.MUNICIPALITY,
        Role.PROFESSIONAL,
        "middag",
        (1, 2),
        dietary_needs="Halal",
        invoice_reference="Klimaetaten, ref. 2027-118",
    ),
    Person(
        "Lars Erik Dahl",
        "lars.erik.dahl@example.no",
        "4601",
        "bergen",
        Sector.MUNICIPALITY,
        Role.LEADER,
        "ordinaer",
        (1,),
    ),
    Person(
        "Marte Lunde",
        "marte.lunde@example.no",
        "3427",
        "tynset",
        Sector.MUNICIPALITY,
        Role.LEADER,
        "ordinaer",
        (1, 2),
    ),
    Person(
        "Jon Olav Brekke",
        "jon.olav.brekke@example.no",
        "5041",
        "snasa",
        Sector.MUNICIPALITY,
        Role.ELECTED,
        "ordinaer",
        (1,),
    ),
    Person(
        "Siri Antonsen",
        "siri.antonsen@example.no",
        "4204",
        "agder_fk",
        Sector.COUNTY,
        Role.PROFESSIONAL,
        "ordinaer",
        (1, 2),
    ),
    Person(
        "Kristoffer Vik",
        "kristoffer.vik@example.no",
        "1804",
        "nord",
        Sector.RESEARCH,
        Role.PROFESSIONAL,
        "ordinaer",
        (1, 2),
    ),
    Person(
        "Hanne Mo Iversen",
        "hanne.iversen@example.no",
        "0301",
        "include",
        Sector.RESEARCH,
        Role.PROFESSIONAL,
        "ordinaer",
        (2,),
    ),
    Person(
        "Eirik Strand", "eirik.strand@example.no", "0301", "ks", Sector.OTHER, Role.LEADER, "ordinaer", (1, 2)
    ),
    Person(
        "Anne Berit Fossum",
        "anne.berit.fossum@example.no",
        "1804",
        "nordlys_ombruk",
        Sector.BUSINESS,
        Role.LEADER,
        "middag",
        (1, 2),
        invoice_reference="Innkjøpsordre 5521",
    ),
    Person(
        "Thomas Aune",
        "thomas.aune@example.no",
        "5037",
        "solglott",
        Sector.BUSINESS,
        Role.PROFESSIONAL,
        "middag",
        (1,),
        invoice_reference="Thomas Aune",
    ),
    Person(
        "Randi Hofstad",
        "randi.hofstad@example.no",
        "1875",
        "bygdeverkstedet",
        Sector.CIVIL_SOCIETY,
        Role.OTHER,
        "ordinaer",
        (1, 2),
        accessibility_needs="Rullestolbruker, trenger trinnfri adkomst",
    ),
    Person(
        "Per Arne Kvalvik",
        "per.arne.kvalvik@example.no",
        "1804",
        "bodo",
        Sector.MUNICIPALITY,
        Role.UNION,
        "ordinaer",
        (1,),
    ),
    Person(
        "Fatima Hassan",
        "fatima.hassan@example.no",
        "1804",
        "statsforvalteren_nordland",
        Sector.STATE,
        Role.PROFESSIONAL,
        "ordinaer",
        (1, 2),
    ),
    # Students: five seats on the student ticket.
    Person(
        "Emma Johansen",
        "emma.johansen@example.no",
        "1804",
        "nord",
        Sector.RESEARCH,
        Role.STUDENT,
        "student",
        (1, 2),
    ),
    Person(
        "Sander Berg",
        "sander.berg@example.no",
        "0301",
        "uio",
        Sector.RESEARCH,
        Role.STUDENT,
        "student",
        (1, 2),
    ),
    Person(
        "Nora Lie", "nora.lie@example.no", "5001", "ntnu", Sector.RESEARCH, Role.STUDENT, "student", (1, 2)
    ),
    Person(
        "Mathias Eriksen",
        "mathias.eriksen@example.no",
        "5501",
        "uit",
        Sector.RESEARCH,
        Role.STUDENT,
        "student",
        (1,),
    ),
    Person(
        "Ida Marie Pedersen",
        "ida.marie.pedersen@example.no",
        "5037",
        "nord",
        Sector.RESEARCH,
        Role.STUDENT,
        "student",
        (1, 2),
    ),
    Person(
        "Jonas Haldorsen",
        "jonas.haldorsen@example.no",
        "4204",
        "uia",
        Sector.RESEARCH,
        Role.STUDENT,
        "student",
        (1, 2),
    ),
    Person(
        "Sofie Nymo", "sofie.nymo@example.no", "5612", "samas", Sector.RESEARCH, Role.STUDENT, "student", (1,)
    ),
]

# GP22 is archived (registration closed), so these rows are written directly, all confirmed.
GP22_PARTICIPANTS = [
    Person(
        "Kjersti Omdal",
        "kjersti.omdal@example.no",
        "4204",
        "kristiansand",
        Sector.MUNICIPALITY,
        Role.PROFESSIONAL,
        "deltaker",
        (1, 2),
    ),
    Person(
        "Geir Tveit",
        "geir.tveit@example.no",
        "4204",
        "kristiansand",
        Sector.MUNICIPALITY,
        Role.ELECTED,
        "middag",
        (1, 2),
    ),
    Person(
        "Liv Aamodt",
        "liv.aamodt@example.no",
        "4223",
        "mulighetenes_hus",
        Sector.CIVIL_SOCIETY,
        Role.LEADER,
        "deltaker",
        (1, 2),
    ),
    Person(
        "Bjørn Egeland",
        "bjorn.egeland@example.no",
        "4203",
        "arendal",
        Sector.MUNICIPALITY,
        Role.LEADER,
        "middag",
        (1,),
    ),
    Person(
        "Camilla Nergaard",
        "camilla.nergaard@example.no",
        "4204",
        "agder_fk",
        Sector.COUNTY,
        Role.PROFESSIONAL,
        "deltaker",
        (1, 2),
    ),
    Person(
        "Martin Halvorsen",
        "martin.halvorsen@example.no",
        "0301",
        "include",
        Sector.RESEARCH,
        Role.PROFESSIONAL,
        "deltaker",
        (2,),
    ),
    Person(
        "Hilde Brattli",
        "hilde.brattli@example.no",
        "0301",
        "cicero",
        Sector.RESEARCH,
        Role.PROFESSIONAL,
        "deltaker",
        (1, 2),
    ),
    Person(
        "Stian Kleven",
        "stian.kleven@example.no",
        "4601",
        "bergen",
        Sector.MUNICIPALITY,
        Role.UNION,
        "deltaker",
        (1,),
    ),
]

# --- Contributions ----------------------------------------------------------------------------

DEMO_NOTE = "\n\nDemoinnhold: eksempelet og tallene er laget for å vise plattformen."


@dataclass(frozen=True)
class ContributionSpec:
    key: str
    kind: str
    title: str
    summary: str
    description: str
    themes: tuple[str, ...]
    goals: tuple[int, ...]
    municipality: str
    organisation: str | None
    wished_format: str
    wished_length: int
    contact: tuple[str, str]
    state: str
    co_contributors: tuple[tuple[str, str], ...] = ()
    needs: str = ""
    stage: str = ""  # for practice examples shown in the bank
    starting_point: str = ""
    extra_municipalities: tuple[str, ...] = field(default=())


GP22_CONTRIBUTIONS = [
    ContributionSpec(
        key="matsvinn-til-matglede",
        kind=Kind.PRACTICE_EXAMPLE,
        title="Matsvinn til matglede",
        summary=(
            "Mulighetenes Hus i Vennesla tar imot mat som butikkene sorterer bort, og lager måltider i en "
            "klimakafé. Arbeidet gir arbeidstrening og fellesskap – og vant GrønnPraksisPrisen 2022."
        ),
        description=(
            "Mulighetenes Hus henter mat som ellers ville blitt kastet fra butikker i Vennesla – om lag 60 tonn "
            "i året. En kokk og et kjøkkenteam lager næringsrike måltider av råvarene, som selges i husets "
            "klimakafé. Det som blir til overs, deles ut til familier med lav inntekt.\n\n"
            "Kafeen er også en arbeidsplass for folk som av ulike grunner står utenfor det ordinære "
            "arbeidslivet, og mellom 50 og 60 frivillige – mange av dem pensjonister – gir av tiden sin. "
            "Slik kobles matsvinn, klima og inkludering i ett og samme tiltak.\n\n"
            "Nøkkelfaktorer: faste avtaler med lokale butikker, en kokk som kan lage mat av det som kommer inn, "
            "og et nært samarbeid med kommunen, frivillige og næringslivet."
        ),
        themes=("mat", "sirkularokonomi", "medvirkning"),
        goals=(2, 10, 12, 13),
        municipality="4223",
        organisation="mulighetenes_hus",
        wished_format=Format.TALK,
        wished_length=Length.MEDIUM,
        contact=("Liv Aamodt", "liv.aamodt@example.no"),
        state="confirmed",
        stage="spredt",
        starting_point=(
            "Butikkene i Vennesla kastet spiselig mat hver uke, samtidig som mange innbyggere sto utenfor "
            "arbeidslivet eller hadde dårlig råd."
        ),
    ),
    ContributionSpec(
        key="sykkelparkering-skolene-kristiansand",
        kind=Kind.PRACTICE_EXAMPLE,
        title="Sykkelparkering ved skolene i Kristiansand",
        summary=(
            "Trygg, overbygd sykkelparkering ved barne- og ungdomsskoler, planlagt sammen med elevrådene, "
            "skal få flere elever til å sykle til skolen."
        ),
        description=(
            "Kommunen kartla sykkelparkeringen ved skolene sammen med elevrådene. Mange stativer var for få, "
            "lå langt fra inngangen eller hadde ikke tak. På de første skolene ble det satt opp overbygde "
            "stativer med låsemulighet nær hovedinngangen, og elevene var med på å velge plassering.\n\n"
            "Telling før og etter viste flere sykler i stativene, særlig i vinterhalvåret. Erfaringen er at "
            "elevmedvirkning og korte byggeprosjekter gir rask effekt, og at vedlikehold og brøyting må inn i "
            "driftsbudsjettet fra starten." + DEMO_NOTE
        ),
        themes=("transport", "medvirkning"),
        goals=(3, 11, 13),
        municipality="4204",
        organisation="kristiansand",
        wished_format=Format.TALK,
        wished_length=Length.SHORT,
        contact=("Kjersti Omdal", "kjersti.omdal@example.no"),
        state="confirmed",
        stage="gjennomforing",
        starting_point="Få elever syklet til skolen, og foreldre pekte på dårlig og utrygg sykkelparkering.",
    ),
    ContributionSpec(
        key="klimabudsjett-arendal",
        kind=Kind.PRACTICE_EXAMPLE,
        title="Klimabudsjett som styringsverktøy",
        summary=(
            "Klimabudsjettet behandles sammen med økonomiplanen, slik at hvert tiltak har en ansvarlig enhet, "
            "en kostnad og et anslag for utslippskutt."
        ),
        description=(
            "Kommunen har lagt klimabudsjettet inn i den ordinære budsjettprosessen. Hvert tiltak får en "
            "ansvarlig enhet, et kostnadsanslag og et anslag for utslippskutt i tonn CO₂-ekvivalenter, og "
            "rapporteres i tertialrapportene på samme måte som økonomien.\n\n"
            "Det viktigste grepet var å gjøre klimabudsjettet til et dokument politikerne faktisk vedtar, ikke "
            "et vedlegg. Utfordringen er å få gode tall for utslipp som kommunen bare delvis påvirker."
            + DEMO_NOTE
        ),
        themes=("klimaledelse",),
        goals=(13, 16, 17),
        municipality="4203",
        organisation="arendal",
        wished_format=Format.TALK,
        wished_length=Length.MEDIUM,
        contact=("Bjørn Egeland", "bjorn.egeland@example.no"),
        state="confirmed",
        stage="evaluert",
        starting_point="Klimamålene sto i planene, men var ikke koblet til budsjett og rapportering.",
    ),
    ContributionSpec(
        key="energideling-borettslag",
        kind=Kind.UNFINISHED_IDEA,
        title="Energideling i borettslag",
        summary="Kan solceller på ett tak forsyne naboblokkene, og hvordan deler vi gevinsten rettferdig?",
        description=(
            "Vi vil undersøke om borettslag kan dele strøm fra solceller på taket mellom flere blokker, og "
            "hvordan kostnader og gevinst kan fordeles slik at også beboere med dårlig råd får del i den. Vi "
            "trenger innspill fra nettselskap, jurister og andre borettslag som har prøvd." + DEMO_NOTE
        ),
        themes=("energi", "medvirkning"),
        goals=(7, 11),
        municipality="4204",
        organisation="kristiansand",
        wished_format=Format.CONVERSATION,
        wished_length=Length.LONG,
        contact=("Geir Tveit", "geir.tveit@example.no"),
        state="accepted",
    ),
    ContributionSpec(
        key="innbyggere-med-pa-omstillingen",
        kind=Kind.DEBATE_THEME,
        title="Hvordan får vi innbyggerne med på klimaomstillingen?",
        summary=(
            "Omstillingen må oppleves som rettferdig for å få oppslutning. Hvem taper, hvem vinner, og hvem "
            "blir spurt?"
        ),
        description=(
            "En samtale om sosialt inkluderende omstilling: hvordan kommuner kan involvere innbyggere som "
            "sjelden deltar i høringer, og hvordan tiltak kan utformes slik at byrdene ikke faller på dem med "
            "minst. Innledning fra forskning, deretter samtale med kommuner og frivillige." + DEMO_NOTE
        ),
        themes=("medvirkning", "klimaledelse"),
        goals=(10, 13, 16),
        municipality="0301",
        organisation="include",
        wished_format=Format.CONVERSATION,
        wished_length=Length.LONG,
        contact=("Martin Halvorsen", "martin.halvorsen@example.no"),
        state="confirmed",
    ),
]

GP27_CONTRIBUTIONS = [
    ContributionSpec(
        key="ombruk-byggematerialer-trondheim",
        kind=Kind.PRACTICE_EXAMPLE,
        title="Ombruk av byggematerialer",
        summary=(
            "Før riving kartlegges det som kan brukes igjen. Dører, fasadeplater og tegl fra kommunale bygg "
            "går til nye prosjekter i stedet for til avfall."
        ),
        description=(
            "Alle kommunale rivings- og rehabiliteringsprosjekter får en ombrukskartlegging før anbud. "
            "Materialer med ombruksverdi merkes, demonteres forsiktig og lagres i et mellomlager til de kan "
            "brukes i nye bygg. I kontraktene stilles krav om at entreprenøren tar imot ombruksmaterialer.\n\n"
            "I 2026 ble om lag 140 tonn materialer brukt på nytt i stedet for å bli avfall. Flaskehalsen er "
            "dokumentasjon av egenskaper, særlig for brann og fukt." + DEMO_NOTE
        ),
        themes=("bygg", "sirkularokonomi", "innkjop"),
        goals=(9, 11, 12),
        municipality="5001",
        organisation="trondheim",
        wished_format=Format.TALK,
        wished_length=Length.MEDIUM,
        contact=("Henrik Moe", "henrik.moe@example.no"),
        state="accepted",
        stage="gjennomforing",
    ),
    ContributionSpec(
        key="klimabudsjett-sma-kommuner",
        kind=Kind.PRACTICE_EXAMPLE,
        title="Klimabudsjett i en liten kommune",
        summary=(
            "Med to årsverk i planavdelingen laget kommunen et enkelt klimabudsjett: fem tiltak, ett ark, "
            "behandlet sammen med økonomiplanen."
        ),
        description=(
            "Små kommuner har sjelden egne klimarådgivere. Vi valgte derfor fem tiltak vi selv styrer – "
            "kjøretøy, oppvarming av kommunale bygg, matsvinn i institusjonene, innkjøp og arealbruk – og "
            "laget ett oversiktsark som følger økonomiplanen. Rapporteringen skjer i tertialrapportene.\n\n"
            "Vi vil gjerne dele malen og høre hvordan andre små kommuner har gjort det." + DEMO_NOTE
        ),
        themes=("klimaledelse",),
        goals=(13, 17),
        municipality="3427",
        organisation="tynset",
        wished_format=Format.TALK,
        wished_length=Length.SHORT,
        contact=("Marte Lunde", "marte.lunde@example.no"),
        state="submitted",
        stage="gjennomforing",
    ),
    ContributionSpec(
        key="areal-reindrift-fornybar",
        kind=Kind.DEBATE_THEME,
        title="Arealbruk, reindrift og fornybar energi – hvem bestemmer?",
        summary=(
            "Nye kraftlinjer, vindkraft og hytter tar beiteland. Hvordan sikrer kommunene reell samisk "
            "medvirkning tidlig i planleggingen?"
        ),
        description=(
            "Omstillingen krever mer fornybar energi og nett, men arealene er ikke tomme. En samtale mellom "
            "kommuner i samiske områder, reindrift og forskning om konsultasjoner, kunnskapsgrunnlag og om "
            "hvordan samisk tradisjonell kunnskap kan brukes i arealplanleggingen." + DEMO_NOTE
        ),
        themes=("areal-og-natur", "energi", "medvirkning"),
        goals=(7, 15, 16),
        municipality="5612",
        organisation="kautokeino",
        wished_format=Format.CONVERSATION,
        wished_length=Length.LONG,
        contact=("Elle Kristine Hætta", "elle.kristine.haetta@example.no"),
        co_contributors=(("Nils Johan Utsi", "nils.johan.utsi@example.no"),),
        state="accepted",
        needs="Tolking mellom nordsamisk og norsk.",
    ),
    ContributionSpec(
        key="fossilfrie-byggeplasser-bergen",
        kind=Kind.PRACTICE_EXAMPLE,
        title="Fossilfrie bygge- og anleggsplasser gjennom innkjøp",
        summary=(
            "Krav om utslippsfrie maskiner i kommunale kontrakter, trinn for trinn, og hva leverandørene "
            "trengte for å klare det."
        ),
        description=(
            "Kommunen innførte krav om fossilfrie byggeplasser i egne kontrakter og gikk gradvis over til "
            "krav om utslippsfrie maskiner. Markedsdialog med leverandørene et år i forveien var avgjørende, "
            "det samme var tilgang på ladeeffekt på byggeplassen.\n\n"
            "Vi deler kontraktskravene, erfaringer fra oppfølgingen og hva det kostet." + DEMO_NOTE
        ),
        themes=("innkjop", "bygg", "energi"),
        goals=(9, 12, 13),
        municipality="4601",
        organisation="bergen",
        wished_format=Format.TALK,
        wished_length=Length.MEDIUM,
        contact=("Lars Erik Dahl", "lars.erik.dahl@example.no"),
        state="accepted",
        stage="evaluert",
    ),
    ContributionSpec(
        key="delebil-bygda",
        kind=Kind.UNFINISHED_IDEA,
        title="Bygdebilen: delt elbil for innbyggere og kommunen",
        summary=(
            "Kommunens tjenestebiler står stille om kvelden og i helgene. Kan innbyggerne leie dem, så færre "
            "trenger bil nummer to?"
        ),
        description=(
            "Idéen er å åpne noen av kommunens elbiler for innbyggerne utenom arbeidstid gjennom en enkel "
            "bookingløsning. Vi lurer på forsikring, ansvar ved skade, konkurranse med private aktører og om "
            "det er nok etterspørsel i en kommune med spredt bosetting. Vi ønsker oss innspill og noen å "
            "prøve sammen med." + DEMO_NOTE
        ),
        themes=("transport", "energi"),
        goals=(11, 12, 13),
        municipality="5006",
        organisation="steinkjer",
        wished_format=Format.CONVERSATION,
        wished_length=Length.MEDIUM,
        contact=("Sigrid Bakke", CONTRIBUTOR_EMAIL),
        state="submitted",
    ),
    ContributionSpec(
        key="verksted-klimaplan-i-bruk",
        kind=Kind.WORKSHOP,
        title="Verksted: en klimaplan som faktisk brukes",
        summary=(
            "Fra plan i skuffen til styringsverktøy: deltakerne kobler egne klimamål til tiltak, budsjett og "
            "rapportering."
        ),
        description=(
            "Et praktisk verksted for ledere og fagpersoner. Vi bruker en enkel mal for å koble klimamål til "
            "ansvar, tiltak, kostnader og indikatorer, og deltakerne arbeider med sin egen kommunes plan. "
            "Maks 25 deltakere." + DEMO_NOTE
        ),
        themes=("klimaledelse",),
        goals=(13, 17),
        municipality="3405",
        organisation="lillehammer",
        wished_format=Format.WORKSHOP,
        wished_length=Length.SESSION,
        contact=("Gunnhild Rustad", "gunnhild.rustad@example.no"),
        state="accepted",
        needs="Rom med gruppebord, whiteboard og skjerm.",
    ),
    ContributionSpec(
        key="verksted-regnbed",
        kind=Kind.WORKSHOP,
        title="Verksted: regnbed og naturbaserte løsninger",
        summary=(
            "Hvordan planlegge, bygge og drifte regnbed i gater og skolegårder – med erfaringer fra "
            "kraftige regnskyll."
        ),
        description=(
            "Vi går gjennom dimensjonering, plantevalg og drift, og ser på bilder fra anlegg før og etter "
            "store nedbørshendelser. Deltakerne skisserer et regnbed for et sted i egen kommune." + DEMO_NOTE
        ),
        themes=("klimatilpasning", "areal-og-natur"),
        goals=(6, 11, 13, 15),
        municipality="3107",
        organisation="fredrikstad",
        wished_format=Format.WORKSHOP,
        wished_length=Length.SESSION,
        contact=("Vegard Holm", "vegard.holm@example.no"),
        state="submitted",
        needs="Plass til å legge ut kart og tegninger.",
    ),
    ContributionSpec(
        key="stand-reparasjonskafe",
        kind=Kind.STAND,
        title="Stand: reparasjonskafé",
        summary=(
            "Ta med en ødelagt glidelås, et lamperør eller en sykkelslange. Frivillige viser hvordan du "
            "reparerer i stedet for å kaste."
        ),
        description=(
            "Frivillige reparatører står på stand hele dag 1 og viser enkle reparasjoner av klær, små "
            "elektriske apparater og sykler. Vi forteller også hvordan en reparasjonskafé kan startes med "
            "lite penger og støtte fra kommunen." + DEMO_NOTE
        ),
        themes=("sirkularokonomi", "medvirkning"),
        goals=(11, 12),
        municipality="5501",
        organisation="reparasjonskafe",
        wished_format=Format.STAND,
        wished_length=Length.ALL_DAY,
        contact=("Tone Lie Kristiansen", "tone.kristiansen@example.no"),
        state="accepted",
        needs="Bord, to stikkontakter og plass til en sykkel.",
    ),
    ContributionSpec(
        key="hvem-betaler-distriktene",
        kind=Kind.DEBATE_THEME,
        title="Hvem betaler for omstillingen i distriktene?",
        summary=(
            "Lange avstander, få kollektivtilbud og små fagmiljøer: blir klimaomstillingen dyrere for "
            "distriktskommunene, og hva bør staten gjøre?"
        ),
        description=(
            "En debatt om fordeling: hvordan statlige støtteordninger, avgifter og krav treffer små kommuner "
            "og innbyggere i distriktene, og hva som skal til for at omstillingen oppleves som rettferdig."
            + DEMO_NOTE
        ),
        themes=("klimaledelse", "naeringsutvikling"),
        goals=(10, 11, 13),
        municipality="1804",
        organisation="nord",
        wished_format=Format.CONVERSATION,
        wished_length=Length.LONG,
        contact=("Kristoffer Vik", "kristoffer.vik@example.no"),
        state="submitted",
    ),
    ContributionSpec(
        key="solceller-innbyggerandeler",
        kind=Kind.PRACTICE_EXAMPLE,
        title="Solceller på kommunale tak med innbyggerandeler",
        summary=(
            "Innbyggere kjøper andeler i solcelleanlegg på skoler og sykehjem og får avkastning; kommunen "
            "får billigere strøm og mer lokal kraft."
        ),
        description=(
            "Et lokalt energiselskap eier anleggene, kommunen leier ut takflaten og kjøper strømmen, og "
            "innbyggerne kan kjøpe andeler fra 1 000 kroner. De tre første anleggene er på til sammen rundt "
            "600 kWp." + DEMO_NOTE
        ),
        themes=("energi", "bygg", "naeringsutvikling"),
        goals=(7, 11, 17),
        municipality="5037",
        organisation="solglott",
        wished_format=Format.TALK,
        wished_length=Length.SHORT,
        contact=("Thomas Aune", "thomas.aune@example.no"),
        state="submitted",
        stage="planlegging",
    ),
    ContributionSpec(
        key="biogass-husdyrgjodsel",
        kind=Kind.PRACTICE_EXAMPLE,
        title="Biogass fra husdyrgjødsel",
        summary=(
            "Gårdbrukere går sammen om et felles biogassanlegg. Gjødsla blir drivstoff til lastebiler, og "
            "det som blir igjen, går tilbake til jordet."
        ),
        description=(
            "Tjue gårder leverer husdyrgjødsel til et felles anlegg. Biogassen oppgraderes og selges som "
            "drivstoff, og bioresten brukes som gjødsel. Samvirkemodellen gjorde det mulig å dele risikoen "
            "og få støtte." + DEMO_NOTE
        ),
        themes=("landbruk", "energi", "sirkularokonomi"),
        goals=(2, 7, 12, 13),
        municipality="3411",
        organisation="biogass_hedmark",
        wished_format=Format.TALK,
        wished_length=Length.MEDIUM,
        contact=("Kari Nordby", "kari.nordby@example.no"),
        state="accepted",
        stage="gjennomforing",
        extra_municipalities=("3403",),
    ),
]
