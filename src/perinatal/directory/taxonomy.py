"""The two taxonomies of the directory — phases of the first 1000 days and needs — as
HSDS taxonomy terms with their labels in every language."""

from django.utils import translation

from .constants import Need, Phase
from .language_fallback import CONTENT_LANGUAGES
from .models import TaxonomyTerm

TAXONOMIES = ((TaxonomyTerm.PHASE, Phase), (TaxonomyTerm.NEED, Need))


def terms_ensure() -> dict[tuple[str, str], TaxonomyTerm]:
    """Create or refresh every phase and need term; returns them by (taxonomy, code).

    Only writes rows whose labels changed, so running it again changes nothing."""
    existing = {(t.taxonomy, t.code): t for t in TaxonomyTerm.objects.all()}
    for taxonomy, choices in TAXONOMIES:
        for position, choice in enumerate(choices):
            labels = {}
            for lang in CONTENT_LANGUAGES:
                with translation.override(lang):
                    labels[f"name_{lang}"] = str(choice.label)
            term = existing.get((taxonomy, choice.value))
            if term is None:
                term = TaxonomyTerm.objects.create(
                    taxonomy=taxonomy, code=choice.value, position=position, **labels
                )
                existing[(taxonomy, choice.value)] = term
            elif any(getattr(term, k) != v for k, v in labels.items()) or term.position != position:
                for key, value in labels.items():
                    setattr(term, key, value)
                term.position = position
                term.save()
    return existing
