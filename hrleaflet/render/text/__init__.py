"""The text engine: fonts with fallback, HarfBuzz shaping, bidi, line breaking, extractable PDF text.

ReportLab's own paragraphs lose characters when text is shaped (its glyph-to-text
mapping uses each glyph's cmap entry, or a private code with no meaning), and it
has no bidi support without a library that is not on the package registry.  So
we shape with HarfBuzz ourselves, break lines with ICU, order runs with the
Unicode bidi algorithm, and give every glyph code a ToUnicode entry that spells
the characters it stands for.  Readers then extract exactly the source text.
"""
