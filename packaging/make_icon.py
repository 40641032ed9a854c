"""Draw kvdesk's application icon and write it as a multi-size Windows .ico and a PNG.

Run once when the design changes (``python packaging/make_icon.py``); the results are committed
so that a build needs no drawing step. The .ico holds one PNG image per size.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
# The Rijkshuisstijl blue of the vertical ribbon, on a white sheet: recognisably "a government letter".
BLUE = QColor("#154273")


def draw(size: int) -> QImage:
    """One square icon image of ``size`` pixels: a letter sheet with a blue ribbon and "KV"."""
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    sheet = QPainterPath()
    sheet.addRoundedRect(QRectF(s * 0.08, s * 0.04, s * 0.84, s * 0.92), s * 0.08, s * 0.08)
    p.fillPath(sheet, QColor("#ffffff"))
    p.setPen(QColor("#8a8a8a"))
    p.drawPath(sheet)
    p.fillRect(QRectF(s * 0.44, s * 0.04, s * 0.12, s * 0.34), BLUE)
    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(max(6, int(s * 0.36)))
    p.setFont(font)
    p.setPen(BLUE)
    p.drawText(QRectF(0, s * 0.42, s, s * 0.5), Qt.AlignmentFlag.AlignCenter, "KV")
    p.end()
    return img


def main() -> int:
    app = QGuiApplication(sys.argv)
    draw(256).save(str(HERE / "kvdesk.png"))
    # Qt's ICO writer stores one size per file; Windows wants all sizes in one file.
    images = [draw(n) for n in SIZES]
    _write_ico(HERE / "kvdesk.ico", images)
    del app
    return 0


def _write_ico(path: Path, images: list[QImage]) -> None:
    """Write ``images`` as PNG-compressed entries of one .ico file (supported since Windows Vista)."""
    import struct

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    blobs = []
    for img in images:
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")
        buf.close()
        blobs.append(bytes(data.data()))
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for img, blob in zip(images, blobs, strict=True):
        w = img.width() if img.width() < 256 else 0  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", w, w, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))


if __name__ == "__main__":
    sys.exit(main())
