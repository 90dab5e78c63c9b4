"""A small directory to search: texts chosen to exercise stemming, accents, typos and ranking."""

from perinatal.directory.constants import CostCategory, ServiceStatus
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory

# key: (factory arguments); every text field is given, so no factory default leaks into a match.
CORPUS = {
    "grief": {
        "name_nl": "Levensadem",
        "name_fr": "Le Souffle de Vie",
        "description_nl": "Begeleiding van ouders na een miskraam of bij perinatale rouw.",
        "description_fr": "Accompagnement des parents après une fausse couche ou un deuil périnatal.",
        "needs": ["perinatal_grief"],
        "phases": ["specific_situations"],
        "spoken": ["nl", "fr"],
        "cost_category": CostCategory.FREE,
        "address": ("Deltastraat 65", "1190", "Vorst", "Forest"),
    },
    "lactation": {
        "name_nl": "Lactatiekundige aan huis",
        "name_fr": "Consultante en lactation à domicile",
        "description_nl": "Een borstvoedingsconsulente komt langs en helpt bij borstvoeding.",
        "description_fr": "Une consultante vous aide pour l'allaitement maternel.",
        "needs": ["breastfeeding"],
        "phases": ["postnatal"],
        "spoken": ["nl"],
        "cost_category": CostCategory.PAYING,
        "address": ("Leuvensesteenweg 1", "1210", "Sint-Joost-ten-Node", "Saint-Josse-ten-Noode"),
    },
    "breastfeeding_group": {
        "name_nl": "Borstvoedingsgroep",
        "name_fr": "Groupe de mamans",
        "description_nl": "Moeders ontmoeten elkaar elke maand.",
        "description_fr": "Les mères se rencontrent chaque mois.",
        "phases": ["postnatal"],
        "cost_category": CostCategory.FREE,
    },
    "pregnancy": {
        "organization__name_nl": "Kind en Gezin",
        "organization__name_fr": "Kind en Gezin",
        "name_nl": "Zwangerschapsbegeleiding",
        "name_fr": "Suivi de grossesse",
        "description_nl": "Consultaties voor zwangere vrouwen.",
        "description_fr": "Consultations prénatales pour les femmes enceintes.",
        "phases": ["prenatal"],
        "spoken": ["fr", "ar"],
        "programme_1000_days": True,
        "cost_category": CostCategory.SOCIAL_TARIFF,
        "address": ("Rue de Genève 1", "1140", "Evere", "Évere"),
    },
    "kraamzorg_name": {
        "name_nl": "Kraamzorg Brussel",
        "name_fr": "Maison de naissance",
        "description_nl": "Hulp thuis na de bevalling.",
        "description_fr": "Accoucher hors de l'hôpital.",
        "phases": ["birth"],
        "cost_category": CostCategory.REIMBURSED,
    },
    "kraamzorg_text": {
        "name_nl": "Thuishulp voor gezinnen",
        "name_fr": "Sage-femme à domicile",
        "description_nl": "Wij bieden ook kraamzorg aan, kraamzorg voor iedereen.",
        "description_fr": "Suivi à domicile et orientation vers une maison de naissance.",
        "phases": ["birth"],
        "cost_category": CostCategory.PAYING,
    },
    "dutch_only": {
        "name_nl": "Vroedvrouwenpraktijk Noord",
        "name_fr": "",
        "description_nl": "Een vroedvrouw komt aan huis.",
        "description_fr": "",
        "phases": ["whole_period"],
        "cost_category": CostCategory.REIMBURSED,
    },
    "defunct": {
        "name_nl": "Oude rouwgroep",
        "name_fr": "Ancien groupe de deuil",
        "description_nl": "Bestaat niet meer.",
        "description_fr": "N'existe plus.",
        "status": ServiceStatus.DEFUNCT,
        "cost_category": CostCategory.FREE,
    },
}


def build_corpus() -> dict:
    """Create the corpus; returns {key: Service}."""
    services = {}
    for key, spec in CORPUS.items():
        spec = dict(spec)
        organization = {
            name.removeprefix("organization__"): spec.pop(name)
            for name in list(spec)
            if name.startswith("organization__")
        }
        if organization:
            spec["organization"] = OrganizationFactory(**organization)
        services[key] = ServiceFactory(**spec)
    return services
