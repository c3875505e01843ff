"""ashyq — transparency portals for the public councils of Kazakhstan.

The pipeline reads as the sub-packages do: ``load`` (files → typed records),
``validate`` (records → findings), ``render`` (records → docs tree, feeds,
data) and ``write`` (docs tree → site, atomically).
"""

__version__ = "0.1.0"
