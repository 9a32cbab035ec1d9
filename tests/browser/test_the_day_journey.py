"""The day, end to end in real Chromium: register through the public form → the ticket and its QR code
from the confirmation mail → the door's staff scan the code with the phone's camera at 390 px (a second
Chromium whose camera is a video file made from that QR code, read by the page's own jsQR) → a scan made
offline is queued and sent when the network is back → the name badges and the attendance certificate are
downloaded and read back with a PDF text extractor, and the certificate's link is mailed on request → a
news mail to a segment reaches exactly the members of the segment who asked for news. axe (WCAG 2.1 A/AA)
checks every page on the way."""

import datetime
import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db.models import F
from PIL import Image
from playwright.sync_api import Browser, BrowserType, Page, expect
from pypdf import PdfReader

from conftest import WCAG21_AA
from gronnpraksis.arena import services
from gronnpraksis.arena.models import Scan, ScanResult
from gronnpraksis.editions.models import Edition, EditionDay, TeamMember, TeamRole
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration
from tests.browser.test_accessibility import describe
from tests.browser.test_journeys import fill_registration, labelled, manage_path_from_mail, submit
from tests.factories import OrganiserFactory, UserFactory, register_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRAME = (640, 480)  # the fake camera's picture: width, height


def no_axe_violations(page: Page, what: str) -> None:
    violations = Axe().run(page, options=WCAG21_AA).response["violations"]
    assert not violations, f"axe on {what}:\n" + describe(violations)


def camera_video(qr_png: bytes, path: Path, frames: int = 10) -> Path:
    """A YUV4MPEG2 video (4:2:0) of the QR code on white, centred, as Chromium's fake camera plays it."""
    code = Image.open(io.BytesIO(qr_png)).convert("L")
    picture = Image.new("L", FRAME, 255)
    picture.paste(code, ((FRAME[0] - code.width) // 2, (FRAME[1] - code.height) // 2))
    luma = picture.tobytes()
    chroma = bytes([128]) * (FRAME[0] // 2 * FRAME[1] // 2)  # grey: no colour in either plane
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{FRAME[0]} H{FRAME[1]} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + luma + chroma + chroma)
    return path


def camera_browser(browser_type: BrowserType, launch_args: dict, video: Path) -> Browser:
    """A Chromium of its own whose camera is `video` and which grants the camera without asking."""
    return browser_type.launch(
        **{
            **launch_args,
            "args": [
                *launch_args.get("args", []),
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        }
    )


def pdf_text(download_path: str) -> str:
    reader = PdfReader(download_path)
    return "\n".join(page.extract_text() for page in reader.pages)


def download(page: Page, click: str) -> str:
    """Click what `click` selects and return the text of the PDF it downloads."""
    with page.expect_download() as info:
        page.locator(click).click()
    return pdf_text(str(info.value.path()))


def test_register_scan_offline_badges_certificate_and_a_segment_mail(
    page: Page, live_server, live_edition, log_in, browser_type, browser_type_launch_args, tmp_path
):
    edition = live_edition
    # Others of the edition: Ola (news, same role), Siri (same role, no news), Per (news, another role).
    ola = register_person(edition, name="Ola Hansen", email="ola@example.no", news_opt_in=True)
    register_person(edition, name="Siri Stille", email="siri@example.no")
    register_person(edition, name="Per Leder", email="per@example.no", role="leder", news_opt_in=True)

    # 1. Kari registers through the public form, with news, as a professional (fagperson).
    page.goto(f"{live_server.url}/{edition.slug}/pamelding/")
    fill_registration(page, edition, name="Kari Nordmann", email="kari@example.no", days=edition.days.all())
    labelled(page, "id_news_opt_in").check()
    submit(page)
    page.wait_for_url(re.compile(r"/pamelding/[A-Za-z0-9_-]+/\?ny=1$"))
    kari = Registration.objects.get(email="kari@example.no")

    # 2. The confirmation mail links the ticket; the manage page it links shows the QR code.
    mail = OutboxMail.objects.get(to="kari@example.no", template="registration_confirmed")
    manage_path = manage_path_from_mail(mail)
    assert f"{manage_path}billett.pdf" in mail.body_text
    page.goto(live_server.url + manage_path)
    expect(page.locator(".gp-ticket__qr")).to_be_visible()
    no_axe_violations(page, "the manage page with the ticket")
    qr_png = page.request.get(f"{live_server.url}{manage_path}innsjekk.png")
    assert qr_png.ok and qr_png.headers["content-type"] == "image/png"

    # 3. At the door: a staff member with the check-in role scans Kari's code with the phone's camera.
    staff = UserFactory(email="dor@example.no", name="Dorte Dørvakt")
    TeamMember.objects.create(edition=edition, user=staff, role=TeamRole.CHECK_IN)
    video = camera_video(qr_png.body(), tmp_path / "kari-qr.y4m")
    phone_browser = camera_browser(browser_type, browser_type_launch_args, video)
    try:
        phone = phone_browser.new_context(
            viewport={"width": 390, "height": 844}, permissions=["camera"], base_url=live_server.url
        ).new_page()
        log_in(phone, staff)
        phone.goto(f"/arrangor/{edition.slug}/innsjekk/")
        door = phone.locator("[data-door]")
        expect(door).to_have_attribute("data-list", "fresh")
        no_axe_violations(phone, "the check-in page on a phone")
        phone.locator("[data-scan-start]").click()
        expect(phone.locator("[data-video]")).to_be_visible()
        expect(door).to_have_attribute("data-last-result", "checked_in", timeout=15_000)
        # The staff member puts the camera away, so it does not read Kari's code again.
        phone.evaluate(
            "() => { const v = document.querySelector('[data-video]');"
            " v.srcObject.getTracks().forEach(t => t.stop()); v.srcObject = null; }"
        )
        expect(phone.locator("[data-scan-result]")).to_contain_text("Kari Nordmann")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        no_axe_violations(phone, "the check-in page after a camera scan")
        first = Scan.objects.get(registration=kari)
        assert (first.result, first.staff) == (ScanResult.CHECKED_IN, staff)
        assert Registration.objects.get(pk=kari.pk).checked_in_at is not None

        # 4. The venue's network goes; Ola's ticket (a handheld scanner's text) waits in the queue.
        phone.context.set_offline(True)
        secret = services.pass_for(ola).secret
        phone.evaluate(
            "text => document.querySelector('[data-door]')"
            ".dispatchEvent(new CustomEvent('gp:scan', {detail: text}))",
            f"http://127.0.0.1:8000/arrangor/{edition.slug}/innsjekk/?kode={secret}",
        )
        expect(door).to_have_attribute("data-queued", "1")
        expect(phone.locator("[data-scan-result]")).to_contain_text("Ola Hansen")  # the kept list
        assert not Scan.objects.filter(registration=ola).exists()
        phone.context.set_offline(False)
        phone.evaluate("window.dispatchEvent(new Event('online'))")
        expect(door).to_have_attribute("data-queued", "0")
        expect(door).to_have_attribute("data-last-result", "checked_in")
        assert Scan.objects.get(registration=ola).result == ScanResult.CHECKED_IN
        assert list(Scan.objects.values_list("result", flat=True)) == ["checked_in", "checked_in"]
    finally:
        phone_browser.close()

    # 5. The organiser prints the name badges: every confirmed registration, Kari's from the form too.
    log_in(page, OrganiserFactory())
    page.goto(f"{live_server.url}/arrangor/{edition.slug}/navneskilt/")
    no_axe_violations(page, "the name badges page")
    badges = download(page, "main form button[type=submit]")
    for name in ("Kari Nordmann", "Ola Hansen", "Siri Stille", "Per Leder"):
        assert name in badges, badges
    assert edition.name in badges

    # 6. After the event Kari downloads her certificate of attendance from the manage page.
    past = datetime.timedelta(days=400)
    EditionDay.objects.filter(edition=edition).update(date=F("date") - past)
    Edition.objects.filter(pk=edition.pk).update(starts_on=F("starts_on") - past, ends_on=F("ends_on") - past)
    page.goto(live_server.url + manage_path)
    no_axe_violations(page, "the manage page with the certificate")
    certificate = download(page, 'main a[href$="/kursbevis.pdf"]')
    assert "Kari Nordmann" in certificate and edition.name in certificate
    assert "Ola Hansen" not in certificate
    # ... and has its link mailed to her (the outbox holds text, so the mail links the PDF).
    page.locator('main form[action$="/kursbevis/send/"] button').click()
    expect(page.locator(".gp-messages [data-color=success]")).to_contain_text("kari@example.no")
    no_axe_violations(page, "the manage page after the certificate mail")
    link = OutboxMail.objects.get(template="certificate_link")
    assert link.to == "kari@example.no" and f"{manage_path}kursbevis.pdf" in link.body_text

    # 7. A news mail to the professionals reaches Kari and Ola (who asked for news), not Siri (no news)
    #    nor Per (a leader).
    page.goto(f"{live_server.url}/en/arrangor/{edition.slug}/gruppepost/")
    no_axe_violations(page, "the group mail form")
    page.get_by_label("News (only to those who want news)").check()
    page.get_by_role("group", name="Role").get_by_label("Professional").check()
    page.get_by_label("Subject").fill("Neste år: {arrangement}")
    page.get_by_label("Text").fill("Hei {navn}, vi ses neste år!")
    page.get_by_role("button", name="Count and preview").click()
    expect(page.locator("#reach")).to_contain_text("The mail reaches 2 people.")
    no_axe_violations(page, "the count and the preview")
    page.get_by_role("button", name="Send to 2 people").click()
    expect(page.get_by_role("heading", name="Sent group mails")).to_be_visible()
    sent = OutboxMail.objects.filter(template="group_mail")
    assert sorted(sent.values_list("to", flat=True)) == ["kari@example.no", "ola@example.no"]
    assert all(row.headers.get("List-Unsubscribe") for row in sent)
