"""OpenType stamp fonts for pyHanko that render TrueType fonts correctly.

pyHanko's :class:`GlyphAccumulator` (0.24 to 0.38 at least) writes glyph widths
(``/W``) and HarfBuzz advances in font units; PDF wants thousandths of an em. With the
PostScript-flavoured fonts pyHanko is tested with (1000 units per em) that is
the same thing; with TrueType fonts such as Liberation Serif (2048 units per
em) the text is spread out. This accumulator scales both to 1000 units per em.
"""

import dataclasses
import functools
import hashlib
import logging
import os
import tempfile

from fontTools import subset, ttLib
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

# fontTools tells about every table it cannot subset (FFTM, ...): noise.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

# Serif fonts with Vietnamese coverage, tried in this order when the configured
# font lacks a character (fonts-liberation 1.07, Debian's "Liberation Serif",
# has no ơ, ư, ạ, ễ ...; fonts-liberation2 has them).
FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)


@functools.cache
def _charset(path):
    try:
        with ttLib.TTFont(path, lazy=True) as font:
            return frozenset(font.getBestCmap())
    except (OSError, ttLib.TTLibError):
        return frozenset()


def pick_font(preferred, text):
    """The first of ``preferred`` and the fallbacks that has every character of
    ``text`` (spaces and line breaks aside); ``preferred`` if none has. The path
    returned is a cached Latin + Vietnamese cut of that font (see
    :func:`latin_cut`)."""
    needed = {ord(ch) for ch in text if not ch.isspace()}
    chosen = preferred
    for path in (preferred, *FALLBACK_FONTS):
        if path and os.path.exists(path) and needed <= _charset(path):
            chosen = path
            break
    if needed <= LATIN_VI:
        return latin_cut(chosen)
    return chosen


# Basic Latin, Latin-1, Latin Extended-A/B, combining marks, Latin Extended
# Additional (Vietnamese), general punctuation: all a Vietnamese document needs.
LATIN_VI = frozenset(
    [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00)]
    + [*range(0x2000, 0x2070), 0x20AB, 0x20AC]
)


@functools.cache
def latin_cut(path):
    """A copy of the font with only the Latin and Vietnamese glyphs, written once
    per process. pyHanko subsets the font of each stamp again; reading a 50 kB
    font instead of a 500 kB one makes a signature about twice as fast."""
    try:
        with open(path, "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()[:16]
        folder = os.path.join(tempfile.gettempdir(), "ecabinet_sign_fonts")
        os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, f"{digest}.ttf")
        if not os.path.exists(target):
            options = subset.Options()
            # Vietnamese letters are precomposed in these fonts: no shaping
            # tables needed (pyHanko drops them from the embedded subset anyway).
            options.drop_tables += ["GPOS", "GSUB", "GDEF"]
            options.name_IDs = ["*"]
            options.notdef_outline = True
            options.glyph_names = True
            font = ttLib.TTFont(path)
            subsetter = subset.Subsetter(options=options)
            subsetter.populate(unicodes=sorted(LATIN_VI & _charset(path)))
            subsetter.subset(font)
            partial = f"{target}.{os.getpid()}"
            font.save(partial)
            os.replace(partial, target)
        return target
    except (OSError, ttLib.TTLibError):
        return path


class ScaledGlyphAccumulator(GlyphAccumulator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._font_units = self.units_per_em
        self.units_per_em = 1000
        self.hb_font.scale = (1000, 1000)

    def _get_cid_and_width(self, glyph_id):
        if glyph_id in self._glyphs:
            return self._glyphs[glyph_id]
        cid, width = super()._get_cid_and_width(glyph_id)
        result = cid, round(width * 1000 / self._font_units)
        self._glyphs[glyph_id] = result
        return result


@dataclasses.dataclass(frozen=True)
class FontFactory(GlyphAccumulatorFactory):
    """Drop-in for :class:`GlyphAccumulatorFactory` using the scaled engine."""

    def create_font_engine(self, writer, obj_stream=None):
        fh = open(self.font_file, "rb")  # noqa: SIM115 - pyHanko keeps it open
        if (
            obj_stream is None
            and writer.stream_xrefs
            and self.create_objstream_if_needed
        ):
            obj_stream = writer.prepare_object_stream()
        return ScaledGlyphAccumulator(
            writer=writer,
            font_handle=fh,
            font_size=self.font_size,
            ot_script_tag=self.ot_script_tag,
            ot_language_tag=self.ot_language_tag,
            writing_direction=self.writing_direction,
            bcp47_lang_code=self.bcp47_lang_code,
            obj_stream=obj_stream,
        )
