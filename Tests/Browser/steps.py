"""What a person does on the pages, step by step, through the visible controls (labels, buttons)."""

import secrets

PASSWORD = "correct horse battery"


def new_email(prefix="user"):
    return f"{prefix}-{secrets.token_hex(4)}@example.com"


def sign_up(page, name="Ann Example", email=None):
    email = email or new_email()
    page.goto("/signup")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/month")
    return email


def add_category(page, name, color):
    page.goto("/categories")
    page.get_by_label("Name", exact=True).fill(name)
    page.locator("#new-color").fill(color.lower())
    page.get_by_role("button", name="Add category").click()
    assert page.get_by_role("status").inner_text() == "Category added."


def add_expense(page, amount, category, date, description):
    page.goto("/expenses")
    page.get_by_label("Amount").fill(amount)
    page.locator("#add-category").select_option(category)
    page.get_by_label("Date").fill(date)
    page.get_by_label("Description", exact=True).fill(description)
    page.get_by_role("button", name="Add expense").click()
    assert page.get_by_role("status").inner_text() == "Expense added."


def api(page, path):
    """The JSON API as the signed-in browser (same cookie): the truth the pages must show."""
    response = page.request.get(path)
    assert response.ok, f"{path}: {response.status} {response.text()}"
    return response.json()


def month_totals(page, month):
    """The month page's table as {category: total}, read from the page."""
    page.goto(f"/month?month={month}")
    rows = page.locator("tbody tr[data-category]")
    return {rows.nth(i).get_attribute("data-category"): rows.nth(i).locator("td[data-total]").get_attribute("data-total") for i in range(rows.count())}


def upload(page, path, file_name, text, button, checks=()):
    """Chooses `text` as a file on the upload page `path`, ticks `checks`, and submits."""
    page.goto(path)
    page.locator("input[type=file]").set_input_files(files=[{"name": file_name, "mimeType": "text/csv", "buffer": text.encode()}])
    for label in checks:
        page.get_by_label(label).check()
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
