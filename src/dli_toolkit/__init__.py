"""Hand-written layer over the generated dli_client: auth, retries, waiting, paging, typed errors, CLI."""
