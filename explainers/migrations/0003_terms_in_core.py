"""Links to terms now point at the core app's models (the same tables): state only."""

import core.models.pages
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('explainers', '0002_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='policyexplainerpage',
                    name='topic',
                    field=models.ForeignKey(blank=True, limit_choices_to=core.models.pages.source_locale_only, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.topic', verbose_name='topic'),
                ),
            ],
            database_operations=[],
        ),
    ]
