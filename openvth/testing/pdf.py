"""PDFs in tests, read and rendered with pypdfium2 (pinned in the lock file): no poppler or other system tool."""

from pathlib import Path

import pypdfium2


def _document(pdf: bytes | Path) -> pypdfium2.PdfDocument:
    return pypdfium2.PdfDocument(pdf.read_bytes() if isinstance(pdf, Path) else pdf)


def pdf_text(pdf: bytes | Path) -> str:
    """The text of every page, pages separated by a form feed as pdftotext does."""
    document = _document(pdf)
    try:
        return "\f".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


def pdf_to_png(
    pdf: bytes | Path, prefix: Path, *, dpi: int = 60, first: int = 1, last: int | None = None
) -> list[Path]:
    """Pages `first`..`last` (1-based) as PNG files `<prefix>-<n>.png`, for looking at what a person would see."""
    document = _document(pdf)
    written = []
    try:
        for number in range(first, (last or len(document)) + 1):
            path = prefix.parent / f"{prefix.name}-{number}.png"
            document[number - 1].render(scale=dpi / 72).to_pil().save(path)
            written.append(path)
    finally:
        document.close()
    return written
