"""A client library for accessing Huawei Cloud DLI SQL-job API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
