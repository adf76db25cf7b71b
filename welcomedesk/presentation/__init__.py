"""How stored values read to a person, in a language passed in: shared by the command line, the
desktop app and (later) the printed papers. It reads the services' results; nothing below it
imports it."""
