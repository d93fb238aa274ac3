using Escalation.Domain.Intake;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Intake;

public sealed record ReportRequest(
    string? Channel, string? Description, CitizenRequest? Citizen, LocationRequest? Location, string? CategoryCode, string? Urgency);

public sealed record CitizenRequest(string? Name, string? Phone);

public sealed record LocationRequest(string? VillageCode, string? GridCode, string? Address);

public sealed record TicketCreated(Guid Id, long Version, string HeldByUnitCode, string? Number);

public static class ReportTicketEndpoint
{
    /// <summary>
    /// Opens a ticket. A retry with the same <c>Idempotency-Key</c> (per caller) and the same body answers as the
    /// first request did and appends nothing; the same key with another body is refused.
    /// </summary>
    [ProducesResponseType<TicketCreated>(StatusCodes.Status201Created)]
    [WolverinePost("/api/tickets")]
    public static Task<IResult> Post(ReportRequest? request, ApiCommands api) =>
        api.ReportAsync(Plan(request), request, done => Results.Created($"/api/tickets/{done.TicketId}", new TicketCreated(done.TicketId, done.Version, done.Holder, done.Number)));

    /// <summary>The request's fields as checked, and the report they make.</summary>
    public static IntakePlan Plan(ReportRequest? request)
    {
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
        return new IntakePlan(fields, (by, id) => new ReportTicket(id, by, channel!.Value, description!, village, grid, address, category, urgency, name, phone));
    }
}
