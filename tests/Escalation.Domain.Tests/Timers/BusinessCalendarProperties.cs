using static Escalation.Domain.Tests.Timers.ShippedCalendar;

namespace Escalation.Domain.Tests.Timers;

/// <summary>Laws of working-time arithmetic, checked on thousands of seeded random starts and durations over the shipped calendars.</summary>
public class BusinessCalendarProperties
{
    private const int Cases = 3000;

    /// <summary>Starts anywhere from 1 January 2026 to 31 October 2027 (so that results stay within 2027), to the tick, in China's or UTC's offset.</summary>
    private static DateTimeOffset RandomStart(Random random)
    {
        var first = Local("2026-01-01 00:00");
        var span = Local("2027-11-01 00:00") - first;
        var start = first + TimeSpan.FromTicks(random.NextInt64(span.Ticks));
        // Half the starts fall on a span's edge or a whole minute, where off-by-one mistakes live.
        start = random.Next(4) switch
        {
            0 => start,
            1 => start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMinute)),
            _ => new DateTimeOffset(start.Date, start.Offset) + (random.Next(4) switch
            {
                0 => TimeSpan.FromHours(8.5),
                1 => TimeSpan.FromHours(12),
                2 => TimeSpan.FromHours(13.5),
                _ => TimeSpan.FromHours(17.5),
            }),
        };
        return random.Next(2) == 0 ? start : start.ToUniversalTime();
    }

    /// <summary>Up to four working days: zero, whole spans and days, whole minutes, or any number of ticks.</summary>
    private static TimeSpan RandomWorkingTime(Random random) => random.Next(5) switch
    {
        0 => TimeSpan.Zero,
        1 => TimeSpan.FromHours(new[] { 3.5, 4, 7.5, 15 }[random.Next(4)]),
        2 => TimeSpan.FromMinutes(random.Next(1, 30 * 60)),
        _ => TimeSpan.FromTicks(random.NextInt64(TimeSpan.FromHours(30).Ticks)),
    };

    [Fact]
    public void adding_a_then_b_is_adding_a_plus_b()
    {
        var random = new Random(20261001);
        for (var i = 0; i < Cases; i++)
        {
            var (start, a, b) = (RandomStart(random), RandomWorkingTime(random), RandomWorkingTime(random));

            China.AddWorkingTime(China.AddWorkingTime(start, a), b)
                .ShouldBe(China.AddWorkingTime(start, a + b), $"case {i}: {start:O} + {a} + {b}");
        }
    }

    [Fact]
    public void the_working_time_between_a_start_and_start_plus_d_is_d()
    {
        var random = new Random(20260214);
        for (var i = 0; i < Cases; i++)
        {
            var (start, d) = (RandomStart(random), RandomWorkingTime(random));

            China.WorkingTimeBetween(start, China.AddWorkingTime(start, d)).ShouldBe(d, $"case {i}: {start:O} + {d}");
        }
    }

    [Fact]
    public void the_result_is_never_before_the_start_and_is_in_working_time_or_ends_a_span()
    {
        var random = new Random(20260920);
        for (var i = 0; i < Cases; i++)
        {
            var (start, d) = (RandomStart(random), RandomWorkingTime(random));

            var due = China.AddWorkingTime(start, d);

            due.ShouldBeGreaterThanOrEqualTo(start, $"case {i}: {start:O} + {d}");
            if (d > TimeSpan.Zero)
                (China.IsWorkingTime(due) || China.IsWorkingTime(due.AddTicks(-1))).ShouldBeTrue($"case {i}: {start:O} + {d} = {due:O}");
        }
    }

    [Fact]
    public void working_time_between_adds_up_over_consecutive_intervals()
    {
        var random = new Random(20270205);
        for (var i = 0; i < Cases; i++)
        {
            var first = RandomStart(random);
            var second = first + TimeSpan.FromTicks(random.NextInt64(TimeSpan.FromDays(10).Ticks));
            var moments = new[] { first, second, second + TimeSpan.FromTicks(random.NextInt64(TimeSpan.FromDays(10).Ticks)) };

            (China.WorkingTimeBetween(moments[0], moments[1]) + China.WorkingTimeBetween(moments[1], moments[2]))
                .ShouldBe(China.WorkingTimeBetween(moments[0], moments[2]), $"case {i}");
        }
    }

    [Fact]
    public void a_clock_limit_always_adds_exactly_its_duration()
    {
        var random = new Random(20260101);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomStart(random);
            var duration = TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.FromDays(3).Ticks));

            var deadline = TimeLimit.Clock(duration).Apply(start, China, 0.8);

            deadline.DueAt.ShouldBe(start + duration, $"case {i}: {start:O} + {duration}");
            deadline.YellowAt.ShouldBe(start + duration * 0.8, $"case {i}: {start:O} + {duration}");
        }
    }
}
