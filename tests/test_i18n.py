"""Every marked string has a Chinese translation, and the compiled catalogue is current."""

from __future__ import annotations

import sys

from app.core.i18n import both, normalize_language, translator
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "build_scripts"))
import i18n as catalogues  # noqa: E402


def test_catalogues_complete_and_compiled() -> None:
    assert catalogues.problems() == []


def test_extraction_sees_the_code() -> None:
    ids = {m.id for m in catalogues.extract()}
    assert "Try the sample catalogue" in ids and "{file}: file not found." in ids and len(ids) > 100


def test_translators() -> None:
    assert translator("zh_CN")("Try the sample catalogue") == "试用示例商品表"
    assert translator("en")("Try the sample catalogue") == "Try the sample catalogue"
    assert both("{file}: file not found.", file="a.xlsx") == {"zh_CN": "a.xlsx：找不到文件。",
                                                             "en": "a.xlsx: file not found."}
    assert normalize_language("zh-Hans-CN") == "zh_CN" and normalize_language("en_GB") == "en"
