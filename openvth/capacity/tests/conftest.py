"""The two services, the ministry and their people (openvth.testing.two_services)."""

from openvth.testing.two_services import *  # noqa: F403 (the fixtures)
