"""Pages of a long sorted list that load only the rows they show."""

from django.core.paginator import Page, Paginator


class LateRowPaginator(Paginator):
    """Pages a sorted queryset in two steps: the page's ids first, sorted on the sort keys alone, then the rows of
    those ids whole (with their `select_related` joins). The database then sorts narrow rows instead of every row
    with all its joined columns (the yearly programme: thousands of visits, each with its establishment, authority,
    inspector and inspection). The page keeps the queryset's order; the second query keeps its filters."""

    def page(self, number) -> Page:
        page = super().page(number)
        ids = list(page.object_list.values_list("pk", flat=True))
        rows = self.object_list.in_bulk(ids)
        page.object_list = [rows[pk] for pk in ids]
        return page
