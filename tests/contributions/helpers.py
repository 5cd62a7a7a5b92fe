import io
import re
import time

from PIL import Image

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from safeguards.started import started_value


def story_data(**fields):
    """A story as an advocate sends it: typed a minute after the form was shown."""
    return {
        "title": "La biblioteca que no abrió sus fondos",
        "outcome": "failure",
        "date": "2025-03-14",
        "context": "Una biblioteca municipal digitalizó su archivo fotográfico.",
        "methods_used": "Cartas al ayuntamiento.",
        "what_happened": "El ayuntamiento mantuvo la licencia cerrada.\n\nNadie respondió.",
        "evidence": "https://example.org/acta\nhttps://example.org/carta",
        "lessons": "Empezar antes.\nBuscar aliados en el pleno.",
        "author_mode": "pseudonymous",
        "author_name": "Lectora del sur",
        "email": "",
        "started": started_value(time.time() - 60),
        "website": "",
        **fields,
    }


def proposal_data(**fields):
    return {
        "kind": "threat",
        "title": "Un proyecto de ley que filtra las subidas",
        "country": "ES",
        "why_now": "Se vota en el parlamento el mes que viene.",
        "links": "https://example.org/proyecto",
        "name_mode": "pseudonymous",
        "name": "Ciudadana",
        "email": "",
        "started": started_value(time.time() - 60),
        "website": "",
        **fields,
    }


def jpeg_with_gps(name="foto.jpg", size=(64, 48)):
    """A JPEG whose EXIF says where it was taken and with what camera."""
    picture = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "ExamplePhone Inc."  # Make
    exif[0x0110] = "Model X 12"  # Model
    gps = {1: "N", 2: (40.0, 25.0, 0.0), 3: "W", 4: (3.0, 42.0, 0.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif.tobytes(), comment=b"taken at home")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def link_in(message):
    found = re.findall(r"http://(?:testserver|localhost)(?::\d+)?(/\S+)", message.body)
    assert found, message.body
    return found[-1]


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]
