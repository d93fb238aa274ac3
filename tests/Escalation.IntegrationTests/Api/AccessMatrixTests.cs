using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.ApiTests;

/// <summary>
/// Role × route × own-or-other unit, each cell with its exact status code. A role that lacks the action is
/// refused (403) before anything is looked up; a ticket outside the caller's sight does not exist for it (404);
/// the actor the route is meant for succeeds (200/201) on a ticket in the state the command needs.
/// </summary>
public sealed class AccessMatrixTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Anonymous = "(no token)";

    /// <summary>
    /// One row per cell: the route (and, in brackets, the ticket it is called on), the user, the status.
    /// Every POST row but the successful ones runs on a ticket shared by the rows of its route: a refused
    /// command changes nothing. A successful command gets a fresh ticket.
    /// </summary>
    public static TheoryData<string, string, int> Cells => new()
    {
        // Intake: operators and dispatchers report; no ticket to be outside of.
        { "POST /api/tickets", "op-01", 201 },
        { "POST /api/tickets", "disp-SC-T01", 201 },
        { "POST /api/tickets", "dept-D-UM", 403 },
        { "POST /api/tickets", "aud-01", 403 },
        { "POST /api/tickets", "admin", 403 },
        { "POST /api/tickets", Anonymous, 401 },

        // Triage [reported, held by SC-T01].
        { "POST triage [reported]", "disp-SC-T01", 200 },
        { "POST triage [reported]", "disp-SC-T02", 404 },
        { "POST triage [reported]", "disp-SC-T01-V01", 404 },
        { "POST triage [reported]", "op-01", 403 },
        { "POST triage [reported]", "dept-D-UM", 403 },
        { "POST triage [reported]", "aud-01", 403 },
        { "POST triage [reported]", "admin", 403 },
        { "POST triage [reported]", Anonymous, 401 },

        // Accept [dispatched to SC-T01-V01] and [transferred to D-UM].
        { "POST accept [at village]", "disp-SC-T01-V01", 200 },
        { "POST accept [at village]", "disp-SC-T01-V02", 404 },
        { "POST accept [at village]", "disp-SC-T02", 404 },
        { "POST accept [at village]", "dept-D-UM", 404 },
        { "POST accept [at village]", "op-01", 403 },
        { "POST accept [at village]", "aud-01", 403 },
        { "POST accept [at village]", "admin", 403 },
        { "POST accept [transferred to D-UM]", "dept-D-UM", 200 },
        { "POST accept [transferred to D-UM]", "dept-D-HE", 404 },

        // Escalate [dispatched to SC-T01-V01] and [handled by D-UM].
        { "POST escalate [at village]", "disp-SC-T01-V01", 200 },
        { "POST escalate [at village]", "disp-SC-T02-V01", 404 },
        { "POST escalate [at village]", "op-01", 403 },
        { "POST escalate [at village]", "aud-01", 403 },
        { "POST escalate [at village]", "admin", 403 },
        { "POST escalate [handled by D-UM]", "dept-D-UM", 403 },

        // Transfer [in handling at the county].
        { "POST transfer [at county]", "disp-SC", 200 },
        { "POST transfer [at county]", "disp-SC-T01", 404 },
        { "POST transfer [at county]", "dept-D-UM", 403 },
        { "POST transfer [at county]", "op-01", 403 },
        { "POST transfer [at county]", "aud-01", 403 },
        { "POST transfer [at county]", "admin", 403 },

        // Blow a whistle [in handling at SC-T01].
        { "POST whistles [at township]", "disp-SC-T01", 200 },
        { "POST whistles [at township]", "disp-SC-T02", 404 },
        { "POST whistles [at township]", "dept-D-UM", 403 },
        { "POST whistles [at township]", "op-01", 403 },
        { "POST whistles [at township]", "aud-01", 403 },
        { "POST whistles [at township]", "admin", 403 },

        // Report in [a whistle of SC-T01 summons D-UM].
        { "POST report-in [whistle for D-UM]", "dept-D-UM", 200 },
        { "POST report-in [whistle for D-UM]", "dept-D-HE", 404 },
        // Joint handling (#18): a dispatcher reports in when its township is summoned; this whistle summons a department only.
        { "POST report-in [whistle for D-UM]", "disp-SC-T01", 422 },
        { "POST report-in [whistle for D-UM]", "op-01", 403 },
        { "POST report-in [whistle for D-UM]", "aud-01", 403 },
        { "POST report-in [whistle for D-UM]", "admin", 403 },

        // Return a summons [a whistle of SC-T01 summons D-UM]: dispatchers may return tickets, not summonses.
        { "POST return-summons [whistle for D-UM]", "dept-D-UM", 200 },
        { "POST return-summons [whistle for D-UM]", "dept-D-HE", 404 },
        { "POST return-summons [whistle for D-UM]", "disp-SC-T01", 422 },
        { "POST return-summons [whistle for D-UM]", "op-01", 403 },
        { "POST return-summons [whistle for D-UM]", "aud-01", 403 },
        { "POST return-summons [whistle for D-UM]", "admin", 403 },

        // Return [dispatched to SC-T01-V01] and [transferred to D-UM].
        { "POST return [at village]", "disp-SC-T01-V01", 200 },
        { "POST return [at village]", "disp-SC-T01-V02", 404 },
        { "POST return [at village]", "op-01", 403 },
        { "POST return [at village]", "aud-01", 403 },
        { "POST return [at village]", "admin", 403 },
        { "POST return [transferred to D-UM]", "dept-D-UM", 200 },
        { "POST return [transferred to D-UM]", "dept-D-HE", 404 },

        // Progress [in handling at SC-T01-V01] and [a whistle of SC-T01 summons D-UM].
        { "POST progress [handled by village]", "disp-SC-T01-V01", 200 },
        { "POST progress [handled by village]", "disp-SC-T02", 404 },
        { "POST progress [handled by village]", "op-01", 403 },
        { "POST progress [handled by village]", "aud-01", 403 },
        { "POST progress [handled by village]", "admin", 403 },
        { "POST progress [whistle for D-UM]", "dept-D-UM", 200 },
        { "POST progress [whistle for D-UM]", "dept-D-HE", 404 },

        // Resolve [in handling at SC-T01-V01] and [handled by D-UM].
        { "POST resolve [handled by village]", "disp-SC-T01-V01", 200 },
        { "POST resolve [handled by village]", "disp-SC-T01-V02", 404 },
        { "POST resolve [handled by village]", "op-01", 403 },
        { "POST resolve [handled by village]", "aud-01", 403 },
        { "POST resolve [handled by village]", "admin", 403 },
        { "POST resolve [handled by D-UM]", "dept-D-UM", 200 },
        { "POST resolve [handled by D-UM]", "dept-D-HE", 404 },

        // Rating [resolved; reported by op-01]: every callback seat of the county may rate it, whoever opened it.
        { "POST rating [resolved]", "op-01", 200 },
        { "POST rating [resolved]", "op-02", 200 },
        { "POST rating [resolved]", "cb-01", 200 },
        { "POST rating [resolved]", "disp-SC-T01-V01", 403 },
        { "POST rating [resolved]", "dept-D-UM", 403 },
        { "POST rating [resolved]", "aud-01", 403 },
        { "POST rating [resolved]", "admin", 403 },

        // Reopen [resolved by SC-T01-V01].
        { "POST reopen [resolved]", "disp-SC-T01-V01", 200 },
        { "POST reopen [resolved]", "disp-SC-T02", 404 },
        { "POST reopen [resolved]", "op-01", 403 },
        { "POST reopen [resolved]", "dept-D-UM", 403 },
        { "POST reopen [resolved]", "aud-01", 403 },
        { "POST reopen [resolved]", "admin", 403 },

        // Urge [in handling at SC-T01-V01]: the township above urges.
        { "POST urge [handled by village]", "disp-SC-T01", 200 },
        { "POST urge [handled by village]", "disp-SC-T02", 404 },
        { "POST urge [handled by village]", "op-01", 403 },
        { "POST urge [handled by village]", "dept-D-UM", 403 },
        { "POST urge [handled by village]", "aud-01", 403 },
        { "POST urge [handled by village]", "admin", 403 },

        // Merge [reported, into another ticket held by SC-T01].
        { "POST merge [reported]", "disp-SC-T01", 200 },
        { "POST merge [reported]", "disp-SC-T02", 404 },
        { "POST merge [reported]", "op-01", 403 },
        { "POST merge [reported]", "dept-D-UM", 403 },
        { "POST merge [reported]", "aud-01", 403 },
        { "POST merge [reported]", "admin", 403 },

        // Withdraw [reported by op-01].
        { "POST withdraw [reported]", "op-01", 200 },
        { "POST withdraw [reported]", "disp-SC-T01", 200 },
        { "POST withdraw [reported]", "op-02", 404 },
        { "POST withdraw [reported]", "disp-SC-T02", 404 },
        { "POST withdraw [reported]", "dept-D-UM", 403 },
        { "POST withdraw [reported]", "aud-01", 403 },
        { "POST withdraw [reported]", "admin", 403 },

        // Close [resolved by SC-T01-V01 and rated].
        { "POST close [rated]", "disp-SC-T01-V01", 200 },
        { "POST close [rated]", "disp-SC-T02", 404 },
        { "POST close [rated]", "op-01", 403 },
        { "POST close [rated]", "dept-D-UM", 403 },
        { "POST close [rated]", "aud-01", 403 },
        { "POST close [rated]", "admin", 403 },

        // Erase the citizen's data [reported]: the administrator's only command; it sees every ticket.
        { "POST erase-citizen-data [reported]", "admin", 200 },
        { "POST erase-citizen-data [reported]", "aud-01", 403 },
        { "POST erase-citizen-data [reported]", "op-01", 403 },
        { "POST erase-citizen-data [reported]", "disp-SC-T01", 403 },
        { "POST erase-citizen-data [reported]", "dept-D-UM", 403 },

        // Reading one ticket [reported by op-01, in handling at SC-T01-V01].
        { "GET ticket [handled by village]", "op-01", 200 },
        { "GET ticket [handled by village]", "op-02", 404 },
        { "GET ticket [handled by village]", "cb-01", 404 },
        { "GET ticket [handled by village]", "disp-SC-T01-V01", 200 },
        { "GET ticket [handled by village]", "disp-SC-T01", 200 },
        { "GET ticket [handled by village]", "disp-SC", 200 },
        { "GET ticket [handled by village]", "disp-SC-T01-V02", 404 },
        { "GET ticket [handled by village]", "disp-SC-T02", 404 },
        { "GET ticket [handled by village]", "dept-D-UM", 404 },
        { "GET ticket [handled by village]", "aud-01", 200 },
        { "GET ticket [handled by village]", "admin", 200 },
        { "GET ticket [handled by village]", Anonymous, 401 },
        { "GET ticket [whistle for D-UM]", "dept-D-UM", 200 },
        { "GET ticket [whistle for D-UM]", "dept-D-HE", 404 },
        { "GET ticket [transferred to D-UM]", "dept-D-UM", 200 },
        { "GET ticket [transferred to D-UM]", "dept-D-HE", 404 },

        // Its history, under the same sight.
        { "GET history [handled by village]", "op-01", 200 },
        { "GET history [handled by village]", "op-02", 404 },
        { "GET history [handled by village]", "disp-SC-T01-V01", 200 },
        { "GET history [handled by village]", "disp-SC-T01", 200 },
        { "GET history [handled by village]", "disp-SC-T01-V02", 404 },
        { "GET history [handled by village]", "disp-SC-T02", 404 },
        { "GET history [handled by village]", "dept-D-UM", 404 },
        { "GET history [handled by village]", "aud-01", 200 },
        { "GET history [handled by village]", "admin", 200 },
        { "GET history [handled by village]", Anonymous, 401 },
        { "GET history [whistle for D-UM]", "dept-D-UM", 200 },
        { "GET history [whistle for D-UM]", "dept-D-HE", 404 },

        // The replay: whoever may see the ticket.
        { "GET state [handled by village]", "op-01", 200 },
        { "GET state [handled by village]", "op-02", 404 },
        { "GET state [handled by village]", "disp-SC-T01", 200 },
        { "GET state [handled by village]", "disp-SC-T02", 404 },
        { "GET state [handled by village]", "dept-D-UM", 404 },
        { "GET state [handled by village]", "aud-01", 200 },
        { "GET state [handled by village]", "admin", 200 },
        { "GET state [handled by village]", Anonymous, 401 },

        // The hash chain: whoever may see the ticket.
        { "GET verify [handled by village]", "op-01", 200 },
        { "GET verify [handled by village]", "disp-SC-T01-V01", 200 },
        { "GET verify [handled by village]", "disp-SC-T02", 404 },
        { "GET verify [handled by village]", "dept-D-UM", 404 },
        { "GET verify [handled by village]", "aud-01", 200 },
        { "GET verify [handled by village]", "admin", 200 },
        { "GET verify [handled by village]", Anonymous, 401 },

        // The queue: a dispatcher sees its unit and the units below it, nothing else.
        { "GET /api/tickets", "disp-SC-T01", 200 },
        { "GET /api/tickets?unit=SC-T01", "disp-SC-T01", 200 },
        { "GET /api/tickets?unit=SC-T01-V01", "disp-SC-T01", 200 },
        { "GET /api/tickets?unit=SC-T02", "disp-SC-T01", 403 },
        { "GET /api/tickets?unit=SC", "disp-SC-T01", 403 },
        { "GET /api/tickets?unit=SC-T01", "disp-SC-T01-V01", 403 },
        { "GET /api/tickets?unit=SC-T02", "disp-SC", 200 },
        { "GET /api/tickets?unit=SC-T02", "aud-01", 200 },
        { "GET /api/tickets?unit=SC-T02", "admin", 200 },
        { "GET /api/tickets", "op-01", 200 },
        { "GET /api/tickets", "dept-D-UM", 200 },
        { "GET /api/tickets", Anonymous, 401 },

        // The warning board: dispatchers within their unit, auditors and the administrator anywhere.
        { "GET /api/board", "disp-SC-T01", 200 },
        { "GET /api/board?unit=SC-T01-V01", "disp-SC-T01", 200 },
        { "GET /api/board?unit=SC-T02", "disp-SC-T01", 403 },
        { "GET /api/board?unit=SC", "disp-SC-T01", 403 },
        { "GET /api/board?unit=SC-T02", "aud-01", 200 },
        { "GET /api/board", "admin", 200 },
        { "GET /api/board", "op-01", 403 },
        { "GET /api/board", "dept-D-UM", 403 },
        { "GET /api/board", Anonymous, 401 },

        // The statistics: dispatchers within their unit, auditors and the administrator anywhere.
        { "GET /api/stats", "disp-SC-T01", 200 },
        { "GET /api/stats?unit=SC-T01-V01", "disp-SC-T01", 200 },
        { "GET /api/stats?unit=SC-T02", "disp-SC-T01", 403 },
        { "GET /api/stats?unit=SC-T02", "aud-01", 200 },
        { "GET /api/stats?groupBy=department", "admin", 200 },
        { "GET /api/stats", "op-01", 403 },
        { "GET /api/stats", "dept-D-UM", 403 },
        { "GET /api/stats", Anonymous, 401 },

        // The check of the database against the daily integrity digests: auditors and the administrator.
        { "GET /api/integrity/verify", "aud-01", 200 },
        { "GET /api/integrity/verify", "admin", 200 },
        { "GET /api/integrity/verify", "disp-SC", 403 },
        { "GET /api/integrity/verify", "op-01", 403 },
        { "GET /api/integrity/verify", "dept-D-UM", 403 },
        { "GET /api/integrity/verify", Anonymous, 401 },

        // Reference data: every signed-in user.
        { "GET /api/reference/units", "op-01", 200 },
        { "GET /api/reference/departments", "dept-D-UM", 200 },
        { "GET /api/reference/catalogue", "aud-01", 200 },
        { "GET /api/reference/units", Anonymous, 401 },
    };

    /// <summary>Tickets shared by the cells that leave them as they are, per database (one per class fixture).</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<Call>>> Shared = new();

    private readonly Dictionary<string, HttpClient> _clients = [];

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task each_role_and_unit_gets_exactly_its_status_code(string route, string user, int expected)
    {
        var changesTheTicket = route.StartsWith("POST ", StringComparison.Ordinal) && expected < 300;
        var call = changesTheTicket
            ? await ArrangeAsync(route)
            : await Shared.GetOrAdd($"{app.ConnectionString}|{route}", _ => new Lazy<Task<Call>>(() => ArrangeAsync(route))).Value;

        var response = await Client(user).SendAsync(call.ToRequest());

        await response.ShouldHaveStatusAsync((HttpStatusCode)expected);
        if (expected is >= 400 and not 401)
            (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task a_dispatchers_queue_holds_only_tickets_within_its_unit()
    {
        var reported = await ReportedAsync();
        var atVillage = await AtVillageAsync();
        var elsewhere = await ReportedAsync(villageCode: "SC-T02-V01");

        var queue = await QueueAsync("disp-SC-T01", "");
        var villageQueue = await QueueAsync("disp-SC-T01", "unit=SC-T01-V01&");

        queue.ShouldNotBeEmpty();
        queue.ShouldAllBe(t => IsWithin(t.HoldingUnitCode, "SC-T01"));
        queue.Select(t => t.Id).ShouldContain(reported);
        queue.Select(t => t.Id).ShouldContain(atVillage);
        queue.Select(t => t.Id).ShouldNotContain(elsewhere);
        villageQueue.ShouldAllBe(t => t.HoldingUnitCode == "SC-T01-V01");
        villageQueue.Select(t => t.Id).ShouldContain(atVillage);
        villageQueue.Select(t => t.Id).ShouldNotContain(reported);
    }

    [Fact]
    public async Task an_operators_queue_holds_only_the_tickets_it_reported()
    {
        var own = await ReportedAsync();
        var other = await Client("op-02").ReportAsync();

        var queue = await QueueAsync("op-01", "");

        queue.ShouldAllBe(t => t.ReportedBy == "op-01");
        queue.Select(t => t.Id).ShouldContain(own);
        queue.Select(t => t.Id).ShouldNotContain(other);
    }

    [Fact]
    public async Task a_departments_queue_holds_only_the_tickets_that_named_it()
    {
        var (summoned, _) = await WhistledAsync();
        var unnamed = await AtVillageAsync();

        var queue = await QueueAsync("dept-D-UM", "");

        queue.ShouldAllBe(t => t.Departments.Contains("D-UM"));
        queue.Select(t => t.Id).ShouldContain(summoned);
        queue.Select(t => t.Id).ShouldNotContain(unnamed);
        (await QueueAsync("dept-D-HE", "")).Select(t => t.Id).ShouldNotContain(summoned);
    }

    private sealed record Call(HttpMethod Method, string Path, object? Body = null)
    {
        public HttpRequestMessage ToRequest() =>
            Method == HttpMethod.Get ? new HttpRequestMessage(Method, Path) : Api.Request(Method, Path, Body ?? new { });
    }

    private sealed record QueuedTicket(Guid Id, string HoldingUnitCode, string ReportedBy, string[] Departments);

    /// <summary>A ticket in the state the route needs, made through the API by the users who would make it so.</summary>
    private async Task<Call> ArrangeAsync(string route)
    {
        var post = HttpMethod.Post;
        var get = HttpMethod.Get;
        return route switch
        {
            "POST /api/tickets" => new(post, "/api/tickets", Api.NewTicket()),
            "POST triage [reported]" => new(post, $"/api/tickets/{await ReportedAsync()}/triage", new { categoryCode = "M-LE-01" }),
            "POST accept [at village]" => new(post, $"/api/tickets/{await AtVillageAsync()}/accept"),
            "POST accept [transferred to D-UM]" => new(post, $"/api/tickets/{await TransferredAsync()}/accept"),
            "POST escalate [at village]" => new(post, $"/api/tickets/{await AtVillageAsync()}/escalate", new { reason = "by-hand", note = "村级无力处理" }),
            "POST escalate [handled by D-UM]" => new(post, $"/api/tickets/{await HandledByDepartmentAsync()}/escalate", new { reason = "beyond-powers" }),
            "POST transfer [at county]" => new(post, $"/api/tickets/{await AtCountyAsync()}/transfer", new { departmentCode = "D-UM" }),
            "POST whistles [at township]" => new(post, $"/api/tickets/{await AtTownshipAsync()}/whistles", new { departmentCodes = new[] { "D-UM", "D-MR" }, reason = "占道经营屡劝不改" }),
            "POST report-in [whistle for D-UM]" => await OnWhistleAsync("report-in", new { onSite = true, note = "到场" }),
            "POST return-summons [whistle for D-UM]" => await OnWhistleAsync("return", new { reason = "不属于本部门职责" }),
            "POST return [at village]" => new(post, $"/api/tickets/{await AtVillageAsync()}/return", new { reason = "不属于本村" }),
            "POST return [transferred to D-UM]" => new(post, $"/api/tickets/{await TransferredAsync()}/return", new { reason = "不属于本局职责" }),
            "POST progress [handled by village]" => new(post, $"/api/tickets/{await HandledByVillageAsync()}/progress", new { note = "已到现场" }),
            "POST progress [whistle for D-UM]" => new(post, $"/api/tickets/{(await WhistledAsync()).TicketId}/progress", new { note = "中队已出发" }),
            "POST resolve [handled by village]" => new(post, $"/api/tickets/{await HandledByVillageAsync()}/resolve", new { summary = "已处理" }),
            "POST resolve [handled by D-UM]" => new(post, $"/api/tickets/{await HandledByDepartmentAsync()}/resolve", new { summary = "已清理" }),
            "POST rating [resolved]" => new(post, $"/api/tickets/{await ResolvedAsync()}/rating", new { rating = "satisfied" }),
            "POST reopen [resolved]" => new(post, $"/api/tickets/{await ResolvedAsync()}/reopen", new { reason = "问题反弹" }),
            "POST urge [handled by village]" => new(post, $"/api/tickets/{await HandledByVillageAsync()}/urge", new { note = "请尽快处理" }),
            "POST merge [reported]" => new(post, $"/api/tickets/{await ReportedAsync()}/merge", new { intoTicketId = await ReportedAsync() }),
            "POST withdraw [reported]" => new(post, $"/api/tickets/{await ReportedAsync()}/withdraw", new { reason = "市民已自行解决" }),
            "POST close [rated]" => new(post, $"/api/tickets/{await RatedAsync()}/close", new { note = "回访满意" }),
            "POST erase-citizen-data [reported]" => new(post, $"/api/tickets/{await ReportedAsync()}/erase-citizen-data"),
            "GET ticket [handled by village]" => new(get, $"/api/tickets/{await HandledByVillageAsync()}"),
            "GET ticket [whistle for D-UM]" => new(get, $"/api/tickets/{(await WhistledAsync()).TicketId}"),
            "GET ticket [transferred to D-UM]" => new(get, $"/api/tickets/{await TransferredAsync()}"),
            "GET history [handled by village]" => new(get, $"/api/tickets/{await HandledByVillageAsync()}/history"),
            "GET history [whistle for D-UM]" => new(get, $"/api/tickets/{(await WhistledAsync()).TicketId}/history"),
            "GET state [handled by village]" => new(get, $"/api/tickets/{await HandledByVillageAsync()}/state?version=2"),
            "GET verify [handled by village]" => new(get, $"/api/tickets/{await HandledByVillageAsync()}/verify"),
            _ when route.StartsWith("GET /api/", StringComparison.Ordinal) => new(get, route["GET ".Length..]),
            _ => throw new ArgumentException($"No cell arranges {route}.", nameof(route)),
        };
    }

    /// <summary>Reported by op-01 in SC-T01-V01: held by the township SC-T01, awaiting triage.</summary>
    private Task<Guid> ReportedAsync(string villageCode = "SC-T01-V01") =>
        Client("op-01").ReportAsync(Api.NewTicket(villageCode: villageCode));

    /// <summary>Triaged by SC-T01 to the matter's first tier: dispatched to the village SC-T01-V01.</summary>
    private async Task<Guid> AtVillageAsync()
    {
        var id = await ReportedAsync();
        await Client("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        return id;
    }

    private async Task<Guid> HandledByVillageAsync()
    {
        var id = await AtVillageAsync();
        await Client("disp-SC-T01-V01").DoAsync(id, "accept");
        return id;
    }

    private async Task<Guid> ResolvedAsync()
    {
        var id = await HandledByVillageAsync();
        await Client("disp-SC-T01-V01").DoAsync(id, "resolve", new { summary = "摊位已劝离" });
        return id;
    }

    private async Task<Guid> RatedAsync()
    {
        var id = await ResolvedAsync();
        await Client("op-01").DoAsync(id, "rating", new { rating = "satisfied" });
        return id;
    }

    /// <summary>Triaged by SC-T01 to itself and accepted: in handling at the township.</summary>
    private async Task<Guid> AtTownshipAsync()
    {
        var id = await ReportedAsync();
        await Client("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01" });
        await Client("disp-SC-T01").DoAsync(id, "accept");
        return id;
    }

    /// <summary>In handling at SC-T01, which blew a whistle summoning D-UM alone.</summary>
    private async Task<(Guid TicketId, Guid WhistleId)> WhistledAsync()
    {
        var id = await AtTownshipAsync();
        var whistle = await Client("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM" }, reason = "需城管执法" });
        return (id, whistle.GetProperty("whistleId").GetGuid());
    }

    private async Task<Call> OnWhistleAsync(string command, object body)
    {
        var (id, whistleId) = await WhistledAsync();
        return new(HttpMethod.Post, $"/api/tickets/{id}/whistles/{whistleId}/{command}", body);
    }

    /// <summary>Triaged by SC-T01 to the county and accepted there: in handling at SC.</summary>
    private async Task<Guid> AtCountyAsync()
    {
        var id = await ReportedAsync();
        await Client("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC" });
        await Client("disp-SC").DoAsync(id, "accept");
        return id;
    }

    /// <summary>Transferred by the county to D-UM, not yet accepted.</summary>
    private async Task<Guid> TransferredAsync()
    {
        var id = await AtCountyAsync();
        await Client("disp-SC").DoAsync(id, "transfer", new { departmentCode = "D-UM" });
        return id;
    }

    private async Task<Guid> HandledByDepartmentAsync()
    {
        var id = await TransferredAsync();
        await Client("dept-D-UM").DoAsync(id, "accept");
        return id;
    }

    /// <summary>Every page of the caller's queue.</summary>
    private async Task<List<QueuedTicket>> QueueAsync(string user, string query)
    {
        var all = new List<QueuedTicket>();
        for (var page = 1; ; page++)
        {
            var response = await Client(user).GetAsync($"/api/tickets?{query}page={page}&pageSize=200");
            await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json);
            var items = body.GetProperty("items").Deserialize<List<QueuedTicket>>(Api.Json)!;
            all.AddRange(items);
            if (items.Count == 0 || all.Count >= body.GetProperty("total").GetInt64())
                return all;
        }
    }

    private static bool IsWithin(string unitCode, string ancestor) =>
        unitCode == ancestor || unitCode.StartsWith(ancestor + "-", StringComparison.Ordinal);

    private HttpClient Client(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
            _clients[user] = client = user == Anonymous ? app.Client : app.ClientFor(user);
        return client;
    }
}
