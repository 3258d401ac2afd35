"""Reading sellers' spreadsheets and writing reports. No Qt here."""
