namespace Escalation.Domain.Tests;

/// <summary>The event catalogue of a ticket's stream.</summary>
public static class EventTypes
{
    public static readonly Type[] All =
    [
        typeof(TicketReported), typeof(TicketTriaged), typeof(TicketAccepted), typeof(TicketReturned),
        typeof(TicketEscalated), typeof(TicketTransferred), typeof(WhistleBlown), typeof(DepartmentReportedIn),
        typeof(ProgressNoted), typeof(TicketResolved), typeof(CitizenRated), typeof(TicketReopened),
        typeof(TicketUrged), typeof(TicketMergedInto), typeof(DuplicateAttached), typeof(TicketWithdrawn),
        typeof(TicketClosed), typeof(CitizenDataErased),
        typeof(ExtensionRequested), typeof(ExtensionApproved), typeof(ExtensionRefused),
        typeof(PauseRequested), typeof(PauseApproved), typeof(PauseRefused), typeof(TicketResumed),
        typeof(CallbackUnanswered), typeof(CitizenUnreachable),
        typeof(ReturnRequested), typeof(ReturnApproved), typeof(ReturnRefused), typeof(TicketReturnedToRaiser),
        typeof(MatterChanged),
        typeof(ConferenceHeld), typeof(CoHandlersNamed), typeof(PartFedBack), typeof(PartsOverridden), typeof(DepartmentEvaluated),
        typeof(WhistleEvaluated), typeof(FallbackAssigned), typeof(HandlerAssigned),
    ];
}
