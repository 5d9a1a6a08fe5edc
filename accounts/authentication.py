from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .models import ApiToken, api_token_hash


class HashedTokenAuthentication(TokenAuthentication):
    """DRF's "Authorization: Token <key>" sign-in, against the keys' hashes (accounts.models.ApiToken)."""

    model = ApiToken

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=api_token_hash(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("This API token is not valid."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The account of this API token is disabled."))
        return token.user, token
