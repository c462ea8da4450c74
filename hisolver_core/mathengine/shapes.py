"""The shape vocabulary, kept as data: each shape's measures (with the words that name them) and the
formulas between them, written in SymPy syntax over the measures' names.

The geometry reader (:mod:`.geometry`) binds the numbers of a problem to these measures, adds a
shape's formulas as relations and lets the program solver find the asked measure. A formula that
names a measure nothing else mentions is left out (it would only define that measure).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Shape", "SHAPES", "POLYGON_SIDES", "UNIT_WORDS"]


@dataclass(frozen=True)
class Shape:
    """A kind of figure: the words naming it, its measures (name -> words) and formulas."""

    words: tuple[str, ...]
    measures: dict[str, tuple[str, ...]]
    formulas: tuple[str, ...]
    integer: tuple[str, ...] = ()  # measures that are whole numbers (a polygon's number of sides)
    # (word, relation): a relation that holds when the text says the word ("isosceles": two equal legs)
    conditions: tuple[tuple[str, str], ...] = ()


_CIRCLE = {
    "radius": ("radius", "radii"),
    "diameter": ("diameter",),
    "circumference": ("circumference",),
}

# a trapezoid's two bases are its parallel sides; "one base" and "the other base" are the two
_TRAPEZOID = {
    "bases": ("bases", "parallel sides", "bases of lengths", "bases of length"),
    "base_a": ("one base", "one of the bases", "one of its bases", "shorter base", "smaller base"),
    "base_b": ("other base", "second base", "longer base", "larger base"),
    "height": ("height", "altitude"),
    "median": ("median", "midsegment", "midline")
    + tuple(f"segment {verb} the midpoints of the legs" for verb in ("joining", "connecting")),
    "area": ("area",),
    "perimeter": ("perimeter",),
}
# base_a is the shorter base when the text calls one base the shorter or the longer
_TRAPEZOID_ORDER = tuple((w, "base_a < base_b") for w in ("shorter", "smaller", "longer", "larger"))
_TRAPEZOID_FORMULAS = ("area = (base_a + base_b)*height/2", "median = (base_a + base_b)/2", "area = median*height")

SHAPES: dict[str, Shape] = {
    "square": Shape(
        ("square",),
        {"side": ("side", "sides", "side length", "edge"), "perimeter": ("perimeter",), "area": ("area",)}
        | {"diagonal": ("diagonal",)},
        ("perimeter = 4*side", "area = side**2", "diagonal = sqrt(2)*side"),
    ),
    "rectangle": Shape(
        ("rectangle", "rectangular"),
        {
            "length": ("length", "long"),
            "width": ("width", "wide"),
            "perimeter": ("perimeter",),
            "area": ("area",),
            "diagonal": ("diagonal",),
        },
        ("perimeter = 2*(length + width)", "area = length*width", "diagonal**2 = length**2 + width**2"),
    ),
    "rhombus": Shape(
        ("rhombus",),
        {
            "side": ("side", "side length"),
            "perimeter": ("perimeter",),
            "area": ("area",),
            "diagonals_ab": ("diagonals", "diagonals of lengths"),
            "diagonal": ("one diagonal", "one of its diagonals", "a diagonal"),
        },
        ("perimeter = 4*side", "area = diagonal*diagonal_b/2", "4*side**2 = diagonal**2 + diagonal_b**2"),
    ),
    "circle": Shape(
        ("circle", "circular"),
        _CIRCLE | {"area": ("area",)},
        ("diameter = 2*radius", "circumference = 2*pi*radius", "area = pi*radius**2"),
    ),
    "right triangle": Shape(
        ("right triangle",),
        {
            "legs": ("legs", "leg lengths", "legs of lengths"),
            "leg_a": ("leg", "one leg", "one of the legs", "one of its legs"),
            "leg_b": ("other leg",),
            "legs_sum": ("sum of the legs", "sum of the lengths of the legs", "sum of the lengths of the two legs"),
            "hypotenuse": ("hypotenuse",),
            "area": ("area",),
            "perimeter": ("perimeter",),
            "altitude": ("altitude to the hypotenuse",),
            "median": ("median to the hypotenuse",),
        },
        (
            "hypotenuse**2 = leg_a**2 + leg_b**2",
            "median = hypotenuse/2",
            "area = leg_a*leg_b/2",
            "perimeter = leg_a + leg_b + hypotenuse",
            "altitude*hypotenuse = leg_a*leg_b",
            "legs_sum = leg_a + leg_b",
        ),
        conditions=(("isosceles", "leg_a = leg_b"),),
    ),
    # the 30-60-90 triangle, named so by the reader (its digits are a name, not numbers): half an
    # equilateral triangle, so the hypotenuse is twice the shorter leg and the longer leg sqrt(3) times it
    "30-60-90 triangle": Shape(
        ("thirtysixtyninety triangle", "thirtysixtyninety right triangle"),
        {
            "short_leg": ("shorter leg", "short leg", "smaller leg", "shortest side"),
            "long_leg": ("longer leg", "long leg", "larger leg"),
            "hypotenuse": ("hypotenuse", "longest side"),
            "legs_sum": ("sum of the legs", "sum of the lengths of the legs", "sum of the lengths of the two legs"),
            "area": ("area",),
            "perimeter": ("perimeter",),
        },
        (
            "hypotenuse = 2*short_leg",
            "long_leg = sqrt(3)*short_leg",
            "area = short_leg*long_leg/2",
            "perimeter = short_leg + long_leg + hypotenuse",
            "legs_sum = short_leg + long_leg",
        ),
    ),
    "equilateral triangle": Shape(
        ("equilateral triangle",),
        {"side": ("side", "side length"), "perimeter": ("perimeter",), "area": ("area",)}
        | {"altitude": ("altitude", "height")},
        ("perimeter = 3*side", "area = sqrt(3)*side**2/4", "altitude = sqrt(3)*side/2"),
    ),
    "triangle": Shape(
        ("triangle",),
        {
            "sides": ("sides", "side lengths"),
            "perimeter": ("perimeter",),
            "area": ("area",),
            "circumradius": ("circumradius",),
            "base": ("base",),
            "height": ("height", "altitude", "altitude to the base", "height to the base"),
            "angles": ("angles", "interior angles", "angle measures"),
            "angle_c": ("third angle", "remaining angle", "third interior angle"),
        },
        (
            "area = base*height/2",
            "angle_a + angle_b + angle_c = 180",
            "perimeter = side_a + side_b + side_c",
            "16*area**2 = (side_a + side_b + side_c)*(-side_a + side_b + side_c)*(side_a - side_b + side_c)"
            "*(side_a + side_b - side_c)",
            "4*area*circumradius = side_a*side_b*side_c",
        ),
    ),
    "trapezoid": Shape(
        ("trapezoid",),
        _TRAPEZOID | {"legs": ("legs", "nonparallel sides", "legs of lengths")},
        _TRAPEZOID_FORMULAS + ("perimeter = base_a + base_b + leg_a + leg_b",),
        conditions=_TRAPEZOID_ORDER,
    ),
    # both legs equal: the height, the leg and half the difference of the bases make a right triangle;
    # the two acute angles are equal, and each is supplementary to an obtuse one
    "isosceles trapezoid": Shape(
        ("isosceles trapezoid",),
        _TRAPEZOID
        | {
            "leg": ("legs", "leg", "each leg", "legs of length", "nonparallel sides"),
            "sides": ("sides", "side lengths"),  # all four: see geometry's _trapezoid_sides
            "acute_angle": ("acute angle", "acute angles", "smallest angle", "smallest interior angle"),
            "obtuse_angle": ("obtuse angle", "obtuse angles", "largest angle", "largest interior angle"),
        },
        _TRAPEZOID_FORMULAS
        + (
            "perimeter = base_a + base_b + 2*leg",
            "4*leg**2 = 4*height**2 + (base_b - base_a)**2",
            "acute_angle + obtuse_angle = 180",
        ),
        conditions=_TRAPEZOID_ORDER,
    ),
    "cube": Shape(
        ("cube", "cubic"),
        {
            "edge": ("edge", "edge length", "side", "side length"),
            "volume": ("volume",),
            "surface_area": ("surface area", "total surface area"),
            "diagonal": ("diagonal",),
        },
        ("volume = edge**3", "surface_area = 6*edge**2", "diagonal = sqrt(3)*edge"),
    ),
    "box": Shape(
        ("box", "rectangular prism", "rectangular box", "rectangular solid"),
        {
            "length": ("length", "long"),
            "width": ("width", "wide"),
            "height": ("height", "high", "tall", "deep", "depth"),
            "volume": ("volume",),
            "surface_area": ("surface area", "total surface area"),
        },
        ("volume = length*width*height", "surface_area = 2*(length*width + length*height + width*height)"),
    ),
    "cylinder": Shape(
        ("cylinder", "cylindrical", "right circular cylinder"),
        _CIRCLE
        | {
            "height": ("height", "high", "tall"),
            "volume": ("volume",),
            "lateral_area": ("lateral surface area", "lateral area"),
            "surface_area": ("surface area", "total surface area"),
        },
        (
            "diameter = 2*radius",
            "circumference = 2*pi*radius",
            "volume = pi*radius**2*height",
            "lateral_area = 2*pi*radius*height",
            "surface_area = 2*pi*radius*height + 2*pi*radius**2",
        ),
    ),
    "sphere": Shape(
        ("sphere", "spherical"),
        _CIRCLE | {"volume": ("volume",), "surface_area": ("surface area",)},
        ("diameter = 2*radius", "volume = 4*pi*radius**3/3", "surface_area = 4*pi*radius**2"),
    ),
    "cone": Shape(
        ("cone", "right circular cone"),
        _CIRCLE | {"height": ("height", "tall", "high"), "volume": ("volume",), "slant": ("slant height",)},
        ("diameter = 2*radius", "volume = pi*radius**2*height/3", "slant**2 = radius**2 + height**2"),
    ),
    "square pyramid": Shape(
        ("square pyramid", "right square pyramid"),
        {"base_edge": ("base edge", "base edges", "base has edges"), "height": ("height",), "volume": ("volume",)},
        ("volume = base_edge**2*height/3",),
    ),
    "polygon": Shape(
        ("polygon",),
        {
            "n_sides": ("number of sides", "sides"),
            "angle_sum": ("sum of the interior angles", "sum of the measures of the interior angles"),
            "diagonals": ("diagonals", "distinct diagonals", "interior diagonals"),
            "interior_angle": ("interior angle", "interior angles", "each interior angle"),
            "exterior_angle": ("exterior angle", "exterior angles", "each exterior angle"),
        },
        (
            "angle_sum = 180*(n_sides - 2)",
            "diagonals = n_sides*(n_sides - 3)/2",
            "interior_angle = 180*(n_sides - 2)/n_sides",
            "exterior_angle = 360/n_sides",
        ),
        integer=("n_sides", "diagonals"),
    ),
    # one angle and the angles that make it up to a right angle or a straight angle; the word "angle" names
    # this shape only when no figure is named ("an angle of a triangle" is the triangle's)
    "angle": Shape(
        ("angle",),
        {
            "measure": ("measure", "measures", "measuring"),
            "complement": ("complement", "complementary angle"),
            "supplement": ("supplement", "supplementary angle"),
        },
        ("complement = 90 - measure", "supplement = 180 - measure"),
    ),
}

# the polygons named by their number of sides
POLYGON_SIDES = {
    "pentagon": 5,
    "hexagon": 6,
    "heptagon": 7,
    "octagon": 8,
    "nonagon": 9,
    "decagon": 10,
    "dodecagon": 12,
}

# length units (singular); square/cubic forms read as the same unit
UNIT_WORDS = {
    "unit": "unit",
    "units": "unit",
    "inch": "inch",
    "inches": "inch",
    "in": "inch",
    "foot": "foot",
    "feet": "foot",
    "ft": "foot",
    "cm": "cm",
    "centimeter": "cm",
    "centimeters": "cm",
    "meter": "m",
    "meters": "m",
    "m": "m",
    "mm": "mm",
    "millimeters": "mm",
    "decimeters": "dm",
    "yard": "yard",
    "yards": "yard",
    "mile": "mile",
    "miles": "mile",
    "kilometers": "km",
    "km": "km",
    "degree": "degree",
    "degrees": "degree",
}
