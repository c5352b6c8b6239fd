"""Range checks of numeric settings: the error names the setting, the bound and the value."""


def require_positive(setting: str, value: float) -> None:
    if not value > 0:
        raise ValueError(f"{setting} must be positive, got {value}")


def require_at_least(
    setting: str, value: float, minimum: float, minimum_name: str | None = None
) -> None:
    if not value >= minimum:
        bound = f"{minimum_name} ({minimum})" if minimum_name else f"{minimum}"
        raise ValueError(f"{setting} must be at least {bound}, got {value}")
