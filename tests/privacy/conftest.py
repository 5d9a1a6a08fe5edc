import pytest


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    # The erasure log is kept in the file storage: no test may replay another's erasures.
    settings.MEDIA_ROOT = tmp_path / "media"
