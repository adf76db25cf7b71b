"""Write resources/content/world_regions.json from CLDR's territory containment.

    npm pack cldr-core@48.2.0 && tar xzf cldr-core-48.2.0.tgz
    python scripts/world_regions.py package/supplemental/territoryContainment.json package/package.json

Babel 2.18 ships CLDR's territory names (``Locale.territories``: "035" is "South-eastern Asia") but not
which countries each region contains, so the containment is taken from CLDR's own data once, here,
and bundled: the UN M.49 subregions under the five continents of "001" (World), each with the
countries it contains. Grouping regions (EU, 419 Latin America, UN…) are left out: every country is in
exactly one subregion. The Unicode licence travels beside the file (world_regions.LICENSE.txt).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "content" / "world_regions.json"


def subregions(containment: dict[str, dict[str, object]]) -> dict[str, list[str]]:
    """Each subregion of a continent of the World, with the countries it holds, by code."""
    found: dict[str, list[str]] = {}
    seen: set[str] = set()
    for continent in containment["001"]["_contains"]:  # type: ignore[union-attr]
        for region in containment[continent]["_contains"]:  # type: ignore[union-attr]
            if containment.get(region, {}).get("_grouping"):
                continue
            countries = sorted(str(c) for c in containment[region]["_contains"])  # type: ignore[union-attr]
            if any(len(c) != 2 or not c.isalpha() or c in seen for c in countries):
                raise SystemExit(f"{region} is not a subregion of countries each in one region only")
            seen.update(countries)
            found[region] = countries
    return dict(sorted(found.items()))


def main(containment_file: str, package_file: str) -> None:
    containment = json.loads(Path(containment_file).read_text(encoding="utf-8"))
    version = json.loads(Path(package_file).read_text(encoding="utf-8"))["version"]
    regions = subregions(containment["supplemental"]["territoryContainment"])
    lines = [f'  "{code}": {json.dumps(countries)}' for code, countries in regions.items()]
    about = (f"The UN M.49 subregions of the World and the countries each contains, from Unicode CLDR {version} "
             "(supplemental/territoryContainment), written by scripts/world_regions.py. Region names come from "
             "Babel's CLDR data in each language. Unicode License v3: see world_regions.LICENSE.txt.")
    OUT.write_text('{\n "about": ' + json.dumps(about, ensure_ascii=False) + f',\n "cldr": "{version}",\n'
                   ' "regions": {\n' + ",\n".join(lines) + "\n }\n}\n", encoding="utf-8")
    print(f"{OUT}: {len(regions)} regions, {sum(len(c) for c in regions.values())} countries")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
