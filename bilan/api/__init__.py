"""Bilan's HTTP API for school systems (/api/v1/), and the organisation API tokens it uses.

Built with django-ninja rather than Django REST framework: the API is a small set of read
endpoints and one bulk write, described by typed pydantic schemas from which ninja generates
the OpenAPI 3 document that schemathesis fuzzes. DRF would need serializers plus a separate
OpenAPI generator (drf-spectacular) whose output drifts from what the views really return;
ninja validates input and output against the same models it documents. Ninja also ships
Swagger UI in its wheel, so the docs page loads nothing from a CDN.

The API sits in the top layer: it reads the schools app and renders the synthesis through the
synthesis app's code; nothing imports it.
"""
