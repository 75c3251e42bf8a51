# SPDX-License-Identifier: EUPL-1.2
"""Load the social map's topics (mapped to life domains) and the first letter
template, in plain (B1) Dutch with the objection clause of the Awb."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "topics.json"

GRANTED = (
    "Beste $voornaam,\n\n"
    "U vroeg om hulp. Wij hebben met u gesproken over wat u nodig heeft. "
    "U krijgt $voorziening van $aanbieder: $omvang, vanaf $vanaf tot $tot.\n\n"
    "Dit besluit nemen wij op grond van de $wet. $aanbieder neemt contact met u op "
    "over de start. Verandert er iets in uw situatie? Laat het ons dan weten."
)
REFUSED = (
    "Beste $voornaam,\n\n"
    "U vroeg om $voorziening. Wij hebben met u gesproken over wat u nodig heeft. "
    "U krijgt $voorziening niet.\n\n"
    "Waarom niet? $reden\n\n"
    "Dit besluit nemen wij op grond van de $wet. Wilt u samen kijken wat wel kan? "
    "Bel of mail uw contactpersoon van het wijkteam."
)
OBJECTION = (
    "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Dat doet u "
    "binnen zes weken na de datum van deze brief. Stuur een brief of een e-mail "
    "aan het college van burgemeester en wethouders. Schrijf erin: uw naam en "
    "adres, de datum, om welk besluit het gaat en waarom u het er niet mee eens "
    "bent. Zet uw handtekening eronder.\n\n"
    "Heeft u haast? Dan kunt u ook de voorzieningenrechter van de rechtbank vragen "
    "om een voorlopige voorziening. Hulp nodig bij bezwaar maken? Uw "
    "contactpersoon helpt u graag."
)


def load(apps, schema_editor):
    Topic = apps.get_model("services", "Topic")
    LifeDomain = apps.get_model("assessments", "LifeDomain")
    LetterTemplate = apps.get_model("services", "LetterTemplate")
    domains = {d.code: d for d in LifeDomain.objects.all()}
    for code, name, domain_codes in json.loads(DATA.read_text("utf-8"))["topics"]:
        topic, _ = Topic.objects.update_or_create(code=code, defaults={"name": name})
        topic.domains.set([domains[c] for c in domain_codes if c in domains])
    if not LetterTemplate.objects.exists():
        LetterTemplate.objects.create(
            name="Beschikking (standaard)",
            granted_text=GRANTED,
            refused_text=REFUSED,
            objection_clause=OBJECTION,
            signature="Het college van burgemeester en wethouders",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("assessments", "0003_zrm_domains_and_levels"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
