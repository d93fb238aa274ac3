using System.Security.Claims;
using Escalation.Host.Commands;
using Wolverine;

namespace Escalation.Host.WebConsole;

/// <summary>Runs the API's own command plans for the console's forms, through the same pipeline the API uses.</summary>
public sealed class ConsoleCommands(CommandPipeline pipeline, IMessageBus bus)
{
    /// <param name="version">The ticket's version the page showed: someone who acted since is a conflict, not overwritten.</param>
    public Task<CommandResult> RunAsync(ClaimsPrincipal user, Guid ticketId, TicketCommandPlan plan, long? version, CancellationToken ct) =>
        pipeline.RunAsync(ticketId, plan, new CommandCaller(user, version), bus, ct);

    /// <param name="key">Made when the form was shown: a second click, or a resubmitted page, opens no second ticket.</param>
    public Task<CommandResult> ReportAsync(ClaimsPrincipal user, IntakePlan plan, string key, object request, CancellationToken ct) =>
        pipeline.ReportAsync(plan, new CommandCaller(user, Key: string.IsNullOrWhiteSpace(key) ? null : RequestKey.For(key, "report", Guid.Empty, request)), bus, ct);
}
