"""Pictograms the leaflets draw themselves, in vector, with no text inside.

Many readers read little or not at all, so each tip can carry a picture that says
the same thing in every language.  The icons must survive a photocopier and a
pocket card (8-10 mm wide): two colours only (`ink`, and `paper` for knock-outs),
bold filled shapes, strokes of at least 1/14 of the size, nothing under 1/10.
Each icon is designed on a 100 x 100 grid and scaled to the size asked for.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from hrleaflet.render.decimals import hundredths
from hrleaflet.render.themes import RGB

STROKE = 8.0  # the usual line width on the 100-unit grid (the minimum is 100/14)
Point = tuple[float, float]


class _Pen:
    """Filled and stroked shapes in `ink`, or in `paper` to knock a gap out of them."""

    def __init__(self, canvas: Canvas, ink: RGB, paper: RGB) -> None:
        self.c, self.ink, self.paper = canvas, ink, paper
        # The colour and line width last set in the current graphics state: an icon's shapes
        # mostly share them, and setting them again would write the same operators again.
        self._colour: RGB | None = None
        self._width: float | None = None

    def _use(self, knock: bool, width: float = STROKE) -> Canvas:
        colour = self.paper if knock else self.ink
        if colour != self._colour:
            self.c.setFillColorRGB(*colour)
            self.c.setStrokeColorRGB(*colour)
            self._colour = colour
        if width != self._width:
            self.c.setLineWidth(width)
            self._width = width
        return self.c

    def _path(self, points: Sequence[Point], close: bool) -> Any:
        path = self.c.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        if close:
            path.close()
        return path

    def disc(self, cx: float, cy: float, r: float, knock: bool = False) -> None:
        self._use(knock).circle(cx, cy, r, stroke=0, fill=1)

    def ring(self, cx: float, cy: float, r: float, width: float = STROKE) -> None:
        self._use(False, width).circle(cx, cy, r, stroke=1, fill=0)

    def box(self, x: float, y: float, w: float, h: float, r: float = 0, knock: bool = False) -> None:
        c = self._use(knock)
        c.roundRect(x, y, w, h, r, stroke=0, fill=1) if r else c.rect(x, y, w, h, stroke=0, fill=1)

    def frame(self, x: float, y: float, w: float, h: float, r: float = 0, width: float = STROKE) -> None:
        self._use(False, width).roundRect(x, y, w, h, r, stroke=1, fill=0)

    def shape(self, points: Sequence[Point], knock: bool = False) -> None:
        self._use(knock).drawPath(self._path(points, True), stroke=0, fill=1)

    def line(self, points: Sequence[Point], width: float = STROKE, knock: bool = False) -> None:
        """A polyline (round ends and joins: see draw_pictogram)."""
        self._use(knock, width).drawPath(self._path(points, False), stroke=1, fill=0)

    def curve(self, points: Sequence[Point], width: float = STROKE, knock: bool = False) -> None:
        """One cubic bezier (start, control, control, end), stroked."""
        self._use(knock, width).bezier(*[v for point in points for v in point])

    def blob(self, start: Point, curves: Sequence[Sequence[float]], knock: bool = False) -> None:
        """A filled outline of cubic beziers, each given as six numbers (c1, c2, end)."""
        path = self._path([start], False)
        for c in curves:
            path.curveTo(*c)
        path.close()
        self._use(knock).drawPath(path, stroke=0, fill=1)

    def arc(self, cx: float, cy: float, r: float, start: float, extent: float, width: float = STROKE) -> None:
        path = self.c.beginPath()
        path.arc(cx - r, cy - r, cx + r, cy + r, start, extent)
        self._use(False, width).drawPath(path, stroke=1, fill=0)

    @contextmanager
    def turned(self, x: float, y: float, degrees: float, scale: float = 1) -> Iterator[None]:
        """Draw in a frame moved to (x, y), turned anticlockwise and scaled."""
        outside = self._colour, self._width  # what the graphics state goes back to
        self.c.saveState()
        self.c.translate(x, y)
        self.c.rotate(degrees)
        self.c.scale(scale, scale)
        try:
            yield
        finally:
            self.c.restoreState()
            self._colour, self._width = outside


# Shared parts ---------------------------------------------------------------------------------


def _person(pen: _Pen, cx: float, y: float, h: float, halo: float = 0) -> None:
    """Head and shoulders standing on y, h tall; a halo of paper parts it from what is behind."""
    for grow, knock in ((halo, True), (0, False)) if halo else ((0, False),):
        w = h * 0.56 + 2 * grow
        pen.disc(cx, y + h * 0.8, h * 0.2 + grow, knock)
        pen.box(cx - w / 2, y - grow, w, h * 0.56 + grow, w * 0.4, knock)
        pen.box(cx - w / 2, y - grow, w, h * 0.3, 0, knock)


def _no(pen: _Pen) -> None:
    """The prohibition sign: a thick ring and a bar from top left to bottom right."""
    bar = [(18.9, 81.1), (81.1, 18.9)]  # a diameter of the ring
    pen.line(bar, 17, knock=True)
    pen.ring(50, 50, 44, 8.5)
    pen.line(bar, 8.5)


def _drop(pen: _Pen, cx: float, cy: float, r: float, knock: bool = False) -> None:
    pen.disc(cx, cy, r, knock)
    pen.shape([(cx - r * 0.866, cy + r * 0.5), (cx + r * 0.866, cy + r * 0.5), (cx, cy + 2.1 * r)], knock)


def _heart(pen: _Pen, cx: float, cy: float, s: float) -> None:
    """A square turned 45 degrees with a disc on each upper side."""
    d = s / math.sqrt(2)
    pen.shape([(cx, cy + d), (cx - d, cy), (cx, cy - d), (cx + d, cy)])
    pen.disc(cx - d / 2, cy + d / 2, s / 2)
    pen.disc(cx + d / 2, cy + d / 2, s / 2)


def _syringe(pen: _Pen, knock: bool = False) -> None:
    """A syringe 80 long, centred on the origin, pointing right."""
    pen.box(-40, -13, 10, 26, 2, knock)  # thumb rest
    pen.box(-32, -5, 8, 10, knock=knock)  # plunger rod
    pen.box(-26, -16, 10, 32, 2, knock)  # finger grip
    pen.box(-20, -11, 34, 22, 2, knock)  # barrel
    pen.box(13, -5, 8, 10, knock=knock)  # hub
    pen.shape([(20, -5), (20, 5), (40, 0)], knock)  # needle


def _hand(pen: _Pen, halo: float = 0) -> None:
    """An open hand, palm out and fingers up, its wrist on the origin; about 60 wide, 70 tall."""
    fingers = [(-21, 56), (-7, 66), (7, 64), (21, 54)]
    for grow, knock in ((halo, True), (0, False)) if halo else ((0, False),):
        pen.box(-26 - grow, -grow, 52 + 2 * grow, 40 + 2 * grow, 12, knock)
        for x, top in fingers:
            pen.line([(x, 30), (x, top)], 10.5 + 2 * grow, knock)
        pen.line([(-20, 12), (-36, 32)], 11 + 2 * grow, knock)  # thumb


def _sparkle(pen: _Pen, cx: float, cy: float, r: float) -> None:
    """A four-pointed star, the sign for 'clean'."""
    k = r * 0.3
    tips = [(cx, cy + r), (cx + r, cy), (cx, cy - r), (cx - r, cy)]
    waist = [(cx + k, cy + k), (cx + k, cy - k), (cx - k, cy - k), (cx - k, cy + k)]
    pen.shape([point for pair in zip(tips, waist, strict=True) for point in pair])


def _capsule(pen: _Pen, cx: float, cy: float, length: float, degrees: float) -> None:
    """A capsule: two rounded halves with a gap between them."""
    w = length * 0.45
    with pen.turned(cx, cy, degrees):
        pen.box(-length / 2, -w / 2, length, w, w / 2)
        pen.box(-2.5, -w / 2, 5, w, knock=True)


def _head(pen: _Pen) -> None:
    """A head and neck in profile, facing right, the foot of the neck centred on the origin;
    about 76 wide and 94 tall, the nostril at (35, 46), the mouth at (30, 38)."""
    pen.blob(
        (-17, 0),
        [
            (-15, 18, -17, 28, -21, 38),  # nape
            (-31, 58, -25, 94, 9, 94),  # back of the skull to the crown
            (25, 94, 31, 86, 31, 72),  # forehead
            (33, 64, 43, 56, 45, 50),  # nose
            (45, 46, 39, 45, 33, 45),  # under the nose
            (31, 42, 31, 38, 29, 36),  # lips
            (27, 32, 27, 28, 23, 26),  # chin
            (19, 24, 15, 24, 13, 20),  # under the jaw
            (13, 12, 15, 6, 17, 0),  # throat
        ],
    )


def _spray(pen: _Pen, halo: float = 0) -> None:
    """A nasal spray, the tip of its nozzle on the origin pointing up, the end of its plunger 52
    below; with a halo, the paper around it instead, stopping short of the tip (in a nostril)."""
    g, knock = halo, bool(halo)
    top = -13 if halo else -4
    pen.shape([(-7 - g, -20), (7 + g, -20), (5 + g, top), (-5 - g, top)], knock)  # nozzle
    if not halo:
        pen.disc(0, -4, 5)
    pen.box(-19 - g, -27 - g, 38 + 2 * g, 9 + 2 * g, 4.5 + g, knock)  # finger rest
    pen.box(-11 - g, -52 - g, 22 + 2 * g, 27 + 2 * g, 5 + g, knock)  # body and plunger


# The icons ------------------------------------------------------------------------------------


def _hand_washing(pen: _Pen) -> None:  # a tap, a falling drop and an open hand under it
    pen.box(12, 81, 46, 13, 4)  # pipe
    pen.box(44, 72, 14, 22, 4)  # spout
    pen.box(24, 90, 12, 8, 2)  # handle
    _drop(pen, 51, 58, 5.5)
    with pen.turned(52, 2, 0, 0.72):
        _hand(pen)


def _no_sharing(pen: _Pen) -> None:  # two syringes, one each way, under a prohibition sign
    for cx, cy, degrees in ((33, 39, 135), (67, 61, -45)):
        with pen.turned(cx, cy, degrees, 0.74):
            _syringe(pen)
    _no(pen)


def _mask(pen: _Pen) -> None:  # a face mask with two ear loops
    pen.frame(7, 38, 24, 30, 12, 7.5)
    pen.frame(69, 38, 24, 30, 12, 7.5)
    pen.blob((18, 70), [(35, 78, 65, 78, 82, 70), (84, 50, 84, 40, 80, 34), (65, 16, 35, 16, 20, 34)])
    pen.curve([(28, 57), (40, 61), (60, 61), (72, 57)], 6.5, knock=True)
    pen.curve([(28, 40), (40, 44), (60, 44), (72, 40)], 6.5, knock=True)


def _distance(pen: _Pen) -> None:  # two people with a double arrow between them
    _person(pen, 17, 12, 60)
    _person(pen, 83, 12, 60)
    pen.line([(40, 52), (60, 52)], STROKE)
    pen.shape([(31, 52), (44, 62), (44, 42)])
    pen.shape([(69, 52), (56, 62), (56, 42)])


def _wipe(pen: _Pen) -> None:  # a hand wiping a package, which sparkles clean
    pen.box(6, 6, 88, 36, 3)  # package
    pen.box(6, 28, 88, 6, knock=True)  # its lid
    with pen.turned(44, 24, 12, 0.7):
        _hand(pen, halo=6)
    pen.arc(44, 24, 44, 118, 30, STROKE)  # the wiping movement
    _sparkle(pen, 76, 66, 14)
    _sparkle(pen, 88, 88, 9)


def _naloxone(pen: _Pen) -> None:  # a nasal spray marked with a medical cross
    pen.box(32, 4, 36, 48, 8)  # body
    pen.box(18, 50, 64, 10, 5)  # finger rest
    pen.shape([(40, 58), (60, 58), (56, 76), (44, 76)])  # nozzle
    pen.disc(50, 76, 6)
    pen.box(45, 13, 10, 30, knock=True)  # cross
    pen.box(35, 23, 30, 10, knock=True)
    for dx in (-1, 0, 1):  # spray
        pen.line([(50 + 9 * dx, 88), (50 + 15 * dx, 96)], 7.5)


def _not_alone(pen: _Pen) -> None:  # two people side by side, one a little behind
    _person(pen, 34, 20, 66)
    _person(pen, 64, 6, 70, halo=5)


def _phone(pen: _Pen) -> None:  # a telephone handset with sound waves
    pen.curve([(20, 76), (12, 46), (42, 14), (76, 16)], 17)
    with pen.turned(22, 76, -25):
        pen.box(-14, -8, 30, 20, 8)  # earpiece
    with pen.turned(76, 22, 115):
        pen.box(-16, -12, 30, 20, 8)  # mouthpiece
    pen.arc(46, 48, 22, 0, 90, STROKE)
    pen.arc(46, 48, 38, 0, 90, STROKE)


def _test_small(pen: _Pen) -> None:  # a drop falling on a test strip
    with pen.turned(60, 46, 30):
        pen.frame(-12, -42, 24, 84, 4, 7.5)
        pen.box(-12, -42, 24, 26, 4)  # dipping pad
        pen.box(-6, 2, 12, 8)  # control line
        pen.box(-6, 18, 12, 8)  # test line
    _drop(pen, 22, 48, 10)


def _stay_home(pen: _Pen) -> None:  # a house with a person inside
    pen.box(68, 70, 12, 22)  # chimney
    pen.line([(6, 52), (50, 92), (94, 52)], 10)  # roof
    pen.line([(18, 56), (18, 8), (82, 8), (82, 56)], STROKE)
    _person(pen, 50, 8, 50)


def _medication(pen: _Pen) -> None:  # a pill bottle with a cross on its label, and a capsule
    pen.box(16, 74, 48, 18, 4)  # cap
    pen.box(12, 6, 56, 64, 6)  # bottle
    pen.box(20, 20, 40, 38, 2, knock=True)  # label
    pen.box(35, 24, 10, 30)
    pen.box(25, 34, 30, 10)
    _capsule(pen, 82, 34, 34, 70)


def _plan_ahead(pen: _Pen) -> None:  # a calendar page with one day ticked
    pen.frame(10, 8, 80, 76, 6)
    pen.box(10, 62, 80, 22, 6)  # header band
    for x in (28, 72):
        pen.box(x - 8, 68, 16, 30, 6, knock=True)
        pen.box(x - 4.5, 72, 9, 24, 4.5)
    for x, y in ((22, 38), (44, 38), (66, 38), (22, 18), (44, 18)):
        pen.box(x, y, 12, 12)
    pen.line([(64, 27), (70, 20), (82, 35)], 7.5)


def _support(pen: _Pen) -> None:  # a heart held in an open hand
    _heart(pen, 58, 66, 30)
    pen.box(4, 8, 16, 36, 3)  # sleeve
    pen.blob((20, 42), [(34, 40, 50, 34, 78, 34), (88, 34, 96, 38, 96, 28), (96, 16, 80, 10, 20, 10)])
    pen.line([(26, 38), (34, 52)], 12)  # thumb


def _rights(pen: _Pen) -> None:  # the scales of justice
    pen.box(46, 12, 8, 72)  # pillar
    pen.box(28, 6, 44, 10, 3)  # foot
    pen.box(10, 74, 80, 8, 4)  # beam
    pen.disc(50, 86, 7)
    for cx in (20, 80):
        pen.line([(cx - 14, 42), (cx, 76), (cx + 14, 42)], 7.5)
        pen.blob((cx - 18, 42), [(cx - 16, 26, cx + 16, 26, cx + 18, 42)])


def _no_mixing(pen: _Pen) -> None:  # a wine glass and a pill, under a prohibition sign
    pen.blob((14, 64), [(14, 44, 20, 38, 30, 38), (40, 38, 46, 44, 46, 64)])  # bowl
    pen.box(26, 20, 8, 20)  # stem
    pen.box(18, 16, 24, 7, 3)  # foot
    _capsule(pen, 68, 62, 40, -45)
    _no(pen)


def _breathing(pen: _Pen) -> None:  # a pair of lungs with the windpipe
    lobe = [(20, 84, 42, 74, 44, 40), (46, 20, 40, 6, 26, 8), (14, 10, 10, 14, 10, 24)]  # x from the middle
    for side in (-1, 1):
        curves = [[50 + side * v if k % 2 == 0 else v for k, v in enumerate(c)] for c in lobe]
        pen.blob((50 + side * 10, 70), curves)
    branches = [(50, 96), (50, 58), (34, 42)], [(50, 58), (66, 42)]
    for points in branches:
        pen.line(points, 18, knock=True)
    for points in branches:
        pen.line(points, 9)


def _naloxone_nasal(pen: _Pen) -> None:  # a nasal spray in a nostril, a thumb on its plunger
    pen.box(12.4, 0, 27.2, 17)  # the neck, down to the edge
    with pen.turned(26, 16, 0, 0.8):
        _head(pen)
    with pen.turned(55, 59, 22, 0.76):  # the hand: fingers round the far side, thumb under
        pen.box(8, -72, 30, 44, 12, knock=True)
        pen.box(12, -68, 22, 36, 9)  # fingers
        _spray(pen, halo=5)
        _spray(pen)
        pen.box(-13, -58, 26, 5, knock=True)
        pen.box(-11, -69, 30, 11, 5.5)  # the thumb, on the plunger


def _naloxone_injection(pen: _Pen) -> None:  # someone seated, a syringe going into the thigh
    pen.disc(20, 89, 9)  # head
    pen.box(8, 36, 25, 42, 10)  # trunk
    pen.blob(  # the leg, in trousers, from the side
        (26, 28),
        [
            (14, 28, 8, 34, 8, 44),  # seat
            (8, 54, 14, 60, 24, 60),  # hip
            (40, 60, 64, 58, 82, 56),  # top of the thigh
            (92, 55, 96, 50, 96, 42),  # knee
            (96, 34, 92, 28, 90, 18),  # shin
            (84, 18, 80, 18, 72, 18),  # trouser hem
            (70, 24, 66, 30, 68, 36),  # calf
            (50, 32, 36, 28, 26, 28),  # under the thigh
        ],
    )
    pen.blob((70, 4), [(70, 10, 72, 14, 76, 14), (80, 14, 86, 14, 90, 12), (96, 10, 98, 8, 98, 4)])  # shoe
    with pen.turned(58, 71, -90, 0.6):  # the needle into the thigh, the rest parted from it by paper
        pen.box(-45, -21, 59, 42, 6, knock=True)
        _syringe(pen)


def _rescue_breath(pen: _Pen) -> None:  # a head tilted back, chin up, air going into the mouth
    shoulders = [(6, 14, 12, 24, 28, 24), (52, 24, 52, 24, 60, 24), (72, 24, 76, 14, 76, 0)]
    pen.blob((6, 0), shoulders)
    with pen.turned(48, 10, 36, 0.74):
        _head(pen)
    pen.line([(95, 87), (85, 75)], STROKE)  # the breath
    pen.shape([(75, 62), (92, 67), (80, 80)])


def _recovery_position(pen: _Pen) -> None:  # on the side, top knee forward, a hand under the cheek
    # The floor is seen a little from above, so what is nearer is lower: the hand and the knee
    # are in front of the body, the straight lower leg behind it.
    pen.line([(38, 50), (62, 48)], 24)  # body
    pen.line([(64, 52), (93, 52)], 12)  # lower leg, straight
    upper_leg = [(62, 44), (76, 32), (93, 34)]
    pen.line(upper_leg, 22, knock=True)
    pen.line([(4, 22), (96, 22)], 7.5)  # floor
    pen.line(upper_leg, 12)  # upper leg, the knee forward on the floor
    pen.line([(42, 44), (42, 32), (12, 32)], 11)  # upper arm, the hand under the cheek
    pen.disc(17, 52, 17, knock=True)
    pen.disc(17, 52, 14)  # head


def _not_in_mouth(pen: _Pen) -> None:  # a head in profile with a wrap at its lips, under a prohibition sign
    with pen.turned(40, 36, 0, 0.56):
        _head(pen)
    pen.disc(69, 57, 10, knock=True)
    pen.disc(69, 57, 6.5)  # the wrap
    pen.shape([(70, 51), (70, 63), (81, 60), (81, 54)])  # its twisted end
    _no(pen)


def _start_low(pen: _Pen) -> None:  # a small capsule, and an hourglass: a little, then wait
    _capsule(pen, 22, 24, 34, 60)
    pen.box(50, 84, 44, 9, 3)  # top of the hourglass
    pen.box(50, 7, 44, 9, 3)  # bottom
    pen.line([(58, 84), (58, 74), (69, 50), (58, 26), (58, 16)], 7.5)
    pen.line([(86, 84), (86, 74), (75, 50), (86, 26), (86, 16)], 7.5)
    pen.shape([(63, 72), (81, 72), (72, 58)])  # sand left above
    pen.shape([(61, 16), (83, 16), (72, 34)])  # sand fallen below


def _cash(pen: _Pen) -> None:  # a banknote and a stack of coins: pay at the time
    pen.box(4, 40, 74, 48, 5)  # banknote
    pen.disc(41, 64, 14, knock=True)
    pen.disc(41, 64, 7)
    pen.box(50, 2, 48, 50, 9, knock=True)
    for y in (6, 20, 34):
        pen.box(55, y, 39, 9, 4.5)  # coins


def _daily_limit(pen: _Pen) -> None:  # a dose box, one compartment a day, the first one open
    pen.box(4, 12, 92, 52, 8)
    for divider in (27.0, 50.0, 73.0):
        pen.box(divider - 3.5, 12, 7, 64, knock=True)
        pen.box(divider + 3.5, 68, 16, 10, 3)  # the closed lid to its right
    for middle in (15.5, 38.5, 61.5, 84.5):
        pen.disc(middle, 36, 7, knock=True)  # the day's dose
    with pen.turned(9, 68, 40):
        pen.box(0, 0, 20, 9, 3)  # the first lid, open


def _supply_alert(pen: _Pen) -> None:  # a warning triangle with an exclamation mark
    corners = [(50, 90), (7, 12), (93, 12)]
    pen.shape(corners)
    pen.line([*corners, corners[0]], 8)  # rounds the corners
    pen.line([(50, 66), (50, 40)], 11, knock=True)
    pen.disc(50, 25, 6.5, knock=True)


def _drug_checking(pen: _Pen) -> None:  # a laboratory flask with a sample in it
    pen.line([(40, 88), (40, 62), (13, 12), (87, 12), (60, 62), (60, 88)], 8)
    pen.box(31, 84, 38, 10, 5)  # rim
    pen.shape([(28, 40), (72, 40), (87, 12), (13, 12)])  # the sample
    pen.disc(40, 24, 5.5, knock=True)  # bubbles
    pen.disc(59, 29, 5, knock=True)
    pen.disc(50, 52, 5)


def _wound_care(pen: _Pen) -> None:  # an adhesive plaster across the icon
    with pen.turned(50, 50, 40):
        pen.box(-48, -18, 96, 36, 18)
        pen.box(-21, -18, 42, 36, knock=True)
        pen.box(-14, -11, 28, 22, 3)  # the pad


def _supplies(pen: _Pen) -> None:  # three boxes stacked: a stock at home
    for x, y in ((6, 6), (52, 6), (29, 50)):
        pen.box(x, y, 42, 38, 3)
        pen.box(x, y + 26, 42, 5, knock=True)  # the lid's edge
        pen.box(x + 16, y + 31, 10, 7, knock=True)  # tape


def _vaccination(pen: _Pen) -> None:  # a shield with a syringe on it: protection by a jab
    pen.blob(
        (10, 84),
        [
            (30, 86, 40, 90, 50, 97),
            (60, 90, 70, 86, 90, 84),
            (90, 40, 80, 18, 50, 3),
            (20, 18, 10, 40, 10, 84),
        ],
    )
    with pen.turned(50, 50, -45, 0.72):
        _syringe(pen, knock=True)


def _watch_signs(pen: _Pen) -> None:  # an open eye with a tiny pupil: look for the signs
    pen.blob((3, 50), [(22, 92, 78, 92, 97, 50), (78, 8, 22, 8, 3, 50)])
    pen.disc(50, 50, 21, knock=True)
    pen.disc(50, 50, 14)
    pen.disc(50, 50, 5, knock=True)


def _stay_with(pen: _Pen) -> None:  # two people together, and a clock: stay for a while
    _person(pen, 24, 4, 56)
    _person(pen, 52, 4, 50, halo=4)
    pen.disc(76, 74, 22, knock=True)
    pen.ring(76, 74, 17, 7.5)
    pen.line([(76, 82), (76, 74), (84, 70)], 7)


def _no_crowds(pen: _Pen) -> None:  # three people close together, under a prohibition sign
    _person(pen, 31, 24, 42)
    _person(pen, 69, 24, 42)
    _person(pen, 50, 12, 48, halo=4)
    _no(pen)


ICONS: dict[str, Callable[[_Pen], None]] = {
    "hand-washing": _hand_washing,
    "no-sharing": _no_sharing,
    "mask": _mask,
    "distance": _distance,
    "wipe": _wipe,
    "naloxone": _naloxone,
    "not-alone": _not_alone,
    "phone": _phone,
    "test-small": _test_small,
    "stay-home": _stay_home,
    "medication": _medication,
    "plan-ahead": _plan_ahead,
    "support": _support,
    "rights": _rights,
    "no-mixing": _no_mixing,
    "breathing": _breathing,
    "naloxone-nasal": _naloxone_nasal,
    "naloxone-injection": _naloxone_injection,
    "rescue-breath": _rescue_breath,
    "recovery-position": _recovery_position,
    "not-in-mouth": _not_in_mouth,
    "start-low": _start_low,
    "cash": _cash,
    "daily-limit": _daily_limit,
    "supply-alert": _supply_alert,
    "drug-checking": _drug_checking,
    "wound-care": _wound_care,
    "supplies": _supplies,
    "vaccination": _vaccination,
    "watch-signs": _watch_signs,
    "stay-with": _stay_with,
    "no-crowds": _no_crowds,
}


def _icon(name: str) -> Callable[[_Pen], None]:
    try:
        return ICONS[name]
    except KeyError:
        raise KeyError(f"no pictogram called {name!r}; known: {', '.join(ICONS)}") from None


# A number with three or more decimals (ReportLab writes up to four for a curve's points).
_FINE_NUMBER = re.compile(r"-?\d*\.\d{3,}")


_KEPT_PRECISE = (" cm", " rg", " RG", " k", " K", " g", " G")


def _hundredth(match: re.Match[str]) -> str:
    text = hundredths(float(match[0]))
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text  # ".5", no leading zero


def _to_hundredths(code: list[str], start: int) -> None:
    """Round the path coordinates written from `code[start]` on to a hundredth of a grid
    unit (1/10,000 of the icon: under 0.003 pt at any size a leaflet prints), which keeps a
    tip set's icons about 0.2 KB smaller in every leaflet.  Colours keep their precision, and
    so do transformation matrices (a turned frame's error would grow with its distance)."""
    for index in range(start, len(code)):
        if not code[index].endswith(_KEPT_PRECISE):
            code[index] = _FINE_NUMBER.sub(_hundredth, code[index])


# An icon's operators, by name and colours: drawn in the icon's own units after the move and
# scale to its box, they are the same wherever and at whatever size it is drawn, so a process
# (a batch worker, a build of several formats) draws each icon once.
_DRAWN: dict[tuple[str, RGB, RGB], tuple[str, ...]] = {}


def forget_drawn() -> None:
    """Forget every icon drawn so far: for measuring a fresh leaflet."""
    _DRAWN.clear()


def draw_pictogram(canvas: Canvas, name: str, x: float, y: float, size: float, ink: RGB, paper: RGB) -> None:
    """Draw icon `name` in a size x size square, lower-left corner at (x, y), in `ink` and `paper` only."""
    icon = _icon(name)
    canvas.saveState()
    try:
        canvas.translate(x, y)
        canvas.scale(size / 100, size / 100)
        canvas.setLineCap(1)  # round
        canvas.setLineJoin(1)
        key = (name, ink, paper)
        drawn = _DRAWN.get(key)
        if drawn is None:
            start = len(canvas._code)
            icon(_Pen(canvas, ink, paper))
            _to_hundredths(canvas._code, start)
            # Only operators: the pen changes nothing else that outlives restoreState below.
            _DRAWN[key] = tuple(canvas._code[start:])
        else:
            canvas._code.extend(drawn)
    finally:
        canvas.restoreState()


class Pictogram(Flowable):  # type: ignore[misc]
    """An icon as a platypus flowable, size x size points."""

    role = "Figure"  # in a tagged PDF (its alternative text is the tip's headline: `tipblock.py`)

    def __init__(self, name: str, size: float, ink: RGB, paper: RGB) -> None:
        super().__init__()
        _icon(name)
        self.name, self.size, self.ink, self.paper = name, size, ink, paper

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_pictogram(self.canv, self.name, 0, 0, self.size, self.ink, self.paper)


# The icon sheet: four columns of cells, each the icon at 20 mm and at 9 mm over its name.
# The rows share 256 mm of the page, each at most 60 mm tall, so every icon fits on one page
# (eight rows of 32 mm hold 32 icons; a row needs 30 mm for the large icon and its name).
SHEET_LARGE = 20 * mm
SHEET_SMALL = 9 * mm
SHEET_COLUMNS = 4
SHEET_CELL_WIDTH = 45 * mm
SHEET_ROWS_HEIGHT = 256 * mm
SHEET_CELL_HEIGHT = 60 * mm  # the most a row takes
SHEET_ORIGIN = (15 * mm, A4[1] - 25 * mm)  # top left of the first cell
LABEL_SIZE = 8.0
Box = tuple[float, float, float]  # x, y, size


def icon_sheet_positions() -> dict[str, tuple[Box, Box]]:
    """Where each icon sits on the sheet, in points: (large, small) boxes."""
    rows = math.ceil(len(ICONS) / SHEET_COLUMNS)
    height = min(SHEET_CELL_HEIGHT, SHEET_ROWS_HEIGHT / rows)
    positions = {}
    for i, name in enumerate(ICONS):
        left = SHEET_ORIGIN[0] + (i % SHEET_COLUMNS) * SHEET_CELL_WIDTH
        top = SHEET_ORIGIN[1] - (i // SHEET_COLUMNS) * height
        large = (left + 4 * mm, top - 4 * mm - SHEET_LARGE, SHEET_LARGE)
        small = (left + 30 * mm, top - 4 * mm - SHEET_SMALL, SHEET_SMALL)
        positions[name] = (large, small)
    return positions


def icon_sheet(buffer: IO[bytes], ink: RGB, paper: RGB, label_font: str | None = None) -> None:
    """A one-page A4 PDF showing every icon at 20 mm and at 9 mm with its name underneath, in a grid.

    Into a buffer only: files are written by hrleaflet.output, atomically and with the umask's mode.
    """
    if label_font is None:
        from hrleaflet.render.text.fonts import families_for

        label_font = families_for("en")[0].regular.reportlab.fontName
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFillColorRGB(*paper)
    canvas.rect(0, 0, A4[0], A4[1], stroke=0, fill=1)
    for name, boxes in icon_sheet_positions().items():
        for x, y, size in boxes:
            draw_pictogram(canvas, name, x, y, size, ink, paper)
        canvas.setFillColorRGB(*ink)
        canvas.setFont(label_font, LABEL_SIZE)
        canvas.drawString(boxes[0][0], boxes[0][1] - 4 * mm, name)
    canvas.showPage()
    canvas.save()


def icon_sheet_paths(out: Path, modes: Sequence[str]) -> list[Path]:
    """Where the sheets for `modes` go: `icons-<mode>.pdf` in a folder, or the file named
    (given `.pdf` if it lacks it), with `-<mode>` added when there is more than one."""
    if out.is_dir():
        return [out / f"icons-{mode}.pdf" for mode in modes]
    if out.suffix.lower() != ".pdf":
        out = out.with_name(f"{out.name}.pdf")
    if len(modes) == 1:
        return [out]
    return [out.with_name(f"{out.stem}-{mode}.pdf") for mode in modes]


def write_icon_sheets(out: Path, modes: Sequence[str]) -> list[Path]:
    """One icon sheet per mode (colour, bw), each in that mode's ink and paper."""
    import io

    from hrleaflet.output import write_atomically
    from hrleaflet.render.themes import THEMES

    paths = icon_sheet_paths(out, modes)
    for mode, path in zip(modes, paths, strict=True):
        theme = THEMES[mode]
        buffer = io.BytesIO()
        icon_sheet(buffer, theme.accent, theme.paper)
        write_atomically(path, buffer.getvalue())
    return paths
