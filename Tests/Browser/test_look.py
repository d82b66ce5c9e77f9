"""Screenshots of the main pages at 360 and 1280 pixels, kept as test artefacts, and checked for
what matters: no horizontal scrolling, and the month chart's bars drawn in the categories'
colours (counted in the screenshot's pixels)."""

import io
import os

import pytest
from PIL import Image

from steps import add_category, add_expense, sign_up

PAGES = ["month?month=2024-01", "budget?month=2024-01", "recurring", "trend?until=2024-01", "expenses", "categories", "import", "verify", "export"]
LONG_NAME = "Supermarket/Household/Pharmacy/Hardware-Stuff-2026"
COLOURS = {"Food": (0xFF, 0x6B, 0x6B), "Transportation": (0x4E, 0xCD, 0xC4), "Entertainment": (0x95, 0xE1, 0xD3)}


@pytest.fixture(scope="module")
def signed_in(browser, server):
    """A user with a month of spending in three categories, and their session's cookies."""
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    sign_up(page, name="Sam Screens")
    for name, (r, g, b) in COLOURS.items():
        add_category(page, name, f"#{r:02X}{g:02X}{b:02X}")
    add_expense(page, "71.25", "Food", "2024-01-15", "Groceries")
    add_expense(page, "45.00", "Transportation", "2024-01-10", "Fuel")
    add_expense(page, "30.00", "Entertainment", "2024-01-20", "Cinema")
    # A long name without spaces must not push any page sideways at 360 px.
    add_category(page, LONG_NAME, "#8E44AD")
    add_expense(page, "1.00", LONG_NAME, "2024-01-21", "Nails")
    # Limits: Food overspent, Transportation within, the long name at its limit.
    for category, amount in [("Food", "60"), ("Transportation", "100"), (LONG_NAME, "1")]:
        page.goto("/budget?month=2024-01")
        page.get_by_label("Category", exact=True).select_option(category)
        page.get_by_label("Limit for January 2024").fill(amount)
        page.get_by_role("button", name="Set limit").click()
        assert page.get_by_role("status").inner_text() == "Limit set."
    # A recurring expense in the long-named category, paused: the widest row the list has.
    page.goto("/recurring")
    page.locator("#recurring-description").fill("Monthly nails and screws for the workshop")
    page.locator("#recurring-category").select_option(LONG_NAME)
    page.locator("#recurring-amount").fill("1234567.89")
    page.locator("#recurring-from").fill("2024-01-31")
    page.locator("#recurring-until").fill("2024-12-31")
    page.get_by_role("button", name="Add recurring expense").click()
    assert page.get_by_role("status").inner_text() == "Recurring expense added."
    page.get_by_role("button", name="Pause Monthly nails").click()
    state = context.storage_state()
    context.close()
    return state


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_fit_the_screen(browser, server, signed_in, artifacts, width):
    context = browser.new_context(base_url=server.url, storage_state=signed_in, viewport={"width": width, "height": 800})
    page = context.new_page()
    # A refusal naming a long value must wrap too.
    page.goto("/expenses?category=" + "Q" * 50)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the error page scrolls sideways"
    for path in PAGES + ["login"]:
        if path == "login":
            context.clear_cookies()
        page.goto("/" + path)
        name = path.split("?")[0]
        page.screenshot(path=os.path.join(artifacts, f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/{path} scrolls sideways at {width} px by {overflow} px"
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_month_chart_shows_each_category_in_its_colour(browser, server, signed_in, width):
    context = browser.new_context(base_url=server.url, storage_state=signed_in, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto("/month?month=2024-01")
    chart = page.locator("svg.chart")
    image = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
    counts = {colour: count for count, colour in image.getcolors(maxcolors=1 << 24)}
    drawn = {name: counts.get(colour, 0) for name, colour in COLOURS.items()}
    assert all(pixels > 100 for pixels in drawn.values()), drawn
    # Bars are as long as their amounts: the pixel ratios follow the totals' ratios.
    assert abs(drawn["Transportation"] / drawn["Food"] - 45.00 / 71.25) < 0.06, drawn
    assert abs(drawn["Entertainment"] / drawn["Food"] - 30.00 / 71.25) < 0.06, drawn
    context.close()


def test_the_month_page_prints_without_navigation(browser, server, signed_in):
    context = browser.new_context(base_url=server.url, storage_state=signed_in)
    page = context.new_page()
    page.goto("/month?month=2024-01")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert page.locator("svg.chart").is_visible()
    assert page.locator("tbody tr").count() == 4
    context.close()
