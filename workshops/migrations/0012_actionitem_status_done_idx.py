"""The action items by status and completion date: the results rule "actions done on time" (results/rules.py) reads
those done in a period, not every done action of the programme."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workshops', '0011_search_bigrams'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='actionitem',
            index=models.Index(fields=['status', 'completed_on'], name='actionitem_status_done_idx'),
        ),
    ]
