"""The example bank in the demo: one real example and about fifty fictional ones, for `manage.py seed_demo`.

Sources and assumptions
-----------------------
- Mulighetenes Hus in Vennesla is real (is_demo=False). What is said about it is limited to what our
  sources say (see `gronnpraksis/demo/content.py`): food rescue of about 60 tonnes a year, a climate café, work training,
  50–60 volunteers, presented at Grønn Praksis 22 and voted winner of GrønnPraksisPrisen 2022 by the
  participants. Its contact person is the fictional one of the GP22 demo contribution and is not shown.
  It is linked to Grønn Praksis 22 through that contribution (kind "eksempel", confirmed).
- Every other example is fictional (is_demo=True; the bank marks them as demo content). They are set in
  real municipalities (numbers from `places/data/kommuner_2024.csv`), but the projects, the people, the
  figures and the amounts of support are invented to look plausible. Real municipalities and county
  municipalities may own an example; invented companies and associations carry "(demo)" in their name,
  as in `gronnpraksis/demo/content.py`. Contacts are fictional with @example.no addresses. No example links to another
  site.
- A few examples are waiting for moderation, sent back or rejected, to show moderation; they are never
  public. The published ones were published between 2022 and 2026.

Idempotent: an example is found by its title and updated; key figures by position.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Q

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.contributions.models import Contribution, Contributor, Format, Kind, Length, State
from gronnpraksis.editions.models import Edition, Goal, Theme
from gronnpraksis.examples.models import Accuracy, Example, KeyFigure, MeasureType, ModerationState, Stage
from gronnpraksis.examples.services import (
    index_example,
    publish_example,
    reject_example,
    return_example,
    submit_example,
)
from gronnpraksis.organisations.models import Organisation, Sector
from gronnpraksis.places.models import Municipality

from .content import demo_key

OSLO = ZoneInfo("Europe/Oslo")
MEASURED = Accuracy.MEASURED
ESTIMATED = Accuracy.ESTIMATED
PUBLISHED = ModerationState.PUBLISHED
PENDING = ModerationState.PENDING
RETURNED = ModerationState.RETURNED
REJECTED = ModerationState.REJECTED
DRAFT = ModerationState.DRAFT

# Stages, measure types and actor types, short.
IDEA, PLANNING, IMPLEMENTATION = Stage.IDEA, Stage.PLANNING, Stage.IMPLEMENTATION
FINISHED, EVALUATED, SPREAD = Stage.FINISHED, Stage.EVALUATED, Stage.SPREAD
EFFICIENCY, DEVELOPMENT, TRANSITION = MeasureType.EFFICIENCY, MeasureType.DEVELOPMENT, MeasureType.TRANSITION
MUNICIPALITY, COUNTY, STATE = Sector.MUNICIPALITY, Sector.COUNTY, Sector.STATE
BUSINESS, CIVIL_SOCIETY, RESEARCH, OTHER = (
    Sector.BUSINESS,
    Sector.CIVIL_SOCIETY,
    Sector.RESEARCH,
    Sector.OTHER,
)


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | float
    unit: str
    accuracy: str
    year: int | None = None


@dataclass(frozen=True)
class ExampleSpec:
    title: str
    municipalities: tuple[str, ...]  # municipality numbers; the first is the main place
    themes: tuple[str, ...]  # Theme slugs
    goals: tuple[int, ...]  # UN sustainable development goals
    stage: str
    measure_type: str
    actor_type: str
    owner: str  # linked to the organisation of that name when the demo has one
    years: tuple[int | None, int | None]  # started, ended
    contact: tuple[str, str]  # name, e-mail; the contact is also the example's owner (user)
    contact_is_public: bool
    summary: str
    starting_point: str
    what_was_done: str
    # Published: the day it was published. Otherwise: the day it was sent in.
    on: datetime.date
    state: str = PUBLISHED
    figures: tuple[Figure, ...] = ()
    partners: str = ""
    cost: str = ""
    success_factors: str = ""
    barriers: str = ""
    transferability: str = ""
    moderation_comment: str = ""
    is_demo: bool = True


def d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


# --- The real example -------------------------------------------------------------------------------

MULIGHETENES_HUS_TITLE = "Mulighetenes Hus"  # the awards demo finds the winner by this title

MULIGHETENES_HUS = ExampleSpec(
    title=MULIGHETENES_HUS_TITLE,
    municipalities=("4223",),
    themes=("mat", "sirkularokonomi", "medvirkning"),
    goals=(2, 10, 12, 13),
    stage=IMPLEMENTATION,
    measure_type=TRANSITION,
    actor_type=CIVIL_SOCIETY,
    owner="Mulighetenes Hus",
    years=(None, None),
    contact=("Liv Aamodt", "liv.aamodt@example.no"),
    contact_is_public=False,
    summary=(
        "Mulighetenes Hus i Vennesla redder om lag 60 tonn mat i året fra å bli kastet og bruker den i en "
        "klimakafé. Huset gir arbeidstrening, og 50–60 frivillige bærer arbeidet. Vinner av "
        "GrønnPraksisPrisen 2022."
    ),
    starting_point=(
        "Mye mat som fortsatt kan spises, blir kastet. Samtidig trenger folk som står utenfor arbeidslivet, "
        "et sted å begynne. Mulighetenes Hus tar tak i begge deler."
    ),
    what_was_done=(
        "Mulighetenes Hus tar imot overskuddsmat – om lag 60 tonn i året – som ellers ville blitt kastet, "
        "og bruker den i husets klimakafé.\n\n"
        "Arbeidet gir arbeidstrening til folk som står utenfor arbeidslivet, og mellom 50 og 60 frivillige "
        "gjør det mulig.\n\n"
        "Mulighetenes Hus presenterte arbeidet på Grønn Praksis 22 i Kristiansand, og deltakerne stemte det "
        "fram som vinner av GrønnPraksisPrisen 2022."
    ),
    figures=(Figure("Mat reddet fra kasting", 60, "tonn per år", ESTIMATED, 2022),),
    success_factors="Mellom 50 og 60 frivillige bærer arbeidet.",
    on=d(2022, 6, 1),
    is_demo=False,
)

# --- Fictional examples, by county --------------------------------------------------------------------

EXAMPLES: list[ExampleSpec] = [
    # Oslo
    ExampleSpec(
        title="Klimabudsjett for bydelene",
        municipalities=("0301",),
        themes=("klimaledelse",),
        goals=(11, 13, 16),
        stage=EVALUATED,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Oslo kommune",
        years=(2019, 2023),
        contact=("Maren Solberg", "maren.solberg@example.no"),
        contact_is_public=True,
        summary=(
            "Hver bydel fikk sitt eget klimabudsjett med tiltak, ansvarlig leder og utslippsanslag. "
            "Bydelsutvalgene følger opp klimagassutslippene i hver tertialrapport."
        ),
        starting_point=(
            "Byens klimabudsjett ble styrt sentralt, og bydelene opplevde at de hadde lite å si for tiltakene – "
            "selv om de driver barnehager, sykehjem og bydelshus med egne kjøretøy og egne innkjøp."
        ),
        what_was_done=(
            "Fra 2019 fikk bydelene hvert sitt klimabudsjett som del av den årlige budsjettprosessen. Hver bydel "
            "valgte fem til ti tiltak den selv styrer: tjenestebiler, energisparing i egne lokaler, matsvinn i "
            "institusjonskjøkkenene, innkjøp og avfall. Hvert tiltak har en ansvarlig leder, et kostnadsanslag "
            "og et anslag for kutt i klimagassutslipp.\n\n"
            "Bydelsutvalgene behandler klimabudsjettet sammen med økonomiplanen, og status rapporteres i "
            "tertialrapportene på samme måte som økonomien. Evalueringen etter fire år viste at bydelene hadde "
            "gjennomført om lag tre av fire tiltak, men at utslippsanslagene for innkjøp var svært usikre."
        ),
        figures=(
            Figure("Tiltak i bydelenes klimabudsjetter", 86, "tiltak", MEASURED, 2023),
            Figure("Gjennomførte tiltak", 64, "tiltak", MEASURED, 2023),
            Figure(
                "Reduserte klimagassutslipp fra bydelenes egen drift", 1150, "t CO2e per år", ESTIMATED, 2023
            ),
        ),
        partners="Klimaetaten\nBydelsutvalgene\nBydelsdirektørene",
        cost=(
            "Ingen egne midler: arbeidet ble gjort innenfor de ordinære rammene.\n"
            "Opplæring av bydelenes klimakontakter: om lag 250 000 kr i året."
        ),
        success_factors=(
            "At klimabudsjettet fulgte samme prosess og samme frister som økonomibudsjettet, og at hver bydel "
            "hadde en fast klimakontakt."
        ),
        barriers=(
            "Utslippsanslagene for innkjøp og matsvinn er usikre, og noen bydeler valgte tiltak som var lette å "
            "måle i stedet for tiltakene med størst effekt. Det første året var malen alt for omfattende."
        ),
        transferability=(
            "Passer for alle kommuner med bydeler, virksomheter eller enheter med eget budsjett. Begynn med få "
            "tiltak og en enkel mal."
        ),
        on=d(2023, 9, 12),
    ),
    ExampleSpec(
        title="Sykkelparkering i bakgården",
        municipalities=("0301",),
        themes=("transport", "medvirkning", "bygg"),
        goals=(3, 11, 13),
        stage=SPREAD,
        measure_type=TRANSITION,
        actor_type=CIVIL_SOCIETY,
        owner="Sykkelvennlige borettslag i Oslo (demo)",
        years=(2020, 2024),
        contact=("Jonas Bakken", "jonas.bakken@example.no"),
        contact_is_public=True,
        summary=(
            "Et borettslag bygde låsbar sykkelparkering i bakgården med tilskudd fra kommunen. Beboerne planla "
            "selv, og over 60 borettslag har fulgt etter med samme veileder."
        ),
        starting_point=(
            "Mange beboere i bygårdene hadde ikke et trygt sted å sette sykkelen. Syklene sto i trappeoppgangen "
            "eller ble stjålet fra gata."
        ),
        what_was_done=(
            "Et borettslag i Gamle Oslo spurte beboerne hva de trengte, og fant plass til et låsbart sykkelskur "
            "i bakgården – med plass til lastesykler og lading av elsykler. Kommunens tilskudd til "
            "sykkelparkering dekket halve kostnaden; resten ble tatt over felleskostnadene.\n\n"
            "Erfaringene ble samlet i en kort veileder med tegninger, søknadsmal og forslag til styrevedtak. "
            "Boligbyggelaget delte veilederen, og siden har over 60 borettslag bygd tilsvarende "
            "sykkelparkering."
        ),
        figures=(
            Figure("Nye sykkelparkeringsplasser i bakgårder", 1840, "plasser", MEASURED, 2024),
            Figure("Borettslag som har fulgt etter", 63, "borettslag", MEASURED, 2024),
        ),
        partners="Oslo kommune (tilskudd til sykkelparkering)\nBoligbyggelaget\nBeboerne i pilotborettslaget",
        cost=(
            "Pilotborettslaget: 380 000 kr, hvorav 190 000 kr i tilskudd fra kommunen.\n"
            "Et vanlig borettslag: 150 000–400 000 kr."
        ),
        success_factors=(
            "En beboerundersøkelse som viste at over halvparten ville sykle mer med trygg parkering. Ferdige "
            "tegninger og en søknadsmal gjorde det lett for neste styre."
        ),
        barriers=(
            "Bakgårder bak vernede fasader krevde byggesøknad, og det tok lang tid. Plassbehovet for lastesykler "
            "ble undervurdert i de første skurene."
        ),
        transferability="Passer i alle byer med tett bebyggelse. Borettslag og sameier kan bruke veilederen direkte.",
        on=d(2024, 10, 3),
    ),
    ExampleSpec(
        title="Utstyrsbiblioteket: lån i stedet for å kjøpe",
        municipalities=("0301",),
        themes=("sirkularokonomi", "medvirkning"),
        goals=(10, 11, 12),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=CIVIL_SOCIETY,
        owner="Utstyrsbiblioteket Grünerløkka (demo)",
        years=(2018, None),
        contact=("Sara Hussain", "sara.hussain@example.no"),
        contact_is_public=False,
        summary=(
            "Gratis utlån av friluftsutstyr, sportsutstyr og verktøy i bydelen. Ombruk gir flere barn tilgang "
            "til fritidsaktiviteter – og færre nye kjøp."
        ),
        starting_point=(
            "Familier med dårlig råd hadde ikke råd til ski, telt og verktøy, samtidig som mye utstyr sto ubrukt "
            "i boder og kjellere."
        ),
        what_was_done=(
            "Bydelen stilte et lokale til rådighet, og en frivillig forening driver utlånet med to ansatte i "
            "deltid og en gruppe frivillige. Utstyret kommer fra innsamlingsaksjoner, fra gjenbruksstasjonen og "
            "fra bedrifter som bytter ut utstyr. Alt kan lånes gratis i en uke med lånekort.\n\n"
            "Foreningen holder også kurs i å reparere sykler og ski, slik at utstyret varer lenger."
        ),
        figures=(
            Figure("Utlån", 9400, "utlån per år", MEASURED, 2025),
            Figure("Gjenstander i utlånet", 3100, "gjenstander", MEASURED, 2025),
        ),
        partners="Bydel Grünerløkka\nRenovasjons- og gjenvinningsetaten\nLokale idrettslag",
        cost=(
            "Driftstilskudd fra bydelen: 850 000 kr i året.\nGave fra en lokal stiftelse til oppstarten: 400 000 kr."
        ),
        success_factors="Gratis utlån uten depositum, et sentralt lokale og åpent på ettermiddagen.",
        barriers=(
            "Slitasje, og utstyr som ikke kommer tilbake i tide. Det tok to år å få en forutsigbar driftsavtale "
            "med bydelen."
        ),
        transferability=(
            "Kan begynne i det små i et bibliotek eller en fritidsklubb. Et enkelt utlånssystem og noen faste "
            "frivillige er nok."
        ),
        on=d(2022, 11, 21),
    ),
    # Rogaland
    ExampleSpec(
        title="Spillvarme fra datasenteret varmer opp nabolaget",
        municipalities=("1108",),
        themes=("energi", "naeringsutvikling", "bygg"),
        goals=(7, 9, 11),
        stage=IMPLEMENTATION,
        measure_type=DEVELOPMENT,
        actor_type=BUSINESS,
        owner="Sandnes Varmeverk AS (demo)",
        years=(2022, None),
        contact=("Erlend Tjelta", "erlend.tjelta@example.no"),
        contact_is_public=True,
        summary=(
            "Overskuddsvarme fra et datasenter går inn i et nytt fjernvarmenett til skole, svømmehall og 400 "
            "boliger. Fjernvarmen erstatter strøm og gass til oppvarming."
        ),
        starting_point=(
            "Datasenteret ble kjølt med strøm, og varmen forsvant ut i lufta. Samtidig skulle kommunen bygge ny "
            "skole og svømmehall like ved."
        ),
        what_was_done=(
            "Kommunen, utbyggeren og datasenteret inngikk en avtale om å ta vare på varmen. Varmepumper løfter "
            "temperaturen fra kjølevannet til rundt 70 grader, og et nytt fjernvarmenett fører varmen til "
            "skolen, svømmehallen og boligfeltet.\n\n"
            "Reguleringsplanen ble endret slik at nye bygg i området skal kobles til fjernvarmen. Første "
            "byggetrinn sto ferdig høsten 2024."
        ),
        figures=(
            Figure("Levert fjernvarme", 14_500_000, "kWh per år", ESTIMATED, 2025),
            Figure("Reduserte klimagassutslipp", 420, "t CO2e per år", ESTIMATED, 2025),
        ),
        partners="Sandnes kommune\nDatasenteret\nUtbyggeren av boligfeltet",
        cost="Varmesentral og nett: 62 mill. kr.\nEnova-støtte: 14,8 mill. kr.",
        success_factors=(
            "At kommunen som planmyndighet kunne kreve tilknytning, og at avtalen om varmen ble inngått før "
            "datasenteret ble bygd."
        ),
        barriers=(
            "Usikkerhet om datasenteret blir værende i 20 år gjorde finansieringen vanskelig. Nettet trenger en "
            "reservekilde for varme."
        ),
        transferability=(
            "Passer der datasentre, industri eller kjøleanlegg ligger nær nye byggeområder. Få varmeavtalen på "
            "plass før det bygges."
        ),
        on=d(2025, 2, 18),
    ),
    ExampleSpec(
        title="Klimarådgiving på gården",
        municipalities=("1119", "1120", "1121"),
        themes=("landbruk", "mat"),
        goals=(2, 13, 15),
        stage=EVALUATED,
        measure_type=EFFICIENCY,
        actor_type=OTHER,
        owner="Jæren landbruksrådgiving (demo)",
        years=(2019, 2023),
        contact=("Torunn Hognestad", "torunn.hognestad@example.no"),
        contact_is_public=True,
        summary=(
            "Over 120 gårdsbruk på Jæren fikk en klimaplan og en rådgiver på besøk. Bøndene valgte selv tiltak "
            "for fôring, gjødsel og drivstoff, og møttes i grupper for å dele erfaringer."
        ),
        starting_point=(
            "Landbruket står for en stor del av klimagassutslippene i kommunene, men mange bønder visste ikke "
            "hvilke tiltak som ville monne på egen gård."
        ),
        what_was_done=(
            "Hvert bruk fikk en klimaplan laget med Klimakalkulatoren og gjennomgått på et gårdsbesøk. Vanlige "
            "tiltak var bedre håndtering av husdyrgjødsel, tilpasset fôring, presisjonsgjødsling og mindre diesel "
            "gjennom bedre planlegging av kjøringen.\n\n"
            "Bøndene møttes i små grupper to ganger i året for å sammenligne tall og dele erfaringer."
        ),
        figures=(
            Figure("Gårdsbruk med klimaplan", 124, "gårdsbruk", MEASURED, 2023),
            Figure("Lavere klimagassutslipp per liter melk", 6, "prosent", ESTIMATED, 2023),
        ),
        partners="Hå kommune\nKlepp kommune\nTime kommune\nStatsforvalteren i Rogaland",
        cost=(
            "Klimasats-støtte fra Miljødirektoratet: 600 000 kr.\n"
            "Regionale miljømidler fra Statsforvalteren: 350 000 kr."
        ),
        success_factors="Rådgiverne kjente bøndene og driften, og mange tiltak ga også lavere kostnader.",
        barriers=(
            "Klimakalkulatoren fanger ikke opp alle tiltak. Noen bønder opplevde tallene som kritikk av næringen."
        ),
        transferability=(
            "Kan gjøres i alle landbrukskommuner sammen med rådgivingstjenesten. Erfaringsgruppene er det "
            "viktigste."
        ),
        on=d(2023, 11, 7),
    ),
    ExampleSpec(
        title="Elbildeling i nye boligprosjekter",
        municipalities=("1103",),
        themes=("transport", "naeringsutvikling"),
        goals=(11, 12, 13),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=BUSINESS,
        owner="Bildeling Stavanger AS (demo)",
        years=(2021, None),
        contact=("Ingvild Sele", "ingvild.sele@example.no"),
        contact_is_public=True,
        summary=(
            "Utbyggere får bygge færre parkeringsplasser når de tilbyr elbildeling til beboerne. Hver delebil "
            "erstatter flere privatbiler."
        ),
        starting_point=(
            "Kravet til parkeringsplasser gjorde nye boliger dyre og la beslag på store arealer, mens mange "
            "husstander bare trengte bil noen ganger i måneden."
        ),
        what_was_done=(
            "Kommunen åpnet i parkeringsnormen for færre plasser i prosjekter med avtale om elbildeling. "
            "Utbyggeren betaler for delebilene de første fem årene, og beboerne bestiller bilene i en app. "
            "Ladestasjonene står i felles garasje.\n\n"
            "Tolv boligprosjekter har nå elbildeling. En spørreundersøkelse viser at en av fem husstander har "
            "solgt bilen eller latt være å kjøpe en."
        ),
        figures=(
            Figure("Delebiler i boligprosjektene", 38, "biler", MEASURED, 2025),
            Figure("Husstander som har solgt eller droppet bil", 21, "prosent", MEASURED, 2025),
            Figure("Parkeringsplasser som ikke ble bygd", 410, "plasser", ESTIMATED, 2025),
        ),
        partners="Stavanger kommune\nUtbyggerne\nBoligsameiene",
        cost=(
            "Utbyggerne betaler om lag 30 000 kr per bolig over fem år – langt mindre enn parkeringsplassene "
            "ville kostet."
        ),
        success_factors="Parkeringsnormen ga utbyggerne en økonomisk grunn til å satse på delebiler.",
        barriers=(
            "Delebilene er for få i helgene. Det er uklart hvem som betaler når utbyggerens avtale går ut."
        ),
        transferability=(
            "Kan brukes i alle kommuner med parkeringsnorm. Avtal på forhånd hvem som har ansvaret etter "
            "avtaleperioden."
        ),
        on=d(2024, 3, 5),
    ),
    # Møre og Romsdal
    ExampleSpec(
        title="Landstrøm til cruiseskip og hurtigbåter",
        municipalities=("1508",),
        themes=("energi", "transport", "naeringsutvikling"),
        goals=(3, 7, 13, 14),
        stage=FINISHED,
        measure_type=TRANSITION,
        actor_type=OTHER,
        owner="Havnevesenet i Ålesund (demo)",
        years=(2018, 2023),
        contact=("Siv Remøy", "siv.remoy@example.no"),
        contact_is_public=True,
        summary=(
            "Cruiseskip og hurtigbåter kobler seg til strømnettet ved kai i stedet for å la dieselmotorene gå. "
            "Klimagassutslippene, eksosen og støyen i sentrum har gått merkbart ned."
        ),
        starting_point=(
            "Om sommeren lå flere cruiseskip ved kai samtidig med motorene i gang. Innbyggerne klaget på eksos "
            "og støy, og de lokale utslippene av NOx var høye."
        ),
        what_was_done=(
            "Havna bygde et landstrømanlegg med to tilkoblingspunkter for cruiseskip og ett for hurtigbåter. "
            "Nettselskapet forsterket forsyningen til havneområdet, og rederier som bruker landstrøm, får rabatt "
            "på havneavgiften.\n\n"
            "Anlegget ble tatt i bruk i 2023. Ikke alle skip har utstyr for landstrøm ennå, så andelen som kobler "
            "seg til, øker år for år."
        ),
        figures=(
            Figure("Levert landstrøm", 5_200_000, "kWh per år", MEASURED, 2024),
            Figure("Reduserte klimagassutslipp", 3600, "t CO2e per år", ESTIMATED, 2024),
            Figure("Anløp med landstrøm", 46, "prosent", MEASURED, 2024),
        ),
        partners="Ålesund kommune\nNettselskapet\nRederiene",
        cost=(
            "Investering: 78 mill. kr.\nEnova-støtte: 36 mill. kr.\n"
            "Klimasats-støtte fra Miljødirektoratet til forprosjektet: 500 000 kr."
        ),
        success_factors=(
            "Et grundig forprosjekt ga et godt grunnlag for Enova-søknaden, og rabatten på havneavgiften gjorde "
            "det lønnsomt for rederiene."
        ),
        barriers=(
            "Forsterkningen av strømnettet tok nesten to år. Mange eldre skip mangler utstyr og kan ikke koble "
            "seg til."
        ),
        transferability="Aktuelt for alle havner med faste anløp. Snakk tidlig med nettselskapet om kapasiteten.",
        on=d(2024, 6, 20),
    ),
    ExampleSpec(
        title="Ombruk av klede og utstyr i barnehagane",
        municipalities=("1577",),
        themes=("sirkularokonomi", "innkjop", "medvirkning"),
        goals=(4, 12),
        stage=SPREAD,
        measure_type=TRANSITION,
        actor_type=MUNICIPALITY,
        owner="Volda kommune",
        years=(2020, 2022),
        contact=("Solveig Rotevatn", "solveig.rotevatn@example.no"),
        contact_is_public=False,
        summary=(
            "Barnehagane i Volda har byteskap for klede, regntøy og leiker, og kjøper brukt før dei kjøper nytt. "
            "Ombruk er no ein fast del av innkjøpsrutinane."
        ),
        starting_point=(
            "Barnehagane kjøpte mykje nytt utstyr, medan foreldra kasta klede og leiker som borna hadde vakse frå."
        ),
        what_was_done=(
            "Kvar barnehage fekk eit byteskap der foreldra leverer og hentar brukte klede, regntøy og sko. "
            "Innkjøpsrutinen vart endra slik at barnehagane først ser etter i kommunen sitt ombrukslager og på "
            "bruktmarknaden før dei kjøper nytt.\n\n"
            "Borna er med på å reparere leiker og sortere klede, og ombruk har vorte ein del av det pedagogiske "
            "arbeidet med berekraft. Ordninga er teken i bruk i alle dei kommunale barnehagane og i to private."
        ),
        figures=(
            Figure("Barnehagar med byteskap", 11, "barnehagar", MEASURED, 2022),
            Figure("Spart innkjøp", 180_000, "kroner per år", ESTIMATED, 2022),
        ),
        partners="Foreldreutvala i barnehagane\nEin lokal bruktbutikk",
        cost="Byteskap og hyller: om lag 40 000 kr.\nKlimasats-tilskot frå Miljødirektoratet: 120 000 kr.",
        success_factors="Engasjerte foreldreutval og ein styrar som tok ansvar for å kome i gang.",
        barriers=(
            "Byteskapa vart fulle av klede som ingen trong, og dei måtte ryddast jamleg. Innkjøpsrutinen var "
            "vanskeleg å følgje i travle periodar."
        ),
        transferability=(
            "Lett å starte i alle barnehagar. Set av tid til rydding, og avtal kven som tek med seg det som ikkje "
            "blir brukt."
        ),
        on=d(2022, 9, 14),
    ),
    ExampleSpec(
        title="Blågrønn faktor i reguleringsplanene",
        municipalities=("1506",),
        themes=("klimatilpasning", "areal-og-natur", "klimaledelse"),
        goals=(6, 11, 13, 15),
        stage=IMPLEMENTATION,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Molde kommune",
        years=(2021, None),
        contact=("Eivind Gjendem", "eivind.gjendem@example.no"),
        contact_is_public=True,
        summary=(
            "Nye reguleringsplaner i sentrum må oppfylle et krav til blågrønn faktor: grønne tak, regnbed og "
            "trær som tar unna overvann og gir plass til natur."
        ),
        starting_point=(
            "Kraftigere regnskyll ga oversvømte kjellere og et overbelastet avløpsnett i sentrum, der nesten alt "
            "var asfaltert eller bebygd."
        ),
        what_was_done=(
            "Kommunen innførte blågrønn faktor som bestemmelse i kommuneplanens arealdel. Utbyggerne dokumenterer "
            "i et regneark hvordan tomta tar unna overvann og gir plass til vegetasjon. Saksbehandlerne fikk "
            "opplæring, og en veileder med eksempler ligger på kommunens nettsider.\n\n"
            "De fem første prosjektene etter det nye kravet har til sammen over 3 000 m² grønne tak og en rekke "
            "regnbed."
        ),
        figures=(
            Figure("Grønne tak i nye prosjekter", 3200, "m²", MEASURED, 2025),
            Figure("Prosjekter som oppfyller kravet", 5, "prosjekter", MEASURED, 2025),
        ),
        partners="Utbyggere og arkitekter\nKommunens vann- og avløpsetat",
        cost="Veileder og opplæring: 300 000 kr, dekket av Klimasats-støtte fra Miljødirektoratet.",
        success_factors="Dialog med utbyggerne før kravet ble vedtatt, og et enkelt regneark.",
        barriers=(
            "Utbyggere opplevde kravet som fordyrende, og det er krevende å følge opp at de grønne arealene "
            "faktisk blir vedlikeholdt."
        ),
        transferability=(
            "Blågrønn faktor er en kjent metode som flere byer bruker. Tilpass målverdiene til din egen kommune."
        ),
        on=d(2025, 9, 30),
    ),
    # Nordland
    ExampleSpec(
        title="Solcellepanel på fiskebruket",
        municipalities=("1860",),
        themes=("energi", "naeringsutvikling"),
        goals=(7, 9, 14),
        stage=FINISHED,
        measure_type=EFFICIENCY,
        actor_type=BUSINESS,
        owner="Lofotkyst Sjømat AS (demo)",
        years=(2021, 2022),
        contact=("Ronny Hansen", "ronny.hansen@example.no"),
        contact_is_public=False,
        summary=(
            "Et fiskebruk i Lofoten dekker en god del av strømbehovet til kjøling med solcellepanel på taket. "
            "Midnattssola gir mest strøm når kjølebehovet er størst."
        ),
        starting_point=(
            "Strømprisene steg, og kjølelageret brukte mest strøm om sommeren – når det er lyst hele døgnet."
        ),
        what_was_done=(
            "Bedriften monterte 1 100 m² solcellepanel på tak og sørvegg og styrer kjøleanlegget slik at det "
            "kjøler mest når panelene produserer. Overskuddet selges til nettet. Anlegget ble satt i drift i juni "
            "2022."
        ),
        figures=(
            Figure("Produsert solstrøm", 165_000, "kWh per år", MEASURED, 2023),
            Figure("Andel av eget strømforbruk", 28, "prosent", MEASURED, 2023),
        ),
        partners="Lokal elektroinstallatør\nNettselskapet",
        cost="Investering: 2,1 mill. kr.\nEnova-støtte: 420 000 kr.",
        success_factors="Å styre kjøleanlegget etter produksjonen ga mer enn solcellene alene.",
        barriers=(
            "Salt og vind krevde kraftigere innfesting og ga høyere kostnad. Om vinteren produserer anlegget "
            "nesten ingenting."
        ),
        transferability="Passer for bedrifter med stort kjølebehov om sommeren, også langt nord.",
        on=d(2023, 5, 8),
    ),
    ExampleSpec(
        title="Spillvarme fra industrien til veksthus",
        municipalities=("1833",),
        themes=("energi", "landbruk", "naeringsutvikling"),
        goals=(2, 7, 9, 12),
        stage=PLANNING,
        measure_type=DEVELOPMENT,
        actor_type=BUSINESS,
        owner="Helgeland Grønt AS (demo)",
        years=(2024, None),
        contact=("Linn Kristoffersen", "linn.kristoffersen@example.no"),
        contact_is_public=True,
        summary=(
            "Lunkent kjølevann fra industrien skal varme opp et stort veksthus for tomat og salat. Målet er "
            "kortreiste grønnsaker fra Helgeland hele året."
        ),
        starting_point=(
            "Industrien i Mo i Rana slipper ut store mengder varme med kjølevannet, mens nesten alle grønnsakene "
            "i butikkene kjøres inn fra Sør-Europa."
        ),
        what_was_done=(
            "Et selskap eid av lokale investorer, industrien og kommunens næringsselskap har gjort en "
            "mulighetsstudie og sikret seg areal ved industriparken. Veksthuset skal bruke spillvarme til "
            "oppvarming og LED-lys som styres etter strømprisen.\n\n"
            "Forprosjektet er ferdig, og selskapet søker nå støtte og finansiering til første byggetrinn på "
            "10 000 m²."
        ),
        figures=(Figure("Planlagt grønnsaksproduksjon", 1200, "tonn per år", ESTIMATED, 2027),),
        partners="Rana kommune\nIndustriparken\nNord universitet",
        cost=(
            "Forprosjekt: 3,5 mill. kr, hvorav 1,5 mill. kr fra Innovasjon Norge og 500 000 kr fra Nordland "
            "fylkeskommune."
        ),
        success_factors="Varmen er gratis, og industrien har selv interesse av at kjølevannet blir brukt.",
        barriers="Lave grønnsakspriser og høye byggekostnader gjør finansieringen vanskelig.",
        on=d(2025, 11, 12),
    ),
    ExampleSpec(
        title="Bygdeverkstedet: reparer, lån og lær",
        municipalities=("1875",),
        themes=("sirkularokonomi", "medvirkning"),
        goals=(4, 11, 12),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=CIVIL_SOCIETY,
        owner="Bygdeverkstedet Hamarøy (demo)",
        years=(2021, None),
        contact=("Randi Hofstad", "randi.hofstad@example.no"),
        contact_is_public=True,
        summary=(
            "I det gamle meieriet kan bygdefolk reparere sykler, klær og småmaskiner, låne verktøy og lære av "
            "hverandre. Verkstedet er åpent to kvelder i uka."
        ),
        starting_point=(
            "Nærmeste reparatør lå mange mil unna, og det var ofte enklere å kaste og kjøpe nytt på nett."
        ),
        what_was_done=(
            "Frivillige satte i stand et ledig lokale med verksted, symaskiner og et lite lager av reservedeler. "
            "Kommunen betaler husleie og strøm. Eldre med håndverkserfaring lærer bort, og skolen bruker "
            "verkstedet i arbeidslivsfag.\n\nVerkstedet har også en utlånshylle med verktøy og friluftsutstyr."
        ),
        figures=(
            Figure("Reparasjoner", 640, "reparasjoner per år", MEASURED, 2025),
            Figure("Frivillige", 24, "personer", MEASURED, 2025),
        ),
        partners="Hamarøy kommune\nSkolen\nPensjonistforeningen",
        cost=(
            "Husleie og strøm, betalt av kommunen: om lag 90 000 kr i året.\n"
            "Klimasats-støtte fra Miljødirektoratet til utstyr: 180 000 kr."
        ),
        success_factors=(
            "Et fast lokale og faste åpningstider. De eldste frivillige har kunnskap som ellers ville gått tapt."
        ),
        barriers=(
            "Sårbart når få frivillige bærer alt. Reservedeler til elektronikk er vanskelige å få tak i."
        ),
        transferability="Kan startes i alle bygder med et ledig lokale og noen ildsjeler.",
        on=d(2024, 4, 16),
    ),
    # Østfold
    ExampleSpec(
        title="Halvert matsvinn på sykehjemmene",
        municipalities=("3107",),
        themes=("mat", "sirkularokonomi"),
        goals=(2, 12, 13),
        stage=EVALUATED,
        measure_type=EFFICIENCY,
        actor_type=MUNICIPALITY,
        owner="Fredrikstad kommune",
        years=(2019, 2022),
        contact=("Anita Bergersen", "anita.bergersen@example.no"),
        contact_is_public=True,
        summary=(
            "Kjøkkenene på sykehjemmene veide matsvinnet i åtte uker, endret porsjoner og bestillinger, og "
            "halverte matsvinnet på to år."
        ),
        starting_point=(
            "Sykehjemmene kastet mye mat – særlig middager som var bestilt, men ikke spist, og pålegg som gikk ut "
            "på dato."
        ),
        what_was_done=(
            "Alle kjøkkenene registrerte matsvinn i åtte uker med vekt og et enkelt skjema: svinn i produksjonen, "
            "ved serveringen og på tallerkenen. Resultatene ble brukt til å endre porsjonsstørrelser, rutiner for "
            "bestilling og menyer, og avdelingene kan nå bestille halve porsjoner.\n\n"
            "Målingene gjentas hvert år. Etter to år var matsvinnet halvert, og beboerne spiste i snitt mer, "
            "fordi maten i større grad var tilpasset dem."
        ),
        figures=(
            Figure("Redusert matsvinn", 52, "prosent", MEASURED, 2022),
            Figure("Mat som ikke ble kastet", 38, "tonn per år", MEASURED, 2022),
            Figure("Sparte matinnkjøp", 1_100_000, "kroner per år", ESTIMATED, 2022),
        ),
        partners="Kjøkkenpersonalet\nAvdelingene på sykehjemmene",
        cost="Vekter og opplæring: 150 000 kr.\nKlimasats-støtte fra Miljødirektoratet: 250 000 kr.",
        success_factors="Tallene fra egne målinger overbeviste de ansatte, og kokkene fikk ansvaret for tiltakene.",
        barriers=(
            "Registreringen tok tid i starten. Beboere med demens har svingende matlyst, så noe svinn er "
            "vanskelig å unngå."
        ),
        transferability="Alle kommuner med institusjonskjøkken kan gjøre det samme. Begynn med en kort måleperiode.",
        on=d(2022, 10, 25),
    ),
    ExampleSpec(
        title="Gjenbruksstasjon med bruktbutikk og reparasjonshjørne",
        municipalities=("3105", "3101", "3120"),
        themes=("sirkularokonomi", "naeringsutvikling"),
        goals=(8, 11, 12),
        stage=SPREAD,
        measure_type=TRANSITION,
        actor_type=OTHER,
        owner="Avfallsselskapet i Nedre Glomma (demo)",
        years=(2017, 2020),
        contact=("Morten Larsen", "morten.larsen@example.no"),
        contact_is_public=True,
        summary=(
            "Ved innkjøringen til gjenbruksstasjonen kan folk levere brukte ting til ombruk før de kommer til "
            "containerne. Det som kan selges, havner i bruktbutikken på stedet."
        ),
        starting_point=(
            "Mye av det som ble kastet på gjenbruksstasjonen – møbler, sykler, leker og kjøkkenutstyr – var helt "
            "brukbart."
        ),
        what_was_done=(
            "Selskapet bygde om gjenbruksstasjonen slik at ombruk kommer før avfall: en egen mottakshall ved "
            "innkjøringen, en bruktbutikk drevet av en arbeidsinkluderingsbedrift og et reparasjonshjørne for "
            "sykler og møbler.\n\n"
            "To nabokommuner har siden kopiert modellen, og gjenbruksstasjonene deler nå et felles lager."
        ),
        figures=(
            Figure("Gjenstander solgt til ombruk", 410, "tonn per år", MEASURED, 2024),
            Figure("Plasser for arbeidstrening", 14, "plasser", MEASURED, 2024),
        ),
        partners="En arbeidsinkluderingsbedrift\nNAV\nEierkommunene",
        cost=(
            "Ombygging av gjenbruksstasjonen: 7,5 mill. kr.\nKlimasats-støtte fra Miljødirektoratet: 1,2 mill. kr."
        ),
        success_factors="Plasseringen ved innkjøringen: folk leverer før de har bestemt seg for å kaste.",
        barriers=(
            "Butikken konkurrerte med private bruktbutikker, og det måtte lages klare regler for hva som selges. "
            "Elektronikk kan ikke selges uten kontroll."
        ),
        transferability=(
            "Passer for alle gjenbruksstasjoner. Samarbeid med en arbeidsinkluderingsbedrift gjør driften mulig."
        ),
        on=d(2022, 6, 28),
    ),
    ExampleSpec(
        title="Kystlyngheia tilbake med beitedyr",
        municipalities=("3110",),
        themes=("areal-og-natur", "landbruk"),
        goals=(2, 13, 15),
        stage=IMPLEMENTATION,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Hvaler kommune",
        years=(2019, None),
        contact=("Ellen Bråten", "ellen.braten@example.no"),
        contact_is_public=False,
        summary=(
            "Sau og geit holder gjengroingen i sjakk på øyene, og den truede kystlyngheia kommer tilbake. "
            "Kommunen eier beitedyrene sammen med en bonde."
        ),
        starting_point=(
            "Kystlyngheia på øyene grodde igjen med einer og furu etter at beitet tok slutt, og artsmangfoldet "
            "gikk tilbake."
        ),
        what_was_done=(
            "Kommunen og en lokal bonde kjøpte villsau og geiter og satte opp gjerder på tre øyer. Frivillige "
            "brenner lyngen i små felt om våren, slik det ble gjort før. Skoleklasser er med og teller planter og "
            "insekter."
        ),
        figures=(Figure("Areal med skjøtsel", 85, "dekar", MEASURED, 2025),),
        partners="En lokal bonde\nStatsforvalteren (tilskudd til naturtyper)\nNaturvernforeningen\nBarneskolen",
        cost=(
            "Tilskudd til utvalgte naturtyper fra Statsforvalteren: 210 000 kr.\nGjerder og dyr: 320 000 kr."
        ),
        success_factors="Avtalen med bonden om ansvaret for dyrene i hverdagen.",
        barriers="Turgåere med løse hunder skremte dyrene det første året.",
        transferability="Gjelder alle kystkommuner med gjengrodd lynghei. Start med ett felt.",
        on=d(2023, 7, 4),
    ),
    # Akershus
    ExampleSpec(
        title="Utslippsfrie tjenestebiler gjennom felles innkjøp",
        municipalities=("3203",),
        themes=("innkjop", "transport"),
        goals=(11, 12, 13),
        stage=FINISHED,
        measure_type=EFFICIENCY,
        actor_type=MUNICIPALITY,
        owner="Asker kommune",
        years=(2018, 2022),
        contact=("Per Kristian Wold", "per.kristian.wold@example.no"),
        contact_is_public=True,
        summary=(
            "Kommunen byttet nesten 400 tjenestebiler til elbiler gjennom én felles rammeavtale, og bygde "
            "ladestasjoner ved alle tjenestestedene."
        ),
        starting_point=(
            "Hjemmetjenesten og teknisk drift kjørte dieselbiler, og bilparken var spredt på mange avtaler og "
            "leverandører."
        ),
        what_was_done=(
            "Innkjøpsavdelingen lyste ut en felles rammeavtale om leasing av elbiler og varebiler, med krav om "
            "lokal service og vinterdekk. Samtidig ble det bygd ladestasjoner ved sykehjem, hjemmebaser og "
            "driftsstasjoner.\n\n"
            "Kjørebokdata ble brukt til å finne ut hvor mange biler som trengtes – og 40 biler viste seg å være "
            "overflødige."
        ),
        figures=(
            Figure("Elbiler i tjenestebilparken", 372, "biler", MEASURED, 2022),
            Figure("Reduserte klimagassutslipp", 610, "t CO2e per år", ESTIMATED, 2022),
            Figure("Færre tjenestebiler", 40, "biler", MEASURED, 2022),
        ),
        partners="Hjemmetjenesten\nEiendomsavdelingen\nLeasingselskapet",
        cost=(
            "Ladestasjoner: 9 mill. kr, hvorav 2,5 mill. kr i Klimasats-støtte fra Miljødirektoratet.\n"
            "Leasingkostnaden ble om lag som før."
        ),
        success_factors="Kjørebokdata gjorde det mulig å dimensjonere bilparken riktig.",
        barriers=(
            "Noen store varebiler fantes ikke som elektriske da avtalen ble lyst ut. Ladestasjonene ved enkelte "
            "sykehjem krevde ny strømtilførsel."
        ),
        transferability="Alle kommuner kan gjøre det samme. Begynn med kjørebøkene.",
        on=d(2023, 1, 17),
    ),
    ExampleSpec(
        title="Ladestasjoner i borettslag: veileder og tilskudd",
        municipalities=("3205",),
        themes=("transport", "energi", "medvirkning"),
        goals=(7, 11, 13),
        stage=SPREAD,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Lillestrøm kommune",
        years=(2019, 2023),
        contact=("Nina Holter", "nina.holter@example.no"),
        contact_is_public=True,
        summary=(
            "Et tilskudd og en praktisk veileder hjalp borettslag og sameier med å bygge ladestasjoner. Over 2 500 "
            "ladepunkter er bygd."
        ),
        starting_point=(
            "Beboere i borettslag fikk ikke ladet elbilen hjemme, og styrene visste ikke hvordan de skulle gå fram."
        ),
        what_was_done=(
            "Kommunen ga tilskudd til lading i felles garasjer og på parkeringsplasser, og laget en veileder med "
            "anbudsmal, forslag til vedtekter og råd om hvordan strømkostnadene kan fordeles. Kommunens "
            "energirådgiver holdt kveldsmøter for styrene."
        ),
        figures=(
            Figure("Ladepunkter bygd med tilskudd", 2560, "ladepunkter", MEASURED, 2023),
            Figure("Borettslag og sameier med tilskudd", 94, "borettslag og sameier", MEASURED, 2023),
        ),
        partners="Boligbyggelagene\nNettselskapet",
        cost=(
            "Tilskudd fra kommunen: 12 mill. kr over fire år.\n"
            "Klimasats-støtte fra Miljødirektoratet til veilederen: 150 000 kr."
        ),
        success_factors="Veilederen og kveldsmøtene betydde mer enn pengene.",
        barriers=(
            "Kapasiteten i strømnettet begrenset antallet ladepunkter i eldre borettslag, og tilskuddet gikk mest "
            "til borettslag med god økonomi."
        ),
        transferability="Veilederen kan brukes i alle kommuner. Vurder å prioritere borettslag med svak økonomi.",
        on=d(2023, 12, 5),
    ),
    ExampleSpec(
        title="Klimasmart landbruk: forskere og bønder på samme jorde",
        municipalities=("3218",),
        themes=("landbruk", "areal-og-natur"),
        goals=(2, 13, 15),
        stage=IMPLEMENTATION,
        measure_type=DEVELOPMENT,
        actor_type=RESEARCH,
        owner="Klimalaben på Ås (demo)",
        years=(2023, None),
        contact=("Marius Thorsen", "marius.thorsen@example.no"),
        contact_is_public=False,
        summary="Forskere og bønder prøver ut fangvekster, redusert jordarbeiding og biokull på tolv gårder.",
        starting_point="Bøndene ville vite hvilke klimatiltak som virker på deres egen jord, ikke bare i forsøksfelt.",
        what_was_done=(
            "Forskere og bønder prøver tiltakene i stripeforsøk på vanlige jorder: fangvekster etter korn, "
            "redusert jordarbeiding og biokull. Karbonet i jorda måles hvert år."
        ),
        partners="Tolv gårdsbruk\nLandbruksrådgivingen",
        cost="Forskningsmidler: 4 mill. kr over fire år.",
        state=RETURNED,
        moderation_comment=(
            "Takk for eksempelet! Kan dere legge til noen tall for hva forsøkene har vist så langt, og skrive litt "
            "om hva som ikke har fungert? Sammendraget bør også si hvor gårdene ligger."
        ),
        on=d(2026, 9, 8),
    ),
    # Buskerud
    ExampleSpec(
        title="Bekken ble åpnet – og tar nå unna flomvannet",
        municipalities=("3301",),
        themes=("klimatilpasning", "areal-og-natur"),
        goals=(6, 11, 13, 15),
        stage=FINISHED,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Drammen kommune",
        years=(2016, 2021),
        contact=("Øystein Hagen", "oystein.hagen@example.no"),
        contact_is_public=True,
        summary=(
            "En bekk som lå i rør under et boligområde, ble åpnet igjen. Nå tar den unna flomvann og gir en grønn "
            "turvei gjennom bydelen."
        ),
        starting_point=(
            "Bekken ble lagt i rør på 1960-tallet. Ved kraftig regn gikk røret fullt, og vannet rant inn i "
            "kjellere og over veien."
        ),
        what_was_done=(
            "Kommunen åpnet 900 meter av bekken, med naturlige kantsoner, fordrøyningsdammer og en flomvei langs "
            "veien. Beboerne var med og planla turveien og lekeplassene langs bekken.\n\n"
            "Etter to år er det observert sjøørret i bekken igjen, og kjellerne har holdt seg tørre gjennom to "
            "kraftige regnskyll."
        ),
        figures=(
            Figure("Åpnet bekk", 900, "meter", MEASURED, 2021),
            Figure("Fordrøyningsvolum", 4500, "m³", ESTIMATED, 2021),
        ),
        partners="Velforeningene i området\nStatsforvalteren\nDen lokale jeger- og fiskerforeningen",
        cost=(
            "Anlegget: 28 mill. kr over vann- og avløpsbudsjettet.\n"
            "Tilskudd til klimatilpasning fra Miljødirektoratet: 1,5 mill. kr."
        ),
        success_factors=(
            "Å se flom, natur, friluftsliv og nærmiljø under ett gjorde at prosjektet fikk bred støtte."
        ),
        barriers="Grunnervervet tok to år, og dammene måtte sikres ekstra mot drukningsfare.",
        transferability="Bekkeåpning er aktuelt i de fleste byer. Kartlegg gamle bekker som ligger i rør.",
        on=d(2022, 8, 16),
    ),
    ExampleSpec(
        title="Energisparing og lading i hytteområdene",
        municipalities=("3326",),
        themes=("energi", "transport", "naeringsutvikling"),
        goals=(7, 8, 11),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=BUSINESS,
        owner="Hemsedal Hytteservice AS (demo)",
        years=(2022, None),
        contact=("Anders Solheim", "anders.solheim@example.no"),
        contact_is_public=True,
        summary=(
            "Et hytteserviceselskap tilbyr styring av varmen, ladestasjoner og energisparing for hytteeiere. "
            "Oppvarmingen av tomme hytter er mer enn halvert."
        ),
        starting_point=(
            "Mange hytter sto oppvarmet hele vinteren, selv om de bare ble brukt noen helger, og det fantes nesten "
            "ingen ladestasjoner i hytteområdene."
        ),
        what_was_done=(
            "Selskapet installerer styring av varmen, og hytteeierne skrur den opp i en app før de kommer. Sammen "
            "med kommunen og grunneierlaget er det bygd felles ladestasjoner ved de største hyttefeltene. "
            "Energisparingen er målt på 200 hytter."
        ),
        figures=(
            Figure("Energisparing per hytte", 6500, "kWh per år", MEASURED, 2024),
            Figure("Hytter med styring", 860, "hytter", MEASURED, 2025),
            Figure("Ladepunkter i hytteområdene", 120, "ladepunkter", MEASURED, 2025),
        ),
        partners="Hemsedal kommune\nGrunneierlaget\nNettselskapet",
        cost=(
            "Felles ladestasjoner: 4,2 mill. kr, hvorav 1 mill. kr i Enova-støtte.\n"
            "Styring: om lag 8 000 kr per hytte, betalt av hytteeierne."
        ),
        success_factors="Lavere strømregning gjorde styringen lett å selge.",
        barriers=(
            "Nettkapasiteten i hytteområdene er lav, og ladingen må styres for ikke å overbelaste nettet på "
            "fredager."
        ),
        transferability="Aktuelt i alle hyttekommuner.",
        on=d(2025, 3, 11),
    ),
    ExampleSpec(
        title="Energioppfølging i kommunale bygg",
        municipalities=("3303",),
        themes=("bygg", "energi"),
        goals=(7, 11, 13),
        stage=EVALUATED,
        measure_type=EFFICIENCY,
        actor_type=MUNICIPALITY,
        owner="Kongsberg kommune",
        years=(2017, 2022),
        contact=("Hallvard Sandvik", "hallvard.sandvik@example.no"),
        contact_is_public=False,
        summary=(
            "Timesmålinger av strøm og varme i 70 kommunale bygg og faste driftsrutiner ga 22 prosent lavere "
            "energibruk – uten store investeringer."
        ),
        starting_point=(
            "Energibruken i skoler, barnehager og sykehjem var høy og lite kjent. Ventilasjon og varme gikk for "
            "fullt også om natta og i feriene."
        ),
        what_was_done=(
            "Kommunen koblet alle bygg over 1 000 m² til et system for energioppfølging med timesmålinger. "
            "Driftsoperatørene fikk opplæring, og hver måned går de gjennom avvikene. Driftstidene for ventilasjon "
            "og varme ble tilpasset bruken, og feil og lekkasjer ble funnet og rettet.\n\n"
            "Etter fem år ble resultatene evaluert: energisparingen var størst i skoler og idrettshaller."
        ),
        figures=(
            Figure("Redusert energibruk", 22, "prosent", MEASURED, 2022),
            Figure("Energisparing", 6_800_000, "kWh per år", MEASURED, 2022),
            Figure("Sparte energikostnader", 7_500_000, "kroner per år", ESTIMATED, 2022),
        ),
        partners="Driftsoperatørene\nEn ekstern energirådgiver",
        cost="System for energioppfølging og målere: 2,4 mill. kr.\nEnova-støtte: 900 000 kr.",
        success_factors="Driftsoperatørene fikk eierskap til tallene og konkurrerte om de beste resultatene.",
        barriers="Gamle automatikkanlegg kunne ikke fjernstyres og måtte byttes.",
        transferability="Et av de enkleste og mest lønnsomme klimatiltakene en kommune kan gjøre.",
        on=d(2023, 2, 21),
    ),
    # Innlandet
    ExampleSpec(
        title="Ny barneskole i massivtre",
        municipalities=("3407",),
        themes=("bygg", "innkjop", "naeringsutvikling"),
        goals=(9, 11, 12, 13),
        stage=FINISHED,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Gjøvik kommune",
        years=(2019, 2023),
        contact=("Marit Granum", "marit.granum@example.no"),
        contact_is_public=True,
        summary=(
            "Kommunen bygde ny barneskole i massivtre og krevde klimagassregnskap i anbudet. Utslippene fra "
            "materialene ble nesten halvert."
        ),
        starting_point=(
            "Kommunen skulle bygge en ny skole for 450 elever, og ville vise at det går an å bygge med lavere "
            "utslipp uten å sprenge budsjettet."
        ),
        what_was_done=(
            "Konkurransen stilte krav om klimagassregnskap og et tak på utslippene fra materialene. Entreprenøren "
            "valgte bærende konstruksjoner i massivtre og limtre, lavkarbonbetong i fundamentene og ombruk av tegl "
            "fra den gamle skolen. Skolen har solcellepanel på taket og er koblet til fjernvarmen."
        ),
        figures=(
            Figure("Lavere klimagassutslipp fra materialene", 45, "prosent", ESTIMATED, 2023),
            Figure("Massivtre og limtre", 1900, "m³", MEASURED, 2023),
        ),
        partners="Totalentreprenøren\nRådgivende ingeniører\nSagbruk i regionen",
        cost=(
            "Byggekostnad: 310 mill. kr, om lag 3 prosent mer enn et tilsvarende betongbygg.\n"
            "Enova-støtte til energitiltak: 2,8 mill. kr."
        ),
        success_factors="Krav om klimagassregnskap i konkurransen ga leverandørene frihet til å finne løsningene.",
        barriers="Brannkrav og fukt i byggeperioden krevde ekstra oppfølging.",
        transferability="Konkurransegrunnlaget kan brukes av andre kommuner som skal bygge skoler.",
        on=d(2024, 1, 9),
    ),
    ExampleSpec(
        title="Bestillingstransport i stedet for tomme busser",
        municipalities=("3421", "3424", "3425"),
        themes=("transport", "medvirkning"),
        goals=(10, 11, 13),
        stage=SPREAD,
        measure_type=TRANSITION,
        actor_type=COUNTY,
        owner="Innlandet fylkeskommune",
        years=(2018, 2021),
        contact=("Tor Inge Nyberg", "tor.inge.nyberg@example.no"),
        contact_is_public=True,
        summary=(
            "Faste bygdebusser som gikk nesten tomme, ble erstattet av bestillingstransport fra døra til "
            "knutepunktet. Flere reiser, færre tomme kilometer."
        ),
        starting_point=(
            "Bygdebussene gikk faste ruter med få passasjerer, mens mange eldre uten bil ikke hadde et tilbud som "
            "passet."
        ),
        what_was_done=(
            "Fylkeskommunen innførte bestillingstransport: innbyggerne bestiller i en app eller på telefon senest "
            "en time før, og en minibuss henter dem hjemme og kjører til sentrum eller til ekspressbussen. "
            "Ordningen er nå innført i elleve distriktskommuner i fylket."
        ),
        figures=(
            Figure("Reiser med bestillingstransport", 21_000, "reiser per år", MEASURED, 2021),
            Figure("Færre kjørte kilometer", 35, "prosent", MEASURED, 2021),
        ),
        partners="Trysil kommune\nRendalen kommune\nEngerdal kommune\nLokale drosjeselskaper\nEldrerådene",
        cost=(
            "Driften koster om lag det samme som de faste rutene.\n"
            "Statlige midler til kollektivtransport i distriktene: 1,8 mill. kr til oppstarten."
        ),
        success_factors="Bestilling på telefon ved siden av appen, og at eldrerådene var med fra starten.",
        barriers="Det tok tid før folk stolte på at bussen kom. Turistene fant ikke fram til tilbudet.",
        transferability="Godt egnet for spredtbygde kommuner.",
        on=d(2022, 12, 13),
    ),
    ExampleSpec(
        title="Seterdrift som naturpleie",
        municipalities=("3435",),
        themes=("landbruk", "areal-og-natur", "mat"),
        goals=(2, 12, 15),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=CIVIL_SOCIETY,
        owner="Seterlaget i dalen (demo)",
        years=(2020, None),
        contact=("Ragnhild Sletten", "ragnhild.sletten@example.no"),
        contact_is_public=True,
        summary=(
            "Seterbrukerne deler melketransport og et lite ysteri, og beitedyrene holder kulturlandskapet åpent."
        ),
        starting_point=(
            "Setrene ble lagt ned én etter én fordi melketransporten var for dyr, og setervollene grodde igjen."
        ),
        what_was_done=(
            "Seterlaget organiserte felles melkehenting med én bil for alle setrene i dalen og bygde et lite "
            "ysteri. Ost og rømme selges på setrene og i butikker i regionen. Kommunen regner beitet som skjøtsel "
            "av verdifulle slåttemarker."
        ),
        figures=(
            Figure("Setre i drift", 14, "setre", MEASURED, 2025),
            Figure("Beitet areal", 3800, "dekar", ESTIMATED, 2025),
        ),
        partners="Vågå kommune\nBondelaget\nInnlandet fylkeskommune",
        cost=(
            "Regionale miljøtilskudd til seterdrift: 420 000 kr i året.\n"
            "Ysteriet: 1,6 mill. kr, hvorav 600 000 kr fra Innovasjon Norge."
        ),
        success_factors="At seterbrukerne delte kostnadene til transporten.",
        barriers="Lite arbeidskraft om sommeren og strenge hygienekrav i ysteriet.",
        transferability="Samme modell kan brukes i andre setertrakter.",
        on=d(2024, 8, 27),
    ),
    ExampleSpec(
        title="Biokull fra hogstavfall",
        municipalities=("3420",),
        themes=("landbruk", "energi", "sirkularokonomi"),
        goals=(7, 13, 15),
        stage=PLANNING,
        measure_type=DEVELOPMENT,
        actor_type=BUSINESS,
        owner="Glåmdal Biokull AS (demo)",
        years=(2025, None),
        contact=("Vebjørn Haugland", "vebjorn.haugland@example.no"),
        contact_is_public=False,
        summary=(
            "Greiner og topper fra hogsten skal bli biokull som binder karbon i jorda. Varmen fra anlegget skal gå "
            "til fjernvarmen."
        ),
        starting_point="Hogstavfall blir liggende i skogen eller brent uten at energien blir brukt.",
        what_was_done=(
            "Selskapet planlegger et pyrolyseanlegg ved sagbruket. Biokullet skal selges til landbruket og som "
            "jordforbedring i byene, og overskuddsvarmen skal leveres til fjernvarmenettet i Elverum."
        ),
        figures=(
            Figure("Planlagt produksjon av biokull", 1500, "tonn per år", ESTIMATED, 2027),
            Figure("Karbon lagret i jord", 3300, "t CO2e per år", ESTIMATED, 2027),
        ),
        partners="Sagbruket\nFjernvarmeselskapet\nSkogeierlaget",
        cost="Forprosjekt: 1,2 mill. kr, hvorav 600 000 kr fra Innovasjon Norge.",
        state=PENDING,
        on=d(2026, 11, 18),
    ),
    ExampleSpec(
        title="Klimanettverk for små kommuner",
        municipalities=("3403", "3425", "3429", "3431", "3432", "3452"),
        themes=("klimaledelse", "medvirkning"),
        goals=(13, 16, 17),
        stage=SPREAD,
        measure_type=DEVELOPMENT,
        actor_type=STATE,
        owner="Statsforvalteren i Innlandet",
        years=(2020, 2024),
        contact=("Helene Nordli", "helene.nordli@example.no"),
        contact_is_public=True,
        summary=(
            "Tjueen små kommuner uten egne klimarådgivere delte kompetanse, maler og søknader i et klimanettverk. "
            "Nettverket har gitt over 30 millioner kroner i Klimasats-støtte."
        ),
        starting_point=(
            "Mange små kommuner hadde ingen som jobbet med klima på heltid, og de søkte sjelden om statlige "
            "klimamidler."
        ),
        what_was_done=(
            "Statsforvalteren startet et nettverk med fire samlinger i året, en felles rådgiver og en delt mappe "
            "med maler for klimabudsjett, klimaregnskap og søknader. Kommunene søkte sammen der det passet, for "
            "eksempel om ladestasjoner og om tiltak mot matsvinn i institusjonene."
        ),
        figures=(
            Figure("Kommuner i nettverket", 21, "kommuner", MEASURED, 2024),
            Figure("Innvilget Klimasats-støtte", 31_000_000, "kroner", MEASURED, 2024),
        ),
        partners="Innlandet fylkeskommune\nKS\nDeltakerkommunene",
        cost="Felles rådgiver: 1 mill. kr i året, delt mellom Statsforvalteren og kommunene.",
        success_factors="En felles rådgiver som skrev søknadene sammen med kommunene.",
        barriers="Nettverket ble sårbart da rådgiveren sluttet, og noen kommuner var bare med på papiret.",
        transferability="Alle statsforvaltere og regionråd kan starte et slikt nettverk.",
        on=d(2024, 11, 19),
    ),
    # Vestfold
    ExampleSpec(
        title="Sykkelhotell ved stasjonen og sammenhengende sykkelveier",
        municipalities=("3905",),
        themes=("transport",),
        goals=(3, 11, 13),
        stage=EVALUATED,
        measure_type=TRANSITION,
        actor_type=MUNICIPALITY,
        owner="Tønsberg kommune",
        years=(2018, 2022),
        contact=("Lise Ødegaard", "lise.odegaard@example.no"),
        contact_is_public=True,
        summary=(
            "Et sykkelhotell under tak ved jernbanestasjonen og sammenhengende sykkelveier fra boligområdene ga 40 "
            "prosent flere sykkelturer på fem år."
        ),
        starting_point=(
            "Sykkelstativene ved stasjonen var fulle, og mange lot være å sykle fordi sykkelveien sluttet midt i "
            "et kryss."
        ),
        what_was_done=(
            "Kommunen og fylkeskommunen bygde et sykkelhotell med 400 plasser ved stasjonen og fylte hullene i "
            "sykkelveinettet langs de viktigste innfartsårene. Sykkeltellere registrerer trafikken hele året."
        ),
        figures=(
            Figure("Flere sykkelturer", 40, "prosent", MEASURED, 2022),
            Figure("Plasser i sykkelhotellet", 400, "plasser", MEASURED, 2022),
        ),
        partners="Vestfold fylkeskommune\nSyklistenes lokallag",
        cost="Sykkelhotellet: 18 mill. kr.\nStatlige belønningsmidler: 9 mill. kr.",
        success_factors="Faste sykkeltellinger gjorde det lett å vise effekten.",
        barriers="Vedlikeholdet og brøytingen om vinteren var ikke gode nok de første årene.",
        transferability="Passer for alle byer med en stasjon eller et knutepunkt.",
        on=d(2023, 6, 13),
    ),
    ExampleSpec(
        title="Ålegress tilbake i fjorden",
        municipalities=("3909",),
        themes=("areal-og-natur", "klimatilpasning"),
        goals=(13, 14, 15),
        stage=IMPLEMENTATION,
        measure_type=DEVELOPMENT,
        actor_type=RESEARCH,
        owner="Kystlaboratoriet i Larvik (demo)",
        years=(2021, None),
        contact=("Sunniva Berge", "sunniva.berge@example.no"),
        contact_is_public=True,
        summary=(
            "Forskere, dykkere og skoleelever planter ålegress i fjorden. Engene binder karbon, demper bølgene og "
            "er oppvekstområder for fisk."
        ),
        starting_point=(
            "Ålegressengene i fjorden hadde gått kraftig tilbake på grunn av avrenning og utfylling."
        ),
        what_was_done=(
            "Prosjektet kartla engene med undervannsdrone og planter nye skudd i tre prøvefelt. Skoleelever følger "
            "feltene gjennom året, og kommunen bruker kartleggingen i planen for kystsonen."
        ),
        figures=(Figure("Replantet areal", 1200, "m²", MEASURED, 2025),),
        partners="Larvik kommune\nDykkerklubben\nUngdomsskolene",
        cost="Tilskudd fra Miljødirektoratet: 800 000 kr.\nFrivillig innsats: om lag 1 200 timer.",
        success_factors="Frivillige dykkere og engasjerte elever.",
        barriers="Bare halvparten av skuddene overlevde den første vinteren.",
        transferability="Krever faglig støtte, men kan gjøres langs hele kysten.",
        on=d(2025, 6, 24),
    ),
    ExampleSpec(
        title="Gamle fritidsbåter blir gjenvunnet",
        municipalities=("3911",),
        themes=("sirkularokonomi", "naeringsutvikling"),
        goals=(8, 12, 14),
        stage=FINISHED,
        measure_type=EFFICIENCY,
        actor_type=BUSINESS,
        owner="Båtretur Vestfold AS (demo)",
        years=(2019, 2023),
        contact=("Kim André Nilsen", "kim.andre.nilsen@example.no"),
        contact_is_public=False,
        summary=(
            "Gamle plastbåter som lå og forfalt i hager og fjæra, ble hentet inn, hugget opp og gjenvunnet. "
            "Glassfiberen går til sementproduksjon."
        ),
        starting_point=(
            "Hundrevis av utrangerte fritidsbåter lå rundt i kommunen og slapp ut plast og miljøgifter."
        ),
        what_was_done=(
            "Et lokalt verft startet mottak av fritidsbåter og samarbeidet med kommunen om en innsamlingsaksjon. "
            "Båteierne får vrakpant. Metallene sorteres ut, og glassfiberen sendes til en sementfabrikk."
        ),
        figures=(
            Figure("Båter tatt imot", 740, "båter", MEASURED, 2023),
            Figure("Gjenvunnet materiale", 620, "tonn", MEASURED, 2023),
        ),
        partners="Færder kommune\nBåtforeningene\nSementfabrikken",
        cost=(
            "Vrakpanten er statlig; mottaket dekkes av en avgift per båt.\n"
            "Klimasats-støtte fra Miljødirektoratet til innsamlingsaksjonen: 200 000 kr."
        ),
        success_factors="Vrakpanten og et mottak i nærheten.",
        barriers="Det er dyrt å frakte store båter, og mange av båtene manglet eier.",
        transferability="Passer for alle kystkommuner, gjerne flere sammen om ett mottak.",
        on=d(2023, 10, 10),
    ),
    # Telemark
    ExampleSpec(
        title="Felles innkjøp av solcellepanel for innbyggerne",
        municipalities=("4001", "4003", "4012"),
        themes=("energi", "medvirkning", "innkjop"),
        goals=(7, 11, 13),
        stage=SPREAD,
        measure_type=TRANSITION,
        actor_type=MUNICIPALITY,
        owner="Porsgrunn kommune",
        years=(2021, 2024),
        contact=("Trine Aasen", "trine.aasen@example.no"),
        contact_is_public=True,
        summary=(
            "Kommunen organiserte et felles innkjøp av solcellepanel for innbyggerne. Over 300 husstander fikk "
            "solceller på taket til lavere pris."
        ),
        starting_point=(
            "Mange innbyggere ville ha solceller, men syntes det var vanskelig å velge leverandør og vurdere "
            "tilbudene."
        ),
        what_was_done=(
            "Kommunen holdt en konkurranse på vegne av innbyggerne med krav til kvalitet, garanti og pris. "
            "Innbyggerne meldte seg på, fikk en befaring og bestemte selv om de ville kjøpe. Skien og Bamble ble "
            "med i andre runde."
        ),
        figures=(
            Figure("Husstander med solcellepanel", 318, "husstander", MEASURED, 2024),
            Figure("Installert effekt", 2900, "kWp", MEASURED, 2024),
            Figure("Produsert strøm", 2_500_000, "kWh per år", ESTIMATED, 2024),
        ),
        partners="Skien kommune\nBamble kommune\nLeverandøren",
        cost=(
            "Kommunens kostnad: om lag 400 000 kr til prosjektledelse.\n"
            "Klimasats-støtte fra Miljødirektoratet: 200 000 kr."
        ),
        success_factors="Kommunen som nøytral tilrettelegger ga tillit.",
        barriers="Leverandøren fikk kapasitetsproblemer, og ventetiden ble lang.",
        transferability="Kan kopieres av alle kommuner, og konkurransegrunnlaget deles gjerne.",
        on=d(2024, 9, 17),
    ),
    ExampleSpec(
        title="Flisfyrt fjernvarme i bygda",
        municipalities=("4036",),
        themes=("energi", "landbruk", "naeringsutvikling"),
        goals=(7, 8, 13),
        stage=EVALUATED,
        measure_type=TRANSITION,
        actor_type=MUNICIPALITY,
        owner="Vinje kommune",
        years=(2015, 2018),
        contact=("Aslak Kvåle", "aslak.kvale@example.no"),
        contact_is_public=True,
        summary=(
            "Ein flisfyrt varmesentral forsyner skule, omsorgssenter og hotell med fjernvarme. Flisa kjem frå "
            "skogeigarar i kommunen."
        ),
        starting_point=(
            "Dei kommunale bygga vart varma opp med straum og olje, medan skogeigarane mangla avsetnad for lauvtre "
            "og tynningsvirke."
        ),
        what_was_done=(
            "Kommunen bygde ein varmesentral med flisfyring og eit fjernvarmenett på 2,5 kilometer. Eit lag av "
            "lokale skogeigarar leverer flis etter ein fast avtale, og hotellet og fleire private bygg kopla seg "
            "til etter kvart.\n\n"
            "Evalueringa etter fem års drift synte stabil drift og lågare energikostnader enn venta."
        ),
        figures=(
            Figure("Levert fjernvarme", 4_800_000, "kWh per år", MEASURED, 2022),
            Figure("Reduserte klimagassutslepp", 380, "t CO2e per år", ESTIMATED, 2022),
        ),
        partners="Skogeigarlaget\nHotellet\nDet lokale kraftselskapet",
        cost="Investering: 24 mill. kr.\nEnova-støtte: 5,5 mill. kr.",
        success_factors="Ein fast avtale med lokale skogeigarar om flis gav tryggleik for begge partar.",
        barriers="Fuktig flis gav driftsstans den fyrste vinteren.",
        transferability="Passar for tettstader med fleire store bygg tett saman og skog i nærleiken.",
        on=d(2022, 7, 5),
    ),
    ExampleSpec(
        title="Klimaregnskap for kommunens egen drift",
        municipalities=("4005",),
        themes=("klimaledelse", "innkjop"),
        goals=(12, 13, 16),
        stage=FINISHED,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Notodden kommune",
        years=(2020, 2021),
        contact=("Hanne Rue", "hanne.rue@example.no"),
        contact_is_public=False,
        summary=(
            "Kommunen laget sitt første klimaregnskap for egen drift og fant ut at innkjøpene sto for over "
            "halvparten av klimagassutslippene."
        ),
        starting_point=(
            "Kommunen hadde klimamål for hele kommunen, men ingen oversikt over utslippene fra egen virksomhet."
        ),
        what_was_done=(
            "Med hjelp fra en konsulent ble det laget et klimaregnskap ut fra regnskapsdata, energibruk og "
            "kjørebøker. Det viste at innkjøp av varer og tjenester, særlig bygg og anlegg, ga de største "
            "utslippene. Regnskapet brukes nå til å velge tiltak i klimabudsjettet."
        ),
        figures=(
            Figure("Klimagassutslipp fra egen drift", 14_200, "t CO2e per år", ESTIMATED, 2020),
            Figure("Andel fra innkjøp", 58, "prosent", ESTIMATED, 2020),
        ),
        partners="Økonomiavdelingen\nInnkjøpssamarbeidet i regionen",
        cost="Konsulent: 280 000 kr, halvparten dekket av Klimasats-støtte fra Miljødirektoratet.",
        success_factors="Å bruke regnskapsdata kommunen allerede hadde, i stedet for å vente på perfekte tall.",
        barriers=(
            "Utslippsfaktorene for innkjøp er grove, så tallene kan ikke brukes til å måle små endringer."
        ),
        transferability="Alle kommuner kan lage et slikt klimaregnskap; det første tar noen måneder.",
        on=d(2022, 2, 15),
    ),
    # Agder
    ExampleSpec(
        title="LED-gatelys som dimmes om natta",
        municipalities=("4202",),
        themes=("energi", "innkjop"),
        goals=(7, 11, 12),
        stage=FINISHED,
        measure_type=EFFICIENCY,
        actor_type=MUNICIPALITY,
        owner="Grimstad kommune",
        years=(2019, 2021),
        contact=("Tore Reinertsen", "tore.reinertsen@example.no"),
        contact_is_public=True,
        summary=(
            "Kommunen byttet 4 300 gatelys til LED som dimmes etter trafikken. Strømforbruket til gatelysene gikk "
            "ned med nesten 70 prosent."
        ),
        starting_point="Gatelysene var gamle natriumlamper som lyste for fullt hele natta.",
        what_was_done=(
            "Alle kommunale gatelys fikk nye LED-armaturer med styring. Lysene dimmes mellom midnatt og klokka fem, "
            "og i boligfeltene brukes sensorer. Utskiftingen ble gjort bydel for bydel over tre år."
        ),
        figures=(
            Figure("Energisparing", 1_650_000, "kWh per år", MEASURED, 2022),
            Figure("Lavere strømforbruk til gatelys", 68, "prosent", MEASURED, 2022),
        ),
        partners="Nettselskapet\nEntreprenøren\nNabokommunene (felles innkjøp)",
        cost="Investering: 21 mill. kr, tilbakebetalt på om lag ti år.\nEnova-støtte: 3,2 mill. kr.",
        success_factors="Felles innkjøp med nabokommunene ga bedre pris.",
        barriers="Noen innbyggere syntes lyset ble for svakt om natta, så dimmingen ble justert.",
        transferability="Aktuelt for alle kommuner som fortsatt har gamle gatelys.",
        on=d(2022, 6, 8),
    ),
    ExampleSpec(
        title="REKO-ring og bondens marked i sentrum",
        municipalities=("4225",),
        themes=("mat", "naeringsutvikling", "landbruk"),
        goals=(2, 8, 12),
        stage=IMPLEMENTATION,
        measure_type=DEVELOPMENT,
        actor_type=CIVIL_SOCIETY,
        owner="Lister matnettverk (demo)",
        years=(2020, None),
        contact=("Gunhild Stray", "gunhild.stray@example.no"),
        contact_is_public=True,
        summary=(
            "Produsenter i Lister selger direkte til folk gjennom en REKO-ring og bondens marked i sentrum. Færre "
            "mellomledd, mindre emballasje og mindre matsvinn."
        ),
        starting_point="Småprodusentene hadde få steder å selge, og sentrum manglet liv på lørdagene.",
        what_was_done=(
            "Et nettverk av produsenter startet en REKO-ring med utlevering hver torsdag og et bondens marked i "
            "sentrum annenhver lørdag. Kommunen lar dem bruke torget og strømmen gratis, og produsentene bruker "
            "returkasser i stedet for engangsemballasje."
        ),
        figures=(
            Figure("Produsenter", 34, "produsenter", MEASURED, 2025),
            Figure("Omsetning", 3_400_000, "kroner per år", ESTIMATED, 2025),
        ),
        partners="Lyngdal kommune\nNæringsforeningen\nBondelaget",
        cost="Oppstartstøtte fra kommunens næringsfond: 150 000 kr.",
        success_factors="Enkel organisering i sosiale medier og gratis torgplass.",
        barriers="Få produsenter har grønnsaker om vinteren.",
        transferability="Kan startes i alle regioner med noen få produsenter og et sted å levere ut.",
        on=d(2025, 4, 29),
    ),
    ExampleSpec(
        title="Ombrukslager for byggevarer i Østre Agder",
        municipalities=("4203", "4202", "4213"),
        themes=("sirkularokonomi", "bygg", "innkjop"),
        goals=(9, 11, 12),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=OTHER,
        owner="Østre Agder ombruk (demo)",
        years=(2025, None),
        contact=("Sondre Tellefsen", "sondre.tellefsen@example.no"),
        contact_is_public=True,
        summary=(
            "Dører, vinduer, sanitærutstyr og trevirke fra kommunale byggeprosjekter tas vare på i et felles "
            "ombrukslager, og kommunene henter derfra før de kjøper nytt."
        ),
        starting_point=(
            "Rehabilitering av kommunale bygg ga store mengder brukbare byggevarer som gikk rett i containeren."
        ),
        what_was_done=(
            "Tre kommuner leier sammen en lagerhall og en koordinator. Før rehabilitering og riving kartlegges det "
            "som kan brukes igjen, og kontraktene krever at entreprenøren demonterer det forsiktig. Lageret har en "
            "enkel nettkatalog for kommunenes prosjekter."
        ),
        figures=(Figure("Byggevarer tatt vare på", 85, "tonn", MEASURED, 2026),),
        partners="Arendal kommune\nGrimstad kommune\nTvedestrand kommune\nEntreprenørene",
        cost=(
            "Leie og koordinator: 1,4 mill. kr i året, delt på kommunene.\n"
            "Klimasats-støtte fra Miljødirektoratet: 650 000 kr."
        ),
        state=PENDING,
        on=d(2026, 11, 23),
    ),
    # Vestland
    ExampleSpec(
        title="Varelevering med elektriske lastesykler",
        municipalities=("4601",),
        themes=("transport", "naeringsutvikling"),
        goals=(3, 11, 13),
        stage=EVALUATED,
        measure_type=TRANSITION,
        actor_type=BUSINESS,
        owner="Bergen Bylogistikk AS (demo)",
        years=(2020, 2024),
        contact=("Magnus Hjelle", "magnus.hjelle@example.no"),
        contact_is_public=True,
        summary=(
            "Pakker til sentrum samles på en mikroterminal og kjøres ut med elektriske lastesykler. Varebilene "
            "holder seg utenfor bykjernen."
        ),
        starting_point=(
            "Varebiler sto dobbeltparkert i de smale gatene i sentrum, med støy, kø og utslipp som resultat."
        ),
        what_was_done=(
            "Et bylogistikkselskap leier en tidligere parkeringskjeller av kommunen og bruker den som mikroterminal. "
            "Fire transportører leverer der om natta, og om dagen kjøres pakkene ut med 20 elektriske lastesykler."
            "\n\nEn forskergruppe evaluerte ordningen etter fire år."
        ),
        figures=(
            Figure("Pakker levert med lastesykkel", 310_000, "pakker per år", MEASURED, 2024),
            Figure("Færre kilometer med varebil", 180_000, "km per år", ESTIMATED, 2024),
            Figure("Reduserte klimagassutslipp", 45, "t CO2e per år", ESTIMATED, 2024),
        ),
        partners="Bergen kommune\nTransportørene\nEt forskningsmiljø i byen",
        cost=(
            "Klimasats-støtte fra Miljødirektoratet til oppstarten: 1,5 mill. kr.\n"
            "Redusert leie for lokalet de tre første årene."
        ),
        success_factors="Et sentralt lokale til lav leie, og at flere transportører deler terminalen.",
        barriers=(
            "Bakker og regn: noen syklister sluttet etter den første vinteren. Store og tunge sendinger passer "
            "ikke på sykkel."
        ),
        transferability="Passer for bysentrum med korte avstander og mange pakker.",
        on=d(2024, 12, 3),
    ),
    ExampleSpec(
        title="Kortreist mat i dei kommunale kjøkkena",
        municipalities=("4621",),
        themes=("mat", "innkjop", "landbruk"),
        goals=(2, 8, 12),
        stage=IMPLEMENTATION,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Voss herad",
        years=(2022, None),
        contact=("Brita Lid", "brita.lid@example.no"),
        contact_is_public=True,
        summary=(
            "Voss herad kjøper meir mat frå lokale bønder til sjukeheimar og skular. Innkjøpsavtalen er delt opp, "
            "slik at små produsentar kan gje tilbod."
        ),
        starting_point=(
            "Nesten all maten til dei kommunale kjøkkena kom frå ein stor grossist, og lokale bønder kunne ikkje "
            "konkurrere om avtalane."
        ),
        what_was_done=(
            "Innkjøpsavdelinga delte konkurransen i fleire delar – kjøt, mjølkeprodukt, grønsaker og bakarvarer – "
            "og la vekt på ferskleik og klimaavtrykk i tillegg til pris. Før konkurransen vart det halde eit "
            "leverandørmøte der bøndene fekk forklart korleis dei kan gje tilbod.\n\n"
            "Kjøkkena har lagt om menyane etter sesongen og lagar meir mat frå botnen av."
        ),
        figures=(
            Figure("Del av matinnkjøpa frå lokale produsentar", 31, "prosent", MEASURED, 2025),
            Figure("Lokale leverandørar", 9, "leverandørar", MEASURED, 2025),
        ),
        partners="Bondelaget\nKjøkkena på sjukeheimane\nInnkjøpssamarbeidet",
        cost=(
            "Maten er om lag 5 prosent dyrare.\nKlimasats-tilskot frå Miljødirektoratet til kompetanse: 140 000 kr."
        ),
        success_factors="Leverandørmøtet før konkurransen.",
        barriers="Små produsentar har avgrensa kapasitet, og logistikken vart meir krevjande.",
        transferability="Alle kommunar kan dele opp matinnkjøpa sine. Start med éin produktgruppe.",
        on=d(2025, 1, 21),
    ),
    ExampleSpec(
        title="Flaumvern med naturbaserte løysingar",
        municipalities=("4640",),
        themes=("klimatilpasning", "areal-og-natur"),
        goals=(6, 11, 13, 15),
        stage=IMPLEMENTATION,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Sogndal kommune",
        years=(2022, None),
        contact=("Ingebjørg Hove", "ingebjorg.hove@example.no"),
        contact_is_public=False,
        summary=(
            "I staden for høgare murar får elva meir plass: ei flaumslette med kantskog tek imot vatnet når elva "
            "går stor."
        ),
        starting_point=(
            "Elva gjekk over breiddene tre gonger på ti år, og dei gamle flaumvolla heldt ikkje lenger når "
            "nedbøren vart kraftigare."
        ),
        what_was_done=(
            "Kommunen kjøpte to gamle jorde langs elva og gjorde dei om til ei flaumslette med kantskog, dammar og "
            "ein tursti. Fagfolk frå vassdragsstyresmaktene var med og rekna ut kapasiteten. Flaumsletta vart "
            "teken i bruk hausten 2025."
        ),
        figures=(Figure("Flaumslette", 42, "dekar", MEASURED, 2025),),
        partners="Grunneigarane langs elva\nVassdragsstyresmaktene\nStatsforvaltaren i Vestland",
        cost="Grunnerverv og anlegg: 16 mill. kr.\nTilskot til flaumsikring: 8 mill. kr.",
        success_factors="Grunneigarane fekk vere med og forme tiltaket.",
        barriers="Det tok lang tid å bli samde om grunnervervet.",
        transferability="Aktuelt for alle kommunar med elvar gjennom tettstader.",
        on=d(2025, 10, 14),
    ),
    ExampleSpec(
        title="Sykkelverkstad for ungdom",
        municipalities=("4617", "4614", "4616"),
        themes=("transport", "sirkularokonomi", "medvirkning"),
        goals=(4, 11, 12),
        stage=SPREAD,
        measure_type=TRANSITION,
        actor_type=CIVIL_SOCIETY,
        owner="Ungdomsklubben på Husnes (demo)",
        years=(2019, 2022),
        contact=("Sindre Ølve", "sindre.olve@example.no"),
        contact_is_public=True,
        summary=(
            "Ungdom reparerer kasserte syklar frå gjenbruksstasjonen og lånar dei ut gratis. Sykkelverkstaden har "
            "spreidd seg til nabokommunane."
        ),
        starting_point=(
            "Mange ungdomar hadde ikkje sykkel, medan brukbare syklar vart kasta på gjenbruksstasjonen."
        ),
        what_was_done=(
            "Ungdomsklubben fekk eit verkstadlokale og ein fast vaksen frivillig. Gjenbruksstasjonen set av syklar "
            "som blir leverte, og ungdomane reparerer dei. Syklane blir lånte ut gratis gjennom sommaren.\n\n"
            "Etter besøk på Husnes har Stord og Tysnes starta tilsvarande verkstader."
        ),
        figures=(
            Figure("Syklar sette i stand", 260, "syklar", MEASURED, 2022),
            Figure("Ungdomar som har vore med", 45, "ungdomar", MEASURED, 2022),
        ),
        partners="Kvinnherad kommune\nDet interkommunale renovasjonsselskapet\nIdrettslaget",
        cost="Verktøy og reservedelar: 60 000 kr frå kommunen sitt fond for ungdomstiltak.",
        success_factors="Ein vaksen frivillig som var der kvar veke.",
        barriers="Reservedelar er dyre, og nokre av syklane var ikkje verde å reparere.",
        transferability="Kan starte i alle ungdomsklubbar med eit lite lokale og ein avtale med gjenbruksstasjonen.",
        on=d(2022, 9, 27),
    ),
    ExampleSpec(
        title="Solcellepanel til hytta – kampanjetilbud",
        municipalities=("4627",),
        themes=("energi",),
        goals=(7,),
        stage=PLANNING,
        measure_type=EFFICIENCY,
        actor_type=BUSINESS,
        owner="Vestkyst Sol AS (demo)",
        years=(2026, None),
        contact=("Rune Sjursen", "rune.sjursen@example.no"),
        contact_is_public=True,
        summary=(
            "Vi leverer solcellepanel til hytter og boliger på Askøy. Bestill før 1. desember og få 15 prosent "
            "rabatt på montering."
        ),
        starting_point="Strømprisene er høye, og mange vil produsere sin egen strøm.",
        what_was_done="Vi tilbyr komplette solcelleanlegg med montering og hjelp til å søke Enova-støtte.",
        state=REJECTED,
        moderation_comment=(
            "Takk for innsendingen. Eksempelbanken viser tiltak og erfaringer som andre kan lære av, ikke tilbud "
            "på varer og tjenester, så teksten blir ikke publisert. Har dere gjennomført et prosjekt sammen med "
            "en kommune eller et lokalsamfunn, er dere velkomne til å sende inn det."
        ),
        on=d(2026, 10, 20),
    ),
    # Trøndelag
    ExampleSpec(
        title="Energirådgiving for borettslag",
        municipalities=("5001",),
        themes=("energi", "bygg", "medvirkning"),
        goals=(7, 11, 13),
        stage=IMPLEMENTATION,
        measure_type=EFFICIENCY,
        actor_type=MUNICIPALITY,
        owner="Trondheim kommune",
        years=(2021, None),
        contact=("Astrid Lervik", "astrid.lervik@example.no"),
        contact_is_public=True,
        summary=(
            "Gratis energirådgiving hjelper borettslag å planlegge etterisolering, varmepumper og solceller. Hvert "
            "borettslag får en energiplan med tiltak og kostnader."
        ),
        starting_point=(
            "Mange borettslag fra 1960- og 70-tallet trengte rehabilitering, men styrene visste lite om "
            "energitiltak og støtteordninger."
        ),
        what_was_done=(
            "Kommunen tilbyr to møter med en energirådgiver og en energiplan som styret kan legge fram for "
            "generalforsamlingen. Rådgiveren hjelper også med søknader til Enova og til kommunens eget tilskudd.\n\n"
            "Etter tre år har 70 borettslag fått en energiplan, og 25 har gjennomført tiltak."
        ),
        figures=(
            Figure("Borettslag med energiplan", 70, "borettslag", MEASURED, 2024),
            Figure("Forventet energisparing", 9_500_000, "kWh per år", ESTIMATED, 2024),
        ),
        partners="Boligbyggelaget\nEnergirådgiverne",
        cost="Rådgivingen: 1,8 mill. kr i året fra kommunens klimafond.",
        success_factors="Et konkret dokument som styret kunne ta med til generalforsamlingen.",
        barriers="Høye renter gjorde at mange utsatte de store tiltakene.",
        transferability="Alle kommuner med mange eldre borettslag kan tilby det samme.",
        on=d(2024, 5, 14),
    ),
    ExampleSpec(
        title="Etterisolering av gamle trehus med respekt for kulturminnene",
        municipalities=("5025",),
        themes=("bygg", "energi"),
        goals=(7, 11, 12),
        stage=EVALUATED,
        measure_type=EFFICIENCY,
        actor_type=CIVIL_SOCIETY,
        owner="Huseierforeningen i bergstaden (demo)",
        years=(2016, 2020),
        contact=("Olav Haugom", "olav.haugom@example.no"),
        contact_is_public=True,
        summary=(
            "Huseiere prøvde ut skånsom etterisolering og tetting av vinduer i gamle trehus. Energibruken gikk ned "
            "med en tredel uten å skade kulturverdiene."
        ),
        starting_point=(
            "De gamle trehusene var kalde og dyre å varme opp, men vanlige metoder for etterisolering kunne skade "
            "de antikvariske verdiene."
        ),
        what_was_done=(
            "Tolv huseiere fikk hjelp av håndverkere med erfaring fra gamle hus: tetting med linstry, innvendige "
            "forvinduer og isolering av loft og grunnmur med materialer som lar veggene puste. Fukt og temperatur "
            "ble målt i tre vintre, før og etter."
        ),
        figures=(
            Figure("Lavere energibruk per hus", 34, "prosent", MEASURED, 2020),
            Figure("Hus med tiltak", 12, "hus", MEASURED, 2020),
        ),
        partners="Røros kommune\nKulturminnemyndighetene\nLokale håndverkere",
        cost="Tilskudd fra Kulturminnefondet: 1,1 mill. kr.\nEgenandel: om lag 150 000 kr per hus.",
        success_factors="Håndverkere som kjente de gamle teknikkene.",
        barriers="Få håndverkere kan metodene, og ventetiden ble lang.",
        transferability="Metodene passer for gamle trehus i hele landet.",
        on=d(2022, 4, 19),
    ),
    ExampleSpec(
        title="Fiskeslam fra oppdrett blir biogass",
        municipalities=("5014",),
        themes=("sirkularokonomi", "naeringsutvikling", "energi"),
        goals=(7, 12, 14),
        stage=PLANNING,
        measure_type=DEVELOPMENT,
        actor_type=BUSINESS,
        owner="Frøya Sirkulær AS (demo)",
        years=(2025, None),
        contact=("Veronika Strøm", "veronika.strom@example.no"),
        contact_is_public=False,
        summary=(
            "Slam og dødfisk fra oppdrettsanleggene skal bli biogass og gjødsel i et felles anlegg på øya."
        ),
        starting_point=(
            "Oppdrettsnæringen må samle opp slam fra de landbaserte anleggene, og i dag kjøres det langt for å bli "
            "behandlet."
        ),
        what_was_done=(
            "Tre oppdrettsselskaper og kommunen har startet et forprosjekt for et felles biogassanlegg. Biogassen "
            "skal brukes i brønnbåter og lastebiler."
        ),
        figures=(Figure("Slam til behandling", 8000, "tonn per år", ESTIMATED, 2028),),
        partners="Frøya kommune\nTre oppdrettsselskaper",
        cost="Forprosjekt: 2 mill. kr, med støtte fra Trøndelag fylkeskommune.",
        state=PENDING,
        on=d(2026, 11, 10),
    ),
    ExampleSpec(
        title="Jordvern i kommuneplanen",
        municipalities=("5038",),
        themes=("areal-og-natur", "landbruk", "klimaledelse"),
        goals=(2, 11, 15),
        stage=FINISHED,
        measure_type=TRANSITION,
        actor_type=MUNICIPALITY,
        owner="Verdal kommune",
        years=(2019, 2022),
        contact=("Arnt Ove Sandberg", "arnt.ove.sandberg@example.no"),
        contact_is_public=True,
        summary=(
            "I den nye kommuneplanen ble over 600 dekar dyrka mark tatt ut av byggeområdene. Nye boliger skal "
            "bygges tettere i sentrum."
        ),
        starting_point="Eldre planer åpnet for boligfelt og næringsareal på god dyrka mark rundt sentrum.",
        what_was_done=(
            "Kommunen gikk gjennom alle ubebygde byggeområder i planen og vurderte dem etter jordkvalitet, "
            "klimagassutslipp fra arealendringen og avstand til sentrum. Områder på dyrka mark og myr ble tatt ut, "
            "og fortetting i sentrum ble prioritert. Bondelaget og næringslivet satt i arbeidsgruppen."
        ),
        figures=(
            Figure("Dyrka mark tatt ut av byggeområdene", 640, "dekar", MEASURED, 2022),
            Figure("Myr tatt ut av byggeområdene", 180, "dekar", MEASURED, 2022),
        ),
        partners="Bondelaget\nNæringsforeningen\nTrøndelag fylkeskommune",
        cost="Innenfor det ordinære planarbeidet.",
        success_factors="Et felles kunnskapsgrunnlag som alle partene godtok.",
        barriers="Noen grunneiere klaget fordi tomtene mistet verdi.",
        transferability="Alle kommuner kan gå gjennom gamle byggeområder når kommuneplanen rulleres.",
        on=d(2023, 4, 25),
    ),
    # Troms
    ExampleSpec(
        title="Vintersykling: brøyting først og sykkelparkering under tak",
        municipalities=("5501",),
        themes=("transport", "medvirkning"),
        goals=(3, 11, 13),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=MUNICIPALITY,
        owner="Tromsø kommune",
        years=(2020, None),
        contact=("Mari Eliassen", "mari.eliassen@example.no"),
        contact_is_public=True,
        summary=(
            "Sykkelveiene brøytes først, og skoler og arbeidsplasser har fått sykkelparkering under tak. Flere "
            "sykler nå også om vinteren."
        ),
        starting_point=(
            "De fleste syklet bare om sommeren. Om vinteren ble sykkelveiene brøytet sist, og sykkelparkeringen "
            "lå under snøen."
        ),
        what_was_done=(
            "Kommunen innførte en egen standard for vinterdrift av hovedsykkelveiene, med brøyting før klokka sju "
            "og strøing med grov sand. Ved skolene og de største arbeidsplassene er det bygd overbygd "
            "sykkelparkering, og kommunen låner ut piggdekk til ansatte."
        ),
        figures=(
            Figure("Sykkeltrafikk om vinteren, andel av sommeren", 28, "prosent", MEASURED, 2025),
            Figure("Sykkelvei som brøytes først", 46, "km", MEASURED, 2025),
        ),
        partners="Troms fylkeskommune\nSyklistenes lokallag\nStore arbeidsgivere i byen",
        cost=(
            "Mer vinterdrift: 3,5 mill. kr i året.\n"
            "Klimasats-støtte fra Miljødirektoratet til sykkelparkering: 700 000 kr."
        ),
        success_factors="En fast brøytestandard som folk kunne stole på.",
        barriers="Mildvær og is gjør det krevende, og strøingen må følges tett opp.",
        transferability="Vintersykling er mulig i hele landet når drift og parkering er på plass.",
        on=d(2025, 2, 4),
    ),
    ExampleSpec(
        title="Innsamling og ombruk av fiskeredskap",
        municipalities=("5530",),
        themes=("sirkularokonomi", "naeringsutvikling"),
        goals=(8, 12, 14),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=BUSINESS,
        owner="Senja Marin Retur AS (demo)",
        years=(2022, None),
        contact=("Jørn Isaksen", "jorn.isaksen@example.no"),
        contact_is_public=True,
        summary=(
            "Fiskerne leverer utslitte garn, tauverk og trål gratis på kaia. Materialet sorteres, og nylon og "
            "plast går til ombruk og gjenvinning."
        ),
        starting_point=("Gamle fiskeredskaper havnet på deponi, eller ble liggende i fjæra og i havet."),
        what_was_done=(
            "Selskapet har satt opp mottak i fire fiskerihavner. Fiskerne leverer gratis, og redskapen sorteres "
            "for hånd. Tauverk selges til ombruk i landbruket, og nylon sendes til gjenvinning. Skoleklasser er "
            "med på strandryddedager."
        ),
        figures=(
            Figure("Innsamlet fiskeredskap", 210, "tonn per år", MEASURED, 2025),
            Figure("Andel til ombruk eller gjenvinning", 74, "prosent", MEASURED, 2025),
        ),
        partners="Senja kommune\nFiskarlaget\nHavnene",
        cost=(
            "Tilskudd fra Miljødirektoratet: 1,2 mill. kr.\n"
            "Salg av materialer dekker om lag halvparten av driften."
        ),
        success_factors="Gratis levering der fiskerne holder til.",
        barriers="Blandede materialer er dyre å sortere, og prisen på gjenvunnet nylon svinger.",
        transferability="Aktuelt i alle fiskerikommuner.",
        on=d(2025, 8, 19),
    ),
    ExampleSpec(
        title="Klimatilpasning i et skredutsatt lokalsamfunn",
        municipalities=("5536",),
        themes=("klimatilpasning", "medvirkning"),
        goals=(11, 13),
        stage=PLANNING,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Lyngen kommune",
        years=(2024, None),
        contact=("Elin Figenschou", "elin.figenschou@example.no"),
        contact_is_public=False,
        summary="Innbyggere, kommunen og beredskapsetatene lager sammen en plan for varsling og evakuering ved skred.",
        starting_point="Flere grender er utsatt for snøskred og steinsprang, og været blir mer ustabilt.",
        what_was_done="Vi har hatt to folkemøter.",
        state=RETURNED,
        moderation_comment=(
            "Eksempelet ser interessant ut! Beskrivelsen er likevel så kort at det er vanskelig for andre å lære av "
            "den. Kan dere skrive mer om hva som er gjort så langt, hvem som har vært med og hva det har kostet? "
            "Send det gjerne inn igjen når det er klart."
        ),
        on=d(2026, 10, 2),
    ),
    # Finnmark
    ExampleSpec(
        title="Elbiler i hjemmetjenesten i arktisk klima",
        municipalities=("5601",),
        themes=("transport", "innkjop"),
        goals=(7, 11, 13),
        stage=EVALUATED,
        measure_type=EFFICIENCY,
        actor_type=MUNICIPALITY,
        owner="Alta kommune",
        years=(2019, 2023),
        contact=("Roger Mikkelsen", "roger.mikkelsen@example.no"),
        contact_is_public=True,
        summary=(
            "Hjemmetjenesten kjører elbil også i 30 kuldegrader. Forvarming på lader og godt planlagte ruter var "
            "nøkkelen."
        ),
        starting_point=(
            "Mange tvilte på at elbiler ville fungere i hjemmetjenesten, med lange avstander og streng kulde."
        ),
        what_was_done=(
            "Kommunen begynte med fem elbiler i ett år og målte rekkevidde og strømforbruk. Alle bilene står på "
            "lader om natta og forvarmes før vaktstart, og rutene planlegges etter rekkevidden på de kaldeste "
            "dagene.\n\nEtter prøveåret ble hele bilparken i hjemmetjenesten byttet til elbiler."
        ),
        figures=(
            Figure("Elbiler i hjemmetjenesten", 48, "biler", MEASURED, 2023),
            Figure("Reduserte klimagassutslipp", 190, "t CO2e per år", ESTIMATED, 2023),
            Figure(
                "Lavere kostnader til drivstoff og vedlikehold", 900_000, "kroner per år", ESTIMATED, 2023
            ),
        ),
        partners="Hjemmetjenesten\nVerneombudene\nEn lokal bilforhandler",
        cost="Ladestasjoner: 2,2 mill. kr, hvorav 800 000 kr i Klimasats-støtte fra Miljødirektoratet.",
        success_factors="Et prøveår med målinger som overbeviste de ansatte.",
        barriers="Rekkevidden faller med opptil 40 prosent i sterk kulde, og noen ruter måtte deles.",
        transferability="Viser at elbiler fungerer også i de kaldeste delene av landet.",
        on=d(2023, 8, 29),
    ),
    ExampleSpec(
        title="Reindrifta med fra starten i arealplanen",
        municipalities=("5610",),
        themes=("medvirkning", "areal-og-natur", "klimaledelse"),
        goals=(10, 15, 16),
        stage=FINISHED,
        measure_type=DEVELOPMENT,
        actor_type=MUNICIPALITY,
        owner="Kárášjoga gielda – Karasjok kommune",
        years=(2020, 2023),
        contact=("Ristin Márjá Eira", "ristin.marja.eira@example.no"),
        contact_is_public=True,
        summary=(
            "Reindriftsutøvere, kommunen og grunneiere kartla beiteland og flyttleier sammen før arealplanen ble "
            "revidert. Tradisjonell kunnskap ble en del av kunnskapsgrunnlaget."
        ),
        starting_point=(
            "Tidligere planer var laget uten god kunnskap om hvordan reindrifta bruker arealene, og konfliktene "
            "kom først ved høringen."
        ),
        what_was_done=(
            "Kommunen inviterte siidaene til kartleggingsmøter der de tegnet inn flyttleier, kalvingsland og "
            "beiteområder. Møtene ble holdt på samisk, med tolk, og kartene ble en del av planens "
            "kunnskapsgrunnlag. Planforslaget ble justert før høringen, og det kom langt færre innsigelser enn "
            "sist."
        ),
        figures=(
            Figure("Kartleggingsmøter", 14, "møter", MEASURED, 2023),
            Figure("Innsigelser ved høringen", 2, "innsigelser", MEASURED, 2023),
        ),
        partners="Siidaene i kommunen\nSametinget\nStatsforvalteren",
        cost="Tilskudd fra Sametinget til kartleggingen: 400 000 kr.",
        success_factors="Møter på samisk og på reindriftas premisser, med god tid.",
        barriers="Sensitive kart over beiteområder kunne ikke publiseres åpent.",
        transferability="Relevant for alle kommuner i samiske områder.",
        on=d(2024, 2, 13),
    ),
    ExampleSpec(
        title="Ladestasjon for fiskeflåten på kaia",
        municipalities=("5634",),
        themes=("energi", "naeringsutvikling", "transport"),
        goals=(7, 9, 14),
        stage=IDEA,
        measure_type=TRANSITION,
        actor_type=MUNICIPALITY,
        owner="Vardø kommune",
        years=(2026, None),
        contact=("Stig Ove Nilssen", "stig.ove.nilssen@example.no"),
        contact_is_public=False,
        summary=(
            "Kystflåten trenger strøm ved kai når båtene går over til batteri og hybrid. Vi vil bygge hurtiglading "
            "i havna, men nettkapasiteten mangler."
        ),
        starting_point=("Flere fiskere vurderer hybridbåt, men det finnes ingen ladestasjon i havna."),
        what_was_done=(
            "Kommunen har kartlagt behovet blant fiskerne og startet samtaler med nettselskapet om kapasiteten. "
            "Vi ønsker kontakt med andre havner som har gjort det samme."
        ),
        partners="Fiskerne i Vardø\nNettselskapet",
        barriers="Nettet har ikke kapasitet til hurtiglading i dag, og det er usikkert hvem som skal eie laderen.",
        on=d(2026, 5, 12),
    ),
    # A second copy of an example that is already in the bank.
    ExampleSpec(
        title="Sykkelparkering ved skolene",
        municipalities=("4204",),
        themes=("transport",),
        goals=(11,),
        stage=IMPLEMENTATION,
        measure_type=TRANSITION,
        actor_type=MUNICIPALITY,
        owner="Kristiansand kommune",
        years=(2021, None),
        contact=("Kjersti Omdal", "kjersti.omdal@example.no"),
        contact_is_public=False,
        summary="Overbygd sykkelparkering ved skolene, planlagt sammen med elevene.",
        starting_point="",
        what_was_done="Samme prosjekt som vi viste på Grønn Praksis 22, nå med tall fra flere skoler.",
        state=REJECTED,
        moderation_comment=(
            "Dette eksempelet finnes allerede i banken som «Sykkelparkering ved skolene i Kristiansand». Legg "
            "heller de nye tallene inn der, så er alt samlet på ett sted."
        ),
        on=d(2026, 3, 3),
    ),
]


# --- Seeding ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookups:
    municipalities: dict[str, Municipality]
    themes: dict[str, Theme]
    goals: dict[int, Goal]
    organisations: dict[str, Organisation]
    users: dict[str, User]  # by e-mail


def seed_examples(gp22: Edition, gp27: Edition, organiser: User) -> list[Example]:
    """Write the bank's demo examples (found by title, then updated), their places, themes, goals, owners
    and key figures, and link Mulighetenes Hus to Grønn Praksis 22 through its contribution; then bring
    each example's search index entry up to date. The demo edition (gp27) gets its bank entries from its
    own contributions; nothing here belongs to it yet."""
    specs = [MULIGHETENES_HUS, *EXAMPLES]
    check(specs)
    lookups = load_lookups(specs)
    found: dict[str, Example] = {}
    for example in Example.objects.filter(title__in=[spec.title for spec in EXAMPLES]).order_by("-pk"):
        found[example.title] = example  # the oldest of any namesakes
    examples = [seed_mulighetenes_hus(gp22, lookups)]
    examples += [write_example(spec, lookups, found.get(spec.title)) for spec in EXAMPLES]
    write_relations(list(zip(examples, specs, strict=True)), lookups)
    examples = [
        moderate(example, spec, lookups, organiser) for example, spec in zip(examples, specs, strict=True)
    ]
    for example in examples:
        index_example(example)
    return examples


def moderate(example: Example, spec: ExampleSpec, lookups: Lookups, organiser: User) -> Example:
    """Bring a new example to the spec's state through the bank's moderation services (a version and a
    record each; a published one dated as the spec says, without mail). An example already in its state
    is left as it is."""
    if example.state == spec.state:
        return example
    if spec.state == PUBLISHED:
        return publish_example(
            example=example, by=organiser, published_at=oslo_morning(spec.on), notify=False
        )
    owner = lookups.users[spec.contact[1]]
    if example.state not in (DRAFT, RETURNED):
        return example  # changed by hand since; the demo does not undo a moderator's decision
    example = submit_example(example=example, by=owner)
    if spec.state == RETURNED:
        example = return_example(example=example, by=organiser, comment=spec.moderation_comment)
    elif spec.state == REJECTED:
        example = reject_example(example=example, by=organiser, comment=spec.moderation_comment)
    return example


def check(specs: Iterable[ExampleSpec]) -> None:
    """Catch mistakes in the data above before they reach the database."""
    titles = set()
    for spec in specs:
        assert spec.title not in titles, f"two examples are called {spec.title!r}"
        titles.add(spec.title)
        assert len(spec.summary) <= 300, f"{spec.title}: the summary is {len(spec.summary)} characters"
        assert spec.stage in Stage.values and spec.measure_type in MeasureType.values, spec.title
        assert spec.actor_type in Sector.values and spec.state in ModerationState.values, spec.title
        assert spec.contact[1].endswith("@example.no"), f"{spec.title}: contacts are fictional"
        assert not (spec.state == PUBLISHED and spec.moderation_comment), (
            f"{spec.title}: a comment, but published"
        )


def load_lookups(specs: list[ExampleSpec]) -> Lookups:
    numbers = {number for spec in specs for number in spec.municipalities}
    municipalities = {m.number: m for m in Municipality.objects.filter(number__in=numbers)}
    themes = {t.slug: t for t in Theme.objects.all()}
    missing = (numbers - set(municipalities)) | ({s for spec in specs for s in spec.themes} - set(themes))
    assert not missing, f"unknown municipality numbers or theme slugs: {sorted(missing)}"
    organisations: dict[str, Organisation] = {}
    for organisation in Organisation.objects.filter(name__in={spec.owner for spec in specs}).order_by("pk"):
        organisations.setdefault(organisation.name, organisation)
    return Lookups(
        municipalities=municipalities,
        themes=themes,
        goals={g.number: g for g in Goal.objects.all()},
        organisations=organisations,
        users={
            spec.contact[1]: get_or_create_user(email=spec.contact[1], name=spec.contact[0]) for spec in specs
        },
    )


def oslo_morning(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=OSLO)


def write_example(spec: ExampleSpec, lookups: Lookups, example: Example | None) -> Example:
    """Create the example, or update the given one, without its relations (see `write_relations`)."""
    name, email = spec.contact
    owner = lookups.organisations.get(spec.owner)
    published = spec.state == PUBLISHED
    # A published example was sent in a few weeks before it was published.
    created_at = oslo_morning(spec.on - datetime.timedelta(days=23 if published else 0))
    start_year, end_year = spec.years
    fields = {
        "title": spec.title,
        "summary": spec.summary,
        "starting_point": spec.starting_point,
        "what_was_done": spec.what_was_done,
        "stage": spec.stage,
        "start_year": start_year,
        "end_year": end_year,
        "measure_type": spec.measure_type,
        "actor_type": spec.actor_type,
        "partners": spec.partners,
        "cost": spec.cost,
        "success_factors": spec.success_factors,
        "barriers": spec.barriers,
        "transferability": spec.transferability,
        "owner_name": spec.owner,
        "owner_organisation_id": owner.pk if owner else None,
        "contact_name": name,
        "contact_email": email,
        "contact_is_public": spec.contact_is_public,
        "is_demo": spec.is_demo,
        "created_by_id": lookups.users[email].pk,
    }
    if example is None:
        example = Example.objects.create(**fields)
    else:
        changed = [key for key, value in fields.items() if getattr(example, key) != value]
        if changed:
            for key in changed:
                setattr(example, key, fields[key])
            example.save(update_fields=[*changed, "updated_at"])
    if example.created_at != created_at:
        Example.objects.filter(pk=example.pk).update(created_at=created_at)
        example.created_at = created_at
    return example


def write_relations(pairs: list[tuple[Example, ExampleSpec]], lookups: Lookups) -> None:
    """Places, themes, goals, owners and key figures of all the examples, in a few queries."""
    wanted: dict[str, set[tuple[int, int]]] = {
        "municipalities": {
            (e.pk, lookups.municipalities[n].pk) for e, spec in pairs for n in spec.municipalities
        },
        "themes": {(e.pk, lookups.themes[slug].pk) for e, spec in pairs for slug in spec.themes},
        "goals": {(e.pk, lookups.goals[n].pk) for e, spec in pairs for n in spec.goals},
        "owners": {(e.pk, lookups.users[spec.contact[1]].pk) for e, spec in pairs},
    }
    ids = [example.pk for example, _spec in pairs]
    for name, rows in wanted.items():
        set_rows(name, ids, rows)
    existing = {(f.example_id, f.position): f for f in KeyFigure.objects.filter(example_id__in=ids)}
    new = []
    for example, spec in pairs:
        for position, figure in enumerate(spec.figures):
            values = {
                "label": figure.label,
                "value": Decimal(str(figure.value)),
                "unit": figure.unit,
                "accuracy": figure.accuracy,
                "year": figure.year,
            }
            current = existing.pop((example.pk, position), None)
            if current is None:
                new.append(KeyFigure(example=example, position=position, **values))
            elif any(getattr(current, key) != value for key, value in values.items()):
                KeyFigure.objects.filter(pk=current.pk).update(**values)
    KeyFigure.objects.bulk_create(new)
    if existing:
        KeyFigure.objects.filter(pk__in=[figure.pk for figure in existing.values()]).delete()


def set_rows(relation: str, ids: list[int], wanted: set[tuple[int, int]]) -> None:
    """Make the many-to-many rows of `Example.<relation>` for the examples `ids` exactly `wanted`."""
    field = Example._meta.get_field(relation)
    assert isinstance(field, models.ManyToManyField)
    through: type[models.Model] = getattr(Example, relation).through
    rows = through._default_manager
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    existing = {
        (a, b): pk for pk, a, b in rows.filter(**{f"{source}__in": ids}).values_list("pk", source, target)
    }
    stale = [pk for row, pk in existing.items() if row not in wanted]
    if stale:
        rows.filter(pk__in=stale).delete()
    rows.bulk_create([through(**{source: a, target: b}) for a, b in wanted - set(existing)])


def seed_mulighetenes_hus(gp22: Edition, lookups: Lookups) -> Example:
    """The 2022 prize winner in the bank, linked to Grønn Praksis 22 through its contribution. When GP22's
    demo contribution about Mulighetenes Hus has made a draft example, that draft becomes this entry (so the
    bank has one, not two); its contribution is linked to it. Without such a contribution one is written."""
    spec = MULIGHETENES_HUS
    contribution = (
        gp22.contributions.filter(kind=Kind.PRACTICE_EXAMPLE)
        .filter(Q(example__title=spec.title) | Q(organisation__name=spec.owner))
        .select_related("example")
        .order_by("pk")
        .first()
    )
    example = Example.objects.filter(title=spec.title).order_by("pk").first()
    if example is None and contribution is not None and contribution.example is not None:
        example = contribution.example
    example = write_example(spec, lookups, example)
    if contribution is None:
        write_contribution(gp22, spec, example, lookups)
    elif contribution.example_id != example.pk:
        contribution.example = example
        contribution.save(update_fields=["example", "updated_at"])
    return example


def write_contribution(
    edition: Edition, spec: ExampleSpec, example: Example, lookups: Lookups
) -> Contribution:
    """A confirmed practice-example contribution to an archived edition, written directly."""
    name, email = spec.contact
    user = lookups.users[email]
    organisation = lookups.organisations.get(spec.owner)
    contribution, _ = Contribution.objects.update_or_create(
        idempotency_key=demo_key(edition.slug, "contribution", "mulighetenes-hus"),
        defaults={
            "edition": edition,
            "kind": Kind.PRACTICE_EXAMPLE,
            "title": spec.title,
            "summary": spec.summary,
            "description": spec.what_was_done,
            "municipality": lookups.municipalities[spec.municipalities[0]],
            "organisation_name": spec.owner,
            "organisation": organisation,
            "wished_format": Format.TALK,
            "wished_length": Length.MEDIUM,
            "state": State.CONFIRMED,
            "created_by": user,
            "example": example,
            "submitted_at": edition.contribution_deadline - datetime.timedelta(weeks=3),
        },
    )
    contribution.themes.set([lookups.themes[slug] for slug in spec.themes])
    contribution.goals.set([lookups.goals[number] for number in spec.goals])
    Contributor.objects.update_or_create(
        contribution=contribution,
        email=email,
        defaults={"name": name, "is_primary": True, "position": 0, "user": user},
    )
    return contribution
