"""Numbers as a page's content stream writes them: short, and the same on every run."""

from __future__ import annotations


def hundredths(value: float) -> str:
    """`value` to two decimals without trailing zeros, and 0 never signed (`-0.001` -> `0`):
    a hundredth of a point is far below what any printer or screen shows."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
