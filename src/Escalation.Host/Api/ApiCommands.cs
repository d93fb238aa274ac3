using Escalation.Host.Commands;
using Wolverine;

namespace Escalation.Host.Api;

/// <summary>
/// The API's edge of the command pipeline: reads what a request says about how to run it (If-Match, Idempotency-Key),
/// runs the plan, and answers with the result mapped once (<see cref="Problems.For"/>).
/// </summary>
public sealed class ApiCommands(IHttpContextAccessor accessor, CommandPipeline pipeline, IMessageBus bus)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const int MaxIdempotencyKeyLength = 200;

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("ApiCommands serves HTTP requests only.");

    /// <param name="request">The request's body, for the digest that tells a retry from another request with the same key.</param>
    public async Task<IResult> RunAsync(Guid ticketId, TicketCommandPlan plan, object? request, Func<CommandResult.Done, IResult>? answer = null)
    {
        var caller = ReadCaller(plan.Fields, plan.Action.ToString(), ticketId, request);
        return Problems.For(await pipeline.RunAsync(ticketId, plan, caller, bus, Http.RequestAborted), Http, answer);
    }

    public async Task<IResult> ReportAsync(IntakePlan plan, object? request, Func<CommandResult.Done, IResult> answer)
    {
        var caller = ReadCaller(plan.Fields, "report", Guid.Empty, request);
        return Problems.For(await pipeline.ReportAsync(plan, caller, bus, Http.RequestAborted), Http, answer);
    }

    /// <summary>
    /// The caller, their If-Match version and their idempotency key. A malformed header is an invalid field of the
    /// request, so it is answered after the role check, with the body's own invalid fields.
    /// </summary>
    private CommandCaller ReadCaller(Fields fields, string action, Guid ticketId, object? request)
    {
        var headers = Http.Request.Headers;
        long? version = null;
        var ifMatch = headers.IfMatch.ToString();
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            if (long.TryParse(ifMatch.Trim().TrimStart('W', '/').Trim('"'), out var parsed) && parsed >= 0)
                version = parsed;
            else
                fields.Add("If-Match", "must be a ticket version, such as \"3\".");
        }

        RequestKey? key = null;
        if (headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            var text = values.ToString();
            if (string.IsNullOrWhiteSpace(text))
                fields.Add(IdempotencyKeyHeader, "must not be empty: leave the header out, or send a key of printable characters.");
            else if (text.Length > MaxIdempotencyKeyLength || text.Any(char.IsControl))
                fields.Add(IdempotencyKeyHeader, $"must be at most {MaxIdempotencyKeyLength} printable characters.");
            else
                key = RequestKey.For(text, action, ticketId, request);
        }
        return new CommandCaller(Http.User, version, key);
    }
}
