"""A GIN index on the Chinese characters and character pairs of a workshop's titles (common/cjk.py), on PostgreSQL
only: a site search or workshops list search for a word of one or two Chinese characters (无锡, 李) reads it where
the trigram indexes of overview/migrations/0002 hold nothing for such a word."""

from django.db import migrations

from common.cjk import grams_index_operation


class Migration(migrations.Migration):
    dependencies = [("workshops", "0010_partner_links")]

    operations = [grams_index_operation("workshops_workshop", ["title", "other_title"], "workshop_title_cjk_grams_idx")]
