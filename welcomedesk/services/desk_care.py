"""The desk's care of its data and its people, as the Desk facade offers it: staff accounts and sign-in, the
idle lock's acts, the audit log, the check, backups, and the privacy tools. ``Desk`` mixes it in; the
database and the signed-in account are the Desk's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welcomedesk.actor import Actor
from welcomedesk.codes import Role, SignInMode
from welcomedesk.db.session import Database
from welcomedesk.services import audit_log, sign_in, staff_accounts
from welcomedesk.services.accounts import require_role
from welcomedesk.services.audit_log import AuditChoices, AuditPage, AuditQuery, AuditRow
from welcomedesk.services.sign_in import SignInSettings
from welcomedesk.services.staff_accounts import AccountRow

if TYPE_CHECKING:
    # Backups, the check and the privacy tools are imported when first used: start-up does not need them.
    from welcomedesk.services.backups import BackupResult, RestoreResult
    from welcomedesk.services.erasure import ErasureResult
    from welcomedesk.services.health import HealthReport
    from welcomedesk.services.retention import RetentionPreview, RetentionResult, RetentionRules


class CareDesk:
    """Accounts, sign-in, the audit log, backups and the privacy tools, on the Desk's database."""

    _db: Database
    actor: Actor

    def close(self) -> None:
        raise NotImplementedError  # the Desk's own

    # -- staff accounts, sign-in and the idle lock
    def sign_in_settings(self) -> SignInSettings:
        """How this database signs people in, and after how many idle minutes the app locks."""
        return sign_in.sign_in_settings(self._db)

    def set_sign_in_settings(self, mode: SignInMode, idle_minutes: int) -> SignInSettings:
        """Change the sign-in mode and the idle lock's minutes (administrators)."""
        return sign_in.set_sign_in_settings(self._db, self.actor, mode, idle_minutes)

    def unlock_with(self, password: str) -> bool:
        """Whether ``password`` is this worker's (password mode's unlock; counted as a sign-in, audited)."""
        return sign_in.verify_password_for_unlock(self._db, self.actor, password)

    def record_lock(self) -> None:
        """The app covered itself after a while without use (audited)."""
        sign_in.lock_event(self._db, self.actor)

    def record_unlock(self) -> None:
        """The worker came back (computer-account mode: a click; audited)."""
        sign_in.unlock_event(self._db, self.actor)

    def change_password(self, old_password: str, new_password: str) -> None:
        """Change this worker's own password."""
        sign_in.change_password(self._db, self.actor, old_password, new_password)

    def accounts(self) -> list[AccountRow]:
        """Every staff account (administrators)."""
        return staff_accounts.list_accounts(self._db, self.actor)

    def add_account(self, username: str, display_name: str, roles: frozenset[Role], password: str | None = None
                    ) -> AccountRow:
        """A new staff account (administrators)."""
        return staff_accounts.add_account(self._db, self.actor, username, display_name, roles, password)

    def set_account_roles(self, account_id: int, roles: frozenset[Role], version: int | None = None) -> AccountRow:
        """What an account may do (administrators)."""
        return staff_accounts.set_roles(self._db, self.actor, account_id, roles, version)

    def set_account_password(self, username: str, password: str) -> None:
        """Set or reset another account's password, and lift its lock (administrators)."""
        sign_in.set_password(self._db, self.actor, username, password)

    def close_account(self, account_id: int, version: int | None = None) -> AccountRow:
        """Nobody works under this account any more (administrators)."""
        return staff_accounts.close_account(self._db, self.actor, account_id, version)

    def reopen_account(self, account_id: int, version: int | None = None) -> AccountRow:
        """A closed account works again (administrators)."""
        return staff_accounts.reopen_account(self._db, self.actor, account_id, version)

    # -- the audit log, checks and backups
    def audit_page(self, query: AuditQuery) -> AuditPage:
        """A page of the audit log, newest first (administrators and coordinators)."""
        return audit_log.audit_page(self._db, self.actor, query)

    def audit_choices(self) -> AuditChoices:
        """The accounts, acts and kinds of record the log's filters offer."""
        return audit_log.audit_choices(self._db, self.actor)

    def person_history(self, person_id: int) -> tuple[AuditRow, ...]:
        """Who saw and changed this person's records, newest first."""
        return audit_log.person_history(self._db, self.actor, person_id)

    def check(self) -> HealthReport:
        """Check the database whole: file, references, stored values, audit chain (administrators)."""
        from welcomedesk.services import health

        return health.check_database(self._db, self.actor)

    def backup(self, out: Path) -> BackupResult:
        """Copy the database to ``out`` as it is now (administrators; SQLite)."""
        from welcomedesk.services import backups

        return backups.make_backup(self._db, self.actor, out)

    def restore(self, source: Path) -> RestoreResult:
        """Put a backup in place of this database (administrators; SQLite). The backup is checked first and a
        refused one changes nothing; once it is in place this desk is closed: the app starts again."""
        from welcomedesk.services import backups

        require_role(self.actor, Role.ADMIN)
        target = self._db.target
        if target.sqlite_path is not None:  # (PostgreSQL: the restore says to use pg_restore, nothing closed)
            backups.check_backup(source)
            self.close()
        return backups.restore_backup(target, source, self.actor)

    def automatic_backups(self) -> list[tuple[Path, datetime, int]]:
        """The program's own backups kept on this computer, newest first: file, when (UTC), size."""
        from welcomedesk.services import backups

        return backups.automatic_backups(backups.backup_folder(self._db.target.sqlite_path))

    def backup_folder(self) -> Path:
        """Where the program's own backups go."""
        from welcomedesk.services import backups

        return backups.backup_folder(self._db.target.sqlite_path)

    def automatic_backup(self, reason: str, *, only_if_due: bool = False) -> Path | None:
        """The program's own backup into its folder (on exit; once a day with ``only_if_due``); None when none
        was made (PostgreSQL, or today's is there)."""
        from welcomedesk.services import backups

        if only_if_due and not backups.due_daily(backups.backup_folder(self._db.target.sqlite_path)):
            return None
        return backups.auto_backup(self._db, self.actor, reason=reason)

    # -- privacy tools
    def person_data(self, person_id: int, language: str) -> dict[str, Any]:
        """Everything held on one person, for their access request, its words in ``language`` (audited)."""
        from welcomedesk.services import person_data

        return person_data.person_data(self._db, self.actor, person_id, language)

    def erase(self, person_id: int) -> ErasureResult:
        """Remove one person's personal data, keeping their anonymous record (administrators)."""
        from welcomedesk.services import erasure

        return erasure.erase_person(self._db, self.actor, person_id)

    def retention_rules(self) -> RetentionRules:
        """The municipality's retention rules (0: off)."""
        from welcomedesk.services import retention

        return retention.retention_rules(self._db, self.actor)

    def set_retention_rules(self, case_years: int, note_months: int) -> RetentionRules:
        """Set the retention rules (administrators)."""
        from welcomedesk.services import retention

        return retention.set_retention_rules(self._db, self.actor, case_years, note_months)

    def retention_preview(self) -> RetentionPreview:
        """Whom a retention run today would erase, and how many notes it would remove (administrators)."""
        from welcomedesk.services import retention

        return retention.retention_preview(self._db, self.actor)

    def run_retention(self) -> RetentionResult:
        """Run the retention rules now (administrators)."""
        from welcomedesk.services import retention

        return retention.run_retention(self._db, self.actor)
