"""Import and export: CSV files from Rapport, Salesforce and HubSpot in, CSV and whole-workspace JSON out."""

from services.importing.backup import WorkspaceNotEmpty, restore_json
from services.importing.csv_export import export_csv
from services.importing.csv_import import import_csv
from services.importing.reading import UnreadableFile
from services.importing.report import ImportReport

__all__ = ["ImportReport", "UnreadableFile", "WorkspaceNotEmpty", "export_csv", "import_csv", "restore_json"]
