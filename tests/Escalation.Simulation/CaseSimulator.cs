using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Intake;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Supervision;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using Escalation.Domain.Withdrawal;

namespace Escalation.Simulation;

/// <summary>One simulated request: its id and its whole stream, oldest event first.</summary>
public sealed record SimulatedCase(Guid Id, IReadOnlyList<object> Events);

/// <summary>
/// Cases as a county lives them, decided by the domain's own commands on a clock that only jumps forward: intake,
/// triage, returns, acceptance, escalation, whistles and report-ins, transfers, urging, resolution, ratings, reopening,
/// closing and withdrawal. The timers' events (time limits, warning lights, escalations and missed report-ins when a
/// limit passes) are written as the host appends them. The same seed gives the same cases.
/// </summary>
public sealed class CaseSimulator
{
    private static readonly TimeSpan AcceptLimit = TimeSpan.FromHours(2);
    private static readonly Actor Operator = new("op-01", "operator", "SC");
    private static readonly CountySettings Settings = CountySettings.Default;

    private readonly ReferenceData _reference;
    private readonly Random _random;
    private readonly Unit[] _villages;
    private readonly Dictionary<string, Unit[]> _gridsByVillage;
    private readonly Unit[] _hotGrids;
    private readonly Matter[] _matters;

    public CaseSimulator(ReferenceData reference, int seed)
    {
        _reference = reference;
        _random = new Random(seed);
        _villages = [.. reference.Units.Where(u => u.Tier == Tier.Village)];
        _gridsByVillage = reference.Units.Where(u => u.Kind == UnitKind.Grid)
            .GroupBy(g => g.ParentCode!).ToDictionary(g => g.Key, g => g.ToArray());
        // Problems recur where they recur: a few grids and a few matters take a large share of the requests.
        _hotGrids = [.. reference.Units.Where(u => u.Kind == UnitKind.Grid).Where((_, i) => i % 20 == 0)];
        _matters = [.. reference.Catalogue];
    }

    /// <summary><paramref name="count"/> cases reported between <paramref name="from"/> and <paramref name="to"/>, in order of report.</summary>
    public IEnumerable<SimulatedCase> Cases(DateTimeOffset from, DateTimeOffset to, int count)
    {
        var span = (to - from).Ticks;
        var starts = Enumerable.Range(0, count).Select(_ => from + TimeSpan.FromTicks((long)(_random.NextDouble() * span))).Order().ToList();
        foreach (var start in starts)
            yield return new Life(this, NewId(), start).Run();
    }

    /// <summary>Ids from the seeded generator, so that a seed always gives the same streams.</summary>
    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private TimeSpan Between(TimeSpan min, TimeSpan max) => min + (max - min) * _random.NextDouble();

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static TimeSpan ResolveLimit(Matter matter) => matter.TimeLimit switch
    {
        TimeLimitClass.Enforcement => TimeSpan.FromDays(1),
        TimeLimitClass.General => TimeSpan.FromDays(3),
        TimeLimitClass.Larger => TimeSpan.FromDays(5),
        _ => TimeSpan.FromDays(15),
    };

    private static Actor Dispatcher(string unit) => new($"disp-{unit}", "dispatcher", unit);

    private static Actor Department(string code) => new($"dept-{code}", "department", code);

    /// <summary>One case from report to its end, appended event by event to its state.</summary>
    private sealed class Life(CaseSimulator sim, Guid id, DateTimeOffset reportedAt)
    {
        private readonly List<object> _events = [];
        private Ticket _state = null!;
        private DateTimeOffset _now = reportedAt;

        public SimulatedCase Run()
        {
            Report();
            if (sim.Chance(0.03))
            {
                Act(new WithdrawTicket(id, Operator, "市民已自行解决"), After(10, 60));
                return Done();
            }

            var township = _state.HoldingUnitCode;
            var matter = _state.CategoryCode is { } code ? sim._reference.FindMatter(code)! : sim.Pick(sim._matters);
            Act(new TriageTicket(id, Dispatcher(township), matter.Code, null), After(5, 90));
            StartClock(Clock.Accept, AcceptLimit);
            if (_state.HoldingUnitCode != township && _state.HandlingTier == Tier.Village && sim.Chance(0.05))
            {
                Act(new ReturnTicket(id, Holder(), "不属于本村职责"), After(10, 60));
                Act(new TriageTicket(id, Dispatcher(township), matter.Code, township), After(5, 30));
                StartClock(Clock.Accept, AcceptLimit);
            }
            AwaitAcceptance(matter);

            if (_state.HandlingTier == Tier.Village && sim.Chance(0.08))
            {
                Act(new EscalateTicket(id, Holder(), EscalationReason.BeyondPowers, "村级无力处理"), After(30, 240));
                StartClock(Clock.Accept, AcceptLimit);
                AwaitAcceptance(matter);
            }
            if (_state.HandlingTier is Tier.Township or Tier.County && _state.HoldingDepartmentCode is null && sim.Chance(0.3))
                BlowWhistle(matter);
            if (_state.HoldingUnitCode == sim._reference.County.Code && _state.HoldingDepartmentCode is null && sim.Chance(0.4)
                && sim._reference.DepartmentsWithPowerOver(matter.Code).ToList() is { Count: > 0 } powered)
            {
                Act(new TransferTicket(id, Holder(), sim.Pick(powered).Code), After(30, 180));
                StartClock(Clock.Accept, AcceptLimit);
                AwaitAcceptance(matter);
            }
            if (sim.Chance(0.05))
                Act(new UrgeTicket(id, Dispatcher(sim._reference.County.Code), "请加快办理"), After(60, 600));
            if (sim.Chance(0.3))
                Act(new NoteProgress(id, Holder(), "已到现场核实"), After(20, 240));

            Resolve(matter);
            RateAndClose(matter);
            return Done();
        }

        private SimulatedCase Done() => new(id, _events);

        private void Report()
        {
            Unit village;
            Unit? grid = null;
            if (sim.Chance(0.35))
            {
                grid = sim.Pick(sim._hotGrids);
                village = sim._reference.FindUnit(grid.ParentCode)!;
            }
            else
            {
                village = sim.Pick(sim._villages);
                if (sim.Chance(0.3) && sim._gridsByVillage.TryGetValue(village.Code, out var grids))
                    grid = sim.Pick(grids);
            }
            var category = sim.Chance(0.6) ? (sim.Chance(0.5) ? sim._matters[sim._random.Next(8)] : sim.Pick(sim._matters)).Code : null;
            var channel = sim.Pick(Enum.GetValues<Channel>());
            var urgency = sim.Chance(0.1) ? Urgency.Urgent : Urgency.Normal;
            var decision = new ReportTicket(id, Operator, channel, "模拟诉求", village.Code, grid?.Code, null, category, urgency, null, null)
                .Decide(Context());
            Append(decision);
        }

        /// <summary>The holder signs for the ticket; past the limit the timers light up and send it one tier up.</summary>
        private void AwaitAcceptance(Matter matter)
        {
            while (true)
            {
                var (yellowAt, deadline) = Limit(Clock.Accept);
                var roll = sim._random.NextDouble();
                if (roll < 0.8)
                {
                    Act(new AcceptTicket(id, Holder()), Min(_now + sim.Between(TimeSpan.FromMinutes(2), yellowAt - _now), deadline));
                    break;
                }
                Light(Clock.Accept, Domain.Timers.Light.Yellow, yellowAt, deadline);
                if (roll < 0.9)
                {
                    Act(new AcceptTicket(id, Holder()), _now + sim.Between(TimeSpan.FromMinutes(1), deadline - _now - TimeSpan.FromMinutes(1)));
                    break;
                }
                Light(Clock.Accept, Domain.Timers.Light.Red, deadline, deadline);
                if (_state.HandlingTier == Tier.CountyLeader)
                {
                    Append(new TicketUrged(id, Actor.System, _now, "签收超时"));
                    Act(new AcceptTicket(id, Holder()), _now + TimeSpan.FromMinutes(30));
                    break;
                }
                Act(new EscalateTicket(id, Actor.System, EscalationReason.DeadlineMissed, null), _now);
                StartClock(Clock.Accept, AcceptLimit);
            }
            StartClock(Clock.Resolve, ResolveLimit(matter));
        }

        private void BlowWhistle(Matter matter)
        {
            var departments = matter.Departments.Concat(sim._reference.Departments.Select(d => d.Code).OrderBy(_ => sim._random.Next()))
                .Distinct().Take(1 + sim._random.Next(3)).ToList();
            var whistleId = sim.NewId();
            Act(new BlowWhistle(id, Holder(), whistleId, departments, "需多部门联合处置"), After(10, 120));
            var blown = (WhistleBlown)_events[^1];
            var blownAt = blown.At;
            var limit = blown.ReportInDeadline - blown.At;
            var deadline = blown.ReportInDeadline;
            var yellowAt = blownAt + limit * 0.75;
            foreach (var department in departments)
                Append(new TimeLimitStarted(id, Actor.System, _now, Clock.ReportIn, department, yellowAt, deadline, whistleId));

            // Each department answers (or not) at its own time; the timers light up for those still silent.
            var steps = new List<(DateTimeOffset At, Action Step)>();
            foreach (var department in departments)
            {
                var roll = sim._random.NextDouble();
                if (roll < 0.88)
                {
                    var at = blownAt + sim.Between(TimeSpan.FromMinutes(10), roll < 0.8 ? limit : TimeSpan.FromHours(1));
                    steps.Add((at, roll < 0.8
                        ? () => Act(new ReportIn(id, Department(department), whistleId, sim.Chance(0.7), null), at)
                        : () => Act(new ReturnSummons(id, Department(department), whistleId, "不属于本部门职责"), at)));
                    if (at > yellowAt)
                        steps.Add((yellowAt, () => Append(Lit(Clock.ReportIn, Domain.Timers.Light.Yellow, department, deadline, whistleId))));
                    continue;
                }
                steps.Add((yellowAt, () => Append(Lit(Clock.ReportIn, Domain.Timers.Light.Yellow, department, deadline, whistleId))));
                steps.Add((deadline, () =>
                {
                    Append(Lit(Clock.ReportIn, Domain.Timers.Light.Red, department, deadline, whistleId));
                    Append(new ReportInMissed(id, Actor.System, _now, whistleId, department, sim._reference.County.Code));
                }));
                if (sim.Chance(0.5))
                {
                    var late = deadline + sim.Between(TimeSpan.FromMinutes(10), TimeSpan.FromHours(3));
                    steps.Add((late, () => Act(new ReportIn(id, Department(department), whistleId, true, "迟到"), late)));
                }
            }
            foreach (var (at, step) in steps.OrderBy(s => s.At))
            {
                _now = Max(_now, at);
                step();
            }
        }

        /// <summary>The holder resolves; past the limit the timers light up and send the ticket one tier up to resolve there.</summary>
        private void Resolve(Matter matter)
        {
            while (true)
            {
                var (yellowAt, deadline) = Limit(Clock.Resolve);
                var remaining = deadline - _now > TimeSpan.FromHours(1) ? deadline - _now : TimeSpan.FromHours(1);
                var at = _now + sim.Between(TimeSpan.FromMinutes(30), remaining * 1.15);
                if (at > yellowAt)
                    Light(Clock.Resolve, Domain.Timers.Light.Yellow, yellowAt, deadline);
                if (at <= deadline)
                {
                    Act(new ResolveTicket(id, Holder(), "已处理完毕"), at);
                    return;
                }
                Light(Clock.Resolve, Domain.Timers.Light.Red, deadline, deadline);
                if (_state.HandlingTier == Tier.CountyLeader)
                {
                    Append(new TicketUrged(id, Actor.System, _now, "办理超时"));
                    Act(new ResolveTicket(id, Holder(), "超时办结"), _now + TimeSpan.FromHours(6));
                    return;
                }
                Act(new EscalateTicket(id, Actor.System, EscalationReason.DeadlineMissed, null), _now);
                StartClock(Clock.Accept, AcceptLimit);
                AwaitAcceptance(matter);
            }
        }

        private void RateAndClose(Matter matter)
        {
            for (var round = 0; ; round++)
            {
                if (!sim.Chance(0.85))
                {
                    Act(new CloseTicket(id, Actor.System, null), _state.ResolvedAt!.Value + Settings.RatingWindow + sim.Between(TimeSpan.FromMinutes(1), TimeSpan.FromHours(6)));
                    return;
                }
                var roll = sim._random.NextDouble();
                var satisfaction = roll < 0.7 ? Satisfaction.Satisfied : roll < 0.9 || round > 0 ? Satisfaction.BasicallySatisfied : Satisfaction.Unsatisfied;
                Act(new RateTicket(id, Operator, satisfaction, null), After(60, 2880));
                if (_state.Status != TicketStatus.InHandling)
                    break;
                StartClock(Clock.Resolve, ResolveLimit(matter));
                Resolve(matter);
            }
            Act(new CloseTicket(id, Holder(), "回访满意"), After(30, 1440));
        }

        private Actor Holder() => _state.HoldingDepartmentCode is { } department ? Department(department) : Dispatcher(_state.HoldingUnitCode);

        private DateTimeOffset After(int minMinutes, int maxMinutes) =>
            _now + sim.Between(TimeSpan.FromMinutes(minMinutes), TimeSpan.FromMinutes(maxMinutes));

        private DecisionContext Context() => new(_now, sim._reference, Settings);

        private void Act(ITicketCommand command, DateTimeOffset at)
        {
            _now = Max(_now + TimeSpan.FromSeconds(1), at);
            var decision = command.Decide(_state, Context());
            Append(decision);
        }

        private void Append(Decision decision)
        {
            if (decision.IsRejected)
                throw new InvalidOperationException($"The simulation broke a rule: {decision.Rejection.Code}: {decision.Rejection.Message}");
            foreach (var e in decision.Events)
                Append(e);
        }

        private void Append(object e)
        {
            _events.Add(e);
            _state = _state is null ? Ticket.Start((TicketReported)e) : _state.Evolve(e);
        }

        private readonly Dictionary<Clock, (DateTimeOffset YellowAt, DateTimeOffset Deadline)> _clocks = [];

        private void StartClock(Clock clock, TimeSpan limit)
        {
            var limits = (_now + limit * 0.75, _now + limit);
            _clocks[clock] = limits;
            Append(new TimeLimitStarted(id, Actor.System, _now, clock, _state.Holder, limits.Item1, limits.Item2, null));
        }

        private (DateTimeOffset YellowAt, DateTimeOffset Deadline) Limit(Clock clock) => _clocks[clock];

        private void Light(Clock clock, Light light, DateTimeOffset at, DateTimeOffset deadline)
        {
            _now = Max(_now, at);
            Append(Lit(clock, light, _state.Holder, deadline, null));
        }

        private WarningLightLit Lit(Clock clock, Light light, string holder, DateTimeOffset deadline, Guid? whistleId) =>
            new(id, Actor.System, _now, clock, light, holder, deadline, whistleId);

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }
}
