"""HTML to PDF with WeasyPrint (no browser). Importing this module fails where Pango is missing; callers fall back.

Stylesheets, fonts and images under STATIC_URL are read from the static files on disk, never fetched over HTTP (the
server would be asking itself, and a single-threaded development server would wait for ever); anything else a page
refers to is left out.

Rendering runs in a child process with a time limit (PDF_TIMEOUT seconds, `PdfTimeout` past it): a page that
takes longer is stopped rather than holding the server's worker until the worker itself is killed."""

import mimetypes
import multiprocessing

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


class PdfTimeout(Exception):
    """The PDF was not ready within the time limit."""


def render_pdf(html, *, base_url):
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesFetcher(base_url)).write_pdf()


def _render_into(connection, html, base_url):
    try:
        connection.send(("pdf", render_pdf(html, base_url=base_url)))
    except Exception as error:
        connection.send(("error", repr(error)))
    finally:
        connection.close()


def html_to_pdf(html, *, base_url, timeout=None):
    """The PDF of the page, made within `timeout` seconds (settings.PDF_TIMEOUT by default) or PdfTimeout."""
    timeout = settings.PDF_TIMEOUT if timeout is None else timeout
    if "fork" not in multiprocessing.get_all_start_methods():
        return render_pdf(html, base_url=base_url)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_render_into, args=(sender, html, base_url), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise PdfTimeout()
        kind, result = receiver.recv()
    except EOFError:
        kind, result = "error", "the PDF process ended without an answer"
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if kind == "error":
        raise RuntimeError(f"PDF rendering failed: {result}")
    return result
