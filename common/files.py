"""Uploaded files reach users only through a view that has checked, as the record's own page does, that the user may
see the record: the media folder is never served, and an S3 bucket stays private.

A view fetches the record with its permission check and returns `stored_file_response(record.file)`: from a local
storage the file itself; from a storage that signs its links (S3, querystring_auth) a redirect to a link signed for
FILE_LINK_SECONDS, so large files do not pass through the app server. Either way the browser is told to download
the file rather than show it (an uploaded HTML file is never a page of this site) and to keep no copy of the answer.
"""

from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header


def stored_file_response(field_file):
    """The answer to a download of `field_file` (a FieldFile), made after the permission check; 404 if missing."""
    if not field_file:
        raise Http404
    storage, name = field_file.storage, field_file.name
    filename = name.rsplit("/", 1)[-1]
    if getattr(storage, "querystring_auth", False):
        if not storage.exists(name):
            raise Http404
        disposition = content_disposition_header(as_attachment=True, filename=filename)
        url = storage.url(
            name, parameters={"ResponseContentDisposition": disposition}, expire=settings.FILE_LINK_SECONDS
        )
        response = HttpResponseRedirect(url)
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, filename=filename)
    patch_cache_control(response, private=True, no_store=True)
    return response


class _LinkedFile:
    """The widget's current file, shown by its name and linked to its record's download view."""

    def __init__(self, field_file, url):
        self.field_file, self.url = field_file, url

    def __str__(self):
        return str(self.field_file)


class PrivateFileWidget(AdminFileWidget):
    """The admin's file input, its "Currently:" link going to the record's download view (`download_url()` on the
    model) instead of the storage's own address."""

    def format_value(self, value):
        value = super().format_value(value)
        instance = getattr(value, "instance", None)
        if value and getattr(instance, "pk", None) and hasattr(instance, "download_url"):
            return _LinkedFile(value, instance.download_url())
        return value
