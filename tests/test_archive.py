"""The open data's ZIP (render/archive.py): zipfile's bytes, and entries copied from the previous archive."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path

import pytest

from ashyq.render import archive
from ashyq.render.archive import write_archive


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, list[str]]:
    data = tmp_path / "data"
    (data / "councils").mkdir(parents=True)
    for i in range(3):
        (data / "councils" / f"c{i}.json").write_text(
            '{"items":[' + ",".join(f'{{"id":"c{i}/{j}","name":"Кеңес {j * i}"}}' for j in range(2000)) + "]}",
            encoding="utf-8")
    (data / "members.csv").write_bytes("\ufeffcouncil,name\r\nc0,Әлия\r\n".encode() * 500)
    (data / "жоба.json").write_text("{}", encoding="utf-8")  # a name zipfile marks as UTF-8
    return data, sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file())


def _zipfile_bytes(path: Path, data: Path, names: list[str]) -> bytes:
    """What the data step wrote before, with zipfile."""
    with zipfile.ZipFile(path, "w") as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, (data / name).read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return path.read_bytes()


def test_the_archive_is_what_zipfile_writes(folder, tmp_path: Path):
    data, names = folder
    write_archive(tmp_path / "ours.zip", data, names)
    assert (tmp_path / "ours.zip").read_bytes() == _zipfile_bytes(tmp_path / "theirs.zip", data, names)


def test_unchanged_files_are_copied_compressed_from_the_previous_archive(folder, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    data, names = folder
    monkeypatch.setattr(archive, "LEVEL", 1)  # the previous archive's entries are told apart by their level
    write_archive(tmp_path / "previous.zip", data, names)
    monkeypatch.setattr(archive, "LEVEL", 6)
    (data / "councils" / "c2.json").write_text('{"items":[]}', encoding="utf-8")  # changed since
    write_archive(tmp_path / "new.zip", data, names, tmp_path / "previous.zip",
                  {"councils/c0.json", "councils/c2.json"})
    write_archive(tmp_path / "fresh.zip", data, names)
    before, new, fresh = (zipfile.ZipFile(tmp_path / f"{n}.zip") for n in ("previous", "new", "fresh"))
    assert new.testzip() is None and new.namelist() == names
    assert all(new.read(n) == (data / n).read_bytes() for n in names)
    size = {n: (before.getinfo(n).compress_size, new.getinfo(n).compress_size, fresh.getinfo(n).compress_size)
            for n in names}
    assert size["councils/c0.json"][1] == size["councils/c0.json"][0] != size["councils/c0.json"][2]  # copied
    assert size["councils/c1.json"][1] == size["councils/c1.json"][2]  # not brought over: deflated anew
    assert size["councils/c2.json"][1] == size["councils/c2.json"][2]  # its CRC differs: deflated anew


def test_a_previous_archive_that_is_no_zip_is_not_read(folder, tmp_path: Path):
    data, names = folder
    (tmp_path / "previous.zip").write_bytes(b"PK\x03\x04 not a zip")
    write_archive(tmp_path / "new.zip", data, names, tmp_path / "previous.zip", set(names))
    write_archive(tmp_path / "fresh.zip", data, names)
    assert (tmp_path / "new.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()


def test_a_file_written_in_pieces_is_stored_as_their_joined_segments(tmp_path: Path):
    """A portal-wide file is deflated a group of councils at a time (``Packed``): its entry is the groups'
    segments joined and closed, which any unzip reads as the file; a segment kept from an earlier build gives
    the same archive, so a warm build's archive is a cold one's."""
    data = tmp_path / "data"

    def written(pieces: list[tuple[bytes, bytes]]) -> bytes:
        out = archive.Packed(str(data / "members.json"))
        out.glue(b'{"data":[')
        for i, (text, packed) in enumerate(pieces):
            if i:
                out.glue(b",")
            out.part(text, packed)
        out.glue(b"]}\n")
        write_archive(tmp_path / "data.zip", data, ["members.json"], packed={"members.json": out.close()})
        return (tmp_path / "data.zip").read_bytes()

    texts = [",".join(f'{{"id":"c{i}/{j}","name":"Мүше {j}"}}' for j in range(300)).encode() for i in range(3)]
    first = written([(text, archive.segment(text)) for text in texts])
    with zipfile.ZipFile(tmp_path / "data.zip") as zf:
        assert zf.testzip() is None
        assert zf.read("members.json") == (data / "members.json").read_bytes()
        assert zf.read("members.json") == b'{"data":[' + b",".join(texts) + b"]}\n"
    kept = pickle.loads(pickle.dumps((texts[1], archive.segment(texts[1]))))  # as the cache shelf gives it back
    assert written([(texts[0], archive.segment(texts[0])), kept, (texts[2], archive.segment(texts[2]))]) == first
