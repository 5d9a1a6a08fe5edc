"""GIN indexes on the Chinese characters and character pairs of an organisation's names and of its other names
(common/cjk.py), on PostgreSQL only: a site search or organisations list search for a word of two Chinese characters
(无锡) reads them where the trigram indexes hold nothing for such a word and every organisation's names and other
names were read, twice a search (36 ms at 10,000 organisations)."""

from django.db import migrations

from common.cjk import grams_index_operation


class Migration(migrations.Migration):
    dependencies = [("institutes", "0004_former_name_in_use_until")]

    operations = [
        grams_index_operation(
            "institutes_organisation", ["name", "short_name", "name_local"], "organisation_name_cjk_grams_idx"
        ),
        grams_index_operation("institutes_organisationalias", ["name"], "organisation_alias_cjk_grams_idx"),
    ]
