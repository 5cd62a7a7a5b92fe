"""Links to terms now point at the core app's models (the same tables): state only."""

import core.models.pages
import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('partners', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='partnerpage',
                    name='regions',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, limit_choices_to=core.models.pages.source_locale_only, related_name='+', to='core.region', verbose_name='regions'),
                ),
                migrations.AlterField(
                    model_name='partnerpage',
                    name='topics',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, limit_choices_to=core.models.pages.source_locale_only, related_name='+', to='core.topic', verbose_name='topics'),
                ),
            ],
            database_operations=[],
        ),
    ]
