"""Article files to plain text: .txt/.md/.html through the text stage, .pdf and .docx here.

PDF text keeps its page breaks as blank lines, so the text stage's repair (hard wraps,
line-end hyphens, sentences cut by a page gap) applies to it as to pasted text.
"""

from __future__ import annotations

import io
from pathlib import PurePath

from checker.errors import InputError
from checker.text import article_from_bytes

DOCUMENT_TYPES = ("txt", "md", "html", "htm", "pdf", "docx")


def article_from_file(data: bytes, filename: str) -> str:
    """The article text of an uploaded or given file, chosen by its extension.

    Raises InputError for a file that cannot be read, with what to do instead.
    """
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    if suffix == "pdf":
        return _pdf_text(data, filename)
    if suffix == "docx":
        return _docx_text(data, filename)
    return article_from_bytes(data)


def _pdf_text(data: bytes, filename: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{filename} is password-protected; save an unprotected copy and upload that.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise InputError(f"{filename} could not be read as a PDF ({error}); copy its text and paste it instead.") from None
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError(f"{filename} has no text layer (a scanned PDF?); run OCR on it or paste its text instead.")
    return text


def _docx_text(data: bytes, filename: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a broken file
        raise InputError(f"{filename} could not be read as a Word document ({type(error).__name__}); "
                         f"save it as .docx again or paste its text instead.") from None
    # Paragraphs become blocks, as in a text file; empty ones are spacing, not content.
    return "\n\n".join(paragraph.text for paragraph in document.paragraphs if paragraph.text.strip())
