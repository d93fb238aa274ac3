using Escalation.Projections;

namespace Escalation.Host.WebConsole.Pages.Shared;

/// <summary>
/// The action forms of one ticket. <paramref name="Posted"/> is the form just sent back with errors: it stays open with
/// what the user typed, even when the ticket has since moved on and would no longer offer it (unless someone acted first:
/// then only what the ticket still allows is offered). <paramref name="MergeInto"/> fills the merge form's master.
/// </summary>
public sealed record ActionsModel(TicketView Ticket, string ReturnUrl, OfferedAction? Posted, FormErrors? Errors, bool Open = false, string? MergeInto = null);
