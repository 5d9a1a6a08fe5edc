"""Print the proposed workshop record of each report file as JSON, writing nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.files import EXTENSIONS, ReportFileError, report_text
from reports.reader import read_report
from reports.schema import PROPOSAL_SCHEMA


class Command(BaseCommand):
    help = (
        "Read meeting reports (.txt, .docx, .pdf, .html; files or folders) and print each one's proposed workshop "
        "record as JSON, with its evidence and its matches against the records. Nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="report files, or folders of them")
        parser.add_argument("--json-schema", action="store_true", help="print the JSON schema of a proposal")

    def handle(self, *args, paths, json_schema, **options):
        if json_schema:
            self.stdout.write(json.dumps(PROPOSAL_SCHEMA, indent=2, ensure_ascii=False))
            return
        if not paths:
            raise CommandError("Give at least one report file or folder.")
        files = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS)
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {name}")
        proposals = []
        for path in files:
            try:
                text = report_text(path.name, path.read_bytes())
            except ReportFileError as error:
                raise CommandError(f"{path}: {error}") from error
            proposals.append(read_report(text, name=path.name))
        self.stdout.write(json.dumps(proposals, indent=2, ensure_ascii=False))
