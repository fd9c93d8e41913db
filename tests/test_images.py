"""Bundle images (bridges.images): resized to a few widths, without EXIF, GPS or XMP metadata,
served with srcset and loading="lazy", alt text required."""
from __future__ import annotations

import hashlib
import io

import pytest
from PIL import ExifTags, Image

from bridges.pipeline import prepare
from bridges.outputs.images import WIDTHS, process
from bridges.model.problems import ContentError
from conftest import gps_jpeg


def assert_no_metadata(data: bytes, name: str = "") -> None:
    image = Image.open(io.BytesIO(data))
    assert not image.getexif(), name
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo), name
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Description"} & set(image.info), (name, image.info.keys())
    for marker in (b"Exif\x00\x00", b"TestCam", b"xmpmeta", b"GPSLatitude"):
        assert marker not in data, (name, marker)


def test_the_sample_photo_does_carry_gps_data():
    data = gps_jpeg(400, 300)
    gps = Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert gps[ExifTags.GPS.GPSLatitudeRef] == "N" and b"xmpmeta" in data


def test_a_photo_is_resized_and_stripped(tmp_path):
    source = tmp_path / "market.jpg"
    source.write_bytes(gps_jpeg(2400, 1600))
    web = process(source, "images/market.jpg", tmp_path / "cache")
    assert [variant.width for variant in web.variants] == list(WIDTHS)
    assert [variant.name for variant in web.variants] == ["images/market-480.jpg", "images/market-960.jpg",
                                                          "images/market-1600.jpg"]
    assert (web.width, web.height) == (1600, 1067)
    for variant in web.variants:
        data = variant.path.read_bytes()
        assert_no_metadata(data, variant.name)
        assert Image.open(io.BytesIO(data)).size == (variant.width, variant.height)
    assert web.files()["images/market.jpg"] == web.variants[-1].path
    assert web.srcset("../") == ("../images/market-480.jpg 480w, ../images/market-960.jpg 960w, "
                                 "../images/market-1600.jpg 1600w")


def test_the_camera_orientation_is_applied_before_the_tag_goes(tmp_path):
    source = tmp_path / "portrait.jpg"
    source.write_bytes(gps_jpeg(1200, 800, orientation=6))  # stored landscape, shown turned a quarter
    web = process(source, "images/portrait.jpg", tmp_path / "cache")
    assert (web.width, web.height) == (800, 1200)
    assert [variant.width for variant in web.variants] == [480, 800]


def test_a_small_png_keeps_its_size_and_loses_its_text(tmp_path):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Description", "taken at home, 12 rue des Lilas")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS</x:xmpmeta>")
    source = tmp_path / "logo.png"
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(source, pnginfo=info)
    web = process(source, "images/logo.png", tmp_path / "cache")
    assert [(variant.width, variant.height) for variant in web.variants] == [(300, 200)]
    data = web.variants[0].path.read_bytes()
    assert_no_metadata(data)
    assert b"rue des Lilas" not in data and Image.open(io.BytesIO(data)).mode == "RGBA"


def test_copies_are_cached_by_the_original_hash(tmp_path):
    source = tmp_path / "a.jpg"
    source.write_bytes(gps_jpeg(1000, 500))
    first = process(source, "images/a.jpg", tmp_path / "cache")
    stamps = [variant.path.stat().st_mtime_ns for variant in first.variants]
    second = process(source, "images/a.jpg", tmp_path / "cache")
    assert second == first and [variant.path.stat().st_mtime_ns for variant in second.variants] == stamps


def test_a_build_stops_on_an_image_without_alt_text(repo, tmp_path):
    folder = repo.story()
    (folder / "images").mkdir()
    (folder / "images" / "cover.jpg").write_bytes(gps_jpeg(600, 400))
    meta = folder / "meta.yml"
    meta.write_text(meta.read_text().replace("year: 2019", "year: 2019\nimages:\n  - {id: cover, file: images/cover.jpg}"))
    with pytest.raises(ContentError) as error:
        prepare(repo.root, tmp_path / "docs")
    assert "image_alt.cover: the image 'cover' has no alternative text in 'en'" in str(error.value)
    assert not (tmp_path / "docs" / "case-studies").exists()


# --- in the shared build ---------------------------------------------------------------------

def test_published_images_have_widths_and_no_metadata(site_build):
    folder = site_build.site / "case-studies" / "photo-story" / "images"
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["market-1600.jpg", "market-480.jpg", "market-960.jpg", "market.jpg"]
    original = (site_build.root / "content/case_studies/photo-story/images/market.jpg").read_bytes()
    for path in folder.iterdir():
        data = path.read_bytes()
        assert hashlib.sha256(data).digest() != hashlib.sha256(original).digest()
        assert_no_metadata(data, path.name)
    assert Image.open(folder / "market.jpg").size == (1600, 1200)
    # Nowhere in the site is the original published.
    digest = hashlib.sha256(original).hexdigest()
    assert not any(hashlib.sha256(path.read_bytes()).hexdigest() == digest
                   for path in site_build.site.rglob("*.jpg"))


def test_item_pages_show_the_figure_with_srcset_lazy_loading_and_alt_in_the_page_language(site_build):
    english = (site_build.site / "case-studies/photo-story/index.html").read_text(encoding="utf-8")
    assert ('<img src="./images/market.jpg" srcset="./images/market-480.jpg 480w, ./images/market-960.jpg 960w, '
            './images/market-1600.jpg 1600w"') in english
    assert 'width="1600" height="1200" alt="Vegetables piled on a market stall"' in english
    assert "<figcaption>Photo: Amina K.</figcaption>" in english
    french = (site_build.site / "fr/case-studies/photo-story/index.html").read_text(encoding="utf-8")
    assert 'srcset="../../../case-studies/photo-story/images/market-480.jpg 480w' in french
    assert 'alt="Des légumes empilés sur un étal"' in french
    # Every image in every page's content loads lazily, the Markdown ones included.
    for page in (english, french):
        body = page[page.index("<article"): page.index("</article>")]
        images = [tag for tag in body.split("<img ")[1:]]
        assert len(images) == 2 and all('loading="lazy"' in tag.split(">")[0] for tag in images)
