using Escalation.Domain;
using Escalation.Domain.Privacy;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Privacy;

/// <summary>Erases the citizen's name, phone and own words (PIPL, docs/privacy.md); the events, which do not hold them, stay as they are.</summary>
public static class EraseCitizenDataEndpoint
{
    [WolverinePost("/api/tickets/{id}/erase-citizen-data")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ApiCommands api) => api.RunAsync(id, Plan(id), null);

    /// <summary>The erasure asks for no fields: the API and the console's form run this plan.</summary>
    public static TicketCommandPlan Plan(Guid id) => new(TicketAction.EraseCitizenData, new Fields(), by => new EraseCitizenData(id, by));
}
