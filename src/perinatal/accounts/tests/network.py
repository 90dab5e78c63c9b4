"""The persona fixtures of the whole care network (src/conftest.py), for the role × endpoint
refusal tables of every app (docs/decisions/0028-care-network.md)."""

# The actors who only refer: never a family's record, only what they referred and its answer.
REFERRAL_ONLY_PERSONAS = ["ocmw_user", "caw_user", "cgg_user", "psychologist_user"]
# The first line of the network: care professionals who see a family when in its care team.
FIRST_LINE_PERSONAS = ["one_nurse", "gp_user", "health_centre_user"]
NETWORK_PERSONAS = [*FIRST_LINE_PERSONAS, *REFERRAL_ONLY_PERSONAS]
