"""Log records without client addresses.

Django attaches the request to some of its records (``django.request`` for 404s and 500s,
``django.security`` for a bad Host header or a CSRF failure). A formatter or handler could print
or mail it, with ``request.META``, where the client's address is. The filter below takes the
request off every record that reaches the portal's handlers, and masks anything in the message
or the traceback that reads as an IPv4 or IPv6 address (a Host header typed as an address, an
address in an exception's message), so that no client address ends up in a log.
"""

import ipaddress
import logging
import re

MASK = "[address]"
# Candidates only: each match is checked with ``ipaddress`` before it is masked, so that times
# ("12:30:45") and version numbers with fewer parts stay as they are.
CANDIDATE = re.compile(
    r"(?<![\w.:])(?:"
    r"(?:\d{1,3}\.){3}\d{1,3}"  # IPv4
    r"|(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?"  # IPv6
    r")(?:%[\w.]+)?(?![\w.])"
)


def _mask(match):
    candidate = match.group(0).split("%", 1)[0]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return match.group(0)
    return MASK


def redact(text: str) -> str:
    return CANDIDATE.sub(_mask, text)


class RedactClientAddresses(logging.Filter):
    def filter(self, record):
        if hasattr(record, "request"):
            del record.request
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a badly formatted record: logging reports it as usual
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
