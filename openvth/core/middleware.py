"""Response headers every answer needs."""


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every answer that sets no caching of its own: staff pages, the staff
    API, PDFs, attachments and calendar feeds hold data no browser cache or proxy may keep. The public site and
    public API say `public` themselves and keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response
