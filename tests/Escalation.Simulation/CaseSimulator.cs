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
/// closing and withdrawal. Each is taken as the host takes it, as a ticket's turn (<see cref="TicketTurn"/>): its events
/// with the limits they start, and the timers of those limits, which fire in time order before any later action, lighting
/// lights, escalating, urging and noting missed report-ins. An action
/// the timers have overtaken (the ticket went one tier up meanwhile) is refused and left out, as it would be in the
/// host. The same seed gives the same cases.
/// </summary>
public sealed class CaseSimulator
{
    private static readonly Actor Operator = new("op-01", "operator", "SC");

    private readonly ReferenceData _reference;
    private readonly CountySettings _settings;
    private readonly Random _random;
    private readonly Unit[] _villages;
    private readonly Dictionary<string, Unit[]> _gridsByVillage;
    private readonly Unit[] _hotGrids;
    private readonly Matter[] _matters;

    public CaseSimulator(ReferenceData reference, int seed, CountySettings? settings = null)
    {
        _reference = reference;
        _settings = settings ?? CountySettings.Default;
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

    private TimeSpan Between(TimeSpan min, TimeSpan max) => max <= min ? min : min + (max - min) * _random.NextDouble();

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static Actor Dispatcher(string unit) => new($"disp-{unit}", "dispatcher", unit);

    private static Actor Department(string code) => new($"dept-{code}", "department", code);

    /// <summary>One case from report to its end.</summary>
    private sealed class Life(CaseSimulator sim, Guid id, DateTimeOffset reportedAt)
    {
        private readonly List<object> _events = [];
        private readonly List<ScheduledCheck> _timers = [];
        private Ticket _state = null!;
        private DateTimeOffset _now = reportedAt;

        public SimulatedCase Run()
        {
            Report();
            if (sim.Chance(0.03))
            {
                Try(new WithdrawTicket(id, Operator, "市民已自行解决"), After(10, 60));
                return new(id, _events);
            }

            var township = _state.HoldingUnitCode;
            var matter = _state.CategoryCode is { } code ? sim._reference.FindMatter(code)! : sim.Pick(sim._matters);
            Try(new TriageTicket(id, Dispatcher(township), matter.Code, null), After(5, 90));
            if (_state.HandlingTier == Tier.Village && sim.Chance(0.05)
                && Try(new ReturnTicket(id, Holder(), "不属于本村职责"), After(5, 20)))
                Try(new TriageTicket(id, Dispatcher(township), matter.Code, township), After(5, 30));
            Accept();

            if (_state.HandlingTier == Tier.Village && sim.Chance(0.08)
                && Try(new EscalateTicket(id, Holder(), EscalationReason.BeyondPowers, "村级无力处理"), After(5, 20)))
                Accept();
            if (_state.Status == TicketStatus.InHandling && _state.HandlingTier is Tier.Township or Tier.County
                && _state.HoldingDepartmentCode is null && sim.Chance(0.3))
                BlowWhistle(matter);
            if (_state.Status == TicketStatus.InHandling && _state.HoldingUnitCode == sim._reference.County.Code
                && _state.HoldingDepartmentCode is null && sim.Chance(0.4)
                && sim._reference.DepartmentsWithPowerOver(matter.Code).ToList() is { Count: > 0 } powered
                && Try(new TransferTicket(id, Holder(), sim.Pick(powered).Code), After(10, 60)))
            {
                // Some departments send a transfer back: the county handles it on, under its own clock to resolve.
                if (sim.Chance(0.15))
                    Try(new ReturnTicket(id, Holder(), "不属于本局职责"), After(10, 60));
                Accept();
            }
            if (sim.Chance(0.05))
                Try(new UrgeTicket(id, Dispatcher(sim._reference.County.Code), "请加快办理"), After(10, 120));
            if (sim.Chance(0.3))
                Try(new NoteProgress(id, Holder(), "已到现场核实"), After(5, 30));

            Resolve();
            RateAndClose();
            return new(id, _events);
        }

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
            var urgency = sim.Chance(0.1) ? Urgency.Urgent : Urgency.Normal;
            Carry(TicketTurn.Open(new ReportTicket(id, Operator, sim.Pick(Enum.GetValues<Channel>()), "模拟诉求", village.Code, grid?.Code, null, category, urgency, null, null), Context()));
        }

        /// <summary>The holder signs for the ticket, mostly in time; a late one finds the timers have sent it one tier up.</summary>
        private void Accept()
        {
            for (var tries = 0; _state.Status == TicketStatus.Dispatched && tries < 8; tries++)
                Try(new AcceptTicket(id, Holder()), Within(Clock.Accept, inTime: 0.85, late: 0.08));
        }

        /// <summary>The holder resolves, mostly in time; when the timers have sent the ticket up, the next tier accepts and resolves.</summary>
        private void Resolve()
        {
            for (var tries = 0; _state.Status != TicketStatus.Resolved && tries < 8; tries++)
            {
                Accept();
                Try(new ResolveTicket(id, Holder(), "已处理完毕"), Within(Clock.Resolve, inTime: 0.8, late: 0.12));
            }
        }

        private void BlowWhistle(Matter matter)
        {
            var departments = matter.Departments.Concat(sim._reference.Departments.Select(d => d.Code).OrderBy(_ => sim._random.Next()))
                .Distinct().Take(1 + sim._random.Next(3)).ToList();
            var whistleId = sim.NewId();
            if (!Try(new BlowWhistle(id, Holder(), whistleId, departments, "需多部门联合处置"), After(5, 30)))
                return;
            var blown = (WhistleBlown)_events.Last(e => e is WhistleBlown);
            var limit = blown.ReportInDeadline - blown.At;

            // Each department answers at its own time, or stays silent until the timers note it missed; some come late.
            var answers = new List<(DateTimeOffset At, ITicketCommand Command)>();
            foreach (var department in departments)
            {
                var roll = sim._random.NextDouble();
                if (roll < 0.8)
                    answers.Add((blown.At + sim.Between(TimeSpan.FromMinutes(5), limit * 0.95), new ReportIn(id, Department(department), whistleId, sim.Chance(0.7), null)));
                else if (roll < 0.88)
                    answers.Add((blown.At + sim.Between(TimeSpan.FromMinutes(5), limit * 0.5), new ReturnSummons(id, Department(department), whistleId, "不属于本部门职责")));
                else if (sim.Chance(0.5))
                    answers.Add((blown.ReportInDeadline + sim.Between(TimeSpan.FromMinutes(10), TimeSpan.FromHours(2)), new ReportIn(id, Department(department), whistleId, true, "迟到")));
            }
            foreach (var (at, command) in answers.OrderBy(a => a.At))
                Try(command, at);
            FireTimersUntil(blown.ReportInDeadline);
        }

        private void RateAndClose()
        {
            if (_state.Status != TicketStatus.Resolved)
                return;
            for (var round = 0; round < 3; round++)
            {
                if (!sim.Chance(0.85))
                {
                    Try(new CloseTicket(id, Actor.System, null), _state.ResolvedAt!.Value + sim._settings.RatingWindow + sim.Between(TimeSpan.FromMinutes(1), TimeSpan.FromHours(6)));
                    return;
                }
                var roll = sim._random.NextDouble();
                var satisfaction = roll < 0.7 ? Satisfaction.Satisfied : roll < 0.9 || round > 0 ? Satisfaction.BasicallySatisfied : Satisfaction.Unsatisfied;
                Try(new RateTicket(id, Operator, satisfaction, null), After(60, 2880));
                if (_state.Status == TicketStatus.Resolved)
                    break;
                Resolve();
            }
            Try(new CloseTicket(id, Holder(), "回访满意"), After(30, 1440));
        }

        /// <summary>
        /// When to act on a running clock: before its yellow light (<paramref name="inTime"/>), between yellow and the
        /// deadline (<paramref name="late"/>), or after the deadline, by when the timers have acted.
        /// </summary>
        private DateTimeOffset Within(Clock clock, double inTime, double late)
        {
            var started = _events.OfType<TimeLimitStarted>().LastOrDefault(c => c.Clock == clock && c.Holder == _state.Holder);
            if (started is null)
                return After(5, 60);
            var yellowAt = started.YellowAt > _now ? started.YellowAt : _now;
            var deadline = started.Deadline > yellowAt ? started.Deadline : yellowAt;
            var roll = sim._random.NextDouble();
            return roll < inTime ? _now + sim.Between(TimeSpan.FromMinutes(1), yellowAt - _now)
                : roll < inTime + late ? yellowAt + sim.Between(TimeSpan.Zero, deadline - yellowAt)
                : deadline + sim.Between(TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));
        }

        private Actor Holder() => _state.HoldingDepartmentCode is { } department ? Department(department) : Dispatcher(_state.HoldingUnitCode);

        private DateTimeOffset After(int minMinutes, int maxMinutes) =>
            _now + sim.Between(TimeSpan.FromMinutes(minMinutes), TimeSpan.FromMinutes(maxMinutes));

        private DecisionContext Context() => new(_now, sim._reference, sim._settings);

        /// <summary>The timers due by then fire first; then the command's turn is taken, and carried out unless refused.</summary>
        private bool Try(ITicketCommand command, DateTimeOffset at)
        {
            FireTimersUntil(at);
            _now = at > _now ? at : _now + TimeSpan.FromSeconds(1);
            var turn = TicketTurn.Take(_state, command, Context());
            if (turn.IsRejected)
                return false;
            Carry(turn);
            return true;
        }

        private void FireTimersUntil(DateTimeOffset moment)
        {
            while (_timers.Count > 0 && _timers.Min(t => t.DueAt) <= moment)
            {
                var timer = _timers.MinBy(t => t.DueAt)!;
                _timers.Remove(timer);
                _now = timer.DueAt > _now ? timer.DueAt : _now;
                Carry(TicketTurn.Take(_state, timer.Check, Context()));
            }
        }

        /// <summary>
        /// Appends a turn's events and schedules its timers, as the host does. A simulated case has no duplicates and no
        /// citizen's contact, so its follow-ups need nothing here.
        /// </summary>
        private void Carry(Turn turn)
        {
            foreach (var e in turn.Events)
            {
                _events.Add(e);
                _state = _state is null ? Ticket.Start((TicketReported)e) : _state.Evolve(e);
            }
            _timers.AddRange(turn.Timers);
        }
    }
}
