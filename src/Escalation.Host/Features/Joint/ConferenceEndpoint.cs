using Escalation.Domain;
using Escalation.Domain.Joint;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Joint;

/// <summary>A part as the conference agrees it: the party (a department, or a summoned township), what it does, by when.</summary>
public sealed record PartRequest(string? Party, string? Task, DateTimeOffset? Due);

public sealed record ConferenceRequest(string?[]? Participants, string? Minutes, PartRequest?[]? Parts);

/// <summary>The parts' ids, in the order they were asked: each party feeds back at <c>parts/{partId}/feedback</c>.</summary>
public sealed record ConferenceHeldResponse(Guid TicketId, IReadOnlyList<Guid> PartIds, long Version);

/// <summary>The whistling unit holds the conference (会商) after report-in: participants, minutes, and the parts agreed.</summary>
public static class ConferenceEndpoint
{
    public const int MaxParties = 20;

    [WolverinePost("/api/tickets/{id}/whistles/{whistleId}/conference")]
    [ProducesResponseType<ConferenceHeldResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post([AsParameters] WhistleAnswer<ConferenceRequest> answer, ApiCommands api)
    {
        var plan = Plan(answer.Id, answer.WhistleId, answer.Body, out var partIds);
        return api.RunAsync(answer.Id, plan, answer.Body, done => Results.Ok(new ConferenceHeldResponse(answer.Id, partIds, done.Version)));
    }

    public static TicketCommandPlan Plan(Guid id, Guid whistleId, ConferenceRequest? request, out IReadOnlyList<Guid> partIds)
    {
        var fields = new Fields();
        var participants = JointFields.Codes(fields, request?.Participants, "participants", MaxParties);
        var minutes = fields.Text(request?.Minutes, "minutes", 8000);
        var asked = request?.Parts ?? [];
        if (asked.Length is 0 or > MaxParties)
            fields.Add("parts", $"must agree 1 to {MaxParties} parts.");
        var ids = asked.Select(_ => Guid.CreateVersion7()).ToArray();
        var parts = new List<AgreedPart>();
        for (var i = 0; i < asked.Length; i++)
        {
            var party = fields.Text(asked[i]?.Party, $"parts[{i}].party", 64);
            var task = fields.Text(asked[i]?.Task, $"parts[{i}].task", 1000);
            if (asked[i]?.Due is not { } due)
                fields.Add($"parts[{i}].due", "is required: when the part is due, with its offset (e.g. 2026-11-20T17:00:00+08:00).");
            else if (party is not null && task is not null)
                parts.Add(new AgreedPart(ids[i], party, task, due));
        }
        partIds = ids;
        return new(TicketAction.HoldConference, fields, by => new HoldConference(id, by, whistleId, participants, minutes!, parts));
    }
}

/// <summary>The checks the joint-handling requests share.</summary>
public static class JointFields
{
    /// <summary>A list of unit or department codes: at most <paramref name="max"/>, each 1 to 64 printable characters.</summary>
    public static IReadOnlyList<string> Codes(Fields fields, string?[]? codes, string field, int max)
    {
        var given = codes ?? [];
        if (given.Length == 0 || given.Length > max)
            fields.Add(field, $"must name 1 to {max} units or departments.");
        else if (given.Any(code => string.IsNullOrWhiteSpace(code) || code.Length > 64 || code.Any(char.IsControl)))
            fields.Add(field, "must hold codes of 1 to 64 printable characters.");
        return [.. given.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim())];
    }

    /// <summary>A 1–5 mark or a 0–100 score, required.</summary>
    public static int Mark(Fields fields, int? value, string field, int min, int max)
    {
        if (value is not { } v || v < min || v > max)
            fields.Add(field, $"is required: a whole number from {min} to {max}.");
        return value ?? min;
    }

    public static bool Flag(Fields fields, bool? value, string field, string meaning)
    {
        if (value is null)
            fields.Add(field, $"is required: {meaning}.");
        return value ?? false;
    }
}
