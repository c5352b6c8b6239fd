"""Hand-written layer over the generated dli_client.

Auth, retries, waiting, paging, typed errors and the `dli` command line.
"""
