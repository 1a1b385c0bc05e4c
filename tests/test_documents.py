import io

import docx
import pytest

from checker.documents import article_from_file
from checker.errors import InputError
from checker.text import split_sentences


def pdf_with_pages(*pages: list[str]) -> bytes:
    """A minimal PDF (Helvetica text, one line per entry) built by hand, so tests need no PDF writer."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        body = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
        objects.append(f"<< /Length {len(body)} >>\nstream\n{body}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
                       f"/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_pdf_text_keeps_a_sentence_cut_by_the_page_break_whole():
    data = pdf_with_pages(["Die anhaltende Ablehnung, das Abkommen in seiner"],
                          ["gegenwaertigen Form zu unterzeichnen, folgt auf Tage des Drucks.", "Ein zweiter Satz."])
    text = article_from_file(data, "article.PDF")
    assert [segment.text for segment in split_sentences(text)] == [
        "Die anhaltende Ablehnung, das Abkommen in seiner gegenwaertigen Form zu unterzeichnen, "
        "folgt auf Tage des Drucks.",
        "Ein zweiter Satz.",
    ]


def test_docx_paragraphs_become_blocks():
    document = docx.Document()
    document.add_paragraph("Trump beschuldigte Selenskyj fälschlicherweise, den Krieg begonnen zu haben.")
    document.add_paragraph("")
    document.add_paragraph("Russland hat die Ukraine am 24. Februar 2022 überfallen.")
    buffer = io.BytesIO()
    document.save(buffer)
    text = article_from_file(buffer.getvalue(), "bericht.docx")
    assert len(split_sentences(text)) == 2 and "\n\n" in text


@pytest.mark.parametrize("name, data, message", [
    ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "could not be read as a PDF"),
    ("empty.pdf", pdf_with_pages([]), "no text layer"),
    ("broken.docx", b"PK\x03\x04 not a zip", "could not be read as a Word document"),
])
def test_unreadable_documents_are_clear_errors(name, data, message):
    with pytest.raises(InputError, match=message):
        article_from_file(data, name)


def test_text_files_go_through_the_text_stage():
    assert article_from_file("Hallo Welt.".encode("utf-16"), "notiz.txt") == "Hallo Welt."
