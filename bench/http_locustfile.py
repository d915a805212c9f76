"""The Locust user of bench/http_bench.py: requests one page (a random URL of its sample) again and again, no wait.

The page comes from the JSON file named by OPENVTH_BENCH_PAGE: {"name", "method", "urls", "cookie", "body"}; a
request may take OPENVTH_BENCH_TIMEOUT seconds (the server's timeout) before it fails. Any answer other than 200
counts as a failure (a redirect to the login page too: redirects are not followed).
"""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

PAGE = json.loads(Path(os.environ["OPENVTH_BENCH_PAGE"]).read_text(encoding="utf-8"))


class PageUser(FastHttpUser):
    wait_time = constant(0)
    network_timeout = connection_timeout = float(os.environ.get("OPENVTH_BENCH_TIMEOUT", "60"))

    @task
    def page(self) -> None:
        url = random.choice(PAGE["urls"])
        headers = {"Cookie": PAGE["cookie"]} if PAGE["cookie"] else {}
        data = None
        if PAGE["method"] == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            data = PAGE["body"]
        with self.client.request(
            PAGE["method"], url, data=data, headers=headers, name=PAGE["name"], allow_redirects=False,
            catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
