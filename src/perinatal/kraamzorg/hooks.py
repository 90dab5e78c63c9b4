"""What kraamzorg adds to the family record: its part of the export and of the
pseudonymisation after the retention period."""

from perinatal.pathways.extensions import RecordExtension, record_extensions

from .retention import export_section, pseudonymise

record_extensions.register(
    "kraamzorg", RecordExtension(export=export_section, pseudonymise=pseudonymise)
)
