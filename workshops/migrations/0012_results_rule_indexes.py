"""Indexes for the results rules (results/rules.py): a programme's (or initiative's) workshops by date, so a period
reads a range of them rather than every workshop of the programme; and the action items by status and completion
date, so "actions done on time" reads those done in the period, not every done action."""

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
        migrations.AddIndex(
            model_name='workshop',
            index=models.Index(fields=['programme', 'start_date'], name='workshop_programme_start_idx'),
        ),
        migrations.AddIndex(
            model_name='workshop',
            index=models.Index(fields=['initiative', 'start_date'], name='workshop_initiative_start_idx'),
        ),
    ]
