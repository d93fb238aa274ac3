using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Intake;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using Escalation.Domain.Withdrawal;
using Escalation.Host.Features.Statistics;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.Simulation;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.ReadModels;

/// <summary>
/// A simulated November (China time) of a few hundred cases, decided by the domain on a clock that jumps forward and
/// appended straight to the store, with some cases reported in October and events running into December.
/// </summary>
public sealed class MonthOfCases : IAsyncLifetime
{
    public EscalationApp App { get; } = new();
    public IReadOnlyList<IEvent> Events { get; private set; } = [];
    public ReferenceData Reference => App.Services.GetRequiredService<ReferenceData>();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var store = App.Services.GetRequiredService<IDocumentStore>();
        var from = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(8));
        foreach (var batch in new CaseSimulator(Reference, seed: 1123).Cases(from, from.AddDays(37), 450).Chunk(150))
        {
            await using var session = store.LightweightSession();
            foreach (var simulated in batch)
                session.Events.StartStream<Ticket>(simulated.Id, simulated.Events);
            await session.SaveChangesAsync();
        }
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(1));
        await using var query = store.QuerySession();
        // The tickets' events: the county's own stream (its reference data, docs/county.md) is no case.
        Events = await query.Events.QueryAllRawEvents().Where(e => e.StreamId != Escalation.Host.Organisation.CountyStore.StreamId).OrderBy(e => e.Sequence).ToListAsync();
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>The reported figures, checked against a count made here, case by case, from the raw events.</summary>
public sealed class StatisticsTests(MonthOfCases month) : IClassFixture<MonthOfCases>
{
    private static readonly string[] Counted =
    [
        "reported", "dispatched", "accepted", "acceptedInTime", "resolved", "closed", "closedInTime", "rated", "satisfied", "reopened",
        "escalatedToTownship", "escalatedToCounty", "escalatedToCountyLeader", "whistles", "summoned", "reportedIn", "reportInsMissed",
        "returned", "returnsCountedAgainst", "repeatProblems",
        "bounces", "signedFor", "flights",
    ];

    private readonly HttpClient _auditor = month.App.ClientFor("aud-01");

    /// <summary>One thing counted: a metric, a China day, the party (a unit, or a department in a unit) and the category.</summary>
    private sealed record Fact(string Metric, DateOnly Day, string Unit, string? Department, string Category, long Value = 1);

    [Fact]
    public async Task the_county_by_township_for_november_matches_the_count_from_the_raw_events()
    {
        var rows = await RowsAsync("unit=SC&groupBy=unit&period=month&from=2026-11-01&to=2026-11-30");

        rows.Select(r => r.GetProperty("key").GetString()).ShouldBe(
            ["SC", .. month.Reference.Units.Where(u => u.ParentCode == "SC").Select(u => u.Code)]);
        ShouldMatchTheRawEvents(rows, "SC", StatsGrouping.Unit, StatsPeriod.Month, new(2026, 11, 1), new(2026, 11, 30));
        var reported = rows.Sum(r => r.GetProperty("reported").GetInt32());
        reported.ShouldBeGreaterThan(300);
        rows.Sum(r => r.GetProperty("escalatedToTownship").GetInt32() + r.GetProperty("escalatedToCounty").GetInt32()).ShouldBeGreaterThan(0);
        rows.Sum(r => r.GetProperty("returnsCountedAgainst").GetInt32()).ShouldBeGreaterThan(0);
        rows.Sum(r => r.GetProperty("repeatProblems").GetInt32()).ShouldBeGreaterThan(0);
        rows.Sum(r => r.GetProperty("bounces").GetInt32()).ShouldBeGreaterThan(0);
        rows.Sum(r => r.GetProperty("flights").GetInt32()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task the_county_by_department_for_november_matches_the_count_from_the_raw_events()
    {
        var rows = await RowsAsync("unit=SC&groupBy=department&from=2026-11-01&to=2026-11-30");

        rows.Length.ShouldBe(month.Reference.Departments.Count);
        ShouldMatchTheRawEvents(rows, "SC", StatsGrouping.Department, StatsPeriod.Month, new(2026, 11, 1), new(2026, 11, 30));
        rows.Sum(r => r.GetProperty("summoned").GetInt32()).ShouldBeGreaterThan(0);
        rows.Sum(r => r.GetProperty("reportInsMissed").GetInt32()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task the_county_by_category_day_by_day_matches_the_count_from_the_raw_events()
    {
        var rows = await RowsAsync("unit=SC&groupBy=category&period=day&from=2026-11-10&to=2026-11-12");

        rows.Select(r => r.GetProperty("period").GetString()).Distinct().ShouldBe(["2026-11-10", "2026-11-11", "2026-11-12"]);
        ShouldMatchTheRawEvents(rows, "SC", StatsGrouping.Category, StatsPeriod.Day, new(2026, 11, 10), new(2026, 11, 12));
    }

    [Fact]
    public async Task a_township_by_village_week_by_week_matches_the_count_from_the_raw_events()
    {
        var busiest = month.Events.Select(e => e.Data).OfType<TicketReported>().GroupBy(r => r.HeldByUnitCode).MaxBy(g => g.Count())!.Key;

        var rows = await RowsAsync($"unit={busiest}&groupBy=unit&period=week&from=2026-11-01&to=2026-11-30");

        rows.Select(r => r.GetProperty("period").GetString()).Distinct().ShouldBe(["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]);
        ShouldMatchTheRawEvents(rows, busiest, StatsGrouping.Unit, StatsPeriod.Week, new(2026, 11, 1), new(2026, 11, 30));
    }

    [Fact]
    public async Task the_csv_for_the_bulletin_holds_the_same_figures_as_the_json()
    {
        const string query = "unit=SC&groupBy=unit&from=2026-11-01&to=2026-11-30";
        var json = await RowsAsync(query);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stats?{query}");
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await _auditor.SendAsync(request);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        header[..3].ShouldBe(["period", "key", "name"]);
        // The header, the rows, then the month's total row.
        lines.Length.ShouldBe(json.Length + 2);
        lines[^1].Split(',')[1].ShouldBe(StatsTable.TotalKey);
        for (var i = 0; i < json.Length; i++)
        {
            var fields = lines[i + 1].Split(',');
            foreach (var (column, value) in header.Zip(fields))
            {
                var expected = json[i].GetProperty(column);
                value.ShouldBe(expected.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => expected.GetString(),
                    _ => expected.GetRawText(),
                }, $"{column} of row {i}");
            }
        }
        (await (await _auditor.GetAsync($"/api/stats?{query}&format=csv")).Content.ReadAsStringAsync()).ShouldBe(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void the_closure_rate_of_the_jilin_example_is_93_98_percent()
    {
        StatsTable.Percent(3577, 3806).ShouldBe(93.98m);
        StatsTable.Percent(0, 0).ShouldBeNull();
    }

    [Theory]
    [InlineData("groupBy=village", "groupBy")]
    [InlineData("period=year", "period")]
    [InlineData("format=xml", "format")]
    [InlineData("from=2026-11-31", "from")]
    [InlineData("from=30/11/2026", "from")]
    [InlineData("to=tomorrow", "to")]
    [InlineData("from=2026-11-30&to=2026-11-01", "from")]
    [InlineData("from=2025-01-01&to=2026-11-30", "to")]
    [InlineData("unit=NOWHERE", "unit")]
    public async Task a_bad_parameter_is_400_naming_it(string query, string field)
    {
        var response = await _auditor.GetAsync($"/api/stats?{query}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("disp-SC-T01", "", 200)]
    [InlineData("disp-SC-T01", "unit=SC-T01-V01", 200)]
    [InlineData("disp-SC-T01", "unit=SC-T02", 403)]
    [InlineData("disp-SC-T01", "unit=SC", 403)]
    [InlineData("admin", "unit=SC-T02", 200)]
    [InlineData("op-01", "", 403)]
    [InlineData("dept-D-UM", "", 403)]
    public async Task dispatchers_see_their_own_unit_and_auditors_and_the_administrator_any(string user, string query, int status)
    {
        var response = await month.App.ClientFor(user).GetAsync($"/api/stats?{query}");

        await response.ShouldHaveStatusAsync((HttpStatusCode)status);
    }

    private async Task<JsonElement[]> RowsAsync(string query)
    {
        var response = await _auditor.GetAsync($"/api/stats?{query}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("rows").EnumerateArray()];
    }

    /// <summary>Every row's counts, rates and mean report-in time against the facts counted here.</summary>
    private void ShouldMatchTheRawEvents(JsonElement[] rows, string scope, StatsGrouping groupBy, StatsPeriod period, DateOnly from, DateOnly to)
    {
        var reference = month.Reference;
        var children = reference.Units.Where(u => u.ParentCode == scope).ToList();
        string? RowOf(Fact f) => groupBy switch
        {
            StatsGrouping.Unit when f.Department is null =>
                f.Unit == scope ? scope : children.FirstOrDefault(c => reference.IsSelfOrAncestor(c.Code, f.Unit))?.Code,
            StatsGrouping.Department => f.Department,
            StatsGrouping.Category => f.Category,
            _ => null,
        };
        var expected = CountFromRawEvents(month.Events, reference)
            .Where(f => f.Day >= from && f.Day <= to && reference.IsSelfOrAncestor(scope, f.Unit))
            .Select(f => (Fact: f, Row: RowOf(f), Period: StatsTable.Start(f.Day, period).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Where(x => x.Row is not null)
            .ToLookup(x => (x.Period, x.Row!), x => x.Fact);

        var seen = new HashSet<(string, string)>();
        foreach (var row in rows)
        {
            var at = (row.GetProperty("period").GetString()!, row.GetProperty("key").GetString()!);
            seen.Add(at);
            var facts = expected[at].ToList();
            long Sum(string metric) => facts.Where(f => f.Metric == metric).Sum(f => f.Value);
            Counted.ToDictionary(m => m, m => row.GetProperty(m).GetInt64()).ShouldBe(Counted.ToDictionary(m => m, Sum), $"{at}");

            Rate(row, "responseRate").ShouldBe(Percent(Sum("acceptedInTime"), Sum("dispatched")), $"{at}");
            Rate(row, "resolutionRate").ShouldBe(Percent(Sum("resolved"), Sum("accepted")), $"{at}");
            Rate(row, "closureRate").ShouldBe(Percent(Sum("closed"), Sum("reported")), $"{at}");
            Rate(row, "closedInTimeRate").ShouldBe(Percent(Sum("closedInTime"), Sum("closed")), $"{at}");
            Rate(row, "satisfactionPerRatingRate").ShouldBe(Percent(Sum("satisfied"), Sum("rated")), $"{at}");
            Rate(row, "reportInRate").ShouldBe(Percent(Sum("reportedIn"), Sum("summoned")), $"{at}");
            Rate(row, "meanReportInMinutes").ShouldBe(
                Sum("reportedIn") == 0 ? null : Math.Round(Sum("reportInSeconds") / 60m / Sum("reportedIn"), 1, MidpointRounding.AwayFromZero), $"{at}");
            var signFor = facts.Where(f => f.Metric == "signForSeconds").Select(f => f.Value).Order().ToList();
            Rate(row, "signForP50Minutes").ShouldBe(NearestRank(signFor, 50), $"{at}");
            Rate(row, "signForP90Minutes").ShouldBe(NearestRank(signFor, 90), $"{at}");
            Rate(row, "meanAirMinutes").ShouldBe(
                Sum("flights") == 0 ? null : Math.Round(Sum("airSeconds") / 60m / Sum("flights"), 1, MidpointRounding.AwayFromZero), $"{at}");
        }
        expected.Select(g => g.Key).Where(k => expected[k].Any(f => f.Value != 0)).ShouldAllBe(k => seen.Contains(k));
    }

    private static decimal? Rate(JsonElement row, string name) =>
        row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDecimal();

    /// <summary>The smallest of the sorted times that at least <paramref name="percent"/>% of them do not exceed, in minutes.</summary>
    private static decimal? NearestRank(List<long> sortedSeconds, int percent) =>
        sortedSeconds.Count == 0 ? null
        : Math.Round(sortedSeconds[Math.Max(1, (sortedSeconds.Count * percent + 99) / 100) - 1] / 60m, 1, MidpointRounding.AwayFromZero);

    private static decimal? Percent(long part, long whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>
    /// The README's metrics, counted case by case from the raw events: requests by the village of their location and
    /// their final category; everything else for whoever held the ticket (a department, in the unit holding it), the
    /// unit a ticket was dispatched or escalated to, the unit that blew a whistle and the departments it summoned, and
    /// the dispatcher a return counts against.
    /// </summary>
    private static List<Fact> CountFromRawEvents(IReadOnlyList<IEvent> events, ReferenceData reference)
    {
        var facts = new List<Fact>();
        var reports = new List<(Guid Id, DateTimeOffset At, string Village, string? Grid, string Category)>();
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var data = stream.OrderBy(e => e.Version).Select(e => e.Data).ToList();
            var reported = (TicketReported)data[0];
            var finalCategory = data.OfType<TicketTriaged>().LastOrDefault()?.CategoryCode ?? reported.CategoryCode ?? "";
            facts.Add(new("reported", Day(reported.At), reported.VillageCode, null, finalCategory));
            reports.Add((stream.Key, reported.At, reported.VillageCode, reported.GridCode, finalCategory));

            var category = reported.CategoryCode ?? "";
            var unit = reported.HeldByUnitCode;
            string? department = null;
            var status = TicketStatus.Reported;
            var limits = new Dictionary<Clock, TimeLimitStarted>();
            var resolvedLate = false;
            var whistles = new Dictionary<Guid, (string By, DateTimeOffset At)>();
            // Time in the air: a flight from a dispatch to the next sign-for; a bounce sends on a ticket nobody signed for.
            DateTimeOffset? airSince = null, dispatchedAt = null;
            void Count(string metric, DateTimeOffset at, string party, string? inDepartment = null, long value = 1) =>
                facts.Add(new(metric, Day(at), party, inDepartment, category, value));
            void ForHolder(string metric, DateTimeOffset at, long value = 1) => Count(metric, at, unit, department, value);
            // A limit counts while a timer would act on it: its holder still has the ticket in the state it waits on.
            DateTimeOffset? Deadline(Clock clock, TicketStatus waitingIn) =>
                limits.TryGetValue(clock, out var limit) && status == waitingIn && limit.Holder == (department ?? unit) ? limit.Deadline : null;

            foreach (var e in data.Skip(1))
            {
                if (status == TicketStatus.Dispatched && e is TicketReturned { WhistleId: null } or TicketEscalated or TicketTransferred)
                    ForHolder("bounces", ((ITicketEvent)e).At);
                if (e is TicketTriaged or TicketEscalated or TicketTransferred)
                {
                    airSince ??= ((ITicketEvent)e).At;
                    dispatchedAt = ((ITicketEvent)e).At;
                }
                if (e is TicketAccepted signed)
                {
                    ForHolder("signedFor", signed.At);
                    ForHolder("signForSeconds", signed.At, (long)(signed.At - dispatchedAt!.Value).TotalSeconds);
                    ForHolder("flights", signed.At);
                    ForHolder("airSeconds", signed.At, (long)(signed.At - airSince!.Value).TotalSeconds);
                    airSince = null;
                }
                switch (e)
                {
                    case TimeLimitStarted { Clock: Clock.Accept or Clock.Resolve } x:
                        limits[x.Clock] = x;
                        break;
                    case TicketTriaged x:
                        category = x.CategoryCode;
                        Count("dispatched", x.At, x.HandlingUnitCode);
                        (unit, status) = (x.HandlingUnitCode, TicketStatus.Dispatched);
                        break;
                    case TicketEscalated x:
                        ForHolder($"escalatedTo{x.ToTier}", x.At);
                        Count("dispatched", x.At, x.ToUnitCode);
                        (unit, department, status) = (x.ToUnitCode, null, TicketStatus.Dispatched);
                        break;
                    case TicketTransferred x:
                        Count("dispatched", x.At, unit, x.DepartmentCode);
                        (department, status) = (x.DepartmentCode, TicketStatus.Dispatched);
                        break;
                    case TicketAccepted x:
                        ForHolder("accepted", x.At);
                        if (!(x.At > Deadline(Clock.Accept, TicketStatus.Dispatched)))
                            ForHolder("acceptedInTime", x.At);
                        status = TicketStatus.InHandling;
                        break;
                    case TicketResolved x:
                        ForHolder("resolved", x.At);
                        resolvedLate = x.At > Deadline(Clock.Resolve, TicketStatus.InHandling);
                        status = TicketStatus.Resolved;
                        break;
                    case CitizenRated x:
                        ForHolder("rated", x.At);
                        if (x.Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied)
                            ForHolder("satisfied", x.At);
                        break;
                    case TicketReopened x:
                        ForHolder("reopened", x.At);
                        status = TicketStatus.InHandling;
                        break;
                    case TicketClosed x:
                        ForHolder("closed", x.At);
                        if (!resolvedLate)
                            ForHolder("closedInTime", x.At);
                        status = TicketStatus.Closed;
                        break;
                    case WhistleBlown x:
                        whistles[x.WhistleId] = (x.BlownByUnitCode, x.At);
                        Count("whistles", x.At, x.BlownByUnitCode);
                        foreach (var summoned in x.DepartmentCodes)
                            Count("summoned", x.At, x.BlownByUnitCode, summoned);
                        break;
                    case DepartmentReportedIn x:
                        Count("reportedIn", x.At, whistles[x.WhistleId].By, x.DepartmentCode);
                        Count("reportInSeconds", x.At, whistles[x.WhistleId].By, x.DepartmentCode, (long)(x.At - whistles[x.WhistleId].At).TotalSeconds);
                        break;
                    case ReportInMissed x:
                        Count("reportInsMissed", x.At, whistles[x.WhistleId].By, x.DepartmentCode);
                        break;
                    case TicketReturned { WhistleId: { } whistleId } x:
                        Count("returned", x.At, whistles[whistleId].By, x.ReturnedBy);
                        Count("returnsCountedAgainst", x.At, x.CountedAgainst);
                        break;
                    case TicketReturned x:
                        ForHolder("returned", x.At);
                        Count("returnsCountedAgainst", x.At, x.CountedAgainst);
                        (unit, status) = department is null ? (x.BackToUnitCode, TicketStatus.Reported) : (unit, TicketStatus.InHandling);
                        department = null;
                        break;
                    case TicketWithdrawn:
                        status = TicketStatus.Withdrawn;
                        break;
                }
            }
        }

        foreach (var report in reports.Where(r => r.Grid is not null && r.Category != ""))
        {
            if (reports.Any(other => other.Id != report.Id && other.Grid == report.Grid && other.Category == report.Category
                && other.At < report.At && other.At >= report.At.AddDays(-30)))
                facts.Add(new("repeatProblems", Day(report.At), report.Village, null, report.Category));
        }
        return facts;
    }
}
