"""The taxonomy terms and the portal settings moved to the core app (core 0001): removed from
this app's state only; their tables stay, now core's."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0005_terms_in_core'),
        ('explainers', '0003_terms_in_core'),
        ('home', '0005_portal_identity'),
        ('partners', '0002_terms_in_core'),
        ('stories', '0002_terms_in_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='portalsettings',
                    name='logo',
                ),
                migrations.RemoveField(
                    model_name='portalsettings',
                    name='privacy_page',
                ),
                migrations.RemoveField(
                    model_name='portalsettings',
                    name='site',
                ),
                migrations.AlterUniqueTogether(
                    name='region',
                    unique_together=None,
                ),
                migrations.RemoveField(
                    model_name='region',
                    name='locale',
                ),
                migrations.AlterUniqueTogether(
                    name='topic',
                    unique_together=None,
                ),
                migrations.RemoveField(
                    model_name='topic',
                    name='locale',
                ),
                migrations.DeleteModel(
                    name='Method',
                ),
                migrations.DeleteModel(
                    name='PortalSettings',
                ),
                migrations.DeleteModel(
                    name='Region',
                ),
                migrations.DeleteModel(
                    name='Topic',
                ),
            ],
            database_operations=[],
        ),
    ]
