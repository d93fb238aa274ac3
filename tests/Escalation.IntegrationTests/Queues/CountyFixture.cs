using Escalation.Domain;
using Escalation.Domain.Intake;
using Escalation.Domain.Reference;
using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Host.Commands;
using Escalation.Host.Features.Intake;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.Queues;

/// <summary>
/// A county's volume, once for the whole class: 3,000 tickets across the county opened by one hotline operator, appended
/// in bulk through Marten as the domain's own turns (intake, and for some a triage with the clock it starts), so the
/// inline views and the hash chain see real events; their numbers are drawn as intake draws them. One township,
/// <see cref="BusyTownship"/>, has <see cref="BusyTriage"/> tickets awaiting triage and nothing else; the other tests'
/// tickets go elsewhere.
/// </summary>
public sealed class CountyFixture : IAsyncLifetime
{
    public const int Tickets = 3000;
    public const string BusyTownship = "SC-T03";
    public const int BusyTriage = 169;
    public const string RepeatPhone = "13912340000";
    public const string Needle = "锅炉房烟囱冒黑烟";

    private static readonly string[] Descriptions =
    [
        "路灯不亮，晚上出行不便", "小区供暖不热", "楼道堆放杂物", "路面坑洼积水", "垃圾未及时清运", "噪音扰民影响休息", "占道经营影响通行",
        "自来水水压低", "井盖缺失存在隐患", "违章搭建", "宠物扰民", "公交站牌损坏",
    ];

    public EscalationApp App { get; } = new() { Served = true };

    public Browser Browser { get; } = new();

    /// <summary>The one ticket whose description holds <see cref="Needle"/>.</summary>
    public Guid NeedleTicket { get; private set; }

    /// <summary>The tickets of the caller with <see cref="RepeatPhone"/>, three calls.</summary>
    public IReadOnlyList<Guid> RepeatCalls { get; private set; } = [];

    public TimeSpan SeedTime { get; private set; }

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await Browser.InitializeAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync();
        SeedTime = started.Elapsed;
    }

    private async Task SeedAsync()
    {
        var services = App.Services;
        var store = services.GetRequiredService<IDocumentStore>();
        var reference = services.GetRequiredService<ReferenceData>();
        var numbers = services.GetRequiredService<TicketNumbers>();
        var context = services.GetRequiredService<DecisionContexts>().Now();
        var hotline = ActorOf(reference.FindUser("op-01")!);
        var villages = reference.Units.Where(u => u.Tier == Tier.Village).ToList();
        var busy = villages.Where(v => reference.IsSelfOrAncestor(BusyTownship, v.Code)).ToList();
        var elsewhere = villages.Where(v => !reference.IsSelfOrAncestor(BusyTownship, v.Code) && !reference.IsSelfOrAncestor("SC-T01", v.Code)).ToList();
        var matters = reference.Catalogue.Where(m => m.Level == 1).ToList();
        var random = new Random(15);
        var repeat = new List<Guid>();

        for (var batch = 0; batch < Tickets; batch += 250)
        {
            await using var session = store.LightweightSession();
            for (var i = batch; i < Math.Min(Tickets, batch + 250); i++)
            {
                var id = Guid.CreateVersion7();
                var inBusy = i < BusyTriage;
                var village = inBusy ? busy[i % busy.Count] : elsewhere[random.Next(elsewhere.Count)];
                var matter = matters[random.Next(matters.Count)];
                var description = i == Tickets - 1 ? $"{Needle}，呛得无法开窗" : $"{Descriptions[i % Descriptions.Length]}（{i}）";
                var phone = i % 1000 == 7 ? RepeatPhone : $"139{i:D8}";
                var urgency = i % 17 == 0 ? Urgency.Urgent : Urgency.Normal;
                var report = new ReportTicket(id, hotline, Channel.Hotline, description, village.Code, null, $"{reference.FindUnit(village.Code)!.NameZh}{i % 9 + 1}组",
                    inBusy ? null : matter.Code, urgency, "张建国", phone, await numbers.NextAsync(session, context.Now, default));
                var opened = TicketTurn.Open(report, context);
                opened.IsRejected.ShouldBeFalse(opened.Rejection?.Message);
                session.Events.StartStream<Ticket>(id, opened.Events);
                session.Store(new CitizenContact(id, "张建国", phone));
                if (!inBusy && i % 3 != 0)
                {
                    var township = ActorOf(reference.Users.First(u => u.Role == Role.Dispatcher && reference.IsSelfOrAncestor(u.UnitCode, village.Code) && reference.FindUnit(u.UnitCode)?.Tier == Tier.Township));
                    var triaged = TicketTurn.Take(Ticket.Replay(opened.Events), new TriageTicket(id, township, matter.Code, null), context);
                    if (!triaged.IsRejected)
                        session.Events.Append(id, triaged.Events);
                }
                if (phone == RepeatPhone)
                    repeat.Add(id);
                if (i == Tickets - 1)
                    NeedleTicket = id;
            }
            await session.SaveChangesAsync();
        }
        RepeatCalls = repeat;
    }

    private static Actor ActorOf(User user) => new(user.Id, EscalationClaims.RoleName(user.Role), user.UnitCode);

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}
