"""The emulated Accounts service (``accounts.spotify.com``): logins, consents and OAuth routes.

- :mod:`.service`: users' sessions, consents and pending consent pages (:class:`Accounts`).
- :mod:`.authorize` and :mod:`.consent_page`: ``GET /authorize`` and the page it leads to.
- :mod:`.token_endpoint`: ``POST /api/token`` and its three grants.
- :mod:`.tokens`: the codes, access tokens and refresh tokens it issued (:class:`IssuedTokens`).
- :mod:`.code_challenge`: PKCE checks; :mod:`.redirect_uris`: Spotify's redirect-URI rules.
- :mod:`.scopes`: the scopes Spotify knows; :mod:`.auth_context`: who a bearer token stands for.
"""
