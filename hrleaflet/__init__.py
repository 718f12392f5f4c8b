"""hrleaflet: harm-reduction guidance into printable, localised leaflets."""

from __future__ import annotations

__version__ = "0.1.0"
