"""Reads QR codes back with `zxing-cpp` (a decoder nobody here wrote), after rasterising
each SVG's path with Pillow at 8 px per module.

Input (stdin): a JSON list of {"svg", "text"}. The SVG's viewBox gives its size; its one
path is a list of `M x,y h w v1 h-w z` runs (what src/core/export/qr.rs writes; anything
else is reported). Prints one line per problem and exits 1, or "ok <n>". Exits 3 when a
package is missing.
"""
import json
import re
import sys

try:
    import zxingcpp
    from PIL import Image, ImageDraw
except ImportError as e:
    print(f"MISSING python package ({e.name}): run scripts/setup.sh (pip install zxing-cpp pillow)")
    sys.exit(3)

SCALE = 8
RUN = re.compile(r"M(\d+),(\d+)h(\d+)v1h-(\d+)z")


def raster(svg):
    box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    paths = re.findall(r'<path [^>]*d="([^"]*)"', svg)
    if not box or len(paths) != 1:
        raise ValueError("expected one viewBox and one path")
    w, h = int(box.group(1)), int(box.group(2))
    d = paths[0]
    if RUN.sub("", d) != "":
        raise ValueError(f"unexpected path data: {RUN.sub('', d)[:80]}")
    img = Image.new("L", (w * SCALE, h * SCALE), 255)
    draw = ImageDraw.Draw(img)
    for x, y, n, back in RUN.findall(d):
        x, y, n = int(x), int(y), int(n)
        if n != int(back):
            raise ValueError("a run does not close")
        draw.rectangle([x * SCALE, y * SCALE, (x + n) * SCALE - 1, (y + 1) * SCALE - 1], fill=0)
    return img


def main():
    docs = json.load(sys.stdin)
    errors = []
    for doc in docs:
        try:
            found = zxingcpp.read_barcodes(raster(doc["svg"]))
            texts = [b.text for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]
            if texts != [doc["text"]]:
                errors.append(f"{doc['text']!r}: decoded {texts!r}")
            elif str(found[0].ec_level) not in ("M", "15%"):
                errors.append(f"{doc['text']!r}: error correction level {found[0].ec_level!r}")
        except Exception as e:
            errors.append(f"{doc['text']!r}: {type(e).__name__}: {e}")
    if errors:
        print("\n".join(errors[:20]))
        sys.exit(1)
    print(f"ok {len(docs)}")


main()
