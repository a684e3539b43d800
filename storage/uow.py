"""The unit of work: one transaction, the repositories that share it, all scoped to one workspace."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from storage.repos_deals import ChainMembersRepo, DealsRepo
from storage.repos_logs import AuditRepo, DraftsRepo, InteractionsRepo, ProcessedEventsRepo
from storage.repos_occasions import OccasionsRepo
from storage.repos_org import DepartmentLinksRepo
from storage.repos_outbox import OutboxRepo
from storage.repos_people import AccountsRepo, ContactLinksRepo, ContactsRepo, DepartmentsRepo, UsersRepo
from storage.repos_pipeline import ControlPointsRepo, MeetingsRepo, ResourceRequestsRepo
from storage.repos_pitches import DealPitchesRepo, PitchDeliveriesRepo, PropositionsRepo
from storage.repos_requests import RequestFlowRepo
from storage.repos_scoring import OpenDealsRepo
from storage.scoring_generation import ScoringGenerationRepo
from storage.workspace_settings import WorkspaceSettingsRepo


class UnitOfWork:
    """`with uow: …; uow.commit()` — anything not committed is rolled back whole."""

    session: Session

    def __init__(self, sessions: sessionmaker[Session], workspace_id: str) -> None:
        if not workspace_id:
            raise ValueError("every unit of work is scoped to one workspace")
        self._sessions = sessions
        self.workspace_id = workspace_id

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        ws = self.workspace_id
        self.users = UsersRepo(self.session, ws)
        self.accounts = AccountsRepo(self.session, ws)
        self.departments = DepartmentsRepo(self.session, ws)
        self.department_links = DepartmentLinksRepo(self.session, ws)
        self.contacts = ContactsRepo(self.session, ws)
        self.contact_links = ContactLinksRepo(self.session, ws)
        self.interactions = InteractionsRepo(self.session, ws)
        self.audit = AuditRepo(self.session, ws)
        self.events = ProcessedEventsRepo(self.session, ws)
        self.drafts = DraftsRepo(self.session, ws)
        self.deals = DealsRepo(self.session, ws)
        self.chain_members = ChainMembersRepo(self.session, ws)
        self.control_points = ControlPointsRepo(self.session, ws)
        self.meetings = MeetingsRepo(self.session, ws)
        self.resource_requests = ResourceRequestsRepo(self.session, ws)
        self.requests = RequestFlowRepo(self.session, ws)
        self.outbox = OutboxRepo(self.session, ws)
        self.occasions = OccasionsRepo(self.session, ws)
        self.scoring = ScoringGenerationRepo(self.session, ws)
        self.open_deals = OpenDealsRepo(self.session, ws)
        self.propositions = PropositionsRepo(self.session, ws)
        self.deal_pitches = DealPitchesRepo(self.session, ws)
        self.pitch_deliveries = PitchDeliveriesRepo(self.session, ws)
        self.settings = WorkspaceSettingsRepo(self.session, ws)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        """Make the whole unit of work durable at once."""
        self.session.commit()


class UnitOfWorkFactory:
    """Hands out units of work for a workspace; built once from the engine and passed down."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def __call__(self, workspace_id: str) -> UnitOfWork:
        return UnitOfWork(self.sessions, workspace_id)
