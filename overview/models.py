from django.db import models


class InsightsSnapshot(models.Model):
    """The rendered figures of /insights/ for one filter (programme, period) and language, computed by the
    `refresh_insights` job: the page reads them from here and never counts the attendance rows while a user waits.
    A row without figures is a filter someone asked for that the next run of the job computes."""

    key = models.CharField(max_length=100, unique=True)
    programme = models.ForeignKey("workshops.Programme", null=True, blank=True, on_delete=models.CASCADE)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=15)
    figures = models.TextField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)  # how long the last computation took
    requested_at = models.DateTimeField()

    def __str__(self):
        return self.key

    @staticmethod
    def key_for(language, programme=None, start=None, end=None):
        return f"{language}:{programme.pk if programme else ''}:{start or ''}:{end or ''}"
