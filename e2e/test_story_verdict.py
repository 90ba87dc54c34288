"""Every story ends with an answer, whatever the location choice, timing or error."""

import pytest
from playwright.sync_api import Page, expect

VERDICT = "#verdict[data-verdict]"
NO_LOCATION = "Không, kiểm tra không cần vị trí"


@pytest.mark.parametrize("stored", ["no", "yes", None])
def test_every_location_choice_gets_a_verdict(page: Page, context, demo_codes, stored):
    context.grant_permissions(["geolocation"])
    context.set_geolocation({"latitude": 20.65, "longitude": 106.05})
    if stored:  # answered on an earlier story
        context.add_init_script(
            f"localStorage.setItem('ocop-location-consent', '{stored}')"
        )
    page.goto(demo_codes[1]["url"])
    if stored is None:
        page.get_by_role("button", name=NO_LOCATION).click()
    expect(page.locator(VERDICT)).to_be_visible()
