"""QR codes as inline SVG (segno: pure Python, no image library, nothing downloaded)."""

import io

import segno


def qr_svg(text: str, *, scale: int = 3) -> str:
    """An ``<svg>`` element (no XML declaration) encoding ``text``; safe to embed in HTML."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="svg", scale=scale, xmldecl=False, svgns=True, nl=False, border=2
    )
    return buffer.getvalue().decode("ascii")


def qr_matrix(text: str):
    """The code's modules as rows of booleans (for drawing into a PDF)."""
    return [[bool(cell) for cell in row] for row in segno.make(text, error="m").matrix]
