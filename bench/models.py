"""Model speed: decode and encode an AssignLicenseRequest of 10,000 devices.

- generated: `AssignLicenseRequest.from_dict(data)` / `.to_dict()` (generated/python);
- apimatic: `AssignLicenseRequest.from_dictionary(data)` / `APIHelper.to_dictionary(obj)`
  (what the APIMatic SDK's JSON serializer calls before `json.dumps`);
- pydantic: a pydantic v2 model of the same shape (aliases for the JSON keys, the
  same optional fields), `model_validate(data)` / `model_dump(by_alias=True,
  exclude_unset=True)`.

Every variant starts from and must return the same decoded JSON (a dict), so JSON
parsing is left out; each is checked to round-trip the data exactly before it is
timed. Figures: the median of several repeats, each the best of a few loops.

Run alone: `bench/.venv/bin/python bench/models.py`.
"""

from __future__ import annotations

import subprocess
import sys
import timeit
from typing import Any

from common import BENCH_PYTHON, GENERATED_PYTHON, log, main_guard, median, repeats

DEVICES = 10_000
VARIANTS = ("generated", "apimatic", "pydantic")


def payload(devices: int = DEVICES) -> dict[str, Any]:
    return {
        "accountName": "0000123456-00001",
        "devices": [
            {"deviceIds": [{"id": f"{864508030100000 + i}", "kind": "IMEI"}]}
            for i in range(devices)
        ],
        "skuNumber": "SIMSec-IoT-Lt",
    }


def _generated() -> tuple[Any, Any]:
    sys.path.insert(0, str(GENERATED_PYTHON))
    from thingspace_m2m.models import AssignLicenseRequest

    return AssignLicenseRequest.from_dict, lambda obj: obj.to_dict()


def _apimatic() -> tuple[Any, Any]:
    from apimatic_core.utilities.api_helper import ApiHelper
    from verizon.models.assign_license_request import AssignLicenseRequest

    return AssignLicenseRequest.from_dictionary, ApiHelper.to_dictionary


def _pydantic() -> tuple[Any, Any]:
    from pydantic import BaseModel, ConfigDict, Field

    class Model(BaseModel):
        model_config = ConfigDict(populate_by_name=True, extra="allow")

    class LicenseDeviceId(Model):
        id: str | None = None
        kind: str | None = None

    class LicenseDeviceList(Model):
        device_ids: list[LicenseDeviceId] | None = Field(default=None, alias="deviceIds")

    class AssignLicenseRequest(Model):
        account_name: str | None = Field(default=None, alias="accountName")
        devices: list[LicenseDeviceList] | None = None
        sku_number: str | None = Field(default=None, alias="skuNumber")

    def encode(obj: AssignLicenseRequest) -> dict[str, Any]:
        return obj.model_dump(by_alias=True, exclude_unset=True)

    return AssignLicenseRequest.model_validate, encode


def _variant_main(name: str, runs: int) -> None:
    import json

    decode, encode = {"generated": _generated, "apimatic": _apimatic, "pydantic": _pydantic}[name]()
    data = payload()
    if encode(decode(data)) != data:
        raise SystemExit(f"{name}: decode + encode does not round-trip the payload")
    loops = 3
    timer_d = timeit.Timer(lambda: decode(data))
    obj = decode(data)
    timer_e = timeit.Timer(lambda: encode(obj))
    decode_s = [min(timer_d.repeat(repeat=loops, number=1)) for _ in range(runs)]
    encode_s = [min(timer_e.repeat(repeat=loops, number=1)) for _ in range(runs)]
    print(json.dumps({"variant": name, "decode": decode_s, "encode": encode_s}))


def run() -> dict[str, Any]:
    import json

    runs = repeats(7, 3)
    result: dict[str, Any] = {"devices": DEVICES, "runs": runs, "variants": {}}
    for name in VARIANTS:
        done = subprocess.run(
            [str(BENCH_PYTHON), __file__, "--variant", name, str(runs)],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if done.returncode != 0:
            raise SystemExit(f"models {name} failed:\n{done.stderr[-3000:]}")
        got = json.loads(done.stdout.strip().splitlines()[-1])
        entry = {
            "decode_ms": round(median(got["decode"]) * 1000, 2),
            "encode_ms": round(median(got["encode"]) * 1000, 2),
            "decode_runs_ms": [round(v * 1000, 2) for v in got["decode"]],
            "encode_runs_ms": [round(v * 1000, 2) for v in got["encode"]],
        }
        entry["total_ms"] = round(entry["decode_ms"] + entry["encode_ms"], 2)
        result["variants"][name] = entry
        log(f"models {name}: decode {entry['decode_ms']} ms, encode {entry['encode_ms']} ms")
    gen = result["variants"]["generated"]
    result["ratios"] = {
        f"{peer}_{what}_over_generated": round(
            result["variants"][peer][f"{what}_ms"] / gen[f"{what}_ms"], 2
        )
        for peer in ("apimatic", "pydantic")
        for what in ("decode", "encode", "total")
    }
    return result


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--variant":
        _variant_main(sys.argv[2], int(sys.argv[3]))
    else:
        main_guard(run, "models")
