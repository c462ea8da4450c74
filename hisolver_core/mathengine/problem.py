"""Read a problem statement: its math pieces, its wording, its options.

The text is split into math segments (``$...$``, ``\\[...\\]``, or plain-text
runs such as ``2x + 3 = 7``) and the words around them, where each segment is
replaced by a placeholder ``⟦k⟧``. Solvers match the words against phrasings
they understand and decline when words they do not understand remain: that
vocabulary gate is what keeps word problems from being answered from their
numbers alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rewrite import NUMBER_WORDS, ordinal_terms, words_to_numbers
from .table_layouts import figures_unread
from .tex import arrays_as_cases
from .words import spoken_fractions

__all__ = ["Problem", "analyze", "top_level_split", "parse_options", "strip_format", "STRICT_WORDS"]

_LATEX_MATH = re.compile(
    r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\\((.+?)\\\)|\$(.+?)\$|\\begin\{(?:align|equation|eqnarray)\*?\}(.+?)\\end\{(?:align|equation|eqnarray)\*?\}",
    re.S,
)
_FIGURE = re.compile(r"\[asy\]|\\includegraphics", re.I)
_TABLE_ENV = re.compile(r"\\begin\{(?:tabular|array)\}")
_FORMAT_SENTENCE = re.compile(
    r"(?:\(\s*)?\b(?:express|give|write|enter|round|leave|simplify)\s+(?:your|the|all|each)\s+answers?\b[^.?!]*[.?!]?\)?"
    r"|\byour answer (?:should|must) have an integer denominator\s*[.?!]?",  # rationalise: kept in ``raw``
    re.I,
)
# sentences and phrases that only say how to work ("Use mental math to", "Check your answer."): dropped
_INSTRUCTION = re.compile(
    r"\b(?:use|using) (?:mental math|a calculator|a number line|estimation)"
    r"(?:(?:,| or|, or) (?:paper and pencil|mental math|a calculator))*(?: to\b|\s*[.?!])"
    r"|\bcheck your answers?\s*[.?!]?|\buse the (?:expression|equation) below to answer the question\s*[.?!]"
    r"|(?:^|(?<=[.?!]\s))(?:simplify|evaluate)\.\s"
    r"|\s*\bfrom the (?:given )?(?:numbers|choices|options)\b",
    re.I,
)
# "the difference of 142.76 – 16.5", "Subtract. 2,396 – 1,709": the words name the operation the math writes out
_ARITHMETIC = r"[-−–\d(][\d\s.,()+\-−–×·*•÷/]*"  # numbers and signs only
_NAMED_OPERATION = re.compile(
    r"\bthe (?P<op>sum|difference|product|quotient) (?:of|for)(?: the expression)? (?P<math>" + _ARITHMETIC + ")"
    r"|(?:^|(?<=[.?!]\s))(?P<verb>add|subtract|multiply|divide)\.\s+(?P<rest>" + _ARITHMETIC + ")",
    re.I,
)
_OPERATION_SIGNS = {"sum": "+", "difference": "-−–", "product": "×·*(•", "quotient": "÷/", "add": "+"}
_OPERATION_SIGNS |= {"subtract": "-−–", "multiply": "×·*(•", "divide": "÷/"}


def _named_operations(text: str) -> str:
    def drop(m: re.Match) -> str:
        op = (m.group("op") or m.group("verb")).lower()
        math = (m.group("math") or m.group("rest")).rstrip(" ,.")
        if not any(c in math[1:] for c in _OPERATION_SIGNS[op]):
            return m.group()
        if op in ("difference", "subtract"):
            math = re.sub(r"(?<=[\d)])\s*[–−]\s*(?=[\d(])", " - ", math)  # the dash between numbers is the minus
        return math + m.group()[len(m.group().rstrip(" ,.")) :]

    return _NAMED_OPERATION.sub(drop, text)


# how to list several answers: "If there are multiple solutions, order them from least to greatest, separated by
# commas." / "find all values of x and list them from least to greatest"
_LIST_FORMAT = re.compile(
    r"(?:\bif there (?:is|are) (?:more than one|multiple|several|two or more) (?:solutions?|answers?|values?),?\s*)?"
    r"(?:,?\s*\band\s+)?\b(?:list|order|enter|write|give|put)\s+"
    r"(?:them|all (?:of )?(?:the )?(?:solutions|values|answers|roots))\b[^.?!]*?"
    r"(?:least to greatest|greatest to least|smallest to largest|largest to smallest|increasing order|"
    r"decreasing order|separated by commas?(?:\s?\(s\))?)[^.?!]*[.?!]?|,?\s*\bseparated by commas?(?:\s?\(s\))?",
    re.I,
)
_AS_FORM = re.compile(
    r"\b(?:expressed|written|write it|express it)?\s*(?:as|in) (?:a |an )?(?:common fraction|improper fraction|fraction"
    r"|decimal|integer"
    r"|whole number|"
    r"mixed number|simplest (?:radical )?form|lowest terms)\b",
    re.I,
)
_ROUND = re.compile(
    r"(?:nearest|to the)\s+(whole number|integer|whole|tenth|hundredth|thousandth|dollar|cent|percent"
    r"|one decimal place|two decimal places|ten thousand|hundred thousand|thousand|hundred|ten)s?\b",
    re.I,
)
_ROUND_PLACES = {
    "whole number": 0,
    "integer": 0,
    "whole": 0,
    "dollar": 0,
    "percent": 0,
    "tenth": 1,
    "hundredth": 2,
    "cent": 2,
    "thousandth": 3,
    "one decimal place": 1,
    "two decimal places": 2,
    "ten": -1,
    "hundred": -2,
    "thousand": -3,
    "ten thousand": -4,
    "hundred thousand": -5,
}
_OPTION_SPLIT = re.compile(r"(?:^|\s|;|,)\(?([A-Ea-e])\s*[).:]\s*")
_MATHY = re.compile(r"^[\d.+\-*/^()\[\]=<>≤≥√²³×÷·%|!a-zA-Z]+$")
_TWO_LETTER_WORDS = {
    "is",
    "of",
    "to",
    "in",
    "an",
    "or",
    "if",
    "be",
    "as",
    "at",
    "by",
    "it",
    "on",
    "no",
    "so",
    "up",
    "we",
    "he",
    "me",
    "my",
    "do",
    "go",
    "us",
    "am",
    "ok",
    "rs",
    "km",
    "cm",
    "mm",
    "kg",
    "hr",
    "th",
    "nd",
    "st",
    "rd",
}
_OPERATOR = re.compile(r"[+\-*/^=<>≤≥√²³×÷·%|]")

# Words that only say what to do with the math; anything else is "content".
STRICT_WORDS = frozenset(
    """
    what whats is are was be the a an of value values evaluate compute calculate find determine simplify solve
    for if then and expand factor completely fully expression expressions equation equations system
    given that such to in form simplest result write express all possible real number numbers solution
    solutions root roots where when let suppose assume which equal equals equivalent with constant constants
    satisfies satisfy satisfying true this these it its exact exactly answer your as single fraction common
    decimal rational denominator following by on at nonzero some certain following statement following
    do does following below above us following or unknown variable variables following reduce reduced
    lowest terms term following rewrite rewritten following represent represents product quotient
    define defined operation denote denotes function functions above below shown inequalities inequality
    note complex imaginary unit expresses expressed correctly polynomial ordered pair simplified assuming radical
    makes make condition conditions
    """.split()
)


@dataclass
class Problem:
    """A problem statement cut into math segments and wording."""

    raw: str
    text: str
    math: list[str]
    options: list[tuple[str, str]] = field(default_factory=list)
    rounding: int | None = None
    form: str | None = None
    has_figure: bool = False
    latex_delimited: bool = False
    base: int | None = None  # the base the answer is asked in ("Express your answer in base 6")
    # the Context parsed from this problem (see context.context_of): built at most once per problem version
    context_cache: object = field(default=None, init=False, repr=False, compare=False)

    @property
    def words(self) -> list[str]:
        """Lower-case words of the wording (placeholders and punctuation removed)."""
        bare = re.sub(r"⟦\d+⟧", " ", self.text.lower())
        return re.findall(r"[a-z]+(?:'[a-z]+)?", bare.replace("’", "'"))

    @property
    def question(self) -> str:
        """The wording, lower case, placeholders kept, whitespace collapsed."""
        return re.sub(r"\s+", " ", self.text.lower()).strip()

    def unknown_words(self, extra: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """Words outside the strict vocabulary (and ``extra``); numbers outside the math count as unknown."""
        words = [w.replace("'", "") for w in self.words if w.replace("'", "") not in STRICT_WORDS and w not in extra]
        if re.search(r"\d", re.sub(r"⟦\d+⟧", " ", self.text)):
            words.append("<numbers outside the math>")
        return words


def parse_options(options) -> list[tuple[str, str]]:
    """Return ``[(letter, text), ...]`` from a list (``"(A)2"``, ``"A)21"``, ``"2"``) or a string.

    A string such as ``"A) 2 B) 4"`` or ``"(A)2 (B)4"`` is split on its letters;
    unlabeled list items are lettered A, B, C... in order. Returns [] for None.
    """
    if options is None:
        return []
    if isinstance(options, str):
        return _split_option_text(options)
    result = []
    for i, item in enumerate(options):
        text = str(item).strip()
        m = re.match(r"^\(?([A-Ea-e])\s*[).:]\s*(.*)$", text, re.S)
        if m:
            result.append((m.group(1).upper(), m.group(2).strip()))
        else:
            result.append((chr(ord("A") + i), text))
    return result


def _outside_math(text: str, pattern: re.Pattern) -> list[re.Match]:
    """The matches of ``pattern`` in ``text`` except a letter inside ``$...$`` math after an operator.

    ``$(3x + A)(x + B)$`` has no options; ``A) $20 B) $30`` has (its ``$20 B) $`` pairs like math).
    """
    spans = [m.span() for m in _LATEX_MATH.finditer(text)]

    def in_expression(m: re.Match) -> bool:
        before = text[: m.start(1)].rstrip(" (")
        return any(a <= m.start(1) < b for a, b in spans) and before[-1:] in set("+-*/=,^")

    return [m for m in pattern.finditer(text) if not in_expression(m)]


def _split_option_text(text: str) -> list[tuple[str, str]]:
    marks = _outside_math(text, _OPTION_SPLIT)
    letters = [m.group(1).upper() for m in marks]
    if len(marks) < 2 or letters != [chr(ord("A") + i) for i in range(len(marks))]:
        return []
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append((letters[i], text[m.end() : end].strip().rstrip(",;")))
    return out


_FIRST_OPTION = re.compile(r"(?:^|\s)\(?(A)\s*[).]\s*\S")


def _inline_options(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Split trailing ``A) .. B) ..`` options off a problem text (option marks inside math do not count)."""
    first = _outside_math(text, _FIRST_OPTION)
    if not first:
        return text, []
    start = first[0].start()
    opts = _split_option_text(text[start:])
    if len(opts) < 2:
        return text, []
    return text[:start].rstrip(), opts


def _plain_segments(text: str) -> tuple[str, list[str]]:
    """Find plain-text math runs (``2x + 3 = 7``, ``3/4``) and replace them by placeholders."""
    tokens = re.split(r"(\s+)", text)
    spans: list[list[int]] = []
    current: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.isspace() or tok == "":
            continue
        core = _core(tok)
        if core and _MATHY.match(core) and _is_math_token(core, tokens, i) and core == _core(tok.rstrip(".")):
            current.append(i)
            if core != tok:  # punctuation ends the run
                spans.append(current)
                current = []
        else:
            if current:
                spans.append(current)
            current = []
    if current:
        spans.append(current)
    math: list[str] = []
    replace: dict[int, str] = {}
    skip: set[int] = set()
    for span in spans:
        start, end = span[0], span[-1]
        piece = _core("".join(tokens[start : end + 1]))
        trail = tokens[end][len(_core(tokens[end])) :]
        replace[start] = f"⟦{len(math)}⟧{trail}"
        skip.update(range(start + 1, end + 1))
        math.append(piece)
    out = [replace.get(i, t) for i, t in enumerate(tokens) if i not in skip]
    return "".join(out), math


def _core(token: str) -> str:
    """A token without trailing punctuation; ``5!`` keeps its factorial sign."""
    core = token.rstrip(".,;:?")
    return core if re.search(r"\d!+$", core) else core.rstrip("!").rstrip(".,;:?")


def _is_math_token(core: str, tokens: list[str], i: int) -> bool:
    bare = core.strip("()[]")
    if core != bare and (bare == "" or (len(bare) == 1 and bare.isalpha())):
        return True  # "(n" in "10 - (n + 6)", "(" in "-4 + ( -3 )"
    if re.search(r"\d", core) or _OPERATOR.search(core):
        if re.fullmatch(r"[a-zA-Z]+\d*", core) and len(core) > 2:
            return False
        return not re.search(r"[a-zA-Z]{3,}", core) or core.startswith("√")
    if len(core) == 2 and core.isalpha() and core.islower() and core not in _TWO_LETTER_WORDS:
        neighbours = [t for t in tokens[max(0, i - 2) : i + 3 : 2] if t.strip() and t != core]
        return any(_OPERATOR.fullmatch(t.strip(".,?")) for t in neighbours)
    if len(core) == 1 and core.isalpha():
        if core in "aAI":
            neighbours = [t for t in tokens[max(0, i - 2) : i + 3 : 2] if t.strip()]
            return any(_OPERATOR.search(t) for t in neighbours if t != core)
        return True
    return False


def _has_figure(text: str) -> bool:
    """A drawing (``[asy]``, an image), or a ``tabular``/``array`` read as neither a table nor a system."""
    if _FIGURE.search(text):
        return True
    if not _TABLE_ENV.search(text):
        return False
    return figures_unread(text)


_COUNTED = re.compile(
    r"\b(two|three|four) ((?:real |positive |negative |nonzero |distinct )*(?:numbers|integers)) "
    r"(\$[^$]+\$(?:(?:,|,? and) \$[^$]+\$)+)"
)


def _counted_letters(text: str) -> str:
    """ "two real numbers $p>1$ and $q>1$ so that ...": the count is said by the bounded letters that follow
    (dropped when it matches), and "so that" is "such that"."""

    def drop(m: re.Match) -> str:
        named = re.findall(r"\$([^$]+)\$", m.group(3))
        if len(named) != _COUNT_WORDS[m.group(1)] or not all(re.search(r"[<>]|\\[lg]e", n) for n in named):
            return m.group(0)  # "two numbers $x$ and $y$" introduces the numbers: the story readers need the count
        return f"{m.group(2)} {m.group(3)}"

    return re.sub(r"\bso that\b", "such that", _COUNTED.sub(drop, text))


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4}


def analyze(raw: str, options=None) -> Problem:
    """Cut ``raw`` into wording and math segments; attach parsed options."""
    # "$\$$1500": an escaped dollar alone between delimiters is the dollar sign, not math
    text = raw.replace("\\$", "¤").replace("$¤$", "¤").replace("\r", "")
    # "reduced by 25$\%$": a percent sign alone between delimiters belongs to the number before it ($25\%$)
    text = re.sub(r"(?<![\w.$])(\d+(?:,\d{3})*(?:\.\d+)?)\$\s*\\%\s*\$", r"$\1\\%$", text)
    text = _TEXT_NAME.sub(r"\1", arrays_as_cases(text))
    opts = parse_options(options)
    if not opts:
        text, opts = _inline_options(text)
    has_figure = _has_figure(text)
    text = re.sub(r"\[asy\].*?\[/asy\]", " ", text, flags=re.S)
    text, base = _answer_base(text)
    rounding, form = _answer_format(text)
    text = _counted_letters(strip_format(text))
    math: list[str] = []

    def _take(m: re.Match) -> str:
        body = next(g for g in m.groups() if g is not None)
        body = re.sub(r"^\s*[.,;:](?!\d)", "", body)  # AGIEval artefacts: "$$.a=1,052+1.08 t.$$"
        marks = []
        for line in _split_lines(body):
            math.append(line)
            marks.append(f"⟦{len(math) - 1}⟧")
        return " " + " and ".join(marks) + " "

    text = _congruences(_what_number(ordinal_terms(_currency(_plane_words(_domain_note(_tex_prose(text)))))))
    delimited = bool(_LATEX_MATH.search(text))
    if not delimited:
        text = _question_mark_unknown(plain_typography(text))
    if delimited:
        text = _LATEX_MATH.sub(_take, text)
        text = _BARE_NUMBER.sub(lambda m: _take_bare(m, math), text)
        text = _BARE_VARIABLE.sub(lambda m: _take_bare(m, math), text)
        text = _bare_function_names(text, math)
    else:
        text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1 \2", words_to_numbers(text))
        text, math = _plain_segments(text)
    text = re.sub(r"[ \t]+", " ", text.replace("¤", " dollars "))
    text = re.sub(r" ([,.;:?!])", r"\1", text)
    return Problem(
        raw=raw,
        text=text,
        math=math,
        options=opts,
        rounding=rounding,
        form=form,
        has_figure=has_figure,
        latex_delimited=delimited,
        base=base,
    )


_BARE_NUMBER = re.compile(r"(?<![\w⟦.\\/])-?\d+(?:,\d{3})*(?:\.\d+)?(?:/\d+)?%?(?=(?:st|nd|rd|th)\b|[^\w⟧/]|$)")


# "Solve for x: $3x - 4 = 11$": a lone letter named as the unknown outside ``$...$`` is math too
_BARE_VARIABLE = re.compile(
    r"(?:(?<=\bsolve for )|(?<=\bvalue of )|(?<=\bvalues of )|(?<=\bfind )|(?<=\bwhat is )|(?<=\bwhat are ))"
    r"[a-zA-Z](?=\s*(?:[:?.,;]|$|\s(?:if|when|given|in terms|in the (?:equation|equations|expression|system)|such that"
    r"|where|that|satisfies|for which)\b))",
    re.I,
)


_AXIS_WORD = re.compile(r"\$\s*(x\s?y|x|y)\s*\$\s*-\s*(?=(?:plane|axis|intercepts?|coordinates?)\b)")
_PLANE_LETTERS = re.compile(r"\$\s*([a-zA-Z])\s?([a-zA-Z])\s*\$\s*-\s*(?=plane\b)")  # "the $m W$-plane": words
_IN_PLANE = re.compile(r"(?:,\s*)?\bin the (?:standard )?(?:xy|\(x, ?y\))-(?:coordinate )?plane\b,?", re.I)


_LEAD_IN = re.compile(
    r"\b(?:based on|according to|using) (?:the|this) (?:system of equations|system|equations?|model|formula|"
    r"function|inequality|inequalities|estimate)(?: above| below| given)?,\s*(\S)",
    re.I,
)


_DOMAIN_NOTE = re.compile(
    r",?\s*(?:for all (?:positive |nonzero |real )?values of|where) \$\s*[a-z]\s*\$(?:,? and \$\s*[a-z]\s*\$)?"
    r"(?: (?:are|is) (?:nonzero|positive))?(?=\s*[?,.])"
)


def _domain_note(text: str) -> str:
    """ "Which is equivalent to E for all positive values of x and y?": the note only keeps E defined."""
    return _DOMAIN_NOTE.sub(" ", text) if re.search(r"\bequivalent\b", text) else text


BASE_NUMERAL = re.compile(r"(?<![\w.\\])[0-9A-Z]*\d[0-9A-Z]*_(?:\{\s*\d+\s*\}|\d)")  # 333_4, 101_{6}
_B = r"(?:\$\s*\{?\s*(?P<b>\w+)\s*\}?\s*[.,;:?!]?\s*\$|(?P<n>\d+|[a-z]+)\b)"  # a base: "$7$", "7", "seven", "$b$"
_ANSWER_BASE = (  # phrasings that ask for the answer in a base; each is taken out of the wording
    (re.compile(rf"\bconvert (\$[^$]+\$) (?:in)?to base {_B}", re.I), r"What is \1"),
    (re.compile(rf"\bthe base[- ]{_B}(?: equivalent| value)? of\b", re.I), "the value of"),
    (re.compile(rf",?\s*(?:when |if )?(?:it is )?(?:expressed |written |converted )?(?:in|to) base {_B}", re.I), ""),
)


def base_value(m: re.Match) -> int | None:
    """The base a ``_B`` match names (``$7$``, ``7``, ``seven``), or None for another word."""
    word = (m.group("b") or m.group("n") or "").lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _answer_base(text: str) -> tuple[str, int | None]:
    """With numerals in other bases (``333_4``): the wording without the phrases that ask for the answer in a base
    ("in base 10", "Express your answer in base $6$", "Convert ... to base 7"), and that base (None when none is
    asked, or when two different ones are)."""
    if not BASE_NUMERAL.search(text):
        return text, None
    asked: set[int | None] = set()
    out = text
    for pattern, repl in _ANSWER_BASE:

        def take(m: re.Match, repl: str = repl) -> str:
            asked.add(base_value(m))
            return m.expand(repl)

        out = pattern.sub(take, out)
    if None in asked or len(asked) > 1:
        return text, None  # "in base b", or two bases: left in the wording, which then is not understood
    return out, (asked.pop() if asked else None)


def _plane_words(text: str) -> str:
    """``$x$-axis`` and ``$xy$-plane`` are words, not math; "in the xy-plane" and "according to the model," add
    nothing and are dropped."""
    text = _LEAD_IN.sub(lambda m: m.group(1).upper(), text)  # "Based on the system above, what is x?" asks "What is x?"
    text = _AXIS_WORD.sub(lambda m: m.group(1).replace(" ", "") + "-", text)  # AGIEval writes $x y$-plane
    text = _PLANE_LETTERS.sub(lambda m: m.group(1) + m.group(2) + "-", text)
    return _IN_PLANE.sub(" ", text)


def _bare_function_names(text: str, math: list[str]) -> str:
    """ "the graph of f" written without ``$``: a lone letter that the math uses as a function name is math too."""
    names = {n for src in math for n in re.findall(r"(?<![\\a-zA-Z])([a-zA-Z])\s*\(", src)} - {"a", "A", "I"}
    if not names:
        return text
    pattern = re.compile(rf"(?<![\w⟦'’\\-])([{''.join(sorted(names))}])(?![\w⟧'’(-])")
    return pattern.sub(lambda m: _take_bare(m, math), text)


def _take_bare(m: re.Match, math: list[str]) -> str:
    """A number written outside ``$...$`` in a LaTeX problem is still a math segment."""
    math.append(m.group(0))
    return f" ⟦{len(math) - 1}⟧"


_ENV = re.compile(
    r"\\(?:begin|end)\{(?:aligned|align\*?|array|cases|gathered|gather\*?|split|eqnarray\*?)\}(?:\{[lcr|]*\})?"
)


_TEXT_NAME = re.compile(r"\\(?:text|mathrm|operatorname)\s*\{+\s*([A-Za-z])\s*\}+(?=\s*\()")  # \text{{D}}(a, b)
_PIECEWISE = re.compile(r"^\s*\S.{0,40}?=\s*\\begin\{cases\}.*\\end\{cases\}\W*$", re.S)


def _split_lines(body: str) -> list[str]:
    """One segment per line of an ``aligned``/``cases`` block (a system of equations); else the body.

    A definition by cases (``f(x) = \\begin{cases} ... \\end{cases}``) stays one segment.
    """
    text = body.strip()
    if _PIECEWISE.match(text):
        return [text.rstrip(".,; ")]
    if "\\\\" not in text and not _ENV.search(text):
        return _comma_equations(text)
    text = _ENV.sub(" ", text).replace("&", " ")
    lines = [line.strip().rstrip(",;.") for line in re.split(r"\\\\(?:\[[^\]]*\])?", text)]
    return [line for line in lines if line] or [body.strip()]


def top_level_split(text: str, sep: str = ",") -> list[str]:
    """``text`` split at ``sep`` outside brackets and braces."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return parts + [text[start:]]


def _comma_equations(text: str) -> list[str]:
    """``g(0)=-3, g(1)=0``: one segment per equation, and ``f, f(2)=7`` ("for a linear function $f, f(2)=7$") the
    name and its equations; any other text stays whole."""
    spaced = re.sub(r"\\q?quad\b", ",", text).strip().rstrip(".")  # "x=1 \\qquad y=2": a space as the comma
    parts = [p.strip() for p in top_level_split(spaced)]
    named = len(parts) > 1 and re.fullmatch(r"[a-zA-Z]", parts[0]) is not None
    equations = parts[1:] if named else parts
    if len(parts) > 1 and all(p.count("=") == 1 for p in equations):
        if not named or all(re.match(rf"{parts[0]}\s*\(", p) for p in equations):
            return parts
    return [text]


_AMOUNT = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?")
_PROSE_WORD = re.compile(r"(?<![\\a-zA-Z])[a-zA-Z]{3,}\b")


def _currency(text: str) -> str:
    """Drop the ``$`` of dollar amounts (``$25 per month plus $0.10 per text``), keeping math delimiters.

    The signs are read left to right as math delimiters would be; a ``$`` before an amount that is
    not closed as math (``$25$``, ``$8n = 96$``) is currency: what follows up to the next ``$`` is prose.
    """
    if "$" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        if text.startswith("$$", i):  # display math: copied through its closing $$
            close = text.find("$$", i + 2)
            end = len(text) if close < 0 else close + 2
            out.append(text[i:end])
            i = end
            continue
        if text[i] != "$":
            out.append(text[i])
            i += 1
            continue
        close = text.find("$", i + 1)
        amount = _AMOUNT.match(text, i)
        if amount and _is_currency(text, amount.end(), close):
            i += 1  # the sign goes, the amount stays as a number
            continue
        end = len(text) if close < 0 else close + 1
        out.append(text[i:end])
        i = end
    return "".join(out)


def _is_currency(text: str, amount_end: int, close: int) -> bool:
    """True when the amount ending at ``amount_end`` is followed by prose before the next ``$`` (or by none)."""
    if close < 0:
        return True
    between = text[amount_end:close]
    if not between.strip():
        return False  # "$25$" is math
    return bool(_PROSE_WORD.search(between))


_LEADING_DASH = re.compile(r"(?:^|(?<=[\s(\[=]))–(?=\d|\()")  # "–7", "(–3)": a sign
_BETWEEN_DASH = re.compile(r"(?<=[\w)\]])\s*–\s*(?=[\w(\[])")
_THOUSANDS = re.compile(r"(?<![\d,(\[{.])\d{1,3}(?:,\d{3})+(?![\d,])")


_TEX_ORDINAL = re.compile(
    r"\$\s*(\d+|[a-zA-Z])\s*\^\s*\{?\s*(?:\\(?:mathrm|text|textrm|rm)\s*)?\{?\s*(st|nd|rd|th)\s*\}?\s*\}?\s*\$"
)
_TEX_BULLET = re.compile(r"\$\s*\\bullet\s*\$")
_TEX_EMPHASIS = re.compile(r"\$\s*\\(?:emph|textit)\s*\{([^{}$]*)\}\s*\$|\\(?:emph|textit)\s*\{([^{}$]*)\}")


def _tex_prose(text: str) -> str:
    """TeX that is prose: ``$7^{\\mathrm{th}}$`` is "7th", ``$\\bullet$`` starts a list item, ``\\emph{w}`` is w,
    "(mod 7)" is "modulo 7"."""
    text = _TEX_ORDINAL.sub(r"\1\2", text)
    text = re.sub(r"\(\s*mod\s+(\d+)\s*\)", r" modulo \1", text)  # "congruent to 1 (mod 7)"
    text = _TEX_BULLET.sub("\n", text)
    return _TEX_EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or "", text)


def plain_typography(text: str) -> str:
    """Plain-text math as people type it, in the engine's notation.

    ``−`` (U+2212) is a minus; an en dash ``–`` is one when it is a sign (``–7``) or stands in a
    sentence with other math (``10 – (n + 6)``), not in ``grades 4 – 7``; ``2,816`` is 2816 (not
    inside a point or a set); ``40°`` is 40 degrees; ``2 x 7`` is a product; ``13 over 4`` is 13/4 and
    ``3 and 5 over 9`` a mixed number; a trailing ``=`` asks for the value.
    """
    text = text.replace("\u2212", "-")
    text = re.sub(r"(?<=\d)\s*°(?!\s*[CF]\b)", " degrees", text)  # "a 40° angle" (not a temperature, 40°F)

    def sentence(part: str) -> str:
        part = _LEADING_DASH.sub("-", part)
        if "–" in part and re.search(r"[+×÷=*/()^]|\s-\s", part):
            part = _BETWEEN_DASH.sub(" - ", part)
        return part

    text = "".join(sentence(part) for part in re.split(r"(?<=[.?!])(\s+)", text))
    text = _THOUSANDS.sub(lambda m: m.group().replace(",", ""), text)
    text = re.sub(r"(?<=\d) x (?=\d)", " × ", text)
    text = re.sub(r"(?<=[\d)]) ?• ?(?=[\d(])", " · ", text)  # a bullet between numbers is a product
    text = spoken_fractions(text)
    return re.sub(r"\s*=\s*\??\s*$", "", text) if re.search(r"[\d)]\s*=\s*\??\s*$", text) else text


_WHAT_NUMBER = re.compile(r"(?P<a>(?:^|(?<=[.?!]\s))[^.?!]*?\S)\s+what number\s+(?P<b>[^.?!]+)\?\s*$", re.I)


_NUM = r"(?:\$(\d+)\$|(\d+))"
_CONGRUENCES = (
    # "$n$ leaves a remainder of 3 when divided by 7", "$n$ gives a remainder of 3 when it is divided by 7"
    re.compile(rf"\$([a-zA-Z])\$ (?:leaves|gives|has) a remainder of {_NUM} when (?:it is )?divided by {_NUM}"),
    # "$n$ is congruent to 3 modulo 7"
    re.compile(rf"\$([a-zA-Z])\$ is congruent to {_NUM} (?:modulo|mod) {_NUM}"),
)
# "when $n$ is divided by 7, the remainder is 3"
_WHEN_DIVIDED = re.compile(rf"\bwhen \$([a-zA-Z])\$ is divided by {_NUM},? the remainder is {_NUM}", re.I)
# "When a number is divided by 5, the remainder is 3. What is the remainder when twice the number is divided by 5?"
_A_NUMBER = re.compile(
    rf"\b(?P<lead>when |if )?an? (?P<noun>number|integer|positive integer) (?=is divided by {_NUM},? the remainder is"
    rf"|(?:leaves|gives|has) a remainder of {_NUM} when (?:it is )?divided by)",
    re.I,
)
_THE_NUMBER = (
    (r"\btwice the (?:number|integer)\b", "$2n$"),
    (r"\b(\d+|three|four|five) times the (?:number|integer)\b", None),
    (r"\bthe square of the (?:number|integer)\b", "$n^2$"),
    (r"\bthe (?:number|integer)\b", "$n$"),
)
_TIMES_WORDS = {"three": 3, "four": 4, "five": 5}


def _congruences(text: str) -> str:
    """A remainder stated of one letter in words, as the congruence it is: "$n$ leaves a remainder of 3 when
    divided by 7" is $n \\equiv 3 \\pmod{7}$ (the question may then ask the remainder of $2n + 1$). "A number"
    so stated, when the text uses no letter n, is named n and "the number", "twice the number" refer to it."""
    m = _A_NUMBER.search(text)
    if m is not None and len(_A_NUMBER.findall(text)) == 1 and not re.search(r"\bn\b", text):
        rest = text[m.end() :]
        for said, replacement in _THE_NUMBER:
            rest = re.sub(
                said,
                replacement or (lambda k: f"${_TIMES_WORDS.get(k[1].lower(), k[1])}n$"),
                rest,
                flags=re.I,
            )
        text = f"{text[: m.start()]}{m['lead'] or ''}$n$ {rest}"
    for congruence in _CONGRUENCES:
        text = congruence.sub(lambda m: f"${m[1]} \\equiv {m[2] or m[3]} \\pmod{{{m[4] or m[5]}}}$", text)
    return _WHEN_DIVIDED.sub(lambda m: f"${m[1]} \\equiv {m[4] or m[5]} \\pmod{{{m[2] or m[3]}}}$", text)


_WHAT_NUMBER_MUST = re.compile(
    r"(?:^|(?<=[.?!]\s))what number\s+(?P<b>(?:must|should|can|would) be\b[^.?!]+)\?\s*$", re.I
)


def _what_number(text: str) -> str:
    """ "Twice what number is 10?": the number asked is named $n$ and asked for ("Twice $n$ is 10. What is $n$?");
    left alone when the text already uses the letter n or the question opens with "what number"."""
    if re.search(r"\bn\b", text):
        return text
    m = _WHAT_NUMBER.search(text)
    if m is not None:
        return f"{text[: m.start()]}{m.group('a')} $n$ {m.group('b')}. What is $n$?"
    m = _WHAT_NUMBER_MUST.search(text)  # "What number must be added to 5 to get 12?"
    if m is not None:
        return f"{text[: m.start()]}$n$ {m.group('b')}. What is $n$?"
    return text


def _question_mark_unknown(text: str) -> str:
    """``5 + ? = 9`` uses ``?`` for the unknown: name it ``q`` (when q is not already used)."""
    if re.search(r"\bq\b", text) or not re.search(r"[=+\-*/×÷(\[]\s*\?|\?\s*[=+\-*/×÷)\]]", text):
        return text
    # "2/9 = 14/? true": a blank before the words that close the statement
    return re.sub(r"(?<=[=+\-*/×÷(\[\s])\?(?=\s*(?:[=+\-*/×÷)\]]|$)|\s+true\b)", "q", text)


def strip_format(text: str) -> str:
    """Remove sentences and phrases that only say how to format the answer."""
    text = _LIST_FORMAT.sub(" ", _FORMAT_SENTENCE.sub(" ", text))
    text = _named_operations(_INSTRUCTION.sub(" ", text))
    text = re.sub(r"\bidentify\b", "find", text, flags=re.I)
    if _ROUND.search(text):  # "Round $x^2$ to the nearest hundred.": the verb only says how to give the answer
        text = re.sub(r"(^\s*|[.?!]\s+)(?:round|estimate)\b", r"\1Find", text, flags=re.I)
    told, asked = _told_rounding(text)
    asked = re.sub(r"\b(?:rounded |correct )?(?:to )?(?:the )?" + _ROUND.pattern, " ", asked, flags=re.I)
    return _AS_FORM.sub(" ", told + asked)


# "A number rounded to the nearest tenth is 3.4.": a statement about rounding, not how to give the answer
_ROUNDED_FACT = re.compile(
    r"\brounded (?:\w+ )?to the (?:nearest|closest)\b[^.?!]*\b(?:is|was|are|were|gives?)\b", re.I
)


def _told_rounding(text: str) -> tuple[str, str]:
    """The text cut after its last statement that says what a rounding gives (kept whole) and the rest, where
    a rounding phrase only says how to give the answer."""
    cut = end = 0
    for part in re.split(r"(?<=[.?!])(?=\s)", text):
        end += len(part)
        if _ROUNDED_FACT.search(part) and not part.rstrip().endswith("?"):
            cut = end
    return text[:cut], text[cut:]


def _answer_format(text: str) -> tuple[int | None, str | None]:
    rounding = None
    m = _ROUND.search(_told_rounding(text)[1])
    if m:
        rounding = _ROUND_PLACES[m.group(1).lower()]
    low = text.lower()
    form = None
    if "improper fraction" in low:
        return rounding, "common fraction"
    for key in (
        "common fraction",
        "decimal",
        "mixed number",
        "simplest radical form",
        "in terms of",
        "interval notation",
        "integer",
    ):
        if key in low:
            form = key
            break
    return rounding, form
