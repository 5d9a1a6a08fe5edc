"""A GIN index on the Chinese characters and character pairs of a person's names (common/cjk.py), on PostgreSQL
only: a site search or people list search for a word of two Chinese characters (无锡) reads it where the trigram
indexes hold nothing for such a word and every person's names were read (35 ms at 100,000 people, twice a
search)."""

from django.db import migrations

from common.cjk import grams_index_operation


class Migration(migrations.Migration):
    dependencies = [("participants", "0007_search_index")]

    operations = [
        grams_index_operation(
            "participants_person", ["given_name", "family_name", "name_local"], "person_name_cjk_grams_idx"
        )
    ]
