"""Mijn agenda (namespace "supervision"): the page, its feed address renewed or revoked, the iCalendar feed."""

from django.urls import path

from ..views import agenda

urlpatterns = [
    path("toezicht/agenda/", agenda.calendar, name="calendar"),
    path("toezicht/agenda/vernieuwen/", agenda.calendar_renew, name="calendar_renew"),
    path("toezicht/agenda/intrekken/", agenda.calendar_revoke, name="calendar_revoke"),
    path("toezicht/agenda/<str:token>/toezicht.ics", agenda.calendar_feed, name="calendar_feed"),
]
