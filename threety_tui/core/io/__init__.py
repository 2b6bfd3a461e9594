"""Reading and writing other formats: LinkedIn CSV, vCard, JSON and CSV backups, iCalendar, mailto."""
