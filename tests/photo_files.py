"""Real good and bad image files, made with Pillow and raw bytes, for upload tests."""

import io
import struct
import zlib

from PIL import Image

GPS_TAG = 0x8825
ORIENTATION_TAG = 0x0112


def jpeg(width=1600, height=1200, *, gps=True, orientation=None, mode="RGB", colour=(200, 120, 40)) -> bytes:
    image = Image.new(mode, (width, height), colour if mode == "RGB" else (0, 60, 200, 0))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    if gps:
        exif[GPS_TAG] = {1: "N", 2: (34.0, 37.0, 12.0), 3: "E", 4: (112.0, 27.0, 0.0)}
    if orientation:
        exif[ORIENTATION_TAG] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def png(width=800, height=600, alpha=False, text="secret location") -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", text)
    image = Image.new("RGBA" if alpha else "RGB", (width, height), (10, 200, 90, 128) if alpha else (10, 200, 90))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def webp(width=1200, height=800) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (90, 20, 160)).save(buffer, "WEBP")
    return buffer.getvalue()


def animated_webp() -> bytes:
    frames = [Image.new("RGB", (64, 64), colour) for colour in [(255, 0, 0), (0, 255, 0)]]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (32, 32)).save(buffer, "GIF")
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    data = jpeg(gps=False)
    return data[: len(data) // 2]


def png_bomb(side=20_000) -> bytes:
    """A tiny file that claims side x side pixels of zeros (400 megapixels)."""
    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    row = b"\x00" + b"\x00" * (side // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def cmyk_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("CMYK", (600, 400), (0, 100, 200, 0)).save(buffer, "JPEG")
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
TEXT = b"just some text pretending to be a photo\n"
