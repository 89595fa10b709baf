"""The Python pack's import pass: unused header imports dropped, the rest sorted as ruff does.

Ruff is the oracle here as in the corpus and generality tests: each case's result must
be what `ruff check --select I,F401 --fix` makes of the input.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from generator.packs import load_pack

_module = importlib.import_module(load_pack("python").prepare.__module__ + ".tidy_imports")
tidy, import_block = _module.tidy, _module.import_block

RUFF = Path(sys.executable).with_name("ruff")

MODEL = '''"""A model."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from typing import Any
from .._values import parse_date, format_datetime
import datetime
from .. import _record
from .._unset import UNSET, Unset

# Only for annotations.
if TYPE_CHECKING:
    from .pet_v10 import PetV10
    from .pet_v2 import PetV2


class Owner(_record.Record):
    """Mentions Unset in prose only: kept, a known limit of the pass."""

    born: datetime.date

    def to_dict(self) -> dict[str, Any]:
        return {"born": self.born.isoformat()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Owner:
        return cls(born=parse_date(data["born"]))
'''


def _ruff_fix(text: str, tmp_path: Path) -> str:
    file = tmp_path / "pkg" / "models" / "module.py"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)
    subprocess.run(
        [str(RUFF), "check", "--no-cache", "--isolated", "--select", "I,F401", "--fix", "-q", "."],
        cwd=tmp_path,
        check=False,
    )
    return file.read_text()


def test_unused_names_and_an_empty_type_checking_block_go() -> None:
    tidied = tidy(MODEL)
    assert tidied is not None
    head, body = tidied.split("\n\n\nclass Owner", 1)
    # Ruff would keep an `if TYPE_CHECKING: pass`, and drop the Unset only a docstring names.
    assert head == (
        '"""A model."""\n\n'
        "from __future__ import annotations\n\n"
        "import datetime\n"
        "from collections.abc import Mapping\n"
        "from typing import Any\n\n"
        "from .. import _record\n"
        "from .._unset import Unset\n"
        "from .._values import parse_date"
    )
    assert MODEL.endswith(body)


def test_a_header_without_unused_names_is_sorted_as_ruff_sorts_it(tmp_path: Path) -> None:
    text = MODEL.replace(
        "Mentions Unset in prose only: kept, a known limit of the pass.", "An owner."
    )
    block = "\n# Only for annotations.\nif TYPE_CHECKING:\n    from .pet_v10 import PetV10\n"
    text = text.replace(block + "    from .pet_v2 import PetV2\n", "")
    assert tidy(text) == _ruff_fix(text, tmp_path)


def test_a_used_type_checking_block_is_kept_and_sorted_naturally(tmp_path: Path) -> None:
    text = MODEL.replace(
        "born: datetime.date", "born: datetime.date\n    pets: list[PetV2 | PetV10]"
    )
    text = text.replace("Mentions Unset in prose only", "An owner")
    tidied = tidy(text)
    assert tidied is not None
    assert "    from .pet_v2 import PetV2\n    from .pet_v10 import PetV10\n" in tidied
    assert tidied == _ruff_fix(text, tmp_path)


def test_a_name_inside_a_longer_identifier_is_not_a_use() -> None:
    text = '"""M."""\n\nfrom typing import Any\n\nCompanyAny_ = 1\nAnything = 2\n'
    assert tidy(text) == '"""M."""\n\n\nCompanyAny_ = 1\nAnything = 2\n'


@pytest.mark.parametrize(
    "header",
    [
        "import json as j",
        "from os import path as p",
        "from os import *",
        "if TYPE_CHECKING:\n    import os\nfrom typing import TYPE_CHECKING",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    # why\n    import os",
    ],
)
def test_a_header_it_does_not_understand_is_left_to_ruff(header: str) -> None:
    assert tidy(f'"""M."""\n\n{header}\n\nx = j = p = os = 1\n') is None


def test_blocks_sort_by_section_kind_and_member_type() -> None:
    lines = import_block(
        [
            (".._unions", ("no_variant", "DECODE_ERRORS", "is_object")),
            ("typing", ("Any", "TYPE_CHECKING")),
            ("__future__", ("annotations",)),
            ("..", ("_record",)),
            ("urllib3", ("PoolManager",)),
            ("enum", None),
            (".sibling", ("Sibling",)),
            ("collections.abc", ("Mapping",)),
        ]
    )
    assert lines == [
        "from __future__ import annotations",
        "",
        "import enum",
        "from collections.abc import Mapping",
        "from typing import TYPE_CHECKING, Any",
        "",
        "from urllib3 import PoolManager",
        "",
        "from .. import _record",
        "from .._unions import DECODE_ERRORS, is_object, no_variant",
        "from .sibling import Sibling",
    ]


def test_a_type_checking_block_in_sections_is_read_whole(tmp_path: Path) -> None:
    """Ruff parts a block's sections with a blank line; the pass reads past it."""
    text = (
        '"""M."""\n\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n'
        "    import datetime\n\n    from .b import B\n\n\ndef f(x: B) -> None:\n    pass\n"
    )
    tidied = tidy(text)
    assert tidied is not None and "datetime" not in tidied and "from .b import B" in tidied
    assert tidied == _ruff_fix(text.replace("    import datetime\n\n", ""), tmp_path)


def test_a_type_checking_block_with_an_else_is_left_to_ruff() -> None:
    text = (
        '"""M."""\n\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n'
        "    from .b import B\nelse:\n    B = None\n\nx = 1\n"
    )
    assert tidy(text) is None


def test_a_package_keeps_what_it_imports_for_others() -> None:
    """Ruff does not remove an unused import from an `__init__.py` either: a re-export."""
    text = '"""P."""\n\nfrom .b import B\nfrom .a import A\n'
    assert tidy(text, package=True) == '"""P."""\n\nfrom .a import A\nfrom .b import B\n'
    assert tidy(text) == '"""P."""\n\n'


@pytest.mark.parametrize(
    "text",
    [
        "'''M.'''\n\nimport os\n\nx = 1\n",
        'r"""M."""\n\nimport os\n',
        '"""M."""\n\nx = 1\nimport os\n',
    ],
)
def test_imports_it_cannot_place_are_left_to_ruff(text: str) -> None:
    assert tidy(text) is None


def test_digit_runs_sort_as_ruff_sorts_them(tmp_path: Path) -> None:
    modules = [".models2", ".models.pet", ".v10", ".v2", ".v02b", ".a1b", ".a12", ".A1"]
    modules += [".v01", ".v1", ".v001", ".v0", ".v00a", ".v010", ".v9x", ".v0_1", ".b_2", ".b2"]
    text = "".join(f"from {m} import X{n}\n" for n, m in enumerate(modules))
    text += "\n" + ", ".join(f"X{n}" for n in range(len(modules))) + "\n"
    assert tidy(text) == _ruff_fix(text, tmp_path)
