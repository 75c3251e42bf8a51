from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_involvement_uuid_and_reason")]

    operations = [
        migrations.AddField(
            model_name="intake",
            name="consent_answer",
            field=models.CharField(
                choices=[
                    ("yes", "Yes, the household consents (record it per person)"),
                    ("partly", "Partly (record per person what they agreed to)"),
                    ("no", "No: the case works inside the team only"),
                ],
                default="no",
                max_length=8,
                verbose_name=(
                    "does the household consent to sharing data with partner "
                    "organisations?"
                ),
            ),
        ),
    ]
