"""The browser suite's set-up: a real `persist serve` on a fresh database (a SQLite file, or a new
PostgreSQL database on the server scripts/test started) and Debian's Chromium driven by
Playwright. scripts/browser-test runs the suite once per backend."""

import os
import re
import secrets
import subprocess
import tempfile
import urllib.parse

import pytest
from playwright.sync_api import sync_playwright

PERSIST = os.environ.get("PERSIST_BIN", ".build/debug/persist")
BACKEND = os.environ.get("BROWSER_BACKEND", "sqlite")
ARTIFACTS = os.environ.get("BROWSER_ARTIFACTS", "test-artifacts/browser")


def fresh_database_url(folder):
    """A database of its own for this run: a SQLite file, or a new PostgreSQL database."""
    if BACKEND == "sqlite":
        return "sqlite:///" + os.path.join(folder, "browser.db")
    server = os.environ["PERSIST_TEST_DATABASE_URL"]
    name = "browser_" + secrets.token_hex(4)
    admin = server.split("?")[0] + "?sslmode=disable"
    subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    parts = urllib.parse.urlsplit(server)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


class Server:
    """`persist serve` on a free port, until the session ends."""

    def __init__(self, folder):
        self.folder = folder
        self.environment = dict(os.environ, DATABASE_URL=fresh_database_url(folder))
        migrate = subprocess.run([PERSIST, "migrate"], cwd=folder, env=self.environment, capture_output=True, text=True)
        assert migrate.returncode == 0, migrate.stderr
        self.log = open(os.path.join(folder, "serve.log"), "w+")
        self.process = subprocess.Popen(
            [PERSIST, "serve", "--port", "0"], cwd=folder, env=self.environment, stdout=subprocess.PIPE, stderr=self.log, text=True
        )
        line = self.process.stdout.readline()
        match = re.search(r"listening on (http://\S+)", line)
        assert match, f"persist serve did not start: {line!r}"
        self.url = match.group(1)

    def persist(self, *arguments):
        """Runs the command line on the same database."""
        return subprocess.run([PERSIST, *arguments], cwd=self.folder, env=self.environment, capture_output=True, text=True)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self.log.seek(0)
        text = self.log.read()
        self.log.close()
        return text


@pytest.fixture(scope="session")
def server():
    with tempfile.TemporaryDirectory(prefix="persist-browser-") as folder:
        running = Server(folder)
        yield running
        log = running.stop()
        assert "page failed" not in log and "request failed" not in log, log[-4000:]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    """A new browser profile (its own cookies) on the server, failing on any script error or
    any resource the page policy refuses."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    problems = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" and "status of 4" not in message.text else None)
    tab.on("dialog", lambda dialog: problems.append(f"dialog opened: {dialog.message}"))
    yield tab
    context.close()
    assert not problems, problems


@pytest.fixture(scope="session")
def artifacts():
    folder = os.path.join(ARTIFACTS, BACKEND)
    os.makedirs(folder, exist_ok=True)
    return folder
