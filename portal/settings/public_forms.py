"""Settings of the public forms (petitions and pledges, event registrations, contributions,
endorsement requests, spokespeople's offers and journalists' messages) and of the personal data
they collect: abuse limits, how long links work, and when data is deleted. Imported by
``base``; every value can be set from the environment."""

import environ

env = environ.Env()

# Campaign actions (actions/): petitions, pledges and sign-ups with double opt-in.
# Partner sites allowed to frame the action widget (/<lang>/embed/actions/<id>/), sent as CSP
# frame-ancestors on that page only; every other page keeps X-Frame-Options: DENY.
PORTAL_EMBED_ALLOWED_ORIGINS = env.list("PORTAL_EMBED_ALLOWED_ORIGINS", default=[])
# Abuse limits, without third parties. Submissions per client per window, counted in the cache
# under a daily-salted HMAC of the client address (never the address itself). With several
# server processes, point CACHE_URL at a shared cache so that they count together.
PORTAL_ACTIONS_RATE_LIMIT = env.int("PORTAL_ACTIONS_RATE_LIMIT", default=10)
PORTAL_ACTIONS_RATE_WINDOW = env.int("PORTAL_ACTIONS_RATE_WINDOW", default=3600)  # seconds
# Where the client address is: REMOTE_ADDR, or behind the portal's own reverse proxy the
# header it sets (e.g. HTTP_X_FORWARDED_FOR, whose last entry the proxy wrote).
PORTAL_ACTIONS_CLIENT_ADDRESS_HEADER = env(
    "PORTAL_ACTIONS_CLIENT_ADDRESS_HEADER", default="REMOTE_ADDR"
)
PORTAL_ACTIONS_MIN_FILL_SECONDS = env.int("PORTAL_ACTIONS_MIN_FILL_SECONDS", default=3)
# A form's start time is used up by the submission that is accepted, and expires after this.
PORTAL_ACTIONS_FORM_MAX_AGE = env.int("PORTAL_ACTIONS_FORM_MAX_AGE", default=6 * 3600)
PORTAL_ACTIONS_CONFIRMATION_DAYS = env.int("PORTAL_ACTIONS_CONFIRMATION_DAYS", default=7)
# One live data link per address (a newer one replaces it); deleting uses it up.
PORTAL_ACTIONS_DATA_LINK_HOURS = env.int("PORTAL_ACTIONS_DATA_LINK_HOURS", default=1)
# "My data" requests per address (any client) per PORTAL_ACTIONS_RATE_WINDOW.
PORTAL_ACTIONS_DATA_REQUESTS_PER_ADDRESS = env.int(
    "PORTAL_ACTIONS_DATA_REQUESTS_PER_ADDRESS", default=3
)
PORTAL_ACTIONS_RECENT_SIGNERS = 8
# Event registrations (events/) are deleted this long after their event ends.
PORTAL_EVENTS_REGISTRATION_KEEP_HOURS = env.int("PORTAL_EVENTS_REGISTRATION_KEEP_HOURS", default=24)
# Contributions: confirmation links' days, days an address is kept after the decision.
PORTAL_CONTRIBUTIONS_CONFIRMATION_DAYS = env.int(
    "PORTAL_CONTRIBUTIONS_CONFIRMATION_DAYS", default=7
)
PORTAL_CONTRIBUTIONS_CONTACT_DAYS = env.int("PORTAL_CONTRIBUTIONS_CONTACT_DAYS", default=30)
PORTAL_CONTRIBUTIONS_IMAGE_MAX_BYTES = 5 * 1024 * 1024

# Endorsement requests: links live this long; unconfirmed requests are deleted, decided ones
# lose their contact address, after these days (purge_endorsement_requests, nightly).
PORTAL_NETWORK_LINK_DAYS = env.int("PORTAL_NETWORK_LINK_DAYS", default=14)
PORTAL_NETWORK_UNCONFIRMED_DAYS = env.int("PORTAL_NETWORK_UNCONFIRMED_DAYS", default=7)
PORTAL_NETWORK_REQUEST_DAYS = env.int("PORTAL_NETWORK_REQUEST_DAYS", default=30)
# Spokespeople: how long the link confirming an offer works; unconfirmed offers deleted after.
PORTAL_SPOKESPEOPLE_LINK_DAYS = env.int("PORTAL_SPOKESPEOPLE_LINK_DAYS", default=7)
PORTAL_SPOKESPEOPLE_UNCONFIRMED_DAYS = env.int("PORTAL_SPOKESPEOPLE_UNCONFIRMED_DAYS", default=7)
# Messages one spokesperson can be sent, from all journalists, per PORTAL_ACTIONS_RATE_WINDOW.
PORTAL_SPOKESPEOPLE_INBOX_LIMIT = env.int("PORTAL_SPOKESPEOPLE_INBOX_LIMIT", default=20)
