"""The kraamzorg report of a work year or a trend (`kraamzorg`), its publication mode
(`publication`), charts (`charts`, and `inline_svg` for the page), and its outputs — JSON,
CSV, XLSX (`xlsx`) and PDF (`pdf`) — through one path for the command line and the dashboard
(`outputs`)."""
