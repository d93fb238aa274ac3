using static Escalation.Domain.Tests.Timers.ShippedCalendar;

namespace Escalation.Domain.Tests.Timers;

public class TimeLimitPolicyTests
{
    private static readonly TimeLimitPolicy Policy = TimeLimitPolicy.Default(China);

    [Theory]
    [InlineData(Urgency.Normal, "1 hour")]
    [InlineData(Urgency.Urgent, "30 minutes")]
    [InlineData(Urgency.Emergency, "15 minutes")]
    public void a_dispatched_ticket_must_be_accepted_within_a_clock_limit_shorter_for_urgent_ones(Urgency urgency, string limit)
    {
        Policy.AcceptLimit(urgency).ShouldBe(TimeLimit.Parse(limit));
    }

    [Theory]
    [InlineData(Urgency.Normal, "2 hours")]
    [InlineData(Urgency.Urgent, "1 hour")]
    [InlineData(Urgency.Emergency, "30 minutes")]
    public void a_summoned_department_must_report_in_within_a_clock_limit_shorter_for_urgent_ones(Urgency urgency, string limit)
    {
        Policy.ReportInLimit(urgency).ShouldBe(TimeLimit.Parse(limit));
    }

    [Theory]
    [InlineData(TimeLimitClass.General, "30 minutes", "2 hours", "1 day", "3 working days")]
    [InlineData(TimeLimitClass.Larger, "2 hours", "2 hours", "1 day", "3 working days")]
    [InlineData(TimeLimitClass.Complex, "1 day", "1 day", "1 day", "3 working days")]
    [InlineData(TimeLimitClass.Enforcement, "1 working day", "1 working day", "3 working days", "3 working days")]
    public void resolve_limits_start_from_5321_in_the_village_and_never_shrink_up_the_tiers(
        TimeLimitClass limitClass, string village, string township, string county, string countyLeader)
    {
        Enum.GetValues<Tier>().Select(tier => Policy.ResolveLimit(limitClass, tier).ToString())
            .ShouldBe([village, township, county, countyLeader]);
    }

    [Fact]
    public void urgency_caps_the_resolve_limit_at_24_hours_urgent_and_2_hours_emergency()
    {
        Policy.ResolveCap(Urgency.Normal).ShouldBeNull();
        Policy.ResolveCap(Urgency.Urgent).ShouldBe(TimeLimit.Clock(TimeSpan.FromHours(24)));
        Policy.ResolveCap(Urgency.Emergency).ShouldBe(TimeLimit.Clock(TimeSpan.FromHours(2)));
        Policy.YellowShare.ShouldBe(0.8);
    }

    [Fact]
    public void a_general_matter_in_the_village_is_due_in_30_minutes_yellow_at_24()
    {
        Policy.DeadlineFor(Clock.Resolve, TimeLimitClass.General, Urgency.Normal, Tier.Village, Local("2026-03-07 22:00"))
            .ShouldBe(new Deadline(YellowAt: Local("2026-03-07 22:24"), DueAt: Local("2026-03-07 22:30")));
    }

    [Fact]
    public void an_enforcement_matter_is_due_in_one_working_day()
    {
        Policy.DeadlineFor(Clock.Resolve, TimeLimitClass.Enforcement, Urgency.Normal, Tier.Township, Local("2026-03-06 16:00"))
            .DueAt.ShouldBe(Local("2026-03-09 16:00"));
    }

    [Fact]
    public void an_emergency_caps_a_working_day_limit_at_two_clock_hours()
    {
        Policy.DeadlineFor(Clock.Resolve, TimeLimitClass.Enforcement, Urgency.Emergency, Tier.Township, Local("2026-03-06 17:00"))
            .ShouldBe(new Deadline(YellowAt: Local("2026-03-06 18:36"), DueAt: Local("2026-03-06 19:00")));
    }

    [Fact]
    public void an_emergency_never_lengthens_a_shorter_limit()
    {
        Policy.DeadlineFor(Clock.Resolve, TimeLimitClass.General, Urgency.Emergency, Tier.Village, Local("2026-03-09 10:00"))
            .DueAt.ShouldBe(Local("2026-03-09 10:30"));
    }

    [Fact]
    public void an_urgent_limit_is_whichever_of_the_class_limit_and_24_hours_falls_due_first()
    {
        // Three working days from Monday would be Thursday; the 24-hour cap is Tuesday.
        Policy.DeadlineFor(Clock.Resolve, TimeLimitClass.Enforcement, Urgency.Urgent, Tier.County, Local("2026-03-09 10:00"))
            .DueAt.ShouldBe(Local("2026-03-10 10:00"));
        // One working day from Monday's opening ends Monday evening, before the cap.
        Policy.DeadlineFor(Clock.Resolve, TimeLimitClass.Enforcement, Urgency.Urgent, Tier.Village, Local("2026-03-09 08:30"))
            .DueAt.ShouldBe(Local("2026-03-09 17:30"));
    }

    [Fact]
    public void accept_and_report_in_limits_run_on_the_clock_whatever_the_class_and_tier()
    {
        var start = Local("2026-10-02 16:00");
        foreach (var limitClass in Enum.GetValues<TimeLimitClass>())
        {
            foreach (var tier in Enum.GetValues<Tier>())
            {
                Policy.DeadlineFor(Clock.Accept, limitClass, Urgency.Normal, tier, start).DueAt.ShouldBe(Local("2026-10-02 17:00"));
                Policy.DeadlineFor(Clock.ReportIn, limitClass, Urgency.Normal, tier, start).DueAt.ShouldBe(Local("2026-10-02 18:00"));
            }
        }
    }

    [Fact]
    public void a_higher_tier_or_a_lower_urgency_is_never_due_earlier()
    {
        var random = new Random(20260501);
        var first = Local("2026-01-01 00:00");
        var span = Local("2027-11-01 00:00") - first;
        for (var i = 0; i < 500; i++)
        {
            var start = first + TimeSpan.FromTicks(random.NextInt64(span.Ticks));
            // The rating window and the fallback owner's limit are county settings, a part's limit is agreed: not limits of the policy.
            foreach (var clock in Enum.GetValues<Clock>().Where(c => c is not (Clock.RatingWindow or Clock.Part or Clock.Fallback)))
            {
                foreach (var limitClass in Enum.GetValues<TimeLimitClass>())
                {
                    var due = Enum.GetValues<Urgency>().Select(urgency => Enum.GetValues<Tier>()
                        .Select(tier => Policy.DeadlineFor(clock, limitClass, urgency, tier, start).DueAt).ToArray()).ToArray();

                    foreach (var byTier in due)
                        byTier.ShouldBe([.. byTier.Order()], customMessage: $"{clock} {limitClass} from {start:O}");
                    for (var tier = 0; tier < due[0].Length; tier++)
                    {
                        var byUrgency = due.Select(d => d[tier]).ToArray();
                        byUrgency.ShouldBe([.. byUrgency.OrderDescending()], customMessage: $"{clock} {limitClass} from {start:O}");
                    }
                }
            }
        }
    }

    [Fact]
    public void a_policy_with_a_missing_limit_or_a_yellow_share_outside_zero_to_one_is_refused()
    {
        var defaults = TimeLimitSettings.Default;

        Should.Throw<ArgumentException>(() => new TimeLimitPolicy(China, defaults with { Accept = new Dictionary<Urgency, TimeLimit>() }))
            .Message.ShouldContain("accept.Normal");
        Should.Throw<ArgumentException>(() => new TimeLimitPolicy(China, defaults with
        {
            Resolve = new Dictionary<TimeLimitClass, IReadOnlyDictionary<Tier, TimeLimit>>(defaults.Resolve)
            {
                [TimeLimitClass.Complex] = new Dictionary<Tier, TimeLimit> { [Tier.Village] = TimeLimit.WorkingDays(1) },
            },
        })).Message.ShouldContain("resolve.Complex.Township");
        Should.Throw<ArgumentException>(() => new TimeLimitPolicy(China, defaults with { YellowShare = 1 }));
    }

    [Fact]
    public void with_calendar_keeps_the_limits_and_changes_the_calendar()
    {
        var weekdays = TimeLimitPolicy.Default(BusinessCalendar.WeekdaysOnly);

        var attached = weekdays.WithCalendar(China);

        attached.Calendar.ShouldBeSameAs(China);
        attached.Settings.ShouldBeSameAs(weekdays.Settings);
        weekdays.DeadlineFor(Clock.Resolve, TimeLimitClass.Enforcement, Urgency.Normal, Tier.Village, Local("2026-09-30 10:00"))
            .DueAt.ShouldBe(Local("2026-10-01 10:00"));
        attached.DeadlineFor(Clock.Resolve, TimeLimitClass.Enforcement, Urgency.Normal, Tier.Village, Local("2026-09-30 10:00"))
            .DueAt.ShouldBe(Local("2026-10-08 10:00"));
    }
}
