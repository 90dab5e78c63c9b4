"""What kraamzorg adds to the family record: its part of the export and of the
pseudonymisation after the retention period."""

from perinatal.pathways.services.retention import register_export_source, register_pseudonymiser

from .retention import export_section, pseudonymise

register_export_source(export_section)
register_pseudonymiser(pseudonymise)
