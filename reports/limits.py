"""What reading one report may cost, in one place (README.md, "Limits"). A report past a limit is refused with a
message saying which, having cost no more than reading up to the limit.

A file is read in a child process (reports/files.py) that is stopped after READ_SECONDS and may not hold more than
READ_MEMORY_BYTES; the caps below keep an ordinary file's reading far inside both, so they only stop what the caps
cannot foresee. The reader (reports/reader.py) works on the text alone: its work grows with MAX_CHARS.
"""

# The file as uploaded, and the text read from it or pasted. A meeting report is a few thousand characters (the
# reference and test reports: 1,600 to 3,300, each read in 0.1-0.2 s). A longer text is not refused: its first
# MAX_CHARS characters are read, and the review page says the rest was left out. The request's work grows with the
# text and with every name in it: each name is looked up in the database (the finders' candidates, read for a hundred
# names a query, bounded however many records there are), a review row for each person and organisation. So a report
# is also read only up to the sentence naming its MAX_PEOPLE + 1st person (the review page says so too): 199,000
# pasted characters naming 2,262 people are read up to the 500th (bench/report_cost.py prints what each costs).
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_CHARS = 100_000
MAX_PEOPLE = 500
# The distinct phrases of a report asked about as organisations (a capitalised run of words, an acronym, a name after
# "Principal of"), each once, their candidates read a hundred a query: past this many, a phrase is taken for no
# organisation on record (a new one, if the words around say it is one). A report names a few dozen; 100,000
# characters naming a new person and organisation in every sentence ask about 1,500.
MAX_ORGANISATION_PHRASES = 2_000
# A Chinese phrase on no record may abbreviate a name said before it ("无锡技院" of 无锡技师学院): it is compared with
# the names of the same first and last characters, the first this many of them (reports.zh._Names), not with every
# name before it (a report naming a new college in every sentence compared each with all: quadratic).
ABBREVIATION_CANDIDATES = 50

# A .docx is a zip: its parts as the zip declares them, before any is unpacked (zipfile also stops a part that
# unpacks past its declared size). A written document packs to about a tenth; 100 to 1 is a bomb.
MAX_PARTS = 1_000
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
MAX_PACKING_RATIO = 100

# Elements (XML of a .docx's body, tags of an HTML page) counted as they are parsed, and the parse stopped past it.
MAX_ELEMENTS = 200_000

# A PDF: pages read, and the bytes of their page descriptions (content streams) once unpacked, all pages together.
MAX_PDF_PAGES = 50
MAX_PDF_CONTENT_BYTES = 10 * 1024 * 1024

# The child process that reads a file: wall-clock seconds, and its address space (resource.RLIMIT_AS).
READ_SECONDS = 10
READ_MEMORY_BYTES = 512 * 1024 * 1024
