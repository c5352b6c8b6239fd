"""DLI regions and their endpoints, as the `servers` of openapi.yaml list them.

tests/toolkit/test_factory.py checks `REGIONS` against the spec's region enum, so the two cannot
drift apart.
"""

from __future__ import annotations

from dli_toolkit.errors import ConfigurationError

ENDPOINT_TEMPLATE = "https://dli.{region}.myhuaweicloud.com"

# Regions whose endpoint does not follow ENDPOINT_TEMPLATE (each has its own server entry).
SPECIAL_ENDPOINTS: dict[str, str] = {
    "eu-west-101": "https://dli.eu-west-101.myhuaweicloud.eu",
}

# The spec's `servers[0].variables.region.enum`, in its order.
TEMPLATE_REGIONS: tuple[str, ...] = (
    "af-north-1",
    "af-south-1",
    "ae-ad-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "cn-east-2",
    "cn-east-3",
    "cn-east-4",
    "cn-east-5",
    "cn-north-1",
    "cn-north-2",
    "cn-north-4",
    "cn-north-9",
    "cn-south-1",
    "cn-southwest-2",
    "eu-west-0",
    "la-north-2",
    "la-south-2",
    "me-east-1",
    "my-kualalumpur-1",
    "na-mexico-1",
    "ru-moscow-1",
    "ru-northwest-2",
    "sa-brazil-1",
    "tr-west-1",
)

REGIONS: tuple[str, ...] = tuple(sorted((*TEMPLATE_REGIONS, *SPECIAL_ENDPOINTS)))


class UnknownRegion(ConfigurationError):
    """A region ID that is not in the spec's list."""

    def __init__(self, region: str) -> None:
        self.region = region
        super().__init__(
            f"unknown DLI region {region!r}; known regions: {', '.join(REGIONS)} "
            "(or give an explicit endpoint)"
        )


def endpoint_for(region: str) -> str:
    """The HTTPS endpoint of DLI in `region`, e.g. `cn-north-4`."""
    if region in SPECIAL_ENDPOINTS:
        return SPECIAL_ENDPOINTS[region]
    if region in TEMPLATE_REGIONS:
        return ENDPOINT_TEMPLATE.format(region=region)
    raise UnknownRegion(region)
