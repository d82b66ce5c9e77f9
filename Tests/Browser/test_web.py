"""The budget tracker's web pages in a real browser (Debian's Chromium, headless), against a real
`persist serve` on SQLite or PostgreSQL: what a person does, what another user can reach, the
keyboard alone, and how the pages look at 360 and 1280 pixels."""

import contextlib
import csv
import datetime
import http.server
import io
import os
import threading

from steps import PASSWORD, add_category, add_expense, api, month_totals, new_email, sign_up, upload


def test_a_new_user_does_everything_then_logs_out(page, server):
    email = sign_up(page, name="Ann Example")
    # An empty month says so, and says what to do.
    page.goto("/month?month=2024-03")
    assert "No expenses in March 2024." in page.locator("main").inner_text()

    add_category(page, "Food", "#FF6B6B")
    add_category(page, "Transportation", "#4ECDC4")
    add_expense(page, "12.50", "Food", "2024-03-03", "Lunch")
    add_expense(page, "1200.25", "Transportation", "2024-03-05", "Train pass")
    add_expense(page, "8.75", "Food", "2024-03-20", "Coffee & cake")

    # The month's chart and table show the API's totals, to the cent.
    shown = month_totals(page, "2024-03")
    report = api(page, "/api/reports/monthly?month=2024-03")
    assert shown == {line["category"]: line["total"] for line in report["categories"]} == {"Transportation": "1200.25", "Food": "21.25"}
    assert page.locator(".summary .total").get_attribute("data-total") == report["total"] == "1221.50"
    assert page.locator(".summary .total").inner_text() == "1,221.50"
    bars = page.locator("svg.chart rect.bar")
    assert [bars.nth(i).get_attribute("fill") for i in range(bars.count())] == ["#4ECDC4", "#FF6B6B"]
    assert [bars.nth(i).get_attribute("data-value") for i in range(bars.count())] == ["1200.25", "21.25"]

    # An import with one bad row shows that row's error and imports nothing.
    bad = f"date,user,category,amount,description\n2024-03-10,{email},Food,4.00,Bread\n2024-03-11,{email},Food,four,Milk\n"
    upload(page, "/import", "march.csv", bad, "Import")
    assert page.get_by_role("heading", level=1).inner_text() == "Nothing was imported"
    assert "row 3" in page.get_by_role("alert").inner_text()
    assert api(page, "/api/reports/monthly?month=2024-03")["count"] == 3
    # Fixed, it imports whole.
    upload(page, "/import", "march.csv", bad.replace("four", "4.00"), "Import")
    assert page.get_by_role("heading", level=1).inner_text() == "Imported 2 rows"
    assert api(page, "/api/reports/monthly?month=2024-03")["count"] == 5

    # The export is the API's export, byte for byte.
    page.goto("/export")
    page.get_by_label("Month").fill("2024-03")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    exported = open(download.value.path(), encoding="utf-8").read()
    assert exported == page.request.get("/api/export?month=2024-03").text()
    assert len(list(csv.DictReader(io.StringIO(exported)))) == 5

    # The exported ledger verifies the month; changed by a cent, the report is blocked.
    upload_verify(page, "2024-03", exported)
    assert page.get_by_role("heading", level=1).inner_text() == "Verified: March 2024"
    upload_verify(page, "2024-03", exported.replace("1200.25", "1200.24"))
    assert page.get_by_role("heading", level=1).inner_text() == "Blocked: March 2024"
    differing = page.locator("tr.differs")
    assert [differing.nth(i).get_attribute("data-category") for i in range(differing.count())] == ["(total)", "Transportation"] or \
        sorted(differing.nth(i).get_attribute("data-category") for i in range(differing.count())) == ["(total)", "Transportation"]

    # Edit, transfer and delete through their forms.
    page.goto("/expenses?month=2024-03&q=Lunch")
    page.get_by_role("link", name="Edit Lunch of 2024-03-03").click()
    page.get_by_label("Amount").fill("13.00")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("status").inner_text() == "Expense saved."
    page.goto("/transfer")
    page.get_by_label("From", exact=True).select_option("Food")
    page.get_by_label("To", exact=True).select_option("Transportation")
    page.get_by_label("Amount").fill("5.00")
    page.get_by_label("Date").fill("2024-03-25")
    page.get_by_role("button", name="Transfer").click()
    assert page.get_by_role("status").inner_text() == "Transfer recorded."
    page.goto("/expenses?month=2024-03&q=Coffee")
    page.get_by_role("link", name="Delete Coffee & cake of 2024-03-20").click()
    page.get_by_role("button", name="Delete").click()
    assert page.get_by_role("status").inner_text() == "Deleted."
    report = api(page, "/api/reports/monthly?month=2024-03")
    assert {line["category"]: line["total"] for line in report["categories"]} == {"Transportation": "1205.25", "Food": "16.00"}
    assert month_totals(page, "2024-03") == {"Transportation": "1205.25", "Food": "16.00"}

    # Categories: rename, recolour, merge.
    add_category(page, "Snacks", "#123456")
    page.goto("/categories")
    snacks = page.locator('li[data-category="Snacks"]')
    snacks.get_by_label("New name").fill("Treats")
    snacks.get_by_role("button", name="Rename").click()
    assert page.get_by_role("status").inner_text() == "Category renamed."
    treats = page.locator('li[data-category="Treats"]')
    treats.get_by_label("Colour").fill("#aa00aa")
    treats.get_by_role("button", name="Recolour").click()
    assert {c["name"]: c["color"] for c in api(page, "/api/categories")}["Treats"] == "#AA00AA"
    page.locator('li[data-category="Treats"]').get_by_label("Merge into").select_option("Food")
    page.locator('li[data-category="Treats"]').get_by_role("button", name="Merge").click()
    assert page.get_by_role("status").inner_text() == "Categories merged."
    assert "Treats" not in {c["name"] for c in api(page, "/api/categories")}

    # The trend shows the month's total.
    page.goto("/trend?until=2024-03")
    assert page.locator('svg.chart rect.month[data-month="2024-03"]').get_attribute("data-value") == "1221.25"

    # Logging out ends the session: the pages send the browser to the sign-in page.
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    page.goto("/month")
    assert page.url.endswith("/login")
    assert page.request.get("/api/me").status == 401


def upload_verify(page, month, text):
    page.goto("/verify")
    page.get_by_label("Month").fill(month)
    page.locator("input[type=file]").set_input_files(files=[{"name": "ledger.csv", "mimeType": "text/csv", "buffer": text.encode()}])
    page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()


@contextlib.contextmanager
def same_site_page(html):
    """Serves `html` from another port of 127.0.0.1: another origin, but the same site."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *arguments):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def test_another_user_reaches_nothing_and_forged_forms_change_nothing(browser, server):
    first = browser.new_context(base_url=server.url)
    second = browser.new_context(base_url=server.url)
    ann, bob = first.new_page(), second.new_page()
    sign_up(ann, name="Ann")
    add_category(ann, "Private", "#FF6B6B")
    add_expense(ann, "99.99", "Private", "2024-05-01", "Secret gift")
    expense_id = api(ann, "/api/expenses")["items"][0]["id"]
    sign_up(bob, name="Bob")

    # Bob opens Ann's objects by URL: not found, and nothing of hers shows.
    for path in [f"/expenses/{expense_id}/edit", f"/expenses/{expense_id}/delete"]:
        response = bob.goto(path)
        assert response.status == 404, path
        assert "Secret gift" not in bob.content()
    for path in ["/month?month=2024-05", "/expenses", "/categories", "/trend?until=2024-05", "/export.csv"]:
        bob.goto(path) if not path.endswith(".csv") else None
        text = bob.request.get(path).text()
        assert "Secret gift" not in text and "Private" not in text and "99.99" not in text, path
    # Bob's valid form, aimed at Ann's expense: not found, nothing deleted.
    bob.goto("/expenses")
    token = bob.locator("input[name=csrf]").first.input_value()
    assert bob.request.post(f"/expenses/{expense_id}/delete", form={"csrf": token}).status == 404
    assert bob.request.post(f"/expenses/{expense_id}", form={"csrf": token, "amount": "1.00", "category": "Private", "date": "2024-05-01"}).status == 404

    # Forged forms: no token, Bob's token in Ann's browser, a page of another origin posting.
    before = api(ann, "/api/expenses")
    assert ann.request.post("/expenses", form={"amount": "1.00", "category": "Private", "date": "2024-05-02"}).status == 403
    assert ann.request.post("/expenses", form={"csrf": token, "amount": "1.00", "category": "Private", "date": "2024-05-02"}).status == 403
    assert ann.request.post(f"/expenses/{expense_id}/delete", form={"csrf": "x" * 43}).status == 403
    # A page of another site (about:blank): the browser sends no session with its form.
    forged = f"""<form method="post" action="{server.url}/expenses/{expense_id}/delete"><input name="csrf" value="forged"><button>go</button></form>"""
    ann.goto("about:blank")
    ann.set_content(forged)
    with ann.expect_navigation():
        ann.click("button")
    assert "nothing was changed" in ann.locator("main").inner_text()
    # A page of the same site on another port (127.0.0.1:other): the session cookie goes with
    # the form, and the token stops it.
    with same_site_page(forged) as address:
        ann.goto(address)
        with ann.expect_navigation():
            ann.click("button")
        assert "This form has expired" in ann.locator("main").inner_text()
    assert api(ann, "/api/expenses") == before
    first.close()
    second.close()


def test_the_add_expense_flow_works_with_the_keyboard_alone(page):
    sign_up(page, name="Kim Keys")
    add_category(page, "Books", "#95E1D3")
    page.goto("/expenses")
    page.keyboard.press("Tab")
    # The first stop is the skip link; it takes focus to the page's content.
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "add-amount":
            break
    else:
        raise AssertionError("Tab never reached the amount field")
    # Focus is visible: an outline drawn around the field.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("23.40")
    page.keyboard.press("Tab")  # category: Books is the only one, already chosen
    assert page.evaluate("document.activeElement.id") == "add-category"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "add-date"
    page.keyboard.type("03152024")  # month, day, year: the field moves on by itself (en-US)
    assert page.evaluate("document.activeElement.value") == "2024-03-15"
    for _ in range(3):  # Tab steps through the date's parts, then on
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "add-description":
            break
    assert page.evaluate("document.activeElement.id") == "add-description"
    page.keyboard.type("Novel")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text() == "Expense added."
    items = api(page, "/api/expenses")["items"]
    assert [(item["amount"], item["category"], item["description"]) for item in items] == [("23.40", "Books", "Novel")]
    assert items[0]["date"] == "2024-03-15"


def test_text_is_shown_as_text_never_run(page):
    sign_up(page, name="<img src=x onerror=alert(1)>")
    add_category(page, "<script>alert(1)</script>", "#FF6B6B")
    add_expense(page, "5.00", "<script>alert(1)</script>", "2024-02-02", '"><svg onload=alert(2)>')
    for path in ["/month?month=2024-02", "/expenses", "/categories", "/trend?until=2024-02"]:
        page.goto(path)
        assert page.locator("script").count() == 1, path  # only the site's own app.js
        assert page.locator("img, main svg[onload]").count() == 0
    page.goto("/month?month=2024-02")
    assert page.locator("tbody th a").inner_text() == "<script>alert(1)</script>"
    page.goto("/expenses")
    assert '"><svg onload=alert(2)>' in page.locator("tbody").inner_text()
    # The `page` fixture fails the test if a dialog opened or a script failed.


def test_sign_in_refusals_read_well(page):
    email = sign_up(page, name="Lee")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("wrong password!")
    page.get_by_role("button", name="Log in").click()
    assert "do not match an account" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("E-mail").input_value() == email
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/month")
    cookie = next(c for c in page.context.cookies() if c["name"] == "persist_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    # A second sign-up with the same e-mail is refused, with the form kept.
    page.context.clear_cookies()
    page.goto("/signup")
    page.get_by_label("Your name").fill("Lee again")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Your name").input_value() == "Lee again"


def test_refused_values_keep_the_form_and_change_nothing(page):
    sign_up(page, name="Val")
    add_category(page, "Food", "#FF6B6B")
    page.goto("/expenses")
    page.get_by_label("Amount").fill("12.345")
    page.get_by_label("Description", exact=True).fill("Too precise")
    page.get_by_role("button", name="Add expense").click()
    assert "Nothing was changed." in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Amount").input_value() == "12.345"
    assert page.get_by_label("Description", exact=True).input_value() == "Too precise"
    assert api(page, "/api/expenses")["items"] == []
    page.goto("/categories")
    page.get_by_label("Name", exact=True).fill("Food")
    page.get_by_role("button", name="Add category").click()
    assert "already" in page.get_by_role("alert").inner_text() or "exists" in page.get_by_role("alert").inner_text()


def test_an_address_that_leads_nowhere_is_a_page(page):
    response = page.goto("/nope")
    assert response.status == 404 and response.headers["content-type"].startswith("text/html")
    assert page.get_by_role("heading", level=1).inner_text() == "Not found"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The API keeps its problem documents.
    assert page.request.get("/api/nope").headers["content-type"] == "application/problem+json"


def test_headers_keep_the_pages_to_their_own_code(page, server):
    response = page.goto("/login")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-frame-options"] == "DENY" and response.headers["cache-control"] == "no-store"
    # Nothing on the page comes from elsewhere, and nothing is inline.
    assert page.locator("script:not([src]), style, [style]").count() == 0
    assert all(not src.startswith("http") for src in page.eval_on_selector_all("[src], link[href]", "els => els.map(e => e.getAttribute('src') || e.getAttribute('href'))"))
    # Behind a TLS proxy the session cookie is Secure; over plain HTTP it cannot be.
    email = sign_up(page, name="Tess")
    for proto, secure in [("https", True), ("http", False)]:
        fresh = page.context.browser.new_context(base_url=server.url)
        visitor = fresh.new_page()
        visitor.goto("/login")
        token = visitor.locator("input[name=csrf]").input_value()
        answer = visitor.request.post("/login", form={"csrf": token, "email": email, "password": PASSWORD}, headers={"X-Forwarded-Proto": proto}, max_redirects=0)
        fresh.close()
        assert answer.status == 303
        cookie = answer.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and ("Secure" in cookie) == secure, cookie


def test_everything_works_with_javascript_off(browser, server):
    context = browser.new_context(base_url=server.url, java_script_enabled=False)
    page = context.new_page()
    sign_up(page, name="No Script")
    add_category(page, "Food", "#FF6B6B")
    add_expense(page, "3.20", "Food", "2024-06-01", "Tea")
    email_rows = f"date,user,category,amount,description\n2024-06-02,{api(page, '/api/me')['email']},Food,1.80,Milk\n"
    page.goto("/import")
    page.locator("input[type=file]").set_input_files(files=[{"name": "june.csv", "mimeType": "text/csv", "buffer": email_rows.encode()}])
    page.get_by_role("button", name="Import").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Imported 1 row"
    assert month_totals(page, "2024-06") == {"Food": "5.00"}
    context.close()


def test_a_double_click_adds_one_expense(page):
    sign_up(page, name="Dee Double")
    add_category(page, "Food", "#FF6B6B")
    page.goto("/expenses")
    page.get_by_label("Amount").fill("7.77")
    page.get_by_label("Date").fill("2024-07-07")
    page.get_by_label("Description", exact=True).fill("clicked twice")
    page.get_by_role("button", name="Add expense").dblclick()
    page.wait_for_url("**/expenses?done=added")
    # The same form sent again (a reload of the POST, a script-less double click): still one.
    page.goto("/transfer")
    form = {"csrf": page.locator("input[name=csrf]").first.input_value(), "submission": page.locator("input[name=submission]").input_value(),
            "from": "Food", "to": "Food", "amount": "1.00", "date": "2024-07-08"}
    assert page.request.post("/transfer", form=form).status == 422  # the same category twice: refused, key unused
    add_category(page, "Fun", "#4ECDC4")
    form["to"] = "Fun"
    assert [page.request.post("/transfer", form=form, max_redirects=0).status for _ in range(3)] == [303, 303, 303]
    # The key sent again with other values (a browser that restored the hidden field): a new transfer.
    assert page.request.post("/transfer", form=dict(form, amount="2.00"), max_redirects=0).status == 303
    items = api(page, "/api/expenses?month=2024-07")["items"]
    assert sorted((item["description"], item["amount"]) for item in items) == [
        ("Transfer from Food", "1.00"), ("Transfer from Food", "2.00"), ("Transfer to Fun", "-1.00"), ("Transfer to Fun", "-2.00"), ("clicked twice", "7.77")]


def test_an_upload_cut_short_imports_nothing(page):
    email = sign_up(page, name="Cy Cut")
    add_category(page, "Food", "#FF6B6B")
    page.goto("/import")
    token = page.locator("input[name=csrf]").first.input_value()
    rows = f"date,user,category,amount,description\n2024-08-01,{email},Food,4.00,Bread\n2024-08-02,{email},Food,5.00,Milk\n"
    boundary = "----persist-cut"
    whole = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
             f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"august.csv\"\r\nContent-Type: text/csv\r\n\r\n{rows}\r\n"
             f"--{boundary}--\r\n")
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    # The body ends (a whole HTTP request) before the file part's closing boundary, in the middle of its last row.
    cut = whole[:whole.index("Milk") + 2]
    answer = page.request.post("/import", headers=headers, data=cut.encode())
    assert answer.status == 400 and "ended before the end of the file" in answer.text()
    assert api(page, "/api/reports/monthly?month=2024-08")["count"] == 0
    # Without only the final boundary line: still refused.
    answer = page.request.post("/import", headers=headers, data=whole[:whole.rindex(f"\r\n--{boundary}--")].encode())
    assert answer.status == 400
    assert api(page, "/api/reports/monthly?month=2024-08")["count"] == 0
    # Whole, it imports both rows.
    assert page.request.post("/import", headers=headers, data=whole.encode()).status == 200
    assert api(page, "/api/reports/monthly?month=2024-08")["count"] == 2


def test_a_budget_is_set_moved_and_alerts_on_the_page(page):
    sign_up(page, name="Bea Budget")
    add_category(page, "Food", "#FF6B6B")
    add_category(page, "Fun", "#4ECDC4")
    add_expense(page, "90.00", "Food", "2024-03-05", "groceries")
    page.goto("/budget?month=2024-03")
    assert page.get_by_role("heading", level=1).inner_text() == "Budget: March 2024"
    assert "No budget for March 2024 yet" in page.locator(".empty").inner_text()
    def set_limit(category, amount, every):
        page.get_by_label("Category", exact=True).select_option(category)
        page.get_by_label("Limit for March 2024").fill(amount)
        page.get_by_label("Every month from March 2024 on").set_checked(every)
        page.get_by_role("button", name="Set limit").click()
        assert page.get_by_role("status").inner_text() == "Limit set."
    # 90.00 of 100.00: the 80 % alert, recorded once: new where it is first shown, then not.
    set_limit("Food", "100", True)
    alert = page.locator(".alerts li[data-category=Food][data-percent='80']")
    assert "Food has reached 80 % of its budget: 90.00 of 100.00" in alert.inner_text() and "(new)" in alert.inner_text()
    set_limit("Fun", "20", False)
    assert "(new)" not in page.locator(".alerts li[data-category=Food]").inner_text()
    # Moving 15.00 to Fun takes Food past its 100 % line; the month's total is unchanged.
    page.get_by_label("From", exact=True).select_option("Food")
    page.get_by_label("To", exact=True).select_option("Fun")
    page.get_by_label("Amount", exact=True).fill("15")
    page.get_by_role("button", name="Move budget").click()
    assert page.get_by_role("status").inner_text() == "Budget moved."
    rows = page.locator("tbody tr[data-category]")
    shown = {rows.nth(i).get_attribute("data-category"): rows.nth(i).locator("td[data-limit]").get_attribute("data-limit") for i in range(rows.count())}
    report = api(page, "/api/reports/budget?month=2024-03")
    assert shown == {line["category"]: line["limit"] for line in report["lines"]} == {"Food": "85.00", "Fun": "35.00"}
    assert report["limit"] == "120.00" and page.locator(".summary [data-remaining]").get_attribute("data-remaining") == report["remaining"] == "30.00"
    assert page.locator(".alerts li[data-category=Food][data-percent='100']").count() == 1
    assert page.locator("svg.budget-chart line.limit").count() == 2
    # More than Fun has is refused on the page, and nothing moves.
    page.get_by_label("From", exact=True).select_option("Fun")
    page.get_by_label("To", exact=True).select_option("Food")
    page.get_by_label("Amount", exact=True).fill("35.01")
    page.get_by_role("button", name="Move budget").click()
    assert "cannot be moved out of it" in page.get_by_role("alert").inner_text()
    assert api(page, "/api/reports/budget?month=2024-03")["lines"][1]["limit"] == "35.00"
    # April: Food's limit holds every month, Fun's was March's only.
    page.goto("/budget?month=2024-04")
    assert [page.locator("tbody tr[data-category]").nth(i).get_attribute("data-category") for i in range(page.locator("tbody tr[data-category]").count())] == ["Food"]


def test_a_recurring_expense_is_added_once_posted_once_paused_and_deleted_on_the_page(page):
    sign_up(page, name="Rey Recurring")
    add_category(page, "Rent", "#FF6B6B")
    page.goto("/recurring")
    assert "No recurring expenses yet" in page.locator(".empty").inner_text()
    first = (datetime.date.today() - datetime.timedelta(days=70)).isoformat()
    # A refused value keeps the form, says why, and adds nothing.
    page.locator("#recurring-description").fill("Cleaner")
    page.locator("#recurring-amount").fill("12.345")
    page.locator("#recurring-every").select_option("weekly")
    page.locator("#recurring-from").fill(first)
    page.locator("form[action='/recurring']").evaluate("form => form.noValidate = true")  # past the browser's own check
    page.get_by_role("button", name="Add recurring expense").click()
    assert "more than two decimal places" in page.get_by_role("alert").inner_text()
    assert page.locator("#recurring-description").input_value() == "Cleaner" and api(page, "/api/recurring") == []
    page.locator("#recurring-amount").fill("12.50")
    # The same form sent three times (a double click without script, a reload): one rule.
    form = {name: page.locator(f"form[action='/recurring'] [name={name}]").input_value()
            for name in ["csrf", "submission", "description", "category", "amount", "every", "from"]}
    assert [page.request.post("/recurring", form=form, max_redirects=0).status for _ in range(3)] == [303, 303, 303]
    rules = api(page, "/api/recurring")
    assert [(rule["description"], rule["amount"], rule["frequency"], rule["starts_on"]) for rule in rules] == [("Cleaner", "12.50", "weekly", first)]
    # Posting what is due: eleven weeks' occurrences, then nothing however often it runs.
    page.goto("/recurring")
    page.get_by_role("button", name="Post what is due").click()
    assert page.get_by_role("status").inner_text() == "Posted 11 expenses."
    page.get_by_role("button", name="Post what is due").click()
    assert page.get_by_role("status").inner_text() == "Posted 0 expenses."
    row = page.locator(f"tr[data-rule='{rules[0]['id']}']")
    assert row.locator("td[data-posted]").get_attribute("data-posted") == "11" == str(api(page, "/api/recurring")[0]["posted"])
    # Paused and resumed the same day: nothing fell due meanwhile, nothing is skipped.
    page.get_by_role("button", name="Pause Cleaner").click()
    assert page.get_by_role("status").inner_text() == "Recurring expense paused."
    assert "Paused since" in row.inner_text() and api(page, "/api/recurring")[0]["paused"] is True
    page.get_by_role("button", name="Resume Cleaner").click()
    assert page.get_by_role("status").inner_text().startswith("Recurring expense resumed")
    assert row.locator("td[data-skipped]").get_attribute("data-skipped") == "0"
    # Deleted: the rule goes, the eleven expenses it posted stay.
    page.get_by_role("button", name="Delete Cleaner").click()
    assert page.get_by_role("status").inner_text() == "Recurring expense deleted; the expenses it posted stay."
    assert api(page, "/api/recurring") == []
    exported = page.request.get("/api/export").text()
    rows = [row for row in csv.DictReader(io.StringIO(exported)) if row["description"] == "Cleaner"]
    assert len(rows) == 11 and {row["amount"] for row in rows} == {"12.50"}, exported[:300]


def test_alert_thresholds_are_set_on_the_budget_page(page):
    sign_up(page, name="Tess Threshold")
    add_category(page, "Food", "#FF6B6B")
    page.goto("/budget?month=2024-03")
    assert page.get_by_label("Alert when a category reaches").input_value() == "80, 100"
    page.get_by_label("Alert when a category reaches").fill("50 %, 90")
    page.get_by_role("button", name="Save thresholds").click()
    assert page.get_by_role("status").inner_text() == "Alert thresholds saved."
    assert page.get_by_label("Alert when a category reaches").input_value() == "50, 90"
    page.get_by_label("Alert when a category reaches").fill("fifty")
    page.get_by_role("button", name="Save thresholds").click()
    assert "not a list of whole percents" in page.get_by_role("alert").inner_text()
    page.goto("/budget?month=2024-03")
    assert page.get_by_label("Alert when a category reaches").input_value() == "50, 90"
