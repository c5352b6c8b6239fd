"""The HTTP layer: routes and checks from openapi.yaml, authentication, serving."""
