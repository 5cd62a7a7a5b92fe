"""A public id for each action, shared by its translations: public URLs no longer name the
sequential primary key."""

import secrets

from django.db import migrations, models

import actions.models.action


def fill_public_ids(apps, schema_editor):
    CampaignAction = apps.get_model("actions", "CampaignAction")
    ids = {}
    for action in CampaignAction.objects.order_by("pk").only("pk", "translation_key"):
        public_id = ids.setdefault(action.translation_key, secrets.token_urlsafe(12))
        CampaignAction.objects.filter(pk=action.pk).update(public_id=public_id)


class Migration(migrations.Migration):
    dependencies = [("actions", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="campaignaction",
            name="public_id",
            field=models.CharField(
                editable=False, max_length=32, null=True, verbose_name="public id"
            ),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="campaignaction",
            name="public_id",
            field=models.CharField(
                db_index=True,
                default=actions.models.action.new_public_id,
                editable=False,
                max_length=32,
                verbose_name="public id",
            ),
        ),
    ]
