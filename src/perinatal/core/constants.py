"""Technical constants the apps share: sizes and precisions of input and output that no
source prescribes (the rules of the sources are dated parameters in each app's
`data/parameters.yaml`)."""

from decimal import Decimal

# The longest free text (a reason, a note, remarks, a message) a form, the API or a service
# accepts. Database columns of such texts use it as their max_length.
TEXT_MAX_LENGTH = 4000

# Amounts (euros, hours, percentages) are rounded to two decimals.
CENT = Decimal("0.01")
