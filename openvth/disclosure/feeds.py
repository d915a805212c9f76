"""The Atom feed of new publications: the newest published ones (released permits too), with their public fields
only."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from openvth.core import clock

from . import public

FEED_ITEMS = 50


class AtomFeed(Atom1Feed):
    def latest_post_date(self):
        """The newest publication's moment; a feed without one was updated now, on the one clock (Django would read
        the system clock)."""
        if any(item["updateddate"] or item["pubdate"] for item in self.items):
            return super().latest_post_date()
        return clock.now()


class NewPublicationsFeed(Feed):
    feed_type = AtomFeed
    title = _("Nieuwe publicaties: inspectieresultaten, handhavingsbesluiten en vergunningen")
    subtitle = _("Openbaar gemaakt volgens de Wet open overheid, persoonsgegevens weggelakt.")

    def link(self):
        return reverse("disclosure:public_home")

    def items(self):
        return [public.publication_record(p) for p in public.publications()[:FEED_ITEMS]]

    def item_title(self, item):
        return f"{item['company_name']}: {item['title']}"

    def item_description(self, item):
        return item["public_text"]

    def item_link(self, item):
        if item["kind"] == "permit":
            return reverse("disclosure:public_permit", args=[item["establishment_id"]])
        return reverse("disclosure:public_publication", args=[item["id"]])

    def item_pubdate(self, item):
        return item["published_at"]

    def item_updateddate(self, item):
        return item["published_at"]
