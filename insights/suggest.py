"""'Did you mean' for zero-result queries. PLACEHOLDER until issue 8."""


def did_you_mean(query: str) -> str | None:
    return None
