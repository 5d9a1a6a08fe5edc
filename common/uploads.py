"""Request bodies are limited before they are read.

- `RequestSizeLimitMiddleware` answers 413 to a request that declares a body over MAX_REQUEST_BYTES, without
  reading it, and parses multipart forms itself so that an upload stopped part-way gets the same answer.
- `LimitedUploadHandler`, first in FILE_UPLOAD_HANDLERS, counts each uploaded file's bytes as they arrive and stops
  the upload at MAX_UPLOAD_BYTES: a file is never stored in full to be measured afterwards.

DATA_UPLOAD_MAX_MEMORY_SIZE limits the other fields of a form; forms set tighter limits per file field.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class UploadTooLarge(StopUpload):
    def __init__(self):
        # The rest of the body is not read: the answer goes back without waiting for it.
        super().__init__(connection_reset=True)


class LimitedUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_BYTES:
            self.request.upload_too_large = True
            raise UploadTooLarge()
        return raw_data

    def file_complete(self, file_size):
        return None


def too_large(request):
    limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("The request is larger than %(limit)s MB.") % {"limit": limit}}, status=413)
    return render(request, "413.html", {"limit": limit}, status=413)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BYTES:
            return too_large(request)
        # The API reads JSON only and answers a form with 415 itself.
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and not request.path.startswith("/api/")
        ):
            request.POST  # noqa: B018 — parse now, through LimitedUploadHandler, and see whether it stopped
            if getattr(request, "upload_too_large", False):
                return too_large(request)
        return self.get_response(request)
