"""The JSON schema of a proposal (reports.reader.read_report), as `read_report --json-schema` prints it."""

SPAN = {
    "type": "array",
    "items": {"type": "integer", "minimum": 0},
    "minItems": 2,
    "maxItems": 2,
    "description": "[start, end): the characters of the report the fact was read from",
}


def _fact(value_type, **more):
    return {
        "type": ["object", "null"],
        "required": ["value", "evidence"],
        "properties": {"value": value_type, "evidence": SPAN, **more},
    }


MATCH = {
    "type": "object",
    "required": ["status", "record_id", "matched_on", "candidates"],
    "properties": {
        "status": {"enum": ["on_record", "other_name", "choice", "new"]},
        "record_id": {"type": ["integer", "null"]},
        "matched_on": {"type": "string", "description": "the record's name, alias or acronym that matched"},
        "candidates": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "label"],
                "properties": {
                    "id": {"type": "integer"},
                    "label": {"type": "string"},
                    "score": {"type": "integer"},
                    "matched_on": {"type": "string"},
                },
            },
        },
    },
}
MENTIONS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["text", "evidence"],
        "properties": {"text": {"type": "string"}, "evidence": SPAN, "match": MATCH},
    },
}
STRING = {"type": "string"}
KEY_OR_NULL = {"type": ["string", "null"], "description": "the key of a person or organisation of this proposal"}

PROPOSAL_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Proposed workshop record read from a meeting report",
    "type": "object",
    "required": [
        "reader",
        "title",
        "date",
        "format",
        "organisations",
        "people",
        "statements",
        "topics",
        "outcomes",
        "actions",
        "reported_attendance",
        "named_count",
    ],
    "properties": {
        "reader": STRING,
        "source_name": STRING,
        "title": _fact(STRING),
        "other_title": _fact(STRING),
        "kind": _fact({"enum": ["bilateral", "multilateral", "training", "study_visit", "conference", "other"]}),
        "format": _fact({"enum": ["online", "in_person", "hybrid"]}),
        "status": STRING,
        "date": _fact({"type": "string", "format": "date"}, precision={"enum": ["day", "month", "year"]}),
        "platform": _fact(STRING),
        "venue": _fact(STRING),
        "programme": _fact(STRING, record_id={"type": ["integer", "null"]}, record_name=STRING),
        "initiative": _fact(STRING, record_id={"type": ["integer", "null"]}, record_name=STRING),
        "reported_attendance": _fact({"type": "integer"}),
        "named_count": {"type": "integer"},
        "cut": {
            "type": "object",
            "description": "what the caps of reports/limits.py left out (0: nothing)",
            "properties": {
                "characters": {"type": "integer", "description": "the text's length before it was cut to MAX_CHARS"},
                "people": {"type": "integer", "description": "the people the whole text names, past MAX_PEOPLE"},
            },
        },
        "summary": _fact(STRING),
        "minutes": _fact(STRING),
        "organisations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "name", "short_name", "role", "mentions", "match"],
                "properties": {
                    "key": STRING,
                    "name": STRING,
                    "short_name": STRING,
                    "written": STRING,
                    "kind": {"enum": ["tvet", "government", "enterprise", "international", "social_partner", "other"]},
                    "country": {"type": "string", "description": "ISO 3166 code, or empty"},
                    "role": {"enum": ["host", "coordinator", "participant", None]},
                    "role_evidence": {"oneOf": [SPAN, {"type": "null"}]},
                    "mentions": MENTIONS,
                    "match": MATCH,
                },
            },
        },
        "people": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "honorific", "given_name", "family_name", "name_order", "title", "match"],
                "properties": {
                    "key": STRING,
                    "honorific": STRING,
                    "given_name": STRING,
                    "family_name": STRING,
                    "name_order": {"enum": ["given_first", "family_first"]},
                    "name": STRING,
                    "title": _fact(STRING),
                    "organisation": KEY_OR_NULL,
                    "role": {"enum": ["chair", "speaker", "participant", "organiser", "observer"]},
                    "contribution": _fact(STRING),
                    "mentions": MENTIONS,
                    "match": MATCH,
                },
            },
        },
        "statements": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["speaker", "text", "is_verbatim", "evidence"],
                "properties": {
                    "speaker": KEY_OR_NULL,
                    "text": STRING,
                    "is_verbatim": {"type": "boolean"},
                    "evidence": SPAN,
                },
            },
        },
        "topics": {"type": "array", "items": _fact(STRING)},
        "outcomes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "text", "evidence"],
                "properties": {
                    "kind": {"enum": ["consensus", "decision", "recommendation"]},
                    "text": STRING,
                    "evidence": SPAN,
                },
            },
        },
        "actions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "owner", "due_date", "evidence"],
                "properties": {
                    "title": STRING,
                    "owner": KEY_OR_NULL,
                    "due_date": {"type": ["string", "null"], "format": "date"},
                    "evidence": SPAN,
                },
            },
        },
    },
}
