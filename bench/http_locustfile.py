"""The Locust user of bench/http_bench.py: requests one page (a random URL of its sample) again and again, no wait.

The page comes from the JSON file named by OPENVTH_BENCH_PAGE: {"name", "method", "urls", "cookie", "body"}.
Any answer other than 200 counts as a failure.
"""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

PAGE = json.loads(Path(os.environ["OPENVTH_BENCH_PAGE"]).read_text(encoding="utf-8"))


class PageUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self) -> None:
        url = random.choice(PAGE["urls"])
        headers = {"Cookie": PAGE["cookie"]} if PAGE["cookie"] else {}
        if PAGE["method"] == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            self.client.post(url, data=PAGE["body"], headers=headers, name=PAGE["name"])
        else:
            self.client.get(url, headers=headers, name=PAGE["name"])
