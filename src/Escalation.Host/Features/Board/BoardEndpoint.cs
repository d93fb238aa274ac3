using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Board;

/// <summary>Lit warning lights on time limits held by a unit (rolled up over the units below it) or a department.</summary>
public sealed record BoardRow(string Code, string Name, int Yellow, int Red);

/// <param name="Own">The lights on limits the unit itself holds.</param>
/// <param name="Units">Each unit directly below it, with the units below that.</param>
/// <param name="Departments">Each department: its report-in limits and the tickets it holds, on tickets within the unit.</param>
/// <param name="InTheAir">Tickets within the unit in the air now: dispatched and not yet signed for, or returned and awaiting triage again (AirTime).</param>
/// <param name="Bounced">Those of them that bounced (were returned, transferred or escalated unsigned) in their current flight.</param>
public sealed record WarningBoard(string Unit, int Yellow, int Red, BoardRow Own, IReadOnlyList<BoardRow> Units, IReadOnlyList<BoardRow> Departments,
    int InTheAir = 0, int Bounced = 0);

/// <summary>The warning board (亮灯预警): yellow and red lights within a unit, from the lights the timers lit.</summary>
public static class BoardEndpoint
{
    [ProducesResponseType<WarningBoard>(StatusCodes.Status200OK)]
    [WolverineGet("/api/board")]
    public static async Task<IResult> Get(string? unit, HttpContext http, IQuerySession session, ReferenceData reference)
    {
        var role = EscalationClaims.RoleOf(http.User);
        if (role is not (Role.Dispatcher or Role.Auditor or Role.Administrator))
            return Problems.Forbidden("see the warning board");
        var ownUnit = EscalationClaims.ActorOf(http.User).UnitCode;
        if (reference.FindUnit(unit ?? ownUnit) is not { } board)
            return Problems.Invalid("unit", $"there is no unit {unit}.");
        if (role == Role.Dispatcher && !reference.IsSelfOrAncestor(ownUnit, board.Code))
            return Problems.Forbidden("see the board of a unit outside its own");

        return Results.Ok(await BuildAsync(board, session, reference, http.RequestAborted));
    }

    public static async Task<WarningBoard> BuildAsync(Unit board, IQuerySession session, ReferenceData reference, CancellationToken ct)
    {
        var lit = await Access.WithinUnit(session.Query<TicketView>(), board.Code, reference)
            .Where(t => t.Light != WarningLight.None)
            .ToListAsync(ct);
        var clocks = lit.SelectMany(t => t.Clocks).Where(c => c.Running && c.Light != WarningLight.None).ToList();

        var children = reference.ChildrenOf(board.Code).Where(u => u.Kind != UnitKind.Grid).ToList();
        var units = children.Select(child => Row(child.Code, child.NameZh, clocks.Where(c => IsHeldWithin(c, child.Code, reference)))).ToList();
        var departments = reference.Departments.Select(d => Row(d.Code, d.NameZh, clocks.Where(c => c.Holder == d.Code))).ToList();
        var own = Row(board.Code, board.NameZh, clocks.Where(c => c.Holder == board.Code));
        var flying = await Access.WithinUnit(session.Query<TicketView>(), board.Code, reference)
            .Where(t => t.Air.InTheAirSince != null)
            .Select(t => t.Air.FlightBounces)
            .ToListAsync(ct);
        return new WarningBoard(
            board.Code,
            clocks.Count(c => c.Light == WarningLight.Yellow),
            clocks.Count(c => c.Light == WarningLight.Red),
            own,
            units,
            departments,
            InTheAir: flying.Count,
            Bounced: flying.Count(bounces => bounces > 0));
    }

    /// <summary>A limit held by a unit at or below <paramref name="unitCode"/>; report-in limits are held by departments.</summary>
    private static bool IsHeldWithin(ClockView clock, string unitCode, ReferenceData reference) =>
        clock.Clock != Clock.ReportIn && reference.IsSelfOrAncestor(unitCode, clock.Holder);

    private static BoardRow Row(string code, string name, IEnumerable<ClockView> clocks)
    {
        var list = clocks.ToList();
        return new BoardRow(code, name, list.Count(c => c.Light == WarningLight.Yellow), list.Count(c => c.Light == WarningLight.Red));
    }
}
