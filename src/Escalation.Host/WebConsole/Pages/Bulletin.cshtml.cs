using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Features.Statistics;
using Escalation.Projections.Statistics;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>The printable bulletin (通报) of a unit for a month, a week or a day: the same figures as <c>/api/bulletin</c>.</summary>
public sealed class BulletinModel(IQuerySession session, ReferenceData reference, TimeProvider clock, RankingSettings rankings) : ConsolePage
{
    public Bulletin Report { get; private set; } = null!;

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? unit, string? period)
    {
        if (MyRole is not (Role.Dispatcher or Role.Auditor or Role.Administrator))
            return NotAllowed();
        var own = MyRole == Role.Dispatcher ? Me.UnitCode : reference.County.Code;
        Units = [.. reference.UnitsWithin(own).Where(u => u.Kind != UnitKind.Grid)];
        var scope = Units.FirstOrDefault(u => u.Code == unit) ?? reference.FindUnit(own)!;
        var today = StatisticFacts.Day(clock.GetUtcNow());
        var span = ReportPeriod.Parse(period, today, new Fields()) ?? ReportPeriod.Month(today);
        Report = await BulletinBuilder.BuildAsync(scope, span, rankings, session, reference, HttpContext.RequestAborted);
        return Page();
    }
}
