"""The words and units key facts are read with.

Numbers in words, scales, ordinals and fractions; currencies; time units and months;
units of measure with their dimensions, and conversions between them; the words that
make a figure approximate or a bound, give a date its role, or mark a name.
"""

from __future__ import annotations

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"dozen": 12, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Scale words and abbreviations that may follow a figure: "2.4 billion", "2.4bn", "10k".
# After a figure in German, Spanish, French and Russian copy ("27,5 Milliarden", "2.400 millones", "2 milliards",
# "3 млн"); not German "Billion", which is a million million and would read as English.
MULTIPLIERS_ABROAD = {
    "tausend": 1e3, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
    "billionen": 1e12, "millón": 1e6, "millones": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
    "тыс": 1e3, "млн": 1e6, "млрд": 1e9,
    "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
}  # fmt: skip
MULTIPLIERS = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    # Chinese and Japanese: "25万" is 250,000, "10.3亿" 1.03 billion, "3.2万亿" and "3.2兆" 3.2 trillion.
    "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "万亿": 1e12, "兆": 1e12,
} | MULTIPLIERS_ABROAD  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
FRACTIONS = {"half": 50.0, "halves": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0}
SYMBOLS = {
    "US$": "USD", "A$": "AUD", "C$": "CAD", "NZ$": "NZD", "HK$": "HKD", "$": "USD", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₹": "INR", "₸": "KZT", "₽": "RUB",
}  # fmt: skip
CODES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "KZT", "RUB", "PKR", "CHF", "AUD", "CAD", "NZD", "HKD",
    "NOK", "SEK", "DKK", "ISK", "PLN", "CZK", "HUF", "UAH", "ZAR", "NGN", "KES", "BRL", "MXN", "KRW", "SGD",
)  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "tenge": "KZT", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "рублей": "RUB", "рубля": "RUB", "рубль": "RUB", "dólares": "USD",
}  # fmt: skip
TIME_UNITS = {
    "second": "second", "sec": "second", "secs": "second", "minute": "minute", "min": "minute",
    "mins": "minute", "hour": "hour", "hr": "hour", "hrs": "hour", "day": "day", "week": "week",
    "wk": "week", "wks": "week", "fortnight": "fortnight", "month": "month", "year": "year",
    "yr": "year", "yrs": "year", "decade": "decade", "century": "century",
    "centuries": "century", "millennium": "millennium", "millennia": "millennium",
}  # fmt: skip
DAYS_PER_UNIT = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "fortnight": 14.0, "month": 365.25 / 12, "year": 365.25, "decade": 3652.5,
    "century": 36525.0, "millennium": 365250.0,
}  # fmt: skip
MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, 1)} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
# Months as German, Spanish, French and Russian dates write them after the day ("7. Dezember 2026",
# "7 de diciembre de 2026", "7 décembre 2026", "7 декабря 2026 г."). Not French "mars": "2 Mars rovers".
MONTHS_ABROAD = {
    name: n
    for names in (
        "januar februar märz april mai juni juli august september oktober november dezember",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "janvier février - avril mai juin juillet août septembre octobre novembre décembre",
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    )
    for n, name in enumerate(names.split(), 1)
    if name != "-"
}
# Months as Arabic and Hindi write them, after the day or before the year ("٦ مارس ٢٠٢٦", "6 मार्च 2026",
# "मार्च 2026"): Arabic's names of Egypt and the Gulf, of the Levant and Iraq ("آذار", "كانون الثاني") and of the
# Maghreb, with and without the hamza; Hindi's, spelt with and without the nukta.  A month's names are split by "/".
MONTHS_ARABIC_HINDI = {
    name: n
    for names in (
        "يناير/كانون الثاني/جانفي, فبراير/شباط/فيفري, مارس/آذار/اذار, أبريل/إبريل/ابريل/نيسان/أفريل/افريل,"
        " مايو/أيار/ايار/ماي, يونيو/يونيه/حزيران/جوان, يوليو/يوليه/تموز/يوليوز/جويلية, أغسطس/اغسطس/آب/أوت/غشت,"
        " سبتمبر/أيلول/ايلول/شتنبر, أكتوبر/اكتوبر/تشرين الأول/تشرين الاول, نوفمبر/تشرين الثاني/نونبر,"
        " ديسمبر/كانون الأول/كانون الاول/دجنبر",
        "जनवरी, फ़रवरी/फ़रवरी/फरवरी, मार्च, अप्रैल/अप्रेल, मई, जून, जुलाई, अगस्त, सितंबर/सितम्बर,"
        " अक्टूबर/अक्तूबर, नवंबर/नवम्बर, दिसंबर/दिसम्बर",
    )
    for n, month in enumerate(names.split(","), 1)
    for name in month.strip().split("/")
}
MONTHS_ABROAD |= MONTHS_ARABIC_HINDI

# Units of measure: symbol -> (dimension, factor to the dimension's base unit).
# Temperatures convert apart (an offset, and a change of 1 °C is a change of 1.8 °F).
UNIT_INFO: dict[str, tuple[str, float]] = {
    "mm": ("length", 1e-3), "cm": ("length", 1e-2), "m": ("length", 1.0), "km": ("length", 1e3),
    "in": ("length", 0.0254), "ft": ("length", 0.3048), "yd": ("length", 0.9144),
    "mi": ("length", 1609.344), "nmi": ("length", 1852.0),
    "m²": ("area", 1.0), "km²": ("area", 1e6), "ha": ("area", 1e4), "acre": ("area", 4046.8564224),
    "mi²": ("area", 2589988.110336), "ft²": ("area", 0.09290304),
    "mL": ("volume", 1e-6), "L": ("volume", 1e-3), "m³": ("volume", 1.0), "km³": ("volume", 1e9),
    "gal": ("volume", 3.785411784e-3), "bbl": ("volume", 0.158987294928),
    "mg": ("mass", 1e-6), "g": ("mass", 1e-3), "kg": ("mass", 1.0), "t": ("mass", 1e3),
    "ton": ("mass", 1e3), "lb": ("mass", 0.45359237), "oz": ("mass", 0.028349523125),
    "kt": ("mass", 1e6), "Mt": ("mass", 1e9), "Gt": ("mass", 1e12),
    "tC": ("carbon", 1e3), "MtC": ("carbon", 1e9), "GtC": ("carbon", 1e12), "PgC": ("carbon", 1e12),
    "°C": ("temperature", 1.0), "°F": ("temperature", 1.0), "°": ("temperature", 1.0), "K": ("temperature", 1.0),
    "ppm": ("concentration", 1e-6), "ppb": ("concentration", 1e-9), "ppt": ("concentration", 1e-12),
    "J": ("energy", 1.0), "kJ": ("energy", 1e3), "MJ": ("energy", 1e6), "GJ": ("energy", 1e9),
    "TJ": ("energy", 1e12), "PJ": ("energy", 1e15), "EJ": ("energy", 1e18), "ZJ": ("energy", 1e21),
    "Wh": ("energy", 3.6e3), "kWh": ("energy", 3.6e6), "MWh": ("energy", 3.6e9),
    "GWh": ("energy", 3.6e12), "TWh": ("energy", 3.6e15),
    "W": ("power", 1.0), "kW": ("power", 1e3), "MW": ("power", 1e6), "GW": ("power", 1e9), "TW": ("power", 1e12),
    "W/m²": ("flux", 1.0),
    "m/s": ("speed", 1.0), "km/h": ("speed", 1 / 3.6), "mph": ("speed", 0.44704), "kn": ("speed", 0.514444),
    "Pa": ("pressure", 1.0), "hPa": ("pressure", 1e2), "kPa": ("pressure", 1e3), "mbar": ("pressure", 1e2),
    "atm": ("pressure", 101325.0),
}  # fmt: skip
# Units whose names are used loosely: "tons" are metric or short (907 kg) tons.
UNIT_SLACK = {"ton": 0.1}

_METRIC = {"milli": "m", "centi": "c", "kilo": "k"}


def _metric_unit_names() -> dict[str, str]:
    """The names of metres and litres, with their prefixes and powers: "kilometres" -> "km"."""
    names: dict[str, str] = {}
    for name, symbol in (("metre", "m"), ("meter", "m")):
        names[name] = names[name + "s"] = symbol
        for prefix, short in _METRIC.items():
            names[prefix + name] = names[prefix + name + "s"] = short + symbol
        for power, sign in (("square ", "²"), ("sq ", "²"), ("sq. ", "²"), ("cubic ", "³")):
            names[power + name] = names[power + name + "s"] = "m" + sign
            names[power + "kilo" + name] = names[power + "kilo" + name + "s"] = "km" + sign
    for name, symbol in (("litre", "L"), ("liter", "L")):
        names[name] = names[name + "s"] = symbol
        names["milli" + name] = names["milli" + name + "s"] = "mL"
    return names


# Built in a function so that its loop variables do not leak into the module's names.
UNIT_NAMES: dict[str, str] = _metric_unit_names()
UNIT_NAMES.update(
    {
        "inch": "in", "inches": "in", "foot": "ft", "feet": "ft", "yard": "yd", "yards": "yd",
        "mile": "mi", "miles": "mi", "nautical mile": "nmi", "nautical miles": "nmi",
        "square mile": "mi²", "square miles": "mi²", "sq mi": "mi²", "square feet": "ft²",
        "square foot": "ft²", "hectare": "ha", "hectares": "ha", "acre": "acre", "acres": "acre",
        "gallon": "gal", "gallons": "gal", "barrel": "bbl", "barrels": "bbl",
        "milligram": "mg", "milligrams": "mg", "gram": "g", "grams": "g", "kilogram": "kg",
        "kilograms": "kg", "kilogramme": "kg", "kilogrammes": "kg", "kilo": "kg", "kilos": "kg",
        "tonne": "t", "tonnes": "t", "metric ton": "t", "metric tons": "t", "ton": "ton", "tons": "ton",
        "pounds of": "lb", "ounce": "oz", "ounces": "oz", "kilotonne": "kt", "kilotonnes": "kt",
        "kilotons": "kt", "megatonne": "Mt", "megatonnes": "Mt", "megaton": "Mt", "megatons": "Mt",
        "gigatonne": "Gt", "gigatonnes": "Gt", "gigaton": "Gt", "gigatons": "Gt",
        "gigatonnes of carbon": "GtC", "gigatons of carbon": "GtC", "petagrams of carbon": "PgC",
        "degree celsius": "°C", "degrees celsius": "°C", "degree centigrade": "°C",
        "degrees centigrade": "°C", "degree fahrenheit": "°F", "degrees fahrenheit": "°F",
        "degrees c": "°C", "degree c": "°C", "degrees f": "°F", "degree f": "°F", "celsius": "°C",
        "fahrenheit": "°F", "kelvin": "K", "kelvins": "K", "degree": "°", "degrees": "°",
        "parts per million": "ppm", "parts per billion": "ppb", "parts per trillion": "ppt",
        "joule": "J", "joules": "J", "kilojoules": "kJ", "megajoules": "MJ", "gigajoules": "GJ",
        "terajoules": "TJ", "petajoules": "PJ", "exajoules": "EJ", "zettajoules": "ZJ",
        "watt-hours": "Wh", "kilowatt-hour": "kWh", "kilowatt-hours": "kWh", "kilowatt hour": "kWh",
        "kilowatt hours": "kWh", "megawatt-hours": "MWh", "megawatt hours": "MWh",
        "gigawatt-hours": "GWh", "gigawatt hours": "GWh", "terawatt-hours": "TWh", "terawatt hours": "TWh",
        "watt": "W", "watts": "W", "kilowatt": "kW", "kilowatts": "kW", "megawatt": "MW",
        "megawatts": "MW", "gigawatt": "GW", "gigawatts": "GW", "terawatt": "TW", "terawatts": "TW",
        "watts per square metre": "W/m²", "watts per square meter": "W/m²",
        "kilometres per hour": "km/h", "kilometers per hour": "km/h", "miles per hour": "mph",
        "metres per second": "m/s", "meters per second": "m/s", "knot": "kn", "knots": "kn",
        "pascal": "Pa", "pascals": "Pa", "hectopascals": "hPa", "millibar": "mbar", "millibars": "mbar",
    }
)  # fmt: skip
UNIT_SYMBOLS: dict[str, str] = {
    "mm": "mm", "cm": "cm", "m": "m", "km": "km", "ft": "ft", "yd": "yd", "mi": "mi",
    "km²": "km²", "km2": "km²", "m²": "m²", "m2": "m²", "sq km": "km²", "sq. km": "km²", "ha": "ha",
    "mL": "mL", "ml": "mL", "L": "L", "m³": "m³", "m3": "m³", "km³": "km³", "km3": "km³",
    "gal": "gal", "bbl": "bbl", "mg": "mg", "g": "g", "kg": "kg", "t": "t", "lb": "lb", "lbs": "lb",
    "oz": "oz", "kt": "kt", "Mt": "Mt", "Gt": "Gt", "tC": "tC", "MtC": "MtC", "GtC": "GtC",
    "Pg C": "PgC", "PgC": "PgC", "Gt C": "GtC",
    "°C": "°C", "° C": "°C", "ºC": "°C", "℃": "°C", "°F": "°F", "° F": "°F", "ºF": "°F", "℉": "°F",
    "°": "°", "º": "°", "ppm": "ppm", "ppmv": "ppm", "ppb": "ppb", "ppbv": "ppb",
    "J": "J", "kJ": "kJ", "MJ": "MJ", "GJ": "GJ", "TJ": "TJ", "PJ": "PJ", "EJ": "EJ", "ZJ": "ZJ",
    "Wh": "Wh", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh",
    "W": "W", "kW": "kW", "MW": "MW", "GW": "GW", "TW": "TW",
    "W/m2": "W/m²", "W/m²": "W/m²", "W m−2": "W/m²", "W m-2": "W/m²", "W·m−2": "W/m²",
    "m/s": "m/s", "km/h": "km/h", "kph": "km/h", "mph": "mph", "kn": "kn",
    "Pa": "Pa", "hPa": "hPa", "kPa": "kPa", "mb": "mbar", "mbar": "mbar", "atm": "atm",
}  # fmt: skip

# Words before a figure that make it approximate, or a bound, and what they make it.  Words that say what kind
# of figure it is are none of these: "an average of", "a median of" or "an estimated" 51,000 is 51,000 exactly.
APPROX = {
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "approx.": "~", "approx": "~",
    "some": "~", "circa": "~", "ca.": "~", "c.": "~", "on the order of": "~", "of the order of": "~",
    "~": "~", "≈": "~",
    "nearly": "~<", "almost": "~<", "close to": "~<", "just under": "~<", "just below": "~<",
    "just over": "~>", "just above": "~>", "slightly more than": "~>", "slightly over": "~>",
    "more than": ">", "over": ">", "above": ">", "greater than": ">", "higher than": ">",
    "in excess of": ">", "exceeding": ">", "at least": ">", "no less than": ">",
    "not less than": ">", "well over": ">", "well above": ">", "as little as": ">",
    "upwards of": ">", "beyond": ">", ">": ">", "≥": ">", ">=": ">",
    "less than": "<", "under": "<", "below": "<", "fewer than": "<", "lower than": "<",
    "up to": "<", "at most": "<", "no more than": "<", "not more than": "<", "as many as": "<",
    "as much as": "<", "as high as": "<", "as large as": "<", "well below": "<", "well under": "<",
    "<": "<", "≤": "<", "<=": "<",
}  # fmt: skip
APPROX_AFTER = {
    "or more": ">", "or higher": ">", "or greater": ">", "or above": ">", "or over": ">",
    "and above": ">", "and over": ">", "and up": ">", "or so": "~", "or less": "<", "or fewer": "<",
    "or lower": "<", "and below": "<", "+": ">",
}  # fmt: skip
DATE_PREPOSITIONS = frozenset(
    "in since from by until till to between and of during before after circa c around about year "
    "early late mid ad ce bc bce through".split()
)
# Words after which a month's name alone dates what the sentence says: "in November", "last March", "by September".
MONTH_BEFORE = frozenset(
    "in since from by until till through during before after between of last next this for".split()
)
# "May" is a name as well as a month ("Theresa May").  After "by" it is the person when a past participle stands
# just before, an agent's: "a deal struck by May", "talks chaired by May", "was backed by May"; not after "be" or
# "have" ("must be paid by May", "had risen by May"), nor a participle of a change or a deadline ("rose", "doubled",
# "expected by May").  After "for" it is the person after a word for what befalls or backs someone ("a blow for
# May", "support for May"), the month after any other ("scheduled for May", "figures for May").  After a conjunction
# ("after", "since", ...) it is the person when a verb follows (``patterns.SUBJECT_VERB``: "after May said").
AGENT_PARTICIPLES = frozenset(
    "struck led held made won given taken written chosen drawn shown told sent brought sought beaten spoken "
    "overseen undertaken".split()
)
TIMING_PARTICIPLES = frozenset(
    "expected needed required scheduled planned completed finished finalised finalized doubled tripled halved "
    "ended closed opened reopened peaked".split()
)
PERSON_BEFORE_FOR = frozenset(
    "blow boost setback victory win defeat headache test trouble problem problems challenge support backing "
    "sympathy praise embarrassment humiliation relief triumph disaster news vote votes".split()
)
# Capitalised words that may stand before a figure without making it part of a name.
NOT_NAMES = frozenset(
    """a an the and or but nor yet so of in on at by for with within without to into onto from
    after before during since until till through throughout across among between per via like
    unlike including excluding about around nearly almost roughly approximately some over under
    above below beyond more less fewer than only just even still also then now today yesterday
    tomorrow last next first past another other such what which who whose why how when where
    while if as because although though whereas once unless whether both either neither each
    every any all half most many several few these those this that its it their there here we
    they he she i you our his her my your is are was were be been being has have had will would
    could should may might must can do does did not no total exactly precisely up down top
    estimated approx circa ca average record almost barely nearly another additional some""".split()
)
NAME_SUFFIXES = frozenset(
    "street st avenue ave road rd lane boulevard blvd drive way place square court terrace highway".split()
)
# Words that carry no meaning of their own for telling two figures apart.
STOPWORDS = (
    frozenset(
        """a an the and or but nor yet so of in on at by for with within without to into onto from
    after before during since until till through throughout across among between per via like
    about around nearly almost roughly approximately some over under above below beyond more less
    fewer than only just even still also then now is are was were be been being has have had will
    would could should may might must can do does did not no it its this that these those there
    their they them he she his her we our us you your i my me which who whom whose what when where
    why how while if as because although though whereas once unless whether both either neither
    each every any all most many several few such other another same than very much well up down
    out off again further here own s t said says say according approx estimated average total
    per cent percent percentage points point times fold number numbers figure figures one ones
    year years month months day days week weeks decade decades time times age ago a.m p.m am pm
    utc gmt last past next recent recently previous current currently""".split()
    )
    | frozenset(SMALL)
    | frozenset(SCALES)
    | frozenset(MONTHS)
)

# Words before "over" and a duration that make it a bound ("for over two years", "took over
# a decade"); elsewhere "over two years" is the period something happened across.
LASTING = frozenset(
    "for of in after within than took take takes taking lasted last lasts lasting spent spend spends "
    "spanning is was were are be been being aged well".split()
)
# A tally is two counts of one contest: the votes for and against ("passed on a 9-2 vote", "voted 52-48"),
# or a game's score ("won 3-1").  Words that name the contest just before the counts ...
TALLY_BEFORE = frozenset(
    "vote votes voted voting ballot ruled ruling passed approved rejected adopted confirmed defeated split "
    "tally margin score scoreline result won win wins winning lost lose loses losing beat beats beaten beating "
    "defeat defeats drew draw draws drawn tied tie ties led lead leads leading trail trails trailed trailing "
    "edged finished ended".split()
)
# ... or just after them ("a 5-4 decision", "a 3-1 home win", "a 9-2 party-line vote").
TALLY_AFTER = (
    "vote votes ballot decision ruling verdict majority margin win wins victory defeat loss lead score "
    "scoreline draw tie split tally result record triumph rout".split()
)
APPROX_SKIP = frozenset("about around roughly approximately some nearly almost ~ ≈".split())
DATE_SKIP = frozenset("the early mid late about around circa c. ca. approximately roughly - ‐ ‑".split())
CHANGE_SKIP = frozenset(
    "by of about around some nearly almost roughly approximately a an the only just over further $ € £ ¥ ~ ≈".split()
)
CHANGE_SKIP_PAIRS = frozenset(
    ["more than", "less than", "at least", "a further", "on average", "by up to", "as much as", "us $"]
)
ROLES = {"since": "start", "from": "start", "starting": "start", "beginning": "start", "until": "end",
          "till": "end", "through": "end", "by": "by", "before": "by", "pre": "by", "up": "by",
          "after": "after", "post": "after", "following": "after"}  # fmt: skip


def convertible(kind: str | None, a: str | None, b: str | None) -> bool:
    if kind == "measure":
        return (
            a in UNIT_INFO
            and b in UNIT_INFO
            and UNIT_INFO[a][0] == UNIT_INFO[b][0]
            and UNIT_INFO[a][0] != "temperature"
        )
    if kind == "duration":
        return a in DAYS_PER_UNIT and b in DAYS_PER_UNIT
    return a == b


def convert(kind: str | None, value: float, a: str | None, b: str | None) -> float | None:
    if a == b:
        return value
    if a is None or b is None:  # no unit converts to or from none
        return None
    if kind == "measure" and convertible(kind, a, b):
        return value * UNIT_INFO[a][1] / UNIT_INFO[b][1]
    if kind == "duration" and convertible(kind, a, b):
        return value * DAYS_PER_UNIT[a] / DAYS_PER_UNIT[b]
    return None
