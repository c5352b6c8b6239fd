"""Schemathesis hooks of scripts/fuzz.py: credentials and policy from the environment.

scripts/fuzz.py names this module in SCHEMATHESIS_HOOKS. Credentials are the toolkit's
(`DLI_AUTH_TOKEN`, or `HUAWEICLOUD_SDK_AK`/`_SK`); the policy is read-only unless
`DLI_FUZZ_POLICY` says otherwise (see fuzz_auth.Policy).
"""

import schemathesis
from fuzz_auth import Policy, credentials_accepted_check, install

from dli_toolkit.credentials import credentials_from_env

_auth = install(schemathesis, credentials_from_env(), Policy.from_env())
schemathesis.check(credentials_accepted_check(_auth))
