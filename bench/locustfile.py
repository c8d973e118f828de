"""The Hub's load mix for locust (run through bench/load.py, which sets everything up).

* visitors (most users): home, about, city pages, library, practices, search, in English,
  Thai, Khmer, Vietnamese, Bahasa Indonesia and Chinese (``Accept-Language`` and queries);
* members: signed in, read their profile and team-only pages, and switch their language
  (a write to their profile);
* one city team: uploads an export of ``BENCH_IMPORT_ROWS`` rows (default 50,000) once and
  polls the import page until it is done; the end-to-end import time is reported as
  ``IMPORT 50k rows import (end to end)``.

Environment: ``BENCH_CITIES`` (comma-separated city slugs), ``BENCH_ASSESSMENT`` (id of the
team's assessment), ``BENCH_IMPORT_FILE`` (path of the CSV), ``BENCH_PASSWORD``.
"""

import os
import random
import time

from locust import HttpUser, between, events, task

LANGUAGES = ["en", "th", "km", "vi", "id", "zh-hans"]
QUERIES = {
    "en": ["lighting", "women safety audit", "street vendors", "transport"],
    "th": ["ความปลอดภัย", "แสงสว่าง", "ผู้หญิง"],
    "km": ["សុវត្ថិភាព", "ស្ត្រី"],
    "vi": ["an toàn", "chiếu sáng", "an toan"],
    "id": ["keamanan", "perempuan", "penerangan"],
    "zh-hans": ["安全", "照明", "妇女"],
}
CITIES = [c for c in os.environ.get("BENCH_CITIES", "bangkok").split(",") if c]
PASSWORD = os.environ.get("BENCH_PASSWORD", "demo-safer-2026")
MEMBERS = ["member@demo.safercities.invalid", "editor@demo.safercities.invalid",
           "trainer@demo.safercities.invalid"]  # fmt: skip


def sign_in(user: HttpUser, email: str) -> None:
    user.client.get("/accounts/login/", name="login form")
    token = user.client.cookies.get("csrftoken", "")
    user.client.post(
        "/accounts/login/",
        {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": user.host + "/accounts/login/"},
        name="login (POST)",
    )


class Visitor(HttpUser):
    weight = 8
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.language = random.choice(LANGUAGES)
        self.client.headers["Accept-Language"] = self.language

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(1)
    def about(self) -> None:
        self.client.get("/about/", name="about")

    @task(4)
    def city(self) -> None:
        self.client.get(f"/cities/{random.choice(CITIES)}/", name="city page")

    @task(3)
    def library(self) -> None:
        self.client.get("/library/", name="library list")

    @task(2)
    def practices(self) -> None:
        self.client.get("/practices/", name="practice list")

    @task(4)
    def search(self) -> None:
        query = random.choice(QUERIES[self.language] + QUERIES["en"])
        self.client.get("/search/", params={"q": query}, name="search")


class Member(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    def on_start(self) -> None:
        sign_in(self, random.choice(MEMBERS))

    @task(3)
    def profile(self) -> None:
        self.client.get("/profile/", name="member: profile form")

    @task(3)
    def city(self) -> None:
        self.client.get(f"/cities/{random.choice(CITIES)}/", name="member: city page (fresh)")

    @task(1)
    def switch_language(self) -> None:
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/language/",
            {"language": random.choice(LANGUAGES), "next": "/", "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/"},
            name="member: switch language (write)",
        )


class TeamImport(HttpUser):
    fixed_count = 1
    wait_time = between(2, 2)

    def on_start(self) -> None:
        sign_in(self, "team.bangkok@demo.safercities.invalid")
        self.job_url = None
        self.started = None
        self.done = False

    @task
    def import_or_poll(self) -> None:
        if self.done:
            self.client.get(self.job_url, name="team: import page")
            return
        if self.job_url is None:
            assessment = os.environ["BENCH_ASSESSMENT"]
            url = f"/diagnosis/{assessment}/import/"
            self.client.get(url, name="team: import form")
            token = self.client.cookies.get("csrftoken", "")
            with open(os.environ["BENCH_IMPORT_FILE"], "rb") as handle:
                self.started = time.monotonic()
                response = self.client.post(
                    url,
                    data={"csrfmiddlewaretoken": token},
                    files={"file": ("export.csv", handle, "text/csv")},
                    headers={"Referer": self.host + url},
                    name="team: upload export",
                    allow_redirects=False,
                )
            self.job_url = response.headers.get("Location")
            if not self.job_url:
                self.done = True
                self.job_url = url
            return
        page = self.client.get(self.job_url, name="team: import progress").text
        finished = 'hx-trigger="every 2s"' not in page
        if finished:
            self.done = True
            events.request.fire(
                request_type="IMPORT",
                name=f"{os.environ.get('BENCH_IMPORT_ROWS', '50000')} rows import (end to end)",
                response_time=(time.monotonic() - self.started) * 1000,
                response_length=0,
                exception=None,  # bench/load.py checks the job's outcome in the database
                context={},
            )
