"""HTML to PDF with WeasyPrint (no browser). Importing this module fails where Pango is missing; callers fall back.

Stylesheets, fonts and images under STATIC_URL are read from the static files on disk, never fetched over HTTP (the
server would be asking itself, and a single-threaded development server would wait for ever); anything else a page
refers to is left out."""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesFetcher(URLFetcher):
    def __init__(self, base_url):
        super().__init__()
        self.static_prefix = base_url.rstrip("/") + "/" + settings.STATIC_URL.lstrip("/")

    def fetch(self, url, headers=None):
        if url.startswith(self.static_prefix):
            path = finders.find(url[len(self.static_prefix) :].split("?")[0].split("#")[0])
            if path:
                with open(path, "rb") as handle:
                    body = handle.read()
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})
        raise ValueError(f"not a static file: {url}")


def html_to_pdf(html, *, base_url):
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesFetcher(base_url)).write_pdf()
