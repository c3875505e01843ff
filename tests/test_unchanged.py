"""A warm build writes only what changed: a file whose bytes are the live site's is that file, linked.

The unit tests drive :mod:`ashyq.render.unchanged` directly: a file written whole or piece by piece, equal
to its counterpart or differing at its start, middle or end, shorter or longer, a counterpart that is a
link, none at all; and a file of the new site is never written into (it may be the live site's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ashyq.render import unchanged
from ashyq.render.archive import Packed, segment
from ashyq.render.files import write_file

OLD = b"<html>" + b"x" * 5000 + b"</html>\n"


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, Path]:
    live, new = tmp_path / "live", tmp_path / "new"
    (live / "kk").mkdir(parents=True)
    (new / "kk").mkdir(parents=True)
    (live / "kk" / "page.html").write_bytes(OLD)
    return live, new


def _same_file(a: Path, b: Path) -> bool:
    return os.path.samefile(a, b)


def test_a_file_written_whole_is_the_live_one_when_its_bytes_are(sites):
    live, new = sites
    with unchanged.comparing(new, live, ["kk"]):
        write_file(str(new / "kk" / "page.html"), OLD)
        write_file(str(new / "kk" / "other.html"), OLD)  # no counterpart: written
        write_file(str(new / "kk" / "changed.html"), b"new")
    assert _same_file(new / "kk" / "page.html", live / "kk" / "page.html")
    assert (new / "kk" / "other.html").read_bytes() == OLD and (new / "kk" / "other.html").stat().st_nlink == 1
    assert (new / "kk" / "changed.html").read_bytes() == b"new"


def test_nothing_is_compared_outside_the_folders_named_or_the_block(sites):
    live, new = sites
    with unchanged.comparing(new, live, ["ru"]):
        write_file(str(new / "kk" / "page.html"), OLD)
    assert not _same_file(new / "kk" / "page.html", live / "kk" / "page.html")
    (new / "kk" / "page.html").unlink()
    with unchanged.comparing(new, None, ["kk"]):  # a cold build: no live site
        write_file(str(new / "kk" / "page.html"), OLD)
    assert not _same_file(new / "kk" / "page.html", live / "kk" / "page.html")
    assert unchanged.counterpart(str(new / "kk" / "page.html")) is None


@pytest.mark.parametrize("data", [OLD[:-1] + b"?", b"?" + OLD[1:], OLD[:2000] + b"?" + OLD[2001:], OLD[:-5], OLD + b"+",
                                  b""])
def test_a_stream_that_differs_anywhere_is_written_whole(sites, data: bytes):
    live, new = sites
    target = new / "kk" / "page.html"
    with unchanged.comparing(new, live, ["kk"]):
        with unchanged.Stream(str(target)) as out:
            for start in range(0, len(data), 777):
                out.write(data[start:start + 777])
            assert out.tell() == len(data)
            out.close()
    assert target.read_bytes() == data
    assert not _same_file(target, live / "kk" / "page.html")
    assert (live / "kk" / "page.html").read_bytes() == OLD  # the live file is never written into


def test_a_stream_of_the_same_bytes_is_the_live_file(sites):
    live, new = sites
    target = new / "kk" / "page.html"
    with unchanged.comparing(new, live, ["kk"]):
        with unchanged.Stream(str(target)) as out:
            out.writelines([OLD[:10], OLD[10:4000], OLD[4000:]])
            out.close()
    assert _same_file(target, live / "kk" / "page.html")


def test_a_counterpart_that_is_a_link_is_not_followed(sites, tmp_path: Path):
    live, new = sites
    secret = tmp_path / "secret"
    secret.write_bytes(OLD)
    (live / "kk" / "link.html").symlink_to(secret)
    with unchanged.comparing(new, live, ["kk"]):
        write_file(str(new / "kk" / "link.html"), OLD)
        with unchanged.Stream(str(new / "kk" / "streamed.html")) as out:
            out.write(OLD)
            out.close()
    for name in ("link.html", "streamed.html"):
        path = new / "kk" / name
        assert not path.is_symlink() and path.read_bytes() == OLD and not _same_file(path, secret)


def test_a_file_of_the_new_site_is_replaced_never_written_into(sites):
    """A file already at the path (a link of the live site's, say) is replaced: the live file keeps its bytes."""
    live, new = sites
    target = new / "kk" / "page.html"
    os.link(live / "kk" / "page.html", target)
    write_file(str(target), b"changed")
    assert target.read_bytes() == b"changed" and (live / "kk" / "page.html").read_bytes() == OLD
    os.link(live / "kk" / "page.html", new / "kk" / "again.html")
    with unchanged.Stream(str(new / "kk" / "again.html")) as out:
        out.write(b"changed too")
        out.close()
    assert (live / "kk" / "page.html").read_bytes() == OLD


def test_a_file_another_program_wrote_settles_on_the_live_one(sites):
    live, new = sites
    (new / "kk" / "page.html").write_bytes(OLD)
    (new / "kk" / "moved.html").write_bytes(b"other")
    with unchanged.comparing(new, live, ["kk"]):
        assert unchanged.settle(str(new / "kk" / "page.html"))
        assert not unchanged.settle(str(new / "kk" / "moved.html"))
    assert _same_file(new / "kk" / "page.html", live / "kk" / "page.html")


def test_an_open_data_file_that_came_out_the_same_is_the_live_one(sites):
    """The portal-wide data files are written a group of councils at a time (:class:`Packed`): the same parts
    give the live file, one part changed gives a new file with every byte right."""
    live, new = sites
    parts = [b'{"a":1}', b',{"b":2}', b',{"c":3}']
    (live / "data").mkdir()
    (live / "data" / "x.json").write_bytes(b"[" + b"".join(parts) + b"]")
    (new / "data").mkdir()
    with unchanged.comparing(new, live, ["data"]):
        for name, middle in (("x.json", parts[1]), ("y.json", b',{"b":9}')):
            if name == "y.json":
                os.link(live / "data" / "x.json", live / "data" / "y.json")
            with Packed(str(new / "data" / name)) as packed:
                packed.glue(b"[")
                for part in (parts[0], middle, parts[2]):
                    packed.part(part, segment(part))
                packed.glue(b"]")
                packed.close()
    assert _same_file(new / "data" / "x.json", live / "data" / "x.json")
    assert (new / "data" / "y.json").read_bytes() == b'[{"a":1},{"b":9},{"c":3}]'
    assert (live / "data" / "x.json").read_bytes() == b"[" + b"".join(parts) + b"]"
