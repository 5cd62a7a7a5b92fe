"""Hostile input for the action forms and links: email addresses, signed start times and
tokens, and whole submissions made of a valid one with a few fields broken, dropped or
repeated (so the form gets far enough to check each field, and sometimes signs)."""

import time

from hypothesis import strategies as st

from django.core import signing

from actions import tokens
from actions.countries import CODES
from actions.models import CampaignAction
from safeguards import started

from .strategies import any_value, characters, hostile_text, numbers

MALFORMED_EMAILS = (
    "",
    "@",
    "a@",
    "@example.org",
    "a@@example.org",
    "a@example",
    "a b@example.org",
    "a@example..org",
    ".a@example.org",
    "a.@example.org",
    "a@-example.org",
    "a@example.org\x00",
    "\x00@example.org",
    "a@[127.0.0.1]",
    "a@[IPv6:::1]",
    "a@" + "é" * 63 + ".org",
    "a@" + "é" * 70 + ".org",
    "a@" + "b" * 64 + ".org",
    "x" * 65 + "@example.org",
    "a@example.org\n",
    "a@example.org\r\nBcc: b@example.org",
    '"quoted local"@example.org',
    "ＡＢＣ@ＥＸＡＭＰＬＥ.ＯＲＧ",
    "a@xn--80ak6aa92e.com",
    "a@xn--.org",
    "ß@straße.de",
    "δοκιμή@παράδειγμα.δοκιμή",
    "a@\u200dexample.org",
    "a@exa\u0301mple.org",
    "user+tag@example.org",
    "a@example.c" + "o" * 300,
)

emails = st.one_of(
    st.emails(),
    st.sampled_from(MALFORMED_EMAILS),
    st.builds(
        "{}@{}.{}".format,
        st.text(characters, min_size=1, max_size=70),
        st.text(characters, min_size=1, max_size=70),
        st.sampled_from(["org", "com", "рф", "中国", "x", "o" * 70]),
    ),
    hostile_text(),
)


def signed(value, salt=started.STARTED_SALT):
    return signing.Signer(salt=salt).sign(value)


def started_at(age):
    return signed(str(int(time.time() - age)))


# The form's signed start time: fresh, too quick, from the future, stale, signed for another
# purpose, signed but not a number, or not signed at all.
starts = st.one_of(
    st.integers(-(10**6), 10**8).map(started_at),
    st.one_of(numbers(), hostile_text(20)).map(signed),
    st.integers().map(lambda age: signed(str(age), salt="another.purpose")),
    hostile_text(),
)
FRESH_START = st.integers(30, 3000).map(started_at)

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(characters, max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=8,
)
payloads = st.one_of(
    json_values,
    st.fixed_dictionaries({"s": json_values, "d": json_values}),
    st.fixed_dictionaries({"s": st.lists(json_values, max_size=4), "d": json_values}),
)
TOKEN_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:."
SALTS = [tokens.CONFIRM_SALT, tokens.DATA_SALT, started.STARTED_SALT, "another.purpose"]

# How to make a token: ("junk", text), ("signed", payload, salt), ("tampered", position, text),
# ("truncated", position) or ("real",); ``make_token`` applies it to a real link's token.
token_recipes = st.one_of(
    st.tuples(st.just("junk"), hostile_text()),
    st.tuples(
        st.just("junk"),
        st.text(
            st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:."),
            max_size=120,
        ),
    ),
    st.tuples(st.just("signed"), payloads, st.sampled_from(SALTS)),
    st.tuples(
        st.just("tampered"), st.integers(0, 200), st.text(characters, min_size=1, max_size=4)
    ),
    st.tuples(st.just("truncated"), st.integers(0, 200)),
    st.just(("real",)),
)


def make_token(recipe, real):
    kind, *args = recipe
    if kind == "junk":
        return args[0]
    if kind == "signed":
        payload, salt = args
        return signing.dumps(payload, salt=salt)
    if kind == "tampered":
        position, text = args
        position %= len(real) + 1
        return real[:position] + text + real[position + 1 :]
    if kind == "truncated":
        return real[: args[0] % (len(real) + 1)]
    return real


# Public ids: the real ones, internal primary keys (never served) and made-up path segments.
ACTION_IDS = st.one_of(
    st.deferred(
        lambda: st.sampled_from(sorted(CampaignAction.objects.values_list("public_id", flat=True)))
    ),
    st.integers(0, 10**30).map(str),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#%"),
        min_size=1,
        max_size=80,
    ),
)

SIGNING_FIELDS = {
    # name: (a valid value, a hostile one)
    "email": (st.emails(), emails),
    "consent": (
        st.just("on"),
        st.one_of(st.sampled_from(["", "off", "false", "0", "1", "true", "\x00"]), hostile_text()),
    ),
    "started": (FRESH_START, starts),
    "website": (st.just(""), hostile_text()),
    "name": (st.sampled_from(["Ana", "José", "李", "أحمد"]), hostile_text()),
    "country": (st.sampled_from(CODES), hostile_text(10)),
    "comment": (st.sampled_from(["", "Yes.", "Pour la liberté."]), hostile_text()),
}
DATA_REQUEST_FIELDS = {name: SIGNING_FIELDS[name] for name in ("email", "started", "website")}


@st.composite
def submissions(draw, fields):
    """A valid submission with up to four fields dropped, broken or sent twice, and maybe a few
    fields the form does not have."""
    data = {name: draw(valid) for name, (valid, _hostile) in fields.items()}
    for name in draw(st.lists(st.sampled_from(sorted(fields)), unique=True, max_size=4)):
        hostile = fields[name][1]
        change = draw(st.sampled_from(["drop", "break", "repeat"]))
        if change == "drop":
            del data[name]
        elif change == "break":
            data[name] = draw(hostile)
        else:
            data[name] = [draw(hostile), draw(hostile)]
    data.update(draw(st.dictionaries(hostile_text(20), any_value(), max_size=2)))
    return data
