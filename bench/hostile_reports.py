"""Report files made to exhaust "Log from a report" (reports/files.py), as issue 25 found them. No Django here:
bench/hostile_files.py measures them and tests/reports/test_files.py checks each is refused with its message.

- docx_bomb(): about 100 KB that unpacks to 34 MB, a million paragraphs;
- docx_small_bomb(): about 11 KB that unpacks to 6 MB of empty paragraphs;
- pdf_bomb(): about 117 KB, one page whose content stream unpacks to 32 MB of text drawing;
- pdf_many_pages(): about 100 KB, 600 pages drawing the same 1 MB content stream;
- html_large(): 4.8 MB of HTML, many small tagged paragraphs;
- paste_long(): 200,000 characters of text naming thousands of people.
"""

import io
import zipfile

DOCUMENT_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
DOCUMENT_END = b"</w:body></w:document>"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_of(paragraph, count):
    """A .docx whose body is `paragraph` (XML bytes) `count` times, written as it is zipped."""
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as body:
            body.write(DOCUMENT_START)
            for _ in range(count // 10_000):
                body.write(paragraph * 10_000)
            body.write(paragraph * (count % 10_000))
            body.write(DOCUMENT_END)
    return content.getvalue()


def docx_bomb(paragraphs=1_000_000):
    return docx_of(b"<w:p><w:r><w:t>T</w:t></w:r></w:p>", paragraphs)


def docx_small_bomb(paragraphs=1_000_000):
    return docx_of(b"<w:p/>", paragraphs)


def _pdf(pages, content):
    """A PDF of `pages` pages that all draw one content stream, `content` (bytes) compressed; written by hand so
    that nothing reads the stream while it is made."""
    import zlib

    packed = zlib.compress(content, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + font + b" /Contents 3 0 R >>"
    objects += [page] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_bomb(size=32 * 1024 * 1024):
    line = b"BT /F1 9 Tf 40 800 Td (Mr. Ting Shen said the meeting went well.) Tj ET\n"
    return _pdf(1, line * (size // len(line)))


def pdf_many_pages(pages=600, size=1024 * 1024):
    line = b"0 0 m 1 1 l S\n"
    return _pdf(pages, line * (size // len(line)))


def html_large(size=int(4.8 * 1024 * 1024)):
    paragraph = b"<p><span>Mr.</span> <b>Ting Shen</b> <i>said</i> <span>so</span>.</p>\n"
    return b"<html><body>" + paragraph * (size // len(paragraph)) + b"</body></html>"


def paste_long(length=200_000):
    """Sentences naming a different person each, to `length` characters."""
    sentences = []
    total = 0
    number = 0
    while total < length:
        number += 1
        family = "".join("abcdefghij"[int(digit)] for digit in str(number)).capitalize()
        sentence = f"Ms. Sophea {family} of the Institute of {family} said that it went well. "
        sentences.append(sentence)
        total += len(sentence)
    return "".join(sentences)[:length]


def paste_long_chinese(length=200_000):
    """Chinese sentences naming a different person of a different college each, to `length` characters."""
    digits = "甲乙丙丁戊己庚辛壬癸"
    sentences = []
    total = 0
    number = 0
    while total < length:
        number += 1
        place = "".join(digits[int(digit)] for digit in str(number))
        sentence = f"{place}职业技术学院副院长王{place}出席会议并讲话。"
        sentences.append(sentence)
        total += len(sentence)
    return "".join(sentences)[:length]


# Texts of one piece repeated, each of which a pattern of the reader once tried from every position every way
# (quadratic or worse in the text's length): 20,000 characters of each took 15-64 s before its pattern was bounded.
REPEATED = {
    "a title line of 20,000 spaces": "Minutes " + " " * 20_000 + "x",
    "honorifics without a name": "Dr. " * 5_000,
    "a Chinese surname repeated": "王" * 20_000,
    "学院 repeated": "学院" * 10_000,
    "院长 repeated": "院长" * 10_000,
    "Chinese dates repeated": "2025年5月" * 2_500,
}


def docx_many_elements(paragraphs=250_000):
    """About 250,000 paragraphs that pack no better than a written document (each has its own revision id): past
    the element cap, inside the caps on unpacked bytes and packing."""
    import random

    generator = random.Random(25)
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        body = b"".join(b'<w:p w:rsidR="%08X"/>' % generator.getrandbits(32) for _ in range(paragraphs))
        archive.writestr("word/document.xml", DOCUMENT_START + body + DOCUMENT_END)
    return content.getvalue()


def html_long_text(size=int(4.8 * 1024 * 1024)):
    """4.8 MB of HTML in few paragraphs: few elements, far more text than a report."""
    paragraph = b"<p>" + b"Mr. Ting Shen said the meeting went well. " * 20_000 + b"</p>\n"
    return b"<html><body>" + paragraph * (size // len(paragraph)) + b"</body></html>"
