namespace Escalation.Domain;

/// <summary>The codes of every rejection; the host maps them to responses in one place.</summary>
public static class RuleCodes
{
    // The ticket's state and who may act on it.
    public const string InvalidState = "invalid-state";
    public const string TicketMerged = "ticket-merged";
    public const string TicketNotHeldByUnit = "ticket-not-held-by-unit";
    public const string NotHolderOrAbove = "not-holder-or-above";
    public const string NotAboveHolder = "not-above-holder";
    public const string NotHolderOrSummoned = "not-holder-or-summoned-department";

    // Text a command must carry.
    public const string DescriptionRequired = "description-required";
    public const string DescriptionTooLong = "description-too-long";
    public const string AddressTooLong = "address-too-long";
    public const string CitizenNameTooLong = "citizen-name-too-long";
    public const string ImplausiblePhone = "implausible-phone";
    public const string ReasonRequired = "reason-required";
    public const string NoteRequired = "note-required";
    public const string SummaryRequired = "summary-required";

    // Places, matters and departments from the reference data.
    public const string LocationRequired = "location-required";
    public const string UnknownLocation = "unknown-location";
    public const string GridNotInVillage = "grid-not-in-village";
    public const string UnknownCategory = "unknown-category";
    public const string HandlingUnitOutsideLocation = "handling-unit-outside-location";
    public const string UnknownDepartment = "unknown-department";
    public const string DepartmentLacksPower = "department-lacks-power";

    // Escalation, transfer and returns.
    public const string TopTierReached = "top-tier-reached";
    public const string EscalationReasonReserved = "escalation-reason-reserved";
    public const string OnlyCountyTransfers = "only-county-transfers";
    public const string NoDispatcherToReturnTo = "no-dispatcher-to-return-to";

    // Whistles.
    public const string WhistleOnlyByTownshipOrCounty = "whistle-only-by-township-or-county";
    public const string DepartmentsRequired = "departments-required";
    public const string DuplicateDepartment = "duplicate-department";
    public const string UnknownWhistle = "unknown-whistle";
    public const string DepartmentNotSummoned = "department-not-summoned";
    public const string SummonsAlreadyAnswered = "summons-already-answered";

    // Rating, closing, merging, privacy.
    public const string AlreadyRated = "already-rated";
    public const string RatingWindowOpen = "rating-window-open";
    public const string MergeIntoItself = "merge-into-itself";
    public const string MasterNotOpen = "master-not-open";
    public const string CitizenDataAlreadyErased = "citizen-data-already-erased";

    // Requests.
    public const string IdempotencyKeyReused = "idempotency-key-reused";

    // Time limits.
    public const string CalendarMissing = "calendar-missing";

    // Extensions (延期) and pauses (挂起) of time limits.
    public const string ClockNotExtensible = "clock-not-extensible";
    public const string NoRunningLimit = "no-running-limit";
    public const string LimitPassed = "limit-passed";
    public const string ExtensionDeadlineRequired = "extension-deadline-required";
    public const string ExtensionNotLater = "extension-not-later";
    public const string ExtensionTooLong = "extension-too-long";
    public const string ExtensionPending = "extension-pending";
    public const string ExtensionsExhausted = "extensions-exhausted";
    public const string NoExtensionPending = "no-extension-pending";
    public const string NotReviewer = "not-reviewer";
    public const string AlreadyPaused = "already-paused";
    public const string PausePending = "pause-pending";
    public const string PauseExhausted = "pause-exhausted";
    public const string PauseEndNotLater = "pause-end-not-later";
    public const string PauseTooLong = "pause-too-long";
    public const string NoPausePending = "no-pause-pending";
    public const string NotPaused = "not-paused";

    // Returns (退单) with rules.
    public const string ReturnWindowPassed = "return-window-passed";
    public const string ReturnPending = "return-pending";
    public const string NoReturnPending = "no-return-pending";
    public const string ReturnReasonCodeRequired = "return-reason-code-required";
    public const string NotRaisedFromBelow = "not-raised-from-below";

    // A change of matter while in handling.
    public const string MatterUnchanged = "matter-unchanged";
    // The callback desk.
    public const string CitizenUnreachable = "citizen-unreachable";

    // The county's organisation, changed at runtime (docs/county.md).
    public const string CountyInvalid = "county-invalid";
    public const string CountyNoSuchEntry = "county-no-such-entry";
    public const string CountyEntryExists = "county-entry-exists";
    public const string CountyUnchanged = "county-unchanged";
    public const string UnitHasOpenTickets = "unit-has-open-tickets";
    public const string LastAdministrator = "last-administrator";
    // Joint handling (#18): whistles from any tier, the steps after report-in, parts, fallback owner, named handlers.
    public const string WhistleTierNotAllowed = "whistle-tier-not-allowed";
    public const string NotWhistler = "not-whistler";
    public const string ConferenceAlreadyHeld = "conference-already-held";
    public const string NoneReportedIn = "none-reported-in";
    public const string MinutesRequired = "minutes-required";
    public const string NotParticipant = "not-participant";
    public const string PartsRequired = "parts-required";
    public const string TaskRequired = "task-required";
    public const string PartDueNotLater = "part-due-not-later";
    public const string UnknownPart = "unknown-part";
    public const string NotPartHolder = "not-part-holder";
    public const string PartAlreadyFedBack = "part-already-fed-back";
    public const string PartsOutstanding = "parts-outstanding";
    public const string AlreadyEvaluated = "already-evaluated";
    public const string ScoreOutOfRange = "score-out-of-range";
    public const string CoHandlerIsLead = "co-handler-is-lead";
    public const string FallbackOwnerHolds = "fallback-owner-holds";
    public const string UnknownUser = "unknown-user";
    public const string HandlerNotInUnit = "handler-not-in-unit";
    public const string AlreadyAssigned = "already-assigned";
}
