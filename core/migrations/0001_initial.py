"""The taxonomy terms and the portal settings move here from the home app: their tables and rows
stay as they are (``db_table``), only Django's state and the content types change."""

import core.models.settings
import django.db.models.deletion
import modelsearch.index
import uuid
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


MOVED = ["topic", "region", "method", "portalsettings"]


def _move(apps, old, new):
    # Permissions, translations, references and log entries point at the content type, so
    # they follow it. On a new database no content type exists yet: created after migrating.
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _move(apps, "home", "core")


def move_content_types_back(apps, schema_editor):
    _move(apps, "core", "home")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('home', '0005_portal_identity'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PortalSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('organisation_name', models.CharField(help_text="In the site's default language; shown wherever no other name is given.", max_length=150, verbose_name='organisation name')),
                        ('localised_names', wagtail.fields.StreamField([('name', 2)], blank=True, block_lookup={0: ('wagtail.blocks.ChoiceBlock', [], {'choices': core.models.settings.language_choices, 'label': 'language'}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'name', 'max_length': 150}), 2: ('wagtail.blocks.StructBlock', [[('language', 0), ('name', 1)]], {})}, help_text='Readers of these languages see this name instead.', verbose_name='name in other languages')),
                        ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='contact email')),
                        ('social_links', wagtail.fields.StreamField([('link', 2)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example: Mastodon, PeerTube.', 'label': 'label'}), 1: ('wagtail.blocks.URLBlock', (), {'label': 'address'}), 2: ('wagtail.blocks.StructBlock', [[('label', 0), ('url', 1)]], {})}, verbose_name='social links')),
                        ('logo', models.ForeignKey(blank=True, help_text='Shown in the header, in feeds and in link previews. PNG, JPEG or WebP.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='logo')),
                        ('privacy_page', models.ForeignKey(blank=True, help_text='Readers see its translation in their language when one exists.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='privacy notice page')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'portal settings',
                        'db_table': 'home_portalsettings',
                    },
                ),
                migrations.CreateModel(
                    name='Method',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('slug', models.SlugField(help_text='Used in filter links. Shared by every translation of this term.', max_length=100, verbose_name='slug')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': 'method',
                        'verbose_name_plural': 'methods',
                        'db_table': 'home_method',
                        'ordering': ['name'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('locale', 'slug'), name='unique_method_slug_per_locale')],
                        'unique_together': {('translation_key', 'locale')},
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='Region',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('slug', models.SlugField(help_text='Used in filter links. Shared by every translation of this term.', max_length=100, verbose_name='slug')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': 'region',
                        'verbose_name_plural': 'regions',
                        'db_table': 'home_region',
                        'ordering': ['name'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('locale', 'slug'), name='unique_region_slug_per_locale')],
                        'unique_together': {('translation_key', 'locale')},
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='Topic',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('slug', models.SlugField(help_text='Used in filter links. Shared by every translation of this term.', max_length=100, verbose_name='slug')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': 'topic',
                        'verbose_name_plural': 'topics',
                        'db_table': 'home_topic',
                        'ordering': ['name'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('locale', 'slug'), name='unique_topic_slug_per_locale')],
                        'unique_together': {('translation_key', 'locale')},
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
