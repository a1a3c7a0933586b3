from django.db import migrations


def load(apps, schema_editor):
    from fanzha.detect.allowlist import OFFICIAL_DOMAINS, OFFICIAL_NUMBERS

    allow = apps.get_model("detect", "AllowEntry")
    for number, note in OFFICIAL_NUMBERS:
        allow.objects.get_or_create(kind="phone", value=number, defaults={"note": note})
    for domain, note in OFFICIAL_DOMAINS:
        allow.objects.get_or_create(kind="domain", value=domain, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("detect", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
