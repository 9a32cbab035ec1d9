"""Changing the account's e-mail address in real Chromium: log in by code, ask for a code to the new
address, enter it, and Min side shows the new address; axe (WCAG 2.1 A/AA) on both pages of the flow."""

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import proven_email
from gronnpraksis.mail.models import OutboxMail
from tests.browser.test_accessibility import describe
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


def code_for(to: str, template: str) -> str:
    return CODE.findall(OutboxMail.objects.filter(to=to, template=template).latest("id").body_text)[0]


def test_changing_the_address_with_a_code(
    page: Page, live_server: LiveServer, reference_data: None, axe: Axe
) -> None:
    page.goto(f"{live_server.url}/accounts/login/code/")
    page.locator("input[name=email]").fill("gammel.adresse@example.no")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    page.locator("input[name=code]").fill(code_for("gammel.adresse@example.no", "login_code"))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/min-side/$"))

    page.locator("a[href='/min-side/e-post/']").first.click()
    page.wait_for_url(re.compile(r"/min-side/e-post/$"))
    assert not axe(), describe(axe())
    page.locator("input[name=email]").fill("Ny.Adresse@example.no")
    page.locator("main form.gp-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/min-side/e-post/bekreft/$"))
    assert not axe(), describe(axe())
    assert User.objects.get(email="gammel.adresse@example.no")  # nothing changes before the code

    page.locator("input[name=code]").fill("AAAA-AAAA")
    page.locator("main form.gp-form button[type=submit]").click()
    expect(page.locator(".ds-validation-message")).to_be_visible()
    page.locator("input[name=code]").fill(code_for("ny.adresse@example.no", "email_change_code"))
    page.locator("main form.gp-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/min-side/$"))

    expect(page.locator("main")).to_contain_text("ny.adresse@example.no")
    account = User.objects.get(email="ny.adresse@example.no")
    assert proven_email(account) == "ny.adresse@example.no"
