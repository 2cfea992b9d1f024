"""pytest-bdd step definitions: the specification's vocabulary. Every module here is loaded as a
pytest plugin by ``nodespec.plugin``; steps talk to a ``Session`` (the ``spec`` fixture), never to an
implementation directly."""
