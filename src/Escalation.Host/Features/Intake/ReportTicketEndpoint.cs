using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Escalation.Domain;
using Escalation.Domain.Intake;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Intake;

public sealed record ReportRequest(
    string? Channel, string? Description, CitizenRequest? Citizen, LocationRequest? Location, string? CategoryCode, string? Urgency);

public sealed record CitizenRequest(string? Name, string? Phone);

public sealed record LocationRequest(string? VillageCode, string? GridCode, string? Address);

public sealed record TicketCreated(Guid Id, long Version, string HeldByUnitCode);

/// <summary>Either the problem to answer with, or the ticket opened (now or by an earlier request with the same key).</summary>
public sealed record IntakeOutcome(IResult? Failure, IntakeKey? Ticket)
{
    public static implicit operator IntakeOutcome(IntakeKey ticket) => new(null, ticket);

    public static IntakeOutcome Fail(IResult problem) => new(problem, null);
}

/// <summary>A caller's idempotency key and the ticket its first request opened.</summary>
public sealed record IntakeKey(string Id, Guid TicketId, string HeldByUnitCode, string RequestHash);

public static class ReportTicketEndpoint
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// Opens a ticket. A retry with the same <c>Idempotency-Key</c> (per caller) and the same body answers as the
    /// first request did and appends nothing; the same key with another body is refused.
    /// </summary>
    [ProducesResponseType<TicketCreated>(StatusCodes.Status201Created)]
    [WolverinePost("/api/tickets")]
    public static async Task<IResult> Post(ReportRequest? request, HttpContext http, IDocumentSession session, TicketCommandRunner runner)
    {
        var outcome = await OpenAsync(request, http.Request.Headers["Idempotency-Key"].ToString(), http.User, session, runner, http.RequestAborted);
        if (outcome.Ticket is not { } ticket)
            return outcome.Failure!;
        http.Response.Headers.ETag = TicketCommandRunner.ETag(1);
        return Results.Created($"/api/tickets/{ticket.TicketId}", new TicketCreated(ticket.TicketId, 1, ticket.HeldByUnitCode));
    }

    /// <summary>Checks the request and opens the ticket, or finds the one an earlier request with the same key opened.</summary>
    public static async Task<IntakeOutcome> OpenAsync(
        ReportRequest? request, string key, ClaimsPrincipal user, IDocumentSession session, TicketCommandRunner runner, CancellationToken ct)
    {
        if (!Access.MayDo(user, TicketAction.Report))
            return IntakeOutcome.Fail(Problems.Forbidden("report tickets"));

        var fields = new Fields();
        request ??= new ReportRequest(null, null, null, null, null, null);
        var channel = fields.Choice<Channel>(request.Channel, "channel");
        var description = fields.Text(request.Description, "description", ReportTicket.MaxDescriptionLength);
        var name = fields.Text(request.Citizen?.Name, "citizen.name", ReportTicket.MaxCitizenNameLength, required: false);
        var phone = fields.Text(request.Citizen?.Phone, "citizen.phone", 32, required: false);
        if (request.Location is null)
            fields.Add("location", "is required: a villageCode or a gridCode, and an optional address.");
        var village = fields.Text(request.Location?.VillageCode, "location.villageCode", 64, required: false);
        var grid = fields.Text(request.Location?.GridCode, "location.gridCode", 64, required: false);
        var address = fields.Text(request.Location?.Address, "location.address", ReportTicket.MaxAddressLength, required: false);
        var category = fields.Text(request.CategoryCode, "categoryCode", 64, required: false);
        var urgency = fields.Choice<Urgency>(request.Urgency, "urgency", required: false) ?? Urgency.Normal;
        if (key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl))
            fields.Add("Idempotency-Key", $"must be at most {MaxIdempotencyKeyLength} printable characters.");
        if (!fields.AreValid)
            return IntakeOutcome.Fail(fields.Problem());

        var actor = EscalationClaims.ActorOf(user);
        var keyId = key.Length == 0 ? null : $"{actor.UserId}:{key}";
        var hash = Hash(request);
        // One connection and one transaction for the key's lookup, Marten's event numbering and the writes: otherwise
        // each takes a pooled connection of its own, and PostgreSQL a session reset and a commit for each.
        await session.BeginTransactionAsync(ct);
        if (keyId is not null && await session.LoadAsync<IntakeKey>(keyId, ct) is { } earlier)
            return Replay(earlier, hash);

        var id = Guid.CreateVersion7();
        var decision = new ReportTicket(id, actor, channel!.Value, description!, village, grid, address, category, urgency, name, phone)
            .Decide(runner.Context());
        if (decision.IsRejected)
            return IntakeOutcome.Fail(Problems.Rejected(decision.Rejection));

        var heldBy = decision.Events.OfType<TicketReported>().Single().HeldByUnitCode;
        session.Events.StartStream<Ticket>(id, decision.Events);
        session.Store(new CitizenContact(id, name, phone));
        if (keyId is not null)
            session.Insert(new IntakeKey(keyId, id, heldBy, hash));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (keyId is not null && e is not OperationCanceledException)
        {
            // A concurrent retry with the same key won the race (Marten may report the unique violation as a
            // stream collision): answer as that request did. Any other failure goes on up.
            session.EjectAllPendingChanges();
            await using var query = session.DocumentStore.QuerySession();
            var winner = await query.LoadAsync<IntakeKey>(keyId, ct);
            if (winner is null)
                throw;
            return Replay(winner, hash);
        }
        return new IntakeKey("", id, heldBy, hash);

        static IntakeOutcome Replay(IntakeKey first, string requestHash) => first.RequestHash == requestHash
            ? first
            : IntakeOutcome.Fail(Problems.Rejected(new Rejection(
                "idempotency-key-reused", "This Idempotency-Key was used for a different request: use a new key for a new ticket.")));
    }

    private static string Hash(ReportRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
}
