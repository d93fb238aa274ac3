using Escalation.Domain.Intake;
using Escalation.Domain.Reference;

namespace Escalation.Domain.Timers;

/// <summary>
/// A county's time limits: to accept (签收) a dispatched ticket, by urgency; to resolve it, by time-limit class and tier,
/// capped by urgency; for a summoned department to report in after a whistle, by urgency; and the share of a limit
/// after which the yellow light goes on.
/// </summary>
/// <param name="ResolveCap">An urgent or emergency ticket's resolve limit is the earlier of its class's limit and this cap.</param>
public sealed record TimeLimitSettings(
    IReadOnlyDictionary<Urgency, TimeLimit> Accept,
    IReadOnlyDictionary<TimeLimitClass, IReadOnlyDictionary<Tier, TimeLimit>> Resolve,
    IReadOnlyDictionary<Urgency, TimeLimit> ResolveCap,
    IReadOnlyDictionary<Urgency, TimeLimit> ReportIn,
    double YellowShare)
{
    /// <summary>
    /// The defaults, from DOMAIN.md ("Time limits, warnings, reviews" and Beijing 12345):
    /// <list type="bullet">
    /// <item>Accept, clock time: 1 hour normal, 30 minutes urgent, 15 minutes emergency. Beijing's units sign for orders
    /// around the clock and emergencies are dispatched within the hour; signing is a shorter step than dispatch.</item>
    /// <item>Resolve in the village: the "5321" limits (Beiji street): 30 minutes general, 2 hours larger, 1 day complex,
    /// clock time; enforcement 1 working day (Jilin cut it from 3 working days).</item>
    /// <item>Higher tiers never get less: each tier has the limit of the matters the slogan gives it (small matters stay
    /// in the village, big ones in the township, hard ones in the county), so the township allows at least 2 hours and the
    /// county at least 1 day; a matter led by a county leader (major and difficult) gets 3 working days, as does
    /// enforcement once it has climbed to the county, which reviews and transfers it (the limit before Jilin's cut).</item>
    /// <item>Urgency caps the resolve limit at Beijing's feedback limits: 2 hours for an emergency, 24 hours for an urgent
    /// (utilities-style) ticket; a normal ticket has no cap.</item>
    /// <item>Report in after a whistle, clock time: 2 hours normal ("哨响人到"), 1 hour urgent, 30 minutes emergency.</item>
    /// <item>Yellow at 80% of the limit.</item>
    /// </list>
    /// </summary>
    public static TimeLimitSettings Default { get; } = new(
        Accept: new Dictionary<Urgency, TimeLimit>
        {
            [Urgency.Normal] = TimeLimit.Clock(TimeSpan.FromHours(1)),
            [Urgency.Urgent] = TimeLimit.Clock(TimeSpan.FromMinutes(30)),
            [Urgency.Emergency] = TimeLimit.Clock(TimeSpan.FromMinutes(15)),
        },
        Resolve: new Dictionary<TimeLimitClass, IReadOnlyDictionary<Tier, TimeLimit>>
        {
            [TimeLimitClass.General] = Tiers(ClockHours(0.5), ClockHours(2), ClockHours(24), TimeLimit.WorkingDays(3)),
            [TimeLimitClass.Larger] = Tiers(ClockHours(2), ClockHours(2), ClockHours(24), TimeLimit.WorkingDays(3)),
            [TimeLimitClass.Complex] = Tiers(ClockHours(24), ClockHours(24), ClockHours(24), TimeLimit.WorkingDays(3)),
            [TimeLimitClass.Enforcement] = Tiers(TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(3), TimeLimit.WorkingDays(3)),
        },
        ResolveCap: new Dictionary<Urgency, TimeLimit>
        {
            [Urgency.Urgent] = ClockHours(24),
            [Urgency.Emergency] = ClockHours(2),
        },
        ReportIn: new Dictionary<Urgency, TimeLimit>
        {
            [Urgency.Normal] = ClockHours(2),
            [Urgency.Urgent] = ClockHours(1),
            [Urgency.Emergency] = ClockHours(0.5),
        },
        YellowShare: 0.8);

    /// <summary>How long the reviewer has to decide a request for an extension or a pause; never past the limit it is for.</summary>
    public TimeLimit ExtensionReview { get; init; } = TimeLimit.Working(TimeSpan.FromHours(4));

    /// <summary>To triage a reported ticket (派单), by urgency: Beijing's 1 hour for emergencies, 2 hours for utilities (urgent), 24 hours for general requests.</summary>
    public IReadOnlyDictionary<Urgency, TimeLimit> Triage { get; init; } = new Dictionary<Urgency, TimeLimit>
    {
        [Urgency.Normal] = ClockHours(24),
        [Urgency.Urgent] = ClockHours(2),
        [Urgency.Emergency] = ClockHours(1),
    };

    /// <summary>The whole case, report to feedback, by the matter's class (Beijing: 7 days for general requests, 15 days for complex ones).</summary>
    public IReadOnlyDictionary<TimeLimitClass, TimeLimit> Case { get; init; } = new Dictionary<TimeLimitClass, TimeLimit>
    {
        [TimeLimitClass.General] = ClockHours(7 * 24),
        [TimeLimitClass.Larger] = ClockHours(7 * 24),
        [TimeLimitClass.Complex] = ClockHours(15 * 24),
        [TimeLimitClass.Enforcement] = ClockHours(15 * 24),
    };

    /// <summary>The whole case's limit for an urgent or emergency ticket: Beijing's feedback limits, 24 hours (utilities) and 2 hours.</summary>
    public IReadOnlyDictionary<Urgency, TimeLimit> CaseCap { get; init; } = new Dictionary<Urgency, TimeLimit>
    {
        [Urgency.Urgent] = ClockHours(24),
        [Urgency.Emergency] = ClockHours(2),
    };

    /// <summary>How long after a dispatch (派单, 转办) its holder may still send it back as mis-dispatched (退单).</summary>
    public TimeLimit ReturnWindow { get; init; } = TimeLimit.WorkingDays(3);

    /// <summary>The longest a ticket may be paused (挂起) in all, clock time: every pause of the case counts.</summary>
    public TimeLimit Pause { get; init; } = TimeLimit.Clock(TimeSpan.FromDays(15));

    /// <summary>
    /// The limit to call the citizen back after a resolution (回访), by time-limit class: 1 working day (Beijing's callback
    /// follows the unit's reply within a working day); 2 working days for complex matters, which need a site visit.
    /// </summary>
    public IReadOnlyDictionary<TimeLimitClass, TimeLimit> Callback { get; init; } = new Dictionary<TimeLimitClass, TimeLimit>
    {
        [TimeLimitClass.General] = TimeLimit.WorkingDays(1),
        [TimeLimitClass.Larger] = TimeLimit.WorkingDays(1),
        [TimeLimitClass.Complex] = TimeLimit.WorkingDays(2),
        [TimeLimitClass.Enforcement] = TimeLimit.WorkingDays(1),
    };

    private static TimeLimit ClockHours(double hours) => TimeLimit.Clock(TimeSpan.FromHours(hours));

    private static Dictionary<Tier, TimeLimit> Tiers(TimeLimit village, TimeLimit township, TimeLimit county, TimeLimit countyLeader) => new()
    {
        [Tier.Village] = village,
        [Tier.Township] = township,
        [Tier.County] = county,
        [Tier.CountyLeader] = countyLeader,
    };
}

/// <summary>A county's time limits applied with its business calendar: the deadline of each clock a ticket runs.</summary>
public sealed class TimeLimitPolicy
{
    /// <exception cref="ArgumentException">A limit is missing for some urgency, class or tier, or the yellow share is not between 0 and 1.</exception>
    public TimeLimitPolicy(BusinessCalendar calendar, TimeLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(settings);
        var missing = Enum.GetValues<Urgency>().Where(u => !settings.Accept.ContainsKey(u)).Select(u => $"accept.{u}")
            .Concat(Enum.GetValues<Urgency>().Where(u => !settings.ReportIn.ContainsKey(u)).Select(u => $"reportIn.{u}"))
            .Concat(
                from limitClass in Enum.GetValues<TimeLimitClass>()
                from tier in Enum.GetValues<Tier>()
                where !settings.Resolve.TryGetValue(limitClass, out var tiers) || !tiers.ContainsKey(tier)
                select $"resolve.{limitClass}.{tier}")
            .ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"The time limits are incomplete: {string.Join(", ", missing)} missing.", nameof(settings));
        if (!(settings.YellowShare is > 0 and < 1))
            throw new ArgumentException($"The yellow share {settings.YellowShare} is not between 0 and 1.", nameof(settings));
        Calendar = calendar;
        Settings = settings;
    }

    public static TimeLimitPolicy Default(BusinessCalendar calendar) => new(calendar, TimeLimitSettings.Default);

    public BusinessCalendar Calendar { get; }
    public TimeLimitSettings Settings { get; }
    public double YellowShare => Settings.YellowShare;

    public TimeLimitPolicy WithCalendar(BusinessCalendar calendar) => new(calendar, Settings);

    public TimeLimit AcceptLimit(Urgency urgency) => Settings.Accept[urgency];

    public TimeLimit ResolveLimit(TimeLimitClass limitClass, Tier tier) => Settings.Resolve[limitClass][tier];

    /// <summary>The cap on the resolve limit for this urgency, or null when there is none.</summary>
    public TimeLimit? ResolveCap(Urgency urgency) => Settings.ResolveCap.GetValueOrDefault(urgency);

    public TimeLimit ReportInLimit(Urgency urgency) => Settings.ReportIn[urgency];

    /// <summary>The whole case's limit: the urgency's cap when it has one, else the class's.</summary>
    public TimeLimit CaseLimit(TimeLimitClass limitClass, Urgency urgency) =>
        Settings.CaseCap.GetValueOrDefault(urgency) ?? Settings.Case[limitClass];

    /// <summary>How the limit <see cref="DeadlineFor"/> gives counts time: working days count as working time.</summary>
    public TimeLimitMeasure MeasureOf(Clock clock, TimeLimitClass limitClass, Urgency urgency, Tier tier, DateTimeOffset start) =>
        Counted(RuleOf(clock, limitClass, urgency, tier, start).Limit).Measure == TimeLimitMeasure.ClockTime ? TimeLimitMeasure.ClockTime : TimeLimitMeasure.WorkingTime;

    /// <summary>Whether working time counts as clock time: a unit that works around the clock (7×24).</summary>
    public bool IsAroundTheClock { get; private init; }

    /// <summary>The same limits counted around the clock: working time as clock time, a working day as 24 hours.</summary>
    public TimeLimitPolicy AroundTheClock() => new(Calendar, Settings) { IsAroundTheClock = true };

    /// <summary>A limit as this policy counts it.</summary>
    private TimeLimit Counted(TimeLimit limit) => !IsAroundTheClock ? limit : limit.Measure switch
    {
        TimeLimitMeasure.WorkingDays => TimeLimit.Clock(TimeSpan.FromDays(limit.Days)),
        TimeLimitMeasure.WorkingTime => TimeLimit.Clock(limit.Length),
        _ => limit,
    };

    /// <summary>A limit's deadline from <paramref name="start"/>, counted as this policy counts it.</summary>
    public Deadline Apply(TimeLimit limit, DateTimeOffset start) => Counted(limit).Apply(start, Calendar, YellowShare);

    /// <summary>
    /// The limit <see cref="DeadlineFor"/> applies, and the county file's setting it comes from
    /// ("timeLimits.resolve.general.village", "timeLimits.resolveCap.urgent"): what a clock's explanation names.
    /// </summary>
    public (TimeLimit Limit, string Rule) RuleOf(Clock clock, TimeLimitClass limitClass, Urgency urgency, Tier tier, DateTimeOffset start) => clock switch
    {
        Clock.Accept => (AcceptLimit(urgency), Key("accept", urgency)),
        Clock.ReportIn => (ReportInLimit(urgency), Key("reportIn", urgency)),
        Clock.Resolve when ResolveCap(urgency) is { } cap && Apply(cap, start).DueAt < Apply(ResolveLimit(limitClass, tier), start).DueAt =>
            (cap, Key("resolveCap", urgency)),
        Clock.Resolve => (ResolveLimit(limitClass, tier), Key("resolve", limitClass, tier)),
        Clock.ExtensionReview or Clock.PauseReview => (Settings.ExtensionReview, "timeLimits.extensionReview"),
        Clock.Triage => (Settings.Triage[urgency], Key("triage", urgency)),
        Clock.Case when Settings.CaseCap.GetValueOrDefault(urgency) is { } cap => (cap, Key("caseCap", urgency)),
        Clock.Case => (Settings.Case[limitClass], Key("case", limitClass)),
        Clock.Callback => (CallbackLimit(limitClass), Key("callback", limitClass)),
        _ => (Settings.Pause, "timeLimits.pause"),
    };

    /// <summary>A setting's path in the county file: its section and keys in camel case.</summary>
    private static string Key(string section, params Enum[] keys) =>
        string.Join('.', ["timeLimits", section, .. keys.Select(k => k.ToString() is var name ? char.ToLowerInvariant(name[0]) + name[1..] : "")]);
    /// <summary>The limit to call back; a class the county's file leaves out takes the default.</summary>
    public TimeLimit CallbackLimit(TimeLimitClass limitClass) =>
        Settings.Callback.GetValueOrDefault(limitClass) ?? TimeLimitSettings.Default.Callback[limitClass];

    /// <summary>
    /// The deadline of <paramref name="clock"/> started at <paramref name="start"/>. Accept and report-in depend on the urgency
    /// only; resolve on the class and the tier, and for a capped urgency it is whichever of the class's limit and the cap
    /// falls due first.
    /// </summary>
    public Deadline DeadlineFor(Clock clock, TimeLimitClass limitClass, Urgency urgency, Tier tier, DateTimeOffset start)
    {
        switch (clock)
        {
            case Clock.Accept:
                return Apply(AcceptLimit(urgency), start);
            case Clock.ReportIn:
                return Apply(ReportInLimit(urgency), start);
            case Clock.ExtensionReview or Clock.PauseReview:
                return Apply(Settings.ExtensionReview, start);
            case Clock.Pause:
                return Apply(Settings.Pause, start);
            case Clock.Triage:
                return Apply(Settings.Triage[urgency], start);
            case Clock.Case:
                return Apply(CaseLimit(limitClass, urgency), start);
            case Clock.Resolve:
                var deadline = Apply(ResolveLimit(limitClass, tier), start);
                if (ResolveCap(urgency) is { } cap && Apply(cap, start) is var capped && capped.DueAt < deadline.DueAt)
                    return capped;
                return deadline;
            case Clock.Callback:
                return Apply(CallbackLimit(limitClass), start);
            default:
                throw new ArgumentOutOfRangeException(nameof(clock), clock, "Unknown clock.");
        }
    }
}
