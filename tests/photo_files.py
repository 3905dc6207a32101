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


# --- Metadata a phone, an editor or a hostile file can carry -------------------------------------

PRIVATE = "Taken at home, 34.6197N 112.4514E, by Li"

# Colorants (D50-adapted XYZ of the red, green and blue primaries) of two RGB colour spaces.
SRGB_COLORANTS = ((0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141))
DISPLAY_P3_COLORANTS = ((0.5151, 0.2412, -0.0011), (0.2920, 0.6922, 0.0419), (0.1571, 0.0666, 0.7841))


def icc_profile(description: str = PRIVATE, colorants=SRGB_COLORANTS) -> bytes:
    """A small valid ICC v2 RGB display profile (matrix and gamma 2.2 curves) whose description
    and copyright carry `description`: the text a colour profile can smuggle."""
    def s15(value):
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    text = description.encode("ascii") + b"\0"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(text)) + text + b"\0" * 8 + b"\0" * 3 + b"\0" * 67
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2 (u8Fixed8)
    red, green, blue = colorants
    tags = [(b"desc", desc), (b"cprt", b"text" + b"\0" * 4 + text), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(*red)), (b"gXYZ", xyz(*green)), (b"bXYZ", xyz(*blue)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
              + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + body


def _xmp(text: str) -> bytes:
    return (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="{text}"/>'
            f"</rdf:RDF></x:xmpmeta>").encode()


def _exif(text: str) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x010E] = text  # ImageDescription
    exif[GPS_TAG] = {1: "N", 2: (34.0, 37.0, 12.0), 3: "E", 4: (112.0, 27.0, 0.0)}
    return exif


def jpeg_with_metadata(width=1600, height=1200, text=PRIVATE) -> bytes:
    """A JPEG with a comment (COM), EXIF with GPS, XMP and a colour profile, each saying `text`."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(
        buffer, "JPEG", quality=90, comment=text, exif=_exif(text), xmp=_xmp(text), icc_profile=icc_profile(text))
    return buffer.getvalue()


def png_with_metadata(width=800, height=600, text=PRIVATE) -> bytes:
    """A PNG with tEXt, zTXt, iTXt (XMP among them), eXIf and iCCP chunks, each saying `text`."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", text)
    info.add_text("Location", text, zip=True)
    info.add_itxt("Author", text, lang="zh", tkey="作者")
    info.add_itxt("XML:com.adobe.xmp", _xmp(text).decode())
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (10, 200, 90, 128)).save(
        buffer, "PNG", pnginfo=info, exif=_exif(text), icc_profile=icc_profile(text))
    return buffer.getvalue()


def webp_with_metadata(width=1200, height=800, text=PRIVATE) -> bytes:
    """A WebP with EXIF, XMP and ICCP chunks, each saying `text`."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (90, 20, 160)).save(
        buffer, "WEBP", exif=_exif(text), xmp=_xmp(text), icc_profile=icc_profile(text))
    return buffer.getvalue()


def segments(data: bytes) -> list[str]:
    """Every segment (JPEG markers: "SOI", "APP0", "COM", "DQT", "SOS" ...) or chunk (PNG: "IHDR",
    "tEXt" ...; WebP: "VP8 ", "EXIF" ...) of a file, in order, read from its bytes; "trailer" for
    bytes after the end. Raises ValueError for anything else."""
    if data.startswith(b"\xff\xd8"):
        return _jpeg_segments(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        kinds, at = [], 8
        while at < len(data):
            length, kind = struct.unpack(">I4s", data[at:at + 8])
            kinds.append(kind.decode("latin-1"))
            at += 12 + length
            if kind == b"IEND":
                break
        return kinds + (["trailer"] if at < len(data) else [])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kinds, at, end = [], 12, 8 + struct.unpack("<I", data[4:8])[0]
        while at < end:
            kind, length = struct.unpack("<4sI", data[at:at + 8])
            kinds.append(kind.decode("latin-1"))
            at += 8 + length + length % 2
        return kinds + (["trailer"] if end < len(data) else [])
    raise ValueError("neither JPEG, PNG nor WebP")


_JPEG_NAMES = {0xC4: "DHT", 0xCC: "DAC", 0xD8: "SOI", 0xD9: "EOI", 0xDA: "SOS", 0xDB: "DQT", 0xDD: "DRI",
               0xFE: "COM"}


def _jpeg_segments(data: bytes) -> list[str]:
    kinds, at = [], 0
    while at < len(data):
        if data[at] != 0xFF:
            raise ValueError(f"no marker at byte {at}")
        while data[at] == 0xFF:  # fill bytes
            at += 1
        marker = data[at]
        at += 1
        kinds.append(_JPEG_NAMES.get(marker) or (f"APP{marker - 0xE0}" if 0xE0 <= marker <= 0xEF
                                                 else f"SOF{marker - 0xC0}" if 0xC0 <= marker <= 0xCF
                                                 else f"RST{marker - 0xD0}" if 0xD0 <= marker <= 0xD7
                                                 else f"0x{marker:02X}"))
        if marker == 0xD9:
            return kinds + (["trailer"] if at < len(data) else [])
        if marker == 0xD8 or 0xD0 <= marker <= 0xD7:
            continue
        at += struct.unpack(">H", data[at:at + 2])[0]
        if marker == 0xDA:  # entropy-coded data runs to the next marker that is not a restart
            while not (data[at] == 0xFF and data[at + 1] not in (0x00, *range(0xD0, 0xD8))):
                at += 1
    return kinds


# Segments and chunks a clean stored file may have: pixels and how to decode them, nothing else.
CLEAN_SEGMENTS = {
    "JPEG": {"SOI", "APP0", "DQT", "SOF0", "SOF1", "SOF2", "DHT", "DRI", "SOS", "EOI"},  # APP0: JFIF
    "PNG": {"IHDR", "PLTE", "tRNS", "IDAT", "IEND"},
    "WEBP": {"VP8 ", "VP8L", "VP8X", "ALPH"},
}


def tall_jpeg(width=1080, height=20_000) -> bytes:
    """A long phone screenshot: 21.6 megapixels, well under 10 MB, one frame."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def thin_png(width=1, height=40_000) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()
